/* Wayland compositors beyond GNOME (KDE Plasma, sway, Hyprland, niri…):
 * idle and return through the compositor's idle protocol. This part runs
 * in limberd and links no Wayland library: it finds the display's socket
 * ($WAYLAND_DISPLAY in $XDG_RUNTIME_DIR, or the first wayland-N there
 * when the variable is unset, as it is for a user service started before
 * the compositor exported it), connects to it, and only then loads the
 * client (wayland-idle.c, module source-wayland.so). Until a socket
 * answers, and again after the compositor goes away, it watches the
 * directory with inotify: a compositor that starts late, or restarts, is
 * attached as its socket appears. Nothing is polled. */
/* First: this file drives the client that wayland-idle.h declares (and is
 * its module's, for the layers check). */
#include "wayland-idle.h"

#include "activity-source.h"
#include "source-module.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* A socket that has just appeared may not listen yet (bind comes before
 * listen): asked again after 50 ms, then twice as long, this many times. */
#define CONNECT_RETRIES 6

typedef struct
{
  LimberActivitySource parent;
  char *dir;      /* where the display's socket is */
  char *name;     /* its name; NULL: any wayland-N */
  char *attached; /* the socket in use, or last used */
  int inotify_fd; /* -1 while not watching */
  guint inotify_watch;
  guint retry_timer;
  guint retries;
  char *retry_name;

  gboolean module_loaded;
  LimberWaylandIdleModule module;
  LimberWaylandIdleCallbacks callbacks;
  LimberWaylandIdle *client;
  LimberWaylandIdle *dead; /* freed from the main loop */
  guint reap;

  gboolean idle;
  gint64 idle_since; /* monotonic µs */
  guint settle_timer;
} SourceWayland;

static void watch_dir (SourceWayland *self);
static void look (SourceWayland *self);

