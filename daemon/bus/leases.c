#include "leases.h"

#include "limber-error.h"
#include "limber-i18n.h"

typedef struct
{
  LimberLeases *owner;
  guint32 id;
  char *sender;
  guint watch;
} Lease;

struct _LimberLeases
{
  LimberDaemon *daemon;
  GHashTable *by_id; /* id → Lease */
};

static void
lease_free (gpointer data)
{
  Lease *lease = data;

  if (lease->watch != 0)
    g_bus_unwatch_name (lease->watch);
  g_free (lease->sender);
  g_free (lease);
}

LimberLeases *
limber_leases_new (LimberDaemon *daemon)
{
  LimberLeases *self = g_new0 (LimberLeases, 1);

  self->daemon = daemon;
  self->by_id = g_hash_table_new_full (NULL, NULL, NULL, lease_free);
  return self;
}

void
limber_leases_free (LimberLeases *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_id);
  g_free (self);
}

static void
on_sender_vanished (GDBusConnection *connection, const char *name,
                    gpointer user_data)
{
  Lease *lease = user_data;
  LimberLeases *self = lease->owner;
  guint32 id = lease->id;

  (void) connection;
  g_info ("lease %u: %s left the bus", id, name);
  limber_daemon_release (self->daemon, id);
  g_hash_table_remove (self->by_id, GUINT_TO_POINTER (id));
}

guint32
limber_leases_take (LimberLeases *self, GDBusConnection *bus,
                    const char *sender, const char *who, const char *reason,
                    guint64 seconds, GError **error)
{
  Lease *lease;
  guint32 id;

  if (sender == NULL)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   _ ("a lease needs a caller with a bus name"));
      return 0;
    }
  id = limber_daemon_hold (self->daemon, LIMBER_HOLD_LEASE, who, reason,
                           seconds, error);
  if (id == 0)
    return 0;
  lease = g_new0 (Lease, 1);
  lease->owner = self;
  lease->id = id;
  lease->sender = g_strdup (sender);
  g_hash_table_insert (self->by_id, GUINT_TO_POINTER (id), lease);
  /* Told at once (from the main loop) if the caller is already gone. */
  lease->watch = g_bus_watch_name_on_connection (
      bus, sender, G_BUS_NAME_WATCHER_FLAGS_NONE, NULL, on_sender_vanished,
      lease, NULL);
  return id;
}

gboolean
limber_leases_release (LimberLeases *self, const char *sender, guint32 cookie,
                       GError **error)
{
  Lease *lease = g_hash_table_lookup (self->by_id, GUINT_TO_POINTER (cookie));

  if (lease == NULL)
    {
      g_set_error (
          error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
          _ ("no lease has cookie %u: it has ended (released, expired, "
             "or its holder left), or was never taken"),
          cookie);
      return FALSE;
    }
  if (g_strcmp0 (lease->sender, sender) != 0)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("lease %u is another connection's (%s); only its holder "
                      "ends it, or it ends when the holder leaves the bus"),
                   cookie, lease->sender);
      return FALSE;
    }
  limber_daemon_release (self->daemon, cookie);
  g_hash_table_remove (self->by_id, GUINT_TO_POINTER (cookie));
  return TRUE;
}

void
limber_leases_ended (LimberLeases *self, guint32 id)
{
  g_hash_table_remove (self->by_id, GUINT_TO_POINTER (id));
}
