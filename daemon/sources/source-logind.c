/* logind, on the system bus: the universal source. The manager's
 * PrepareForSleep tells suspend and resume; this session's LockedHint,
 * Lock and Unlock tell the lock screen; its IdleHint (set by the desktop
 * after its own idle delay, with IdleSinceHintMonotonic saying since when)
 * tells idle, coarsely.
 *
 * The session: sd-login's answer for this process, or the user's display
 * session; where sd-login has none (limberd started outside the session's
 * cgroup, or a test bus), logind's own GetSession("auto") and the user's
 * Display property. */
#include "activity-source.h"
#include "bus-peer.h"

#include <systemd/sd-login.h>
#include <unistd.h>

#define LOGIN_NAME          "org.freedesktop.login1"
#define LOGIN_PATH          "/org/freedesktop/login1"
#define LOGIN_MANAGER_IFACE "org.freedesktop.login1.Manager"
#define LOGIN_SESSION_IFACE "org.freedesktop.login1.Session"
#define LOGIN_USER_IFACE    "org.freedesktop.login1.User"
#define PROPERTIES_IFACE    "org.freedesktop.DBus.Properties"

typedef enum
{
  FIND_BY_SD_LOGIN,
  FIND_BY_AUTO,
  FIND_BY_USER_DISPLAY,
  FIND_NONE,
} FindStep;

typedef struct
{
  LimberActivitySource parent;
  LimberBusPeer *peer;
  FindStep find_step;
  char *session_path;
  guint session_subscription;
  guint properties_subscription;
  gboolean following; /* the session answered and is followed */
  gboolean idle_hint, locked_hint;
  guint64 idle_since_monotonic; /* µs, CLOCK_MONOTONIC */
} SourceLogind;

static void find_session (SourceLogind *self);

static void
call (SourceLogind *self, const char *path, const char *iface,
      const char *method, GVariant *args, const char *reply_type,
      GAsyncReadyCallback callback)
{
  limber_bus_peer_call (self->peer, path, iface, method, args, reply_type,
                        callback, self);
}

static GVariant *
finish (GObject *bus, GAsyncResult *result, gboolean *cancelled)
{
  return limber_bus_peer_finish (bus, result, "logind", cancelled);
}

static gint64
idle_usec (SourceLogind *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->idle_since_monotonic == 0
      || (gint64) self->idle_since_monotonic > now)
    return 0;
  return now - (gint64) self->idle_since_monotonic;
}

static void
report_idle (SourceLogind *self)
{
  if (self->idle_hint)
    limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_IDLE,
                                 idle_usec (self));
  else
    limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_ACTIVE, 0);
}

static void
report_lock (SourceLogind *self)
{
  limber_activity_source_emit (
      &self->parent,
      self->locked_hint ? LIMBER_EVENT_LOCKED : LIMBER_EVENT_UNLOCKED, 0);
}

/* Takes in what @properties (a{sv}) say of the session, and whether that
 * changes idle or lock. */
static void
read_session_properties (SourceLogind *self, GVariant *properties,
                         gboolean *idle_changed, gboolean *lock_changed)
{
  gboolean idle = self->idle_hint, locked = self->locked_hint;

  g_variant_lookup (properties, "IdleSinceHintMonotonic", "t",
                    &self->idle_since_monotonic);
  g_variant_lookup (properties, "IdleHint", "b", &idle);
  g_variant_lookup (properties, "LockedHint", "b", &locked);
  *idle_changed = idle != self->idle_hint;
  *lock_changed = locked != self->locked_hint;
  self->idle_hint = idle;
  self->locked_hint = locked;
}

static void
on_session_signal (GDBusConnection *bus, const char *sender, const char *path,
                   const char *iface, const char *signal, GVariant *parameters,
                   gpointer user_data)
{
  SourceLogind *self = user_data;

  (void) bus, (void) sender, (void) path, (void) iface, (void) parameters;
  /* Lock and Unlock ask the session's locker to act; LockedHint follows. */
  if (g_str_equal (signal, "Lock"))
    limber_activity_source_emit (&self->parent, LIMBER_EVENT_LOCKED, 0);
  else if (g_str_equal (signal, "Unlock"))
    limber_activity_source_emit (&self->parent, LIMBER_EVENT_UNLOCKED, 0);
}

