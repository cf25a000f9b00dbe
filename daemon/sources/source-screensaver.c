/* org.freedesktop.ScreenSaver (KDE Plasma and others): ActiveChanged says
 * when the screen saver or locker comes and goes; GetSessionIdleTime is
 * asked only when the scheduler needs it (a break due and waiting for a
 * lull, or on screen and waiting for the user to step away), never on a
 * fixed poll. */
#include "activity-source.h"

#define SCREENSAVER_NAME  "org.freedesktop.ScreenSaver"
#define SCREENSAVER_PATH  "/org/freedesktop/ScreenSaver"
#define SCREENSAVER_IFACE "org.freedesktop.ScreenSaver"

typedef struct
{
  LimberActivitySource parent;
  guint name_watch;
  GDBusConnection *bus;
  char *owner;
  GCancellable *cancellable;
  guint active_subscription;
  gboolean active;
} SourceScreensaver;

static void
call (SourceScreensaver *self, const char *method, const char *reply_type,
      GAsyncReadyCallback callback)
{
  g_dbus_connection_call (
      self->bus, self->owner, SCREENSAVER_PATH, SCREENSAVER_IFACE, method, NULL,
      G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
      self->cancellable, callback, self);
}

static GVariant *
finish (GObject *bus, GAsyncResult *result, gboolean *cancelled)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (bus), result, &error);

  *cancelled = error != NULL
               && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (reply == NULL && !*cancelled)
    g_debug ("ScreenSaver: %s", error->message);
  return reply;
}

static void
report_active (SourceScreensaver *self)
{
  /* Blanked or locked, the user is not at work either way. */
  limber_activity_source_emit (
      &self->parent, self->active ? LIMBER_EVENT_LOCKED : LIMBER_EVENT_UNLOCKED,
      0);
}

static void
on_active_changed (GDBusConnection *bus, const char *sender, const char *path,
                   const char *iface, const char *signal, GVariant *parameters,
                   gpointer user_data)
{
  SourceScreensaver *self = user_data;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &self->active);
  report_active (self);
}

static void probe (LimberActivitySource *source);

static void
on_get_active (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply = finish (bus, result, &cancelled);
  SourceScreensaver *self = user_data;

  if (cancelled)
    return;
  if (reply == NULL)
    {
      limber_activity_source_retry (&self->parent, probe);
      return;
    }
  g_variant_get (reply, "(b)", &self->active);
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_LOCK);
}

static void
on_idle_time (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply = finish (bus, result, &cancelled);
  SourceScreensaver *self = user_data;
  guint32 seconds = 0;

  if (cancelled)
    return;
  /* Unanswered, it counts as "input just now": the scheduler asks again
   * later, and the break still shows at interval-max. */
  if (reply != NULL)
    g_variant_get (reply, "(u)", &seconds);
  limber_activity_source_emit (&self->parent, LIMBER_EVENT_IDLE_TIME,
                               (gint64) seconds * LIMBER_USEC_PER_SEC);
}

static void
probe (LimberActivitySource *source)
{
  call ((SourceScreensaver *) source, "GetActive", "(b)", on_get_active);
}

static void
forget_owner (SourceScreensaver *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->active_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->active_subscription);
  self->active_subscription = 0;
  self->active = FALSE;
  g_clear_pointer (&self->owner, g_free);
  g_clear_object (&self->bus);
}

static void
on_name_appeared (GDBusConnection *bus, const char *name, const char *owner,
                  gpointer user_data)
{
  SourceScreensaver *self = user_data;

  (void) name;
  forget_owner (self);
  self->bus = g_object_ref (bus);
  self->owner = g_strdup (owner);
  self->cancellable = g_cancellable_new ();
  /* Any path: KDE sends it from /ScreenSaver as well. */
  self->active_subscription = g_dbus_connection_signal_subscribe (
      bus, owner, SCREENSAVER_IFACE, "ActiveChanged", NULL, NULL,
      G_DBUS_SIGNAL_FLAGS_NONE, on_active_changed, self, NULL);
  limber_activity_source_reset_retries (&self->parent);
  probe (&self->parent);
}

static void
on_name_vanished (GDBusConnection *bus, const char *name, gpointer user_data)
{
  SourceScreensaver *self = user_data;

  (void) bus, (void) name;
  forget_owner (self);
  limber_activity_source_reset_retries (&self->parent);
  limber_activity_source_set_available (&self->parent, FALSE, 0);
}

static void
screensaver_start (LimberActivitySource *source)
{
  SourceScreensaver *self = (SourceScreensaver *) source;

  self->name_watch = g_bus_watch_name (
      G_BUS_TYPE_SESSION, SCREENSAVER_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
      on_name_appeared, on_name_vanished, self, NULL);
}

static void
screensaver_replay (LimberActivitySource *source)
{
  report_active ((SourceScreensaver *) source);
}

static void
screensaver_query_idle (LimberActivitySource *source)
{
  call ((SourceScreensaver *) source, "GetSessionIdleTime", "(u)",
        on_idle_time);
}

static void
screensaver_free (LimberActivitySource *source)
{
  SourceScreensaver *self = (SourceScreensaver *) source;

  g_clear_handle_id (&self->name_watch, g_bus_unwatch_name);
  forget_owner (self);
  g_free (self);
}

static const LimberActivitySourceClass screensaver_class = {
  .name = "screensaver",
  .lulls = LIMBER_LULLS_QUERIED,
  .start = screensaver_start,
  .replay = screensaver_replay,
  .query_idle = screensaver_query_idle,
  .free = screensaver_free,
};

LimberActivitySource *
limber_source_screensaver_new (const LimberActivityListener *listener)
{
  SourceScreensaver *self = g_new0 (SourceScreensaver, 1);

  limber_activity_source_init (&self->parent, &screensaver_class, listener);
  return &self->parent;
}
