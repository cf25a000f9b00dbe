/* org.freedesktop.ScreenSaver (KDE Plasma and others): ActiveChanged says
 * when the screen saver or locker comes and goes; GetSessionIdleTime is
 * asked only when the scheduler needs it (a break due and waiting for a
 * lull, or on screen and waiting for the user to step away), never on a
 * fixed poll. */
#include "activity-source.h"
#include "bus-peer.h"

#include <glib/gi18n-lib.h>

#define SCREENSAVER_NAME  "org.freedesktop.ScreenSaver"
#define SCREENSAVER_PATH  "/org/freedesktop/ScreenSaver"
#define SCREENSAVER_IFACE "org.freedesktop.ScreenSaver"

typedef struct
{
  LimberActivitySource parent;
  LimberBusPeer *peer;
  gboolean active;
} SourceScreensaver;

static void
call (SourceScreensaver *self, const char *method, const char *reply_type,
      GAsyncReadyCallback callback)
{
  limber_bus_peer_call (self->peer, SCREENSAVER_PATH, SCREENSAVER_IFACE, method,
                        NULL, reply_type, callback, self);
}

static GVariant *
finish (GObject *bus, GAsyncResult *result, gboolean *cancelled)
{
  return limber_bus_peer_finish (bus, result, "ScreenSaver", cancelled);
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

static void probe (LimberBusPeer *peer, gpointer user_data);

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
      /* Tries used up: not usable, for now. */
      if (!limber_bus_peer_retry (self->peer, probe))
        limber_activity_source_settle (&self->parent);
      return;
    }
  g_variant_get (reply, "(b)", &self->active);
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_LOCK);
  limber_activity_source_settle (&self->parent);
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
probe (LimberBusPeer *peer, gpointer user_data)
{
  (void) peer;
  call (user_data, "GetActive", "(b)", on_get_active);
}

static void
on_name_appeared (LimberBusPeer *peer, gpointer user_data)
{
  SourceScreensaver *self = user_data;

  self->active = FALSE;
  /* Listening before asking (see bus-peer.h). Any path: KDE sends it from
   * /ScreenSaver as well. */
  limber_bus_peer_subscribe (peer, SCREENSAVER_IFACE, "ActiveChanged", NULL,
                             NULL, on_active_changed, self);
  probe (peer, self);
}

static void
on_name_vanished (LimberBusPeer *peer, gpointer user_data)
{
  SourceScreensaver *self = user_data;

  (void) peer;
  self->active = FALSE;
  limber_activity_source_set_available (&self->parent, FALSE, 0);
  limber_activity_source_settle (&self->parent);
}

static void
screensaver_start (LimberActivitySource *source)
{
  SourceScreensaver *self = (SourceScreensaver *) source;

  self->peer = limber_bus_peer_new (G_BUS_TYPE_SESSION, SCREENSAVER_NAME,
                                    on_name_appeared, on_name_vanished, self);
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

  g_clear_pointer (&self->peer, limber_bus_peer_free);
  g_free (self);
}

static const LimberActivitySourceClass screensaver_class = {
  .name = "screensaver",
  .about
  = N_ ("org.freedesktop.ScreenSaver (idle time asked while a break waits)"),
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