static gboolean
is_display_name (SourceWayland *self, const char *entry)
{
  if (self->name != NULL)
    return g_str_equal (entry, self->name);
  if (!g_str_has_prefix (entry, "wayland-") || entry[8] == '\0')
    return FALSE;
  for (const char *c = entry + 8; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

static void
set_waiting_detail (SourceWayland *self)
{
  g_autofree char *detail
      = self->name != NULL
            ? g_strdup_printf ("waiting for the Wayland display %s in %s",
                               self->name, self->dir)
            : g_strdup_printf ("no Wayland display yet (watching %s for one)",
                               self->dir);
  limber_activity_source_set_detail (&self->parent, detail);
}

static gboolean
reap_dead_client (gpointer user_data)
{
  SourceWayland *self = user_data;

  self->reap = 0;
  g_clear_pointer (&self->dead, self->module.free);
  return G_SOURCE_REMOVE;
}

static void
on_ready (const char *protocol, gpointer user_data)
{
  SourceWayland *self = user_data;
  g_autofree char *detail
      = g_strdup_printf ("%s on %s", protocol, self->attached);

  limber_activity_source_set_detail (&self->parent, detail);
  limber_activity_source_set_available (&self->parent, TRUE,
                                        LIMBER_SENSES_IDLE);
  g_clear_handle_id (&self->settle_timer, g_source_remove);
  limber_activity_source_settle (&self->parent);
}

static void
on_idled (gint64 idle_usec, gpointer user_data)
{
  SourceWayland *self = user_data;

  self->idle = TRUE;
  self->idle_since = g_get_monotonic_time () - idle_usec;
  limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_IDLE,
                               idle_usec);
}

static void
on_resumed (gpointer user_data)
{
  SourceWayland *self = user_data;

  self->idle = FALSE;
  limber_activity_source_emit (&self->parent, LIMBER_EVENT_USER_ACTIVE, 0);
}

static void
on_lost (const char *why, gboolean gone, gpointer user_data)
{
  SourceWayland *self = user_data;
  g_autofree char *detail = NULL;

  /* One that was lost before this one, its callbacks long returned, can
   * go now: a compositor going down can take two connections with it
   * within one turn of the loop. */
  g_clear_pointer (&self->dead, self->module.free);
  self->dead = g_steal_pointer (&self->client);
  if (self->reap == 0)
    self->reap = g_idle_add (reap_dead_client, self);
  self->idle = FALSE;
  detail = gone ? g_strdup_printf ("%s (%s): waiting for a compositor in %s",
                                   why, self->attached, self->dir)
                : g_strdup_printf ("%s (%s)", why, self->attached);
  limber_activity_source_set_available (&self->parent, FALSE, 0);
  limber_activity_source_set_detail (&self->parent, detail);
  g_clear_handle_id (&self->settle_timer, g_source_remove);
  limber_activity_source_settle (&self->parent);
  watch_dir (self);
  /* A compositor that restarted at once may have made its socket before
   * this connection's end was read. One that merely lacks the protocol
   * is asked again only when a socket appears. */
  if (gone && self->inotify_fd >= 0)
    look (self);
}

static gboolean
load_module (SourceWayland *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;

  if (self->module_loaded)
    return TRUE;
  if (limber_source_module_symbols (
          "wayland", &error, "limber_wayland_idle_new",
          (gpointer *) &self->module.create, "limber_wayland_idle_set_lull",
          (gpointer *) &self->module.set_lull, "limber_wayland_idle_free",
          (gpointer *) &self->module.free, NULL))
    {
      self->module_loaded = TRUE;
      return TRUE;
    }
  g_warning ("cannot load the wayland activity source: %s", error->message);
  detail = g_strdup_printf ("cannot load its module: %s", error->message);
  limber_activity_source_set_detail (&self->parent, detail);
  return FALSE;
}

static void
unwatch_dir (SourceWayland *self)
{
  g_clear_handle_id (&self->inotify_watch, g_source_remove);
  g_clear_handle_id (&self->retry_timer, g_source_remove);
  g_clear_pointer (&self->retry_name, g_free);
  if (self->inotify_fd >= 0)
    close (self->inotify_fd);
  self->inotify_fd = -1;
}

/* @fd is connected to the compositor at @name. */
static void
attach (SourceWayland *self, int fd, const char *name)
{
  g_autofree char *detail = NULL;

  if (!load_module (self))
    {
      close (fd);
      unwatch_dir (self);
      return;
    }
  g_free (self->attached);
  self->attached = g_strdup (name);
  unwatch_dir (self);
  self->client = self->module.create (fd, self->parent.lull, &self->callbacks);
  if (self->client == NULL)
    {
      detail
          = g_strdup_printf ("libwayland refused the connection to %s", name);
      limber_activity_source_set_detail (&self->parent, detail);
      return;
    }
  detail = g_strdup_printf ("asking the compositor at %s", name);
  limber_activity_source_set_detail (&self->parent, detail);
}

static gboolean retry_connect (gpointer user_data);

/* Connects to socket @name; on success the client takes over. A socket
 * that @just_appeared and refuses is asked again shortly. */
static gboolean
try_connect (SourceWayland *self, const char *name, gboolean just_appeared)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  int fd, flags;

  if (strlen (path) >= sizeof address.sun_path)
    return FALSE;
  memcpy (address.sun_path, path, strlen (path) + 1);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return FALSE;
  if (connect (fd, (struct sockaddr *) &address, sizeof address) < 0)
    {
      int error = errno;
      close (fd);
      if (just_appeared && (error == ECONNREFUSED || error == EAGAIN)
          && self->retry_timer == 0 && self->retries < CONNECT_RETRIES)
        {
          g_free (self->retry_name);
          self->retry_name = g_strdup (name);
          self->retry_timer
              = g_timeout_add (50u << self->retries++, retry_connect, self);
        }
      return FALSE;
    }
  /* libwayland takes care of blocking itself, as on a socket of its own. */
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  self->retries = 0;
  attach (self, fd, name);
  return TRUE;
}

static gboolean
retry_connect (gpointer user_data)
{
  SourceWayland *self = user_data;
  g_autofree char *name = g_steal_pointer (&self->retry_name);

  self->retry_timer = 0;
  try_connect (self, name, TRUE);
  return G_SOURCE_REMOVE;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Connects to a display already there, if any answers. */
static void
look (SourceWayland *self)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *entry;

  if (self->name != NULL)
    {
      try_connect (self, self->name, FALSE);
      return;
    }
  dir = g_dir_open (self->dir, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (is_display_name (self, entry))
      g_ptr_array_add (names, g_strdup (entry));
  /* wayland-0 before wayland-1: the order compositors take them in. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (try_connect (self, names->pdata[i], FALSE))
      return;
}

static gboolean
on_dir_changed (gint fd, GIOCondition condition, gpointer user_data)
{
  SourceWayland *self = user_data;
  char buffer[4096]
      __attribute__ ((aligned (__alignof__(struct inotify_event))));
  ssize_t length;

  (void) condition;
  while ((length = read (fd, buffer, sizeof buffer)) > 0)
    for (char *at = buffer; at < buffer + length;)
      {
        const struct inotify_event *event = (const void *) at;
        at += sizeof *event + event->len;
        if (event->mask & (IN_IGNORED | IN_DELETE_SELF))
          {
            /* The runtime directory went (the user logged out). */
            self->inotify_watch = 0;
            unwatch_dir (self);
            limber_activity_source_set_detail (&self->parent,
                                               "the runtime directory is gone");
            return G_SOURCE_REMOVE;
          }
        if (event->len > 0 && (event->mask & (IN_CREATE | IN_MOVED_TO))
            && self->client == NULL && is_display_name (self, event->name))
          {
            self->retries = 0;
            if (try_connect (self, event->name, TRUE))
              /* attach() closed this watch. */
              return G_SOURCE_REMOVE;
          }
      }
  return G_SOURCE_CONTINUE;
}