static void
on_properties_changed (GDBusConnection *bus, const char *sender,
                       const char *path, const char *iface, const char *signal,
                       GVariant *parameters, gpointer user_data)
{
  SourceLogind *self = user_data;
  g_autoptr (GVariant) changed = NULL;
  const char *changed_iface;
  gboolean idle_changed, lock_changed;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  g_variant_get (parameters, "(&s@a{sv}@as)", &changed_iface, &changed, NULL);
  if (!g_str_equal (changed_iface, LOGIN_SESSION_IFACE))
    return;
  read_session_properties (self, changed, &idle_changed, &lock_changed);
  if (lock_changed)
    report_lock (self);
  if (idle_changed)
    report_idle (self);
}

static void
on_prepare_for_sleep (GDBusConnection *bus, const char *sender,
                      const char *path, const char *iface, const char *signal,
                      GVariant *parameters, gpointer user_data)
{
  SourceLogind *self = user_data;
  gboolean start;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &start);
  limber_activity_source_emit (
      &self->parent, start ? LIMBER_EVENT_SUSPEND : LIMBER_EVENT_RESUME, 0);
}

/* Stops listening to the session tried or followed, and forgets what it
 * said. */
static void
unfollow_session (SourceLogind *self)
{
  limber_bus_peer_unsubscribe (self->peer, &self->session_subscription);
  limber_bus_peer_unsubscribe (self->peer, &self->properties_subscription);
  self->following = FALSE;
  self->idle_hint = self->locked_hint = FALSE;
  self->idle_since_monotonic = 0;
  g_clear_pointer (&self->session_path, g_free);
}

/* The session at @path answered: follow it. */
static void
on_session_properties (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled, idle_changed, lock_changed;
  g_autoptr (GVariant) reply = finish (bus, result, &cancelled);
  g_autoptr (GVariant) properties = NULL;
  SourceLogind *self = user_data;

  if (cancelled)
    return;
  if (reply == NULL)
    {
      /* Not a session after all: try the next way. */
      unfollow_session (self);
      self->find_step++;
      find_session (self);
      return;
    }
  properties = g_variant_get_child_value (reply, 0);
  read_session_properties (self, properties, &idle_changed, &lock_changed);
  g_info ("logind: following session %s", self->session_path);
  self->following = TRUE;
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_SLEEP | LIMBER_SENSES_LOCK
                                            | LIMBER_SENSES_IDLE);
  limber_activity_source_settle (&self->parent);
}

static void
try_session_path (SourceLogind *self, const char *path)
{
  unfollow_session (self);
  self->session_path = g_strdup (path);
  /* Listening before asking (see bus-peer.h): a change made between the
   * answer and the subscription would otherwise be lost. */
  self->session_subscription
      = limber_bus_peer_subscribe (self->peer, LOGIN_SESSION_IFACE, NULL, path,
                                   NULL, on_session_signal, self);
  self->properties_subscription = limber_bus_peer_subscribe (
      self->peer, PROPERTIES_IFACE, "PropertiesChanged", path,
      LOGIN_SESSION_IFACE, on_properties_changed, self);
  call (self, path, PROPERTIES_IFACE, "GetAll",
        g_variant_new ("(s)", LOGIN_SESSION_IFACE), "(a{sv})",
        on_session_properties);
}

static void
on_session_path (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply = finish (bus, result, &cancelled);
  SourceLogind *self = user_data;
  const char *path;

  if (cancelled)
    return;
  if (reply == NULL)
    {
      self->find_step++;
      find_session (self);
      return;
    }
  g_variant_get (reply, "(&o)", &path);
  try_session_path (self, path);
}

static void
on_user_display (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply = finish (bus, result, &cancelled);
  g_autoptr (GVariant) display = NULL;
  SourceLogind *self = user_data;
  const char *path = "/";

  if (cancelled)
    return;
  if (reply != NULL)
    {
      g_variant_get (reply, "(v)", &display);
      if (g_variant_is_of_type (display, G_VARIANT_TYPE ("(so)")))
        g_variant_get (display, "(&s&o)", NULL, &path);
    }
  if (g_str_equal (path, "/"))
    {
      self->find_step = FIND_NONE;
      find_session (self);
      return;
    }
  try_session_path (self, path);
}

