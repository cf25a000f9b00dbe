#include "calls.h"

#include <gio/gio.h>

#include "busy-source.h"

/* Capture must last this long to be a call, and stop this long to end
 * one (ms). */
#define BEGIN_DELAY_MS 2000
#define END_DELAY_MS   1000

struct _LimberCalls
{
  LimberCallsFunc func;
  gpointer user_data;
  LimberBusyListener listener;
  gboolean enabled;
  char *ignored;

  LimberBusySource *pipewire, *camera;
  GFileMonitor *socket_monitor; /* for PipeWire to come, while it is not */
  guint drop_idle;              /* drops a PipeWire source that lost it */
  /* A connection refused or lost is tried again a few times, each later:
   * the socket appears as PipeWire binds it, a moment before it listens,
   * and a PipeWire that drops every connection must not be asked again
   * at once, and again. After that, its socket appearing again says
   * when. */
  guint retry;
  guint tries;
  gint64 connected_at;

  /* The combined state, and what was last reported. */
  guint debounce;
  gboolean busy;
  char *who, *what;
  char *watching;
};

static void
report (LimberCalls *self)
{
  self->func (self->user_data);
}

/* The state the sources say now, undebounced. */
static LimberBusySource *
busy_source (LimberCalls *self)
{
  if (self->pipewire != NULL && self->pipewire->busy)
    return self->pipewire;
  if (self->camera != NULL && self->camera->busy)
    return self->camera;
  return NULL;
}

static void
take_state (LimberCalls *self)
{
  LimberBusySource *source = busy_source (self);

  self->busy = source != NULL;
  g_free (self->who);
  self->who = g_strdup (source == NULL             ? ""
                        : source == self->pipewire ? "PipeWire"
                                                   : "/dev/video*");
  g_free (self->what);
  self->what = g_strdup (source != NULL ? source->what : "");
}

static gboolean
on_debounced (gpointer user_data)
{
  LimberCalls *self = user_data;

  self->debounce = 0;
  if ((busy_source (self) != NULL) == self->busy)
    return G_SOURCE_REMOVE;
  take_state (self);
  g_info ("calls: %s%s%s", self->busy ? "in a call (" : "no call",
          self->busy ? self->what : "", self->busy ? ")" : "");
  report (self);
  return G_SOURCE_REMOVE;
}

static void
update (LimberCalls *self)
{
  LimberBusySource *source = busy_source (self);
  gboolean busy = source != NULL;

  if (busy == self->busy)
    {
      /* Back to what was reported before the delay ran out: a flicker. */
      g_clear_handle_id (&self->debounce, g_source_remove);
      /* Still a call, about something else now: said at once. */
      if (busy && g_strcmp0 (source->what, self->what) != 0)
        {
          take_state (self);
          report (self);
        }
      return;
    }
  if (self->debounce == 0)
    self->debounce = g_timeout_add (busy ? BEGIN_DELAY_MS : END_DELAY_MS,
                                    on_debounced, self);
}

static void set_watching (LimberCalls *self);
static void connect_pipewire (LimberCalls *self);

static char *pipewire_socket (void);
static void watch_socket (LimberCalls *self, const char *socket);
static void schedule_retry (LimberCalls *self);

/* A connection that lived this long was a good one: what comes after it
 * starts the tries afresh. */
#define HEALTHY_USEC (10 * G_USEC_PER_SEC)

