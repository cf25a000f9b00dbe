#include "callers.h"

#include <unistd.h>

#include "limber-error.h"
#include "limber-text.h"

typedef enum
{
  CALLER_ASKING, /* the bus has been asked */
  CALLER_KNOWN,  /* uid is the caller's user */
  CALLER_LEFT,   /* it left the bus before the bus could answer */
  CALLER_UNTOLD, /* the bus did not say, for another reason (why) */
} CallerState;

typedef struct
{
  GDBusMethodInvocation *invocation;
  LimberCallerServe serve;
  gpointer user_data;
} Waiting;

typedef struct
{
  char *name;
  CallerState state;
  guint32 uid;
  guint32 pid; /* 0 when the bus did not say */
  char *why;
  gboolean gone;  /* its name vanished */
  GQueue waiting; /* Waiting, in the order the calls came */
} Caller;

struct _LimberCallers
{
  GDBusConnection *bus;
  GCancellable *cancellable;
  guint subscription;
  GHashTable *callers; /* unique name → Caller, while the name is there */
  guint32 uid;         /* ours */
  gboolean others_seen;
};

typedef struct
{
  LimberCallers *self;
  char *name;
} Lookup;

static void
caller_free (gpointer data)
{
  Caller *caller = data;

  g_free (caller->name);
  g_free (caller->why);
  g_free (caller);
}

/* "Pause", or "a property read": what the log and the error call it. */
static const char *
describe_call (GDBusMethodInvocation *invocation)
{
  if (g_strcmp0 (g_dbus_method_invocation_get_interface_name (invocation),
                 "org.freedesktop.DBus.Properties")
      == 0)
    return "a property read";
  return g_dbus_method_invocation_get_method_name (invocation);
}

static void
refuse (LimberCallers *self, GDBusMethodInvocation *invocation,
        const char *sender, const char *who)
{
  g_warning ("refused %s from %s, %s: limberd serves uid %u only",
             describe_call (invocation), sender, who, self->uid);
  g_dbus_method_invocation_return_error (
      invocation, LIMBER_ERROR, LIMBER_ERROR_ACCESS_DENIED,
      "limberd serves uid %u only; this call comes from %s", self->uid, who);
}

static void
decide (LimberCallers *self, Caller *caller, Waiting *w)
{
  g_autofree char *who = NULL;

  switch (caller->state)
    {
    case CALLER_KNOWN:
      if (caller->uid == self->uid)
        {
          w->serve (w->invocation, w->user_data);
          return;
        }
      who = g_strdup_printf ("another user (uid %u)", caller->uid);
      break;
    case CALLER_LEFT:
      /* The bus let it in, and nobody else has been seen on this bus: the
       * fire-and-forget call of a keybinding or a script. */
      if (!self->others_seen)
        {
          g_debug ("%s from %s, which left before the bus named its user: "
                   "served, as only uid %u has been seen on this bus",
                   describe_call (w->invocation), caller->name, self->uid);
          w->serve (w->invocation, w->user_data);
          return;
        }
      who = g_strdup ("a caller that left before the bus could name its "
                      "user, on a bus that other users reach");
      break;
    case CALLER_UNTOLD:
      who = g_strdup_printf ("a caller the bus cannot name (%s)", caller->why);
      break;
    case CALLER_ASKING:
    default:
      g_assert_not_reached ();
    }
  refuse (self, w->invocation, caller->name, who);
}

/* Forgets @caller once its name is gone and nothing waits for it. */
static void
forget_if_done (LimberCallers *self, Caller *caller)
{
  if (caller->gone && caller->state != CALLER_ASKING
      && g_queue_is_empty (&caller->waiting))
    g_hash_table_remove (self->callers, caller->name);
}