static void
on_user_path (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply = finish (bus, result, &cancelled);
  SourceLogind *self = user_data;
  const char *path;

  if (cancelled)
    return;
  if (reply == NULL)
    {
      self->find_step = FIND_NONE;
      find_session (self);
      return;
    }
  g_variant_get (reply, "(&o)", &path);
  call (self, path, PROPERTIES_IFACE, "Get",
        g_variant_new ("(ss)", LOGIN_USER_IFACE, "Display"), "(v)",
        on_user_display);
}

/* sd-login's idea of our session: this process's, else the user's display
 * session. */
static char *
sd_login_session (void)
{
  char *id = NULL;

  if (sd_pid_get_session (0, &id) >= 0 && id != NULL)
    return id;
  free (id);
  id = NULL;
  if (sd_uid_get_display (getuid (), &id) >= 0 && id != NULL)
    return id;
  free (id);
  return NULL;
}

static void
find_again (LimberBusPeer *peer, gpointer user_data)
{
  SourceLogind *self = user_data;

  (void) peer;
  self->find_step = FIND_BY_SD_LOGIN;
  find_session (self);
}

static void
find_session (SourceLogind *self)
{
  switch (self->find_step)
    {
    case FIND_BY_SD_LOGIN:
      {
        char *id = sd_login_session ();
        if (id != NULL)
          {
            call (self, LOGIN_PATH, LOGIN_MANAGER_IFACE, "GetSession",
                  g_variant_new ("(s)", id), "(o)", on_session_path);
            free (id);
            return;
          }
        self->find_step++;
      }
      G_GNUC_FALLTHROUGH;
    case FIND_BY_AUTO:
      call (self, LOGIN_PATH, LOGIN_MANAGER_IFACE, "GetSession",
            g_variant_new ("(s)", "auto"), "(o)", on_session_path);
      return;
    case FIND_BY_USER_DISPLAY:
      call (self, LOGIN_PATH, LOGIN_MANAGER_IFACE, "GetUser",
            g_variant_new ("(u)", (guint32) getuid ()), "(o)", on_user_path);
      return;
    case FIND_NONE:
    default:
      /* At login, the session may not be registered yet: look again a few
       * times before settling for sleep alone. */
      if (!limber_bus_peer_retry (self->peer, find_again))
        g_info ("logind: no session found for this user; following sleep "
                "only");
      /* Sleep alone, until a look again finds the session. */
      limber_activity_source_settle (&self->parent);
      return;
    }
}

static void
on_name_appeared (LimberBusPeer *peer, gpointer user_data)
{
  SourceLogind *self = user_data;

  unfollow_session (self);
  limber_bus_peer_subscribe (peer, LOGIN_MANAGER_IFACE, "PrepareForSleep",
                             LOGIN_PATH, NULL, on_prepare_for_sleep, self);
  /* Sleep is told whatever the session; idle and lock once it is found. */
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_SLEEP);
  self->find_step = FIND_BY_SD_LOGIN;
  find_session (self);
}

static void
on_name_vanished (LimberBusPeer *peer, gpointer user_data)
{
  SourceLogind *self = user_data;

  (void) peer;
  unfollow_session (self);
  limber_activity_source_set_available (&self->parent, FALSE, 0);
  limber_activity_source_settle (&self->parent);
}

static void
logind_start (LimberActivitySource *source)
{
  SourceLogind *self = (SourceLogind *) source;

  self->peer = limber_bus_peer_new (G_BUS_TYPE_SYSTEM, LOGIN_NAME,
                                    on_name_appeared, on_name_vanished, self);
}

static void
logind_replay (LimberActivitySource *source)
{
  SourceLogind *self = (SourceLogind *) source;

  /* Nothing to tell of a session not (yet) followed. */
  if (!self->following)
    return;
  report_lock (self);
  report_idle (self);
}

static void
logind_free (LimberActivitySource *source)
{
  SourceLogind *self = (SourceLogind *) source;

  /* The session's subscriptions go with the peer. */
  g_clear_pointer (&self->peer, limber_bus_peer_free);
  g_free (self->session_path);
  g_free (self);
}

static const LimberActivitySourceClass logind_class = {
  .name = "logind",
  .lulls = LIMBER_LULLS_UNSEEN,
  .start = logind_start,
  .replay = logind_replay,
  .free = logind_free,
};

LimberActivitySource *
limber_source_logind_new (const LimberActivityListener *listener)
{
  SourceLogind *self = g_new0 (SourceLogind, 1);

  limber_activity_source_init (&self->parent, &logind_class, listener);
  return &self->parent;
}
