#include "bus-peer.h"

struct _LimberBusPeer
{
  char *name;
  guint name_watch;
  LimberBusPeerFunc appeared, vanished;
  gpointer user_data;
  /* Of the current owner; NULL or empty without one. */
  GDBusConnection *bus;
  char *owner;
  GCancellable *cancellable;
  GArray *subscriptions; /* of guint */
  /* Retries of a probe, counted per owner. */
  guint retry_id, retries;
  LimberBusPeerFunc probe;
};

static void
forget_owner (LimberBusPeer *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < self->subscriptions->len; i++)
    g_dbus_connection_signal_unsubscribe (
        self->bus, g_array_index (self->subscriptions, guint, i));
  g_array_set_size (self->subscriptions, 0);
  g_clear_pointer (&self->owner, g_free);
  g_clear_object (&self->bus);
  limber_bus_peer_reset_retries (self);
}

static void
on_name_appeared (GDBusConnection *bus, const char *name, const char *owner,
                  gpointer user_data)
{
  LimberBusPeer *self = user_data;

  (void) name;
  forget_owner (self);
  self->bus = g_object_ref (bus);
  self->owner = g_strdup (owner);
  self->cancellable = g_cancellable_new ();
  if (self->appeared != NULL)
    self->appeared (self, self->user_data);
}

static void
on_name_vanished (GDBusConnection *bus, const char *name, gpointer user_data)
{
  LimberBusPeer *self = user_data;

  (void) bus, (void) name;
  forget_owner (self);
  if (self->vanished != NULL)
    self->vanished (self, self->user_data);
}

LimberBusPeer *
limber_bus_peer_new (GBusType bus_type, const char *name,
                     LimberBusPeerFunc appeared, LimberBusPeerFunc vanished,
                     gpointer user_data)
{
  LimberBusPeer *self = g_new0 (LimberBusPeer, 1);

  self->name = g_strdup (name);
  self->appeared = appeared;
  self->vanished = vanished;
  self->user_data = user_data;
  self->subscriptions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->name_watch
      = g_bus_watch_name (bus_type, name, G_BUS_NAME_WATCHER_FLAGS_NONE,
                          on_name_appeared, on_name_vanished, self, NULL);
  return self;
}

void
limber_bus_peer_free (LimberBusPeer *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->name_watch, g_bus_unwatch_name);
  forget_owner (self);
  g_array_unref (self->subscriptions);
  g_free (self->name);
  g_free (self);
}

gboolean
limber_bus_peer_has_owner (LimberBusPeer *self)
{
  return self->owner != NULL;
}

void
limber_bus_peer_call (LimberBusPeer *self, const char *path, const char *iface,
                      const char *method, GVariant *args,
                      const char *reply_type, GAsyncReadyCallback callback,
                      gpointer user_data)
{
  if (self->owner == NULL)
    {
      g_debug ("%s: no owner to call %s on", self->name, method);
      if (args != NULL)
        g_variant_unref (g_variant_ref_sink (args));
      return;
    }
  g_dbus_connection_call (self->bus, self->owner, path, iface, method, args,
                          reply_type != NULL ? G_VARIANT_TYPE (reply_type)
                                             : NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, callback, user_data);
}

GVariant *
limber_bus_peer_finish (GObject *bus, GAsyncResult *result, const char *what,
                        gboolean *cancelled)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (bus), result, &error);
  gboolean was_cancelled
      = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (cancelled != NULL)
    *cancelled = was_cancelled;
  if (reply == NULL && !was_cancelled)
    g_debug ("%s: %s", what, error->message);
  return reply;
}

guint
limber_bus_peer_subscribe (LimberBusPeer *self, const char *iface,
                           const char *member, const char *path,
                           const char *arg0, GDBusSignalCallback callback,
                           gpointer user_data)
{
  guint id;

  if (self->owner == NULL)
    return 0;
  /* By the owner's unique name: signals sent to us alone (Mutter's
   * WatchFired) carry it as sender, not the well-known name. */
  id = g_dbus_connection_signal_subscribe (
      self->bus, self->owner, iface, member, path, arg0,
      G_DBUS_SIGNAL_FLAGS_NONE, callback, user_data, NULL);
  g_array_append_val (self->subscriptions, id);
  return id;
}

void
limber_bus_peer_unsubscribe (LimberBusPeer *self, guint *id)
{
  for (guint i = 0; *id != 0 && i < self->subscriptions->len; i++)
    if (g_array_index (self->subscriptions, guint, i) == *id)
      {
        g_dbus_connection_signal_unsubscribe (self->bus, *id);
        g_array_remove_index_fast (self->subscriptions, i);
        break;
      }
  *id = 0;
}

static gboolean
on_retry (gpointer user_data)
{
  LimberBusPeer *self = user_data;

  self->retry_id = 0;
  self->probe (self, self->user_data);
  return G_SOURCE_REMOVE;
}

gboolean
limber_bus_peer_retry (LimberBusPeer *self, LimberBusPeerFunc probe)
{
  if (self->owner == NULL || self->retries >= 5)
    return FALSE;
  if (self->retry_id == 0)
    {
      self->probe = probe;
      self->retry_id = g_timeout_add (250u << self->retries++, on_retry, self);
    }
  return TRUE;
}

void
limber_bus_peer_reset_retries (LimberBusPeer *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retries = 0;
}
