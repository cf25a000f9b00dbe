/* GNOME: Mutter's IdleMonitor. Event-driven and fine-grained, on Wayland
 * and X11 alike: an idle watch fires once input has stopped for the lull
 * (and again after every return), a user-active watch fires once at the
 * next input and must be added again. WatchFired goes only to the watch's
 * owner. */
#include "activity-source.h"
#include "bus-peer.h"

#include <glib/gi18n-lib.h>

#define MUTTER_NAME  "org.gnome.Mutter.IdleMonitor"
#define MUTTER_PATH  "/org/gnome/Mutter/IdleMonitor/Core"
#define MUTTER_IFACE "org.gnome.Mutter.IdleMonitor"

typedef struct
{
  LimberActivitySource parent;
  LimberBusPeer *peer;
  guint32 idle_watch, active_watch; /* of the current owner */
} SourceMutter;

static void
call (SourceMutter *self, const char *method, GVariant *args,
      const char *reply_type, GAsyncReadyCallback callback)
{
  limber_bus_peer_call (self->peer, MUTTER_PATH, MUTTER_IFACE, method, args,
                        reply_type, callback, self);
}

static void
on_active_watch_added (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GVariant) reply = limber_bus_peer_finish (
      bus, result, "IdleMonitor AddUserActiveWatch", NULL);
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
  g_autoptr (GVariant) reply
      = limber_bus_peer_finish (bus, result, "IdleMonitor GetIdletime", NULL);
  SourceMutter *self = user_data;
  guint64 idle_ms;
  gint64 idle;

  if (reply == NULL)
    return;
  g_variant_get (reply, "(t)", &idle_ms);
  idle = limber_idle_ms_to_usec ((gint64) MIN (idle_ms, (guint64) G_MAXINT64));
  if (idle >= self->parent.lull)
    {
      limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_IDLE, idle);
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
retry_idle_watch (LimberBusPeer *peer, gpointer user_data)
{
  (void) peer;
  add_idle_watch (user_data);
}

static void
on_idle_watch_added (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply = limber_bus_peer_finish (
      bus, result, "IdleMonitor AddIdleWatch", &cancelled);
  SourceMutter *self = user_data;

  if (cancelled)
    return;
  if (reply == NULL)
    {
      /* Tries used up: not usable, for now. */
      if (!limber_bus_peer_retry (self->peer, retry_idle_watch))
        limber_activity_source_settle (&self->parent);
      return;
    }
  g_variant_get (reply, "(u)", &self->idle_watch);
  /* The monitor answers: it is usable. */
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_IDLE);
  limber_activity_source_settle (&self->parent);
}

static void
add_idle_watch (SourceMutter *self)
{
  guint64 lull_ms = (guint64) MAX (1000, self->parent.lull / 1000);

  call (self, "AddIdleWatch", g_variant_new ("(t)", lull_ms), "(u)",
        on_idle_watch_added);
}

static void
on_name_appeared (LimberBusPeer *peer, gpointer user_data)
{
  SourceMutter *self = user_data;

  self->idle_watch = self->active_watch = 0;
  /* Listening before asking (see bus-peer.h); WatchFired is sent to the
   * watch's owner alone. */
  limber_bus_peer_subscribe (peer, MUTTER_IFACE, "WatchFired", MUTTER_PATH,
                             NULL, on_watch_fired, self);
  add_idle_watch (self);
}

static void
on_name_vanished (LimberBusPeer *peer, gpointer user_data)
{
  SourceMutter *self = user_data;

  (void) peer;
  self->idle_watch = self->active_watch = 0;
  limber_activity_source_set_available (&self->parent, FALSE, 0);
  limber_activity_source_settle (&self->parent);
}

static void
mutter_start (LimberActivitySource *source)
{
  SourceMutter *self = (SourceMutter *) source;

  self->peer = limber_bus_peer_new (G_BUS_TYPE_SESSION, MUTTER_NAME,
                                    on_name_appeared, on_name_vanished, self);
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

  g_clear_pointer (&self->peer, limber_bus_peer_free);
  g_free (self);
}

static const LimberActivitySourceClass mutter_class = {
  .name = "mutter",
  .about = N_ ("Mutter's IdleMonitor"),
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