static gboolean
drop_pipewire (gpointer user_data)
{
  LimberCalls *self = user_data;

  self->drop_idle = 0;
  if (self->pipewire != NULL && !self->pipewire->available)
    {
      g_info ("calls: PipeWire is gone; waiting for it to come back");
      g_autofree char *socket = pipewire_socket ();
      g_clear_pointer (&self->pipewire, limber_busy_source_free);
      /* Not at once: a PipeWire that drops every connection would be
       * asked again and again. */
      if (g_get_monotonic_time () - self->connected_at >= HEALTHY_USEC)
        self->tries = 0;
      if (socket != NULL)
        watch_socket (self, socket);
      schedule_retry (self);
      set_watching (self);
      update (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_source_changed (LimberBusySource *source, gpointer user_data)
{
  LimberCalls *self = user_data;

  /* Not from inside the source's own callback. */
  if (source == self->pipewire && !source->available && self->drop_idle == 0)
    self->drop_idle = g_idle_add (drop_pipewire, self);
  update (self);
}

/* Where libpipewire's clients connect: PIPEWIRE_REMOTE, a path or a name
 * (unset or empty: pipewire-0) in PIPEWIRE_RUNTIME_DIR or
 * XDG_RUNTIME_DIR. */
static char *
pipewire_socket (void)
{
  const char *remote = g_getenv ("PIPEWIRE_REMOTE");
  const char *dir = g_getenv ("PIPEWIRE_RUNTIME_DIR");

  if (remote != NULL && *remote == '\0')
    remote = NULL;
  if (remote != NULL && g_path_is_absolute (remote))
    return g_strdup (remote);
  if (dir == NULL || *dir == '\0')
    dir = g_getenv ("XDG_RUNTIME_DIR");
  if (dir == NULL || *dir == '\0')
    return NULL;
  return g_build_filename (dir, remote ? remote : "pipewire-0", NULL);
}

#define RETRY_FIRST_MS 250
#define RETRY_TRIES    5

static gboolean
on_retry (gpointer user_data)
{
  LimberCalls *self = user_data;

  self->retry = 0;
  if (self->pipewire != NULL)
    return G_SOURCE_REMOVE;
  connect_pipewire (self);
  set_watching (self);
  update (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (LimberCalls *self)
{
  if (self->retry != 0 || self->tries >= RETRY_TRIES)
    return;
  self->retry = g_timeout_add (RETRY_FIRST_MS << self->tries, on_retry, self);
  self->tries++;
}

static void
on_socket_event (GFileMonitor *monitor, GFile *file, GFile *other,
                 GFileMonitorEvent event, gpointer user_data)
{
  LimberCalls *self = user_data;

  (void) monitor, (void) file, (void) other;
  if (event == G_FILE_MONITOR_EVENT_CREATED && self->pipewire == NULL)
    {
      /* A new PipeWire: tried afresh, as soon as it listens. */
      self->tries = 0;
      g_clear_handle_id (&self->retry, g_source_remove);
      schedule_retry (self);
    }
}

static void
watch_socket (LimberCalls *self, const char *socket)
{
  g_autoptr (GFile) file = NULL;

  if (self->socket_monitor != NULL)
    return;
  file = g_file_new_for_path (socket);
  self->socket_monitor
      = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->socket_monitor != NULL)
    g_signal_connect (self->socket_monitor, "changed",
                      G_CALLBACK (on_socket_event), self);
}

/* Connects the PipeWire watcher if PipeWire is there; otherwise tries
 * again a little later, or watches for its socket to appear. */
static void
connect_pipewire (LimberCalls *self)
{
  g_autofree char *socket = pipewire_socket ();

  if (socket == NULL)
    return;
  if (g_file_test (socket, G_FILE_TEST_EXISTS))
    self->pipewire
        = limber_source_pipewire_new (&self->listener, self->ignored, socket);
  if (self->pipewire != NULL)
    {
      self->connected_at = g_get_monotonic_time ();
      g_clear_object (&self->socket_monitor);
      return;
    }
  watch_socket (self, socket);
  /* There but refusing, or made between the look and the watch. */
  if (g_file_test (socket, G_FILE_TEST_EXISTS))
    schedule_retry (self);
}

static void
set_watching (LimberCalls *self)
{
  const char *watching = !self->enabled           ? "off"
                         : self->pipewire != NULL ? "pipewire+camera"
                                                  : "camera";

  if (g_strcmp0 (watching, self->watching) == 0)
    return;
  g_free (self->watching);
  self->watching = g_strdup (watching);
  report (self);
}

static void
stop (LimberCalls *self)
{
  g_clear_handle_id (&self->drop_idle, g_source_remove);
  g_clear_handle_id (&self->retry, g_source_remove);
  g_clear_handle_id (&self->debounce, g_source_remove);
  g_clear_object (&self->socket_monitor);
  g_clear_pointer (&self->pipewire, limber_busy_source_free);
  g_clear_pointer (&self->camera, limber_busy_source_free);
}

LimberCalls *
limber_calls_new (LimberCallsFunc func, gpointer user_data)
{
  LimberCalls *self = g_new0 (LimberCalls, 1);

  self->func = func;
  self->user_data = user_data;
  self->listener
      = (LimberBusyListener){ .changed = on_source_changed, .user_data = self };
  self->who = g_strdup ("");
  self->what = g_strdup ("");
  self->watching = g_strdup ("off");
  return self;
}

void
limber_calls_free (LimberCalls *self)
{
  if (self == NULL)
    return;
  stop (self);
  g_free (self->ignored);
  g_free (self->who);
  g_free (self->what);
  g_free (self->watching);
  g_free (self);
}

void
limber_calls_configure (LimberCalls *self, gboolean enabled,
                        const char *ignored)
{
  if (enabled == self->enabled && g_strcmp0 (ignored, self->ignored) == 0)
    return;
  /* Started afresh: the sources read the ignore list as they start. */
  stop (self);
  self->enabled = enabled;
  g_free (self->ignored);
  self->ignored = g_strdup (ignored);
  if (enabled)
    {
      self->camera = limber_source_camera_new (&self->listener, ignored);
      self->tries = 0;
      connect_pipewire (self);
    }
  set_watching (self);
  g_info ("calls: watching %s", self->watching);
  /* What the fresh sources say is taken at once: they were looked at
   * before, not flickering now. */
  if ((busy_source (self) != NULL) != self->busy)
    {
      take_state (self);
      report (self);
    }
}

gboolean
limber_calls_is_busy (LimberCalls *self)
{
  return self->busy;
}

const char *
limber_calls_get_who (LimberCalls *self)
{
  return self->who;
}

const char *
limber_calls_get_what (LimberCalls *self)
{
  return self->what;
}

const char *
limber_calls_get_watching (LimberCalls *self)
{
  return self->watching;
}
