/* GNOME: Mutter's IdleMonitor. Event-driven and fine-grained, on Wayland
 * and X11 alike: an idle watch fires once input has stopped for the lull
 * (and again after every return), a user-active watch fires once at the
 * next input and must be added again. WatchFired goes only to the watch's
 * owner. */
#include "activity-source.h"

#define MUTTER_NAME  "org.gnome.Mutter.IdleMonitor"
#define MUTTER_PATH  "/org/gnome/Mutter/IdleMonitor/Core"
#define MUTTER_IFACE "org.gnome.Mutter.IdleMonitor"

typedef struct
{
  LimberActivitySource parent;
  guint name_watch;
  GDBusConnection *bus;
  char *owner;
  guint fired_subscription;
  guint32 idle_watch, active_watch;
  GCancellable *cancellable; /* of calls to the current owner */
} SourceMutter;

static void
call (SourceMutter *self, const char *method, GVariant *args,
      const char *reply_type, GAsyncReadyCallback callback)
{
  g_dbus_connection_call (
      self->bus, self->owner, MUTTER_PATH, MUTTER_IFACE, method, args,
      reply_type ? G_VARIANT_TYPE (reply_type) : NULL,
      G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, self->cancellable, callback, self);
}

/* The reply, or NULL when the call failed or was cancelled (in which case
 * @self may be gone). */
static GVariant *
finish (GObject *bus, GAsyncResult *result, const char *what)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (bus), result, &error);

  if (reply == NULL
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("IdleMonitor %s failed: %s", what, error->message);
  return reply;
}

static void
on_active_watch_added (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GVariant) reply = finish (bus, result, "AddUserActiveWatch");
  SourceMutter *self = user_data;

  if (reply != NULL)
    g_variant_get (reply, "(u)", &self->active_watch);
}

static void
watch_for_return (SourceMutter *self)
{
  if (self->active_watch == 0)
    call (self, "AddUserActiveWatch", NULL, "(u)", on_active_watch_added);
}

/* Idle since GetIdletime says, which is exact even when the watch fired
 * late (Mutter fires an idle watch at once for a user already idle). */
static void
on_idletime (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GVariant) reply = finish (bus, result, "GetIdletime");
  SourceMutter *self = user_data;
  guint64 idle_ms;

  if (reply == NULL)
    return;
  g_variant_get (reply, "(t)", &idle_ms);
  if ((gint64) idle_ms * 1000 >= self->parent.lull)
    {
      limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_IDLE,
                                   (gint64) idle_ms * 1000);
      watch_for_return (self);
    }
  else
    limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_ACTIVE, 0);
}

static void
on_watch_fired (GDBusConnection *bus, const char *sender, const char *path,
                const char *iface, const char *signal, GVariant *parameters,
                gpointer user_data)
{
  SourceMutter *self = user_data;
  guint32 id;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(u)")))
    return;
  g_variant_get (parameters, "(u)", &id);
  if (id == 0)
    return;
  if (id == self->idle_watch)
    {
      if (self->parent.reporting & LIMBER_SENSES_IDLE)
        call (self, "GetIdletime", NULL, "(t)", on_idletime);
    }
  else if (id == self->active_watch)
    {
      /* A user-active watch fires once. */
      self->active_watch = 0;
      limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_ACTIVE, 0);
    }
}

static void add_idle_watch (SourceMutter *self);

static void
retry_idle_watch (LimberActivitySource *source)
{
  add_idle_watch ((SourceMutter *) source);
}

static void
on_idle_watch_added (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (bus), result, &error);
  SourceMutter *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      g_debug ("IdleMonitor AddIdleWatch failed: %s", error->message);
      limber_activity_source_retry (&self->parent, retry_idle_watch);
      return;
    }
  g_variant_get (reply, "(u)", &self->idle_watch);
  /* The monitor answers: it is usable. */
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_IDLE);
}

static void
add_idle_watch (SourceMutter *self)
{
  guint64 lull_ms = (guint64) MAX (1000, self->parent.lull / 1000);

  call (self, "AddIdleWatch", g_variant_new ("(t)", lull_ms), "(u)",
        on_idle_watch_added);
}

static void
forget_owner (SourceMutter *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->fired_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->fired_subscription);
  self->fired_subscription = 0;
  self->idle_watch = self->active_watch = 0;
  g_clear_pointer (&self->owner, g_free);
  g_clear_object (&self->bus);
}

static void
on_name_appeared (GDBusConnection *bus, const char *name, const char *owner,
                  gpointer user_data)
{
  SourceMutter *self = user_data;

  (void) name;
  forget_owner (self);
  self->bus = g_object_ref (bus);
  self->owner = g_strdup (owner);
  self->cancellable = g_cancellable_new ();
  limber_activity_source_reset_retries (&self->parent);
  /* By the owner's unique name: the signal is sent to us alone. */
  self->fired_subscription = g_dbus_connection_signal_subscribe (
      bus, owner, MUTTER_IFACE, "WatchFired", MUTTER_PATH, NULL,
      G_DBUS_SIGNAL_FLAGS_NONE, on_watch_fired, self, NULL);
  add_idle_watch (self);
}

static void
on_name_vanished (GDBusConnection *bus, const char *name, gpointer user_data)
{
  SourceMutter *self = user_data;

  (void) bus, (void) name;
  forget_owner (self);
  limber_activity_source_reset_retries (&self->parent);
  limber_activity_source_set_available (&self->parent, FALSE, 0);
}

static void
mutter_start (LimberActivitySource *source)
{
  SourceMutter *self = (SourceMutter *) source;

  self->name_watch = g_bus_watch_name (
      G_BUS_TYPE_SESSION, MUTTER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
      on_name_appeared, on_name_vanished, self, NULL);
}

static void
mutter_replay (LimberActivitySource *source)
{
  call ((SourceMutter *) source, "GetIdletime", NULL, "(t)", on_idletime);
}

static void
mutter_set_lull (LimberActivitySource *source)
{
  SourceMutter *self = (SourceMutter *) source;

  if (self->idle_watch != 0)
    call (self, "RemoveWatch", g_variant_new ("(u)", self->idle_watch), NULL,
          NULL);
  self->idle_watch = 0;
  add_idle_watch (self);
}

static void
mutter_free (LimberActivitySource *source)
{
  SourceMutter *self = (SourceMutter *) source;

  g_clear_handle_id (&self->name_watch, g_bus_unwatch_name);
  forget_owner (self);
  g_free (self);
}

static const LimberActivitySourceClass mutter_class = {
  .name = "mutter",
  .lulls = LIMBER_LULLS_PUSHED,
  .start = mutter_start,
  .replay = mutter_replay,
  .set_lull = mutter_set_lull,
  .free = mutter_free,
};

LimberActivitySource *
limber_source_mutter_new (const LimberActivityListener *listener)
{
  SourceMutter *self = g_new0 (SourceMutter, 1);

  limber_activity_source_init (&self->parent, &mutter_class, listener);
  return &self->parent;
}