static void
watch_dir (SourceWayland *self)
{
  if (self->inotify_fd >= 0)
    return;
  self->inotify_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  if (self->inotify_fd < 0
      || inotify_add_watch (self->inotify_fd, self->dir,
                            IN_CREATE | IN_MOVED_TO | IN_DELETE_SELF
                                | IN_ONLYDIR)
             < 0)
    {
      g_autofree char *detail
          = g_strdup_printf ("cannot watch %s for a Wayland display: %s",
                             self->dir, g_strerror (errno));
      if (self->inotify_fd >= 0)
        close (self->inotify_fd);
      self->inotify_fd = -1;
      limber_activity_source_set_detail (&self->parent, detail);
      return;
    }
  self->inotify_watch
      = g_unix_fd_add (self->inotify_fd, G_IO_IN, on_dir_changed, self);
}

static void
start_watching (SourceWayland *self)
{
  const char *display = g_getenv ("WAYLAND_DISPLAY");
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  if (display != NULL && display[0] == '\0')
    display = NULL;
  if (display != NULL && g_path_is_absolute (display))
    {
      self->dir = g_path_get_dirname (display);
      self->name = g_path_get_basename (display);
    }
  else if (runtime != NULL && runtime[0] != '\0')
    {
      self->dir = g_strdup (runtime);
      self->name = g_strdup (display);
    }
  else
    {
      limber_activity_source_set_detail (
          &self->parent, "no XDG_RUNTIME_DIR to find a Wayland display in");
      return;
    }
  /* Watching first, then looking: a socket made in between is not
   * missed. */
  watch_dir (self);
  if (self->inotify_fd < 0)
    return;
  set_waiting_detail (self);
  look (self);
}

/* A compositor that accepts the connection but does not answer (stopped,
 * hung) is not waited for more than two seconds before the first choice
 * (wayland_start). */
static gboolean
settle_anyway (gpointer user_data)
{
  SourceWayland *self = user_data;

  self->settle_timer = 0;
  limber_activity_source_settle (&self->parent);
  return G_SOURCE_REMOVE;
}

static void
wayland_start (LimberActivitySource *source)
{
  SourceWayland *self = (SourceWayland *) source;

  start_watching (self);
  /* Not there (yet), or asked: the answer settles it (on_ready, on_lost). */
  if (self->client == NULL)
    limber_activity_source_settle (source);
  else
    self->settle_timer = g_timeout_add_seconds (2, settle_anyway, self);
}

static void
wayland_replay (LimberActivitySource *source)
{
  SourceWayland *self = (SourceWayland *) source;

  if (self->idle)
    limber_activity_source_emit (source, LIMBER_EVENT_USER_IDLE,
                                 g_get_monotonic_time () - self->idle_since);
  else
    limber_activity_source_emit (source, LIMBER_EVENT_USER_ACTIVE, 0);
}

static void
wayland_set_lull (LimberActivitySource *source)
{
  SourceWayland *self = (SourceWayland *) source;

  if (self->client != NULL)
    self->module.set_lull (self->client, source->lull);
}

static void
wayland_free (LimberActivitySource *source)
{
  SourceWayland *self = (SourceWayland *) source;

  unwatch_dir (self);
  g_clear_handle_id (&self->reap, g_source_remove);
  g_clear_handle_id (&self->settle_timer, g_source_remove);
  if (self->module_loaded)
    {
      g_clear_pointer (&self->client, self->module.free);
      g_clear_pointer (&self->dead, self->module.free);
    }
  g_free (self->dir);
  g_free (self->name);
  g_free (self->attached);
  g_free (self);
}

static const LimberActivitySourceClass wayland_class = {
  .name = "wayland",
  .lulls = LIMBER_LULLS_PUSHED,
  .start = wayland_start,
  .replay = wayland_replay,
  .set_lull = wayland_set_lull,
  .free = wayland_free,
};

LimberActivitySource *
limber_source_wayland_new (const LimberActivityListener *listener)
{
  SourceWayland *self = g_new0 (SourceWayland, 1);

  limber_activity_source_init (&self->parent, &wayland_class, listener);
  self->inotify_fd = -1;
  self->callbacks = (LimberWaylandIdleCallbacks){
    .ready = on_ready,
    .idled = on_idled,
    .resumed = on_resumed,
    .lost = on_lost,
    .user_data = self,
  };
  return &self->parent;
}