static void
on_uid (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  Lookup *lookup = user_data;
  LimberCallers *self = lookup->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (bus), result, &error);
  g_autoptr (GVariant) credentials = NULL;
  Caller *caller;
  Waiting *w;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out; /* limberd is stopping: self is gone */
  caller = g_hash_table_lookup (self->callers, lookup->name);
  if (caller == NULL)
    goto out;
  if (reply != NULL)
    credentials = g_variant_get_child_value (reply, 0);
  if (credentials != NULL
      && g_variant_lookup (credentials, "UnixUserID", "u", &caller->uid))
    {
      caller->state = CALLER_KNOWN;
      g_variant_lookup (credentials, "ProcessID", "u", &caller->pid);
      if (caller->uid != self->uid)
        self->others_seen = TRUE;
    }
  else if (reply != NULL)
    {
      caller->state = CALLER_UNTOLD;
      caller->why = g_strdup ("the bus gave no user for it");
    }
  else if (g_error_matches (error, G_DBUS_ERROR,
                            G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    {
      /* Its calls came before the bus answered this: nothing more will. */
      caller->state = CALLER_LEFT;
      caller->gone = TRUE;
    }
  else
    {
      caller->state = CALLER_UNTOLD;
      g_dbus_error_strip_remote_error (error);
      caller->why = g_strdup (error->message);
    }
  while ((w = g_queue_pop_head (&caller->waiting)) != NULL)
    {
      decide (self, caller, w);
      g_free (w);
    }
  forget_if_done (self, caller);
out:
  g_free (lookup->name);
  g_free (lookup);
}

/* The entry for @name, the bus asked for its user if it is new. */
static Caller *
follow (LimberCallers *self, const char *name)
{
  Caller *caller = g_hash_table_lookup (self->callers, name);
  Lookup *lookup;

  if (caller != NULL)
    return caller;
  caller = g_new0 (Caller, 1);
  caller->name = g_strdup (name);
  caller->state = CALLER_ASKING;
  g_queue_init (&caller->waiting);
  g_hash_table_insert (self->callers, caller->name, caller);

  lookup = g_new0 (Lookup, 1);
  lookup->self = self;
  lookup->name = g_strdup (name);
  g_dbus_connection_call (
      self->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "GetConnectionCredentials",
      g_variant_new ("(s)", name), G_VARIANT_TYPE ("(a{sv})"),
      G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_uid, lookup);
  return caller;
}

static void
on_name_owner_changed (GDBusConnection *bus, const char *sender,
                       const char *path, const char *iface, const char *signal,
                       GVariant *parameters, gpointer user_data)
{
  LimberCallers *self = user_data;
  const char *name, *old_owner, *new_owner;
  Caller *caller;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sss)")))
    return;
  g_variant_get (parameters, "(&s&s&s)", &name, &old_owner, &new_owner);
  /* Unique names alone: each is one connection, never reused. */
  if (name[0] != ':')
    return;
  if (new_owner[0] != '\0')
    {
      /* Asked now, before its calls come: a caller that does not wait for
       * the reply may be gone by the time they are handled. */
      follow (self, name);
      return;
    }
  caller = g_hash_table_lookup (self->callers, name);
  if (caller == NULL)
    return;
  caller->gone = TRUE;
  forget_if_done (self, caller);
}

LimberCallers *
limber_callers_new (GDBusConnection *bus)
{
  LimberCallers *self = g_new0 (LimberCallers, 1);

  self->bus = g_object_ref (bus);
  self->cancellable = g_cancellable_new ();
  self->callers
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, caller_free);
  self->uid = (guint32) getuid ();
  self->subscription = g_dbus_connection_signal_subscribe (
      bus, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
      "/org/freedesktop/DBus", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
      on_name_owner_changed, self, NULL);
  return self;
}

void
limber_callers_free (LimberCallers *self)
{
  GHashTableIter iter;
  Caller *caller;
  Waiting *w;

  if (self == NULL)
    return;
  g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
  g_cancellable_cancel (self->cancellable);
  g_hash_table_iter_init (&iter, self->callers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &caller))
    while ((w = g_queue_pop_head (&caller->waiting)) != NULL)
      {
        g_dbus_method_invocation_return_error (w->invocation, LIMBER_ERROR,
                                               LIMBER_ERROR_FAILED,
                                               "limberd is stopping");
        g_free (w);
      }
  g_hash_table_unref (self->callers);
  g_object_unref (self->cancellable);
  g_object_unref (self->bus);
  g_free (self);
}

void
limber_callers_admit (LimberCallers *self, GDBusMethodInvocation *invocation,
                      LimberCallerServe serve, gpointer user_data)
{
  const char *sender = g_dbus_method_invocation_get_sender (invocation);
  Caller *caller;
  Waiting *w;

  if (sender == NULL)
    {
      refuse (self, invocation, "a peer", "a caller the bus cannot name");
      return;
    }
  caller = follow (self, sender);
  w = g_new0 (Waiting, 1);
  w->invocation = invocation;
  w->serve = serve;
  w->user_data = user_data;
  if (caller->state == CALLER_ASKING)
    {
      g_queue_push_tail (&caller->waiting, w);
      return;
    }
  decide (self, caller, w);
  g_free (w);
}

char *
limber_callers_describe (LimberCallers *self, const char *name)
{
  Caller *caller
      = name != NULL ? g_hash_table_lookup (self->callers, name) : NULL;
  g_autofree char *comm_path = NULL;
  g_autofree char *comm = NULL;

  if (caller == NULL || caller->pid == 0)
    return g_strdup ("another process");
  comm_path = g_strdup_printf ("/proc/%u/comm", caller->pid);
  /* Another program's name, as it chose it. */
  if (g_file_get_contents (comm_path, &comm, NULL, NULL))
    {
      g_autofree char *shown
          = limber_text_visible (g_strstrip (comm), -1, LIMBER_TEXT_ONE_LINE);
      return g_strdup_printf ("%s (pid %u)", shown, caller->pid);
    }
  return g_strdup_printf ("pid %u", caller->pid);
}
