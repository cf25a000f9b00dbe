/* The fallback for call apps that open the camera themselves rather than
 * through PipeWire: inotify tells when a /dev/video* device is opened or
 * closed (a watch on each device, and one on /dev for devices that come
 * and go), and one look at /proc/<pid>/fd of the user's processes then
 * says who holds one. Nothing runs while no camera is touched: no periodic
 * scan. LIMBER_TEST_VIDEO_DIR names another directory than /dev, for tests.
 */
#include "busy-source.h"

#include <dirent.h>
#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEVICE_PREFIX "video"
/* Opens and closes come in bursts (a device probed, a stream set up):
 * one look after them. */
#define SCAN_DELAY_MS 100

typedef struct
{
  LimberBusySource parent;
  char *dir;
  int inotify;
  guint fd_watch;
  guint scan_timer;
} SourceCamera;

static gboolean
is_device (const char *name)
{
  return g_str_has_prefix (name, DEVICE_PREFIX);
}

static void
watch_device (SourceCamera *self, const char *name)
{
  g_autofree char *path = g_build_filename (self->dir, name, NULL);

  if (inotify_add_watch (self->inotify, path,
                         IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)
      < 0)
    g_debug ("camera: cannot watch %s: %s", path, g_strerror (errno));
}

/* Whether process @pid holds a device open; its name then in @comm. */
static gboolean
holds_device (SourceCamera *self, const char *pid, char **comm)
{
  g_autofree char *fd_dir = g_build_filename ("/proc", pid, "fd", NULL);
  g_autofree char *prefix = g_build_filename (self->dir, DEVICE_PREFIX, NULL);
  DIR *fds = opendir (fd_dir);
  struct dirent *entry;
  gboolean found = FALSE;

  if (fds == NULL)
    return FALSE;
  while (!found && (entry = readdir (fds)) != NULL)
    {
      char link[64], target[PATH_MAX];
      ssize_t n;

      if (entry->d_name[0] == '.')
        continue;
      g_snprintf (link, sizeof link, "%s/%s", fd_dir, entry->d_name);
      n = readlink (link, target, sizeof target - 1);
      if (n <= 0)
        continue;
      target[n] = '\0';
      found = g_str_has_prefix (target, prefix);
    }
  closedir (fds);
  if (found)
    {
      g_autofree char *comm_path
          = g_build_filename ("/proc", pid, "comm", NULL);
      if (!g_file_get_contents (comm_path, comm, NULL, NULL))
        *comm = g_strdup (pid);
      g_strstrip (*comm);
    }
  return found;
}

/* One look at the user's processes. PipeWire's own use of the camera is
 * the PipeWire watcher's to judge (its clients are the callers). */
static void
scan (SourceCamera *self)
{
  static const char *const media_servers[] = { "pipewire", "wireplumber" };
  g_autofree char *own = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *holder = NULL;
  DIR *proc = opendir ("/proc");
  struct dirent *entry;

  if (proc == NULL)
    return;
  while (holder == NULL && (entry = readdir (proc)) != NULL)
    {
      struct stat st;
      char path[64];
      char *comm = NULL;

      if (!g_ascii_isdigit (entry->d_name[0])
          || g_str_equal (entry->d_name, own))
        continue;
      g_snprintf (path, sizeof path, "/proc/%s", entry->d_name);
      if (stat (path, &st) < 0 || st.st_uid != getuid ())
        continue;
      if (!holds_device (self, entry->d_name, &comm))
        continue;
      const char *names[] = { comm };
      if (g_strv_contains (media_servers, comm)
          || limber_busy_source_ignores (&self->parent, names, 1))
        g_free (comm);
      else
        holder = comm;
    }
  closedir (proc);
  if (holder != NULL)
    {
      g_autofree char *what = g_strdup_printf (_ ("camera: %s"), holder);
      limber_busy_source_set (&self->parent, TRUE, what);
    }
  else
    limber_busy_source_set (&self->parent, FALSE, NULL);
}

static gboolean
on_scan_timer (gpointer user_data)
{
  SourceCamera *self = user_data;

  self->scan_timer = 0;
  scan (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_inotify (gint fd, GIOCondition condition, gpointer user_data)
{
  SourceCamera *self = user_data;
  char buffer[4096]
      __attribute__ ((aligned (__alignof__(struct inotify_event))));
  gboolean touched = FALSE;
  ssize_t n;

  (void) condition;
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    for (char *p = buffer; p < buffer + n;)
      {
        const struct inotify_event *event = (const struct inotify_event *) p;
        if (event->len > 0 && is_device (event->name))
          {
            /* In /dev itself: a camera plugged in or out. */
            if (event->mask & IN_CREATE)
              watch_device (self, event->name);
            touched = TRUE;
          }
        else if (event->len == 0
                 && (event->mask
                     & (IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE)))
          touched = TRUE;
        p += sizeof *event + event->len;
      }
  if (touched && self->scan_timer == 0)
    self->scan_timer = g_timeout_add (SCAN_DELAY_MS, on_scan_timer, self);
  return G_SOURCE_CONTINUE;
}

static void
camera_free (LimberBusySource *source)
{
  SourceCamera *self = (SourceCamera *) source;

  g_clear_handle_id (&self->scan_timer, g_source_remove);
  g_clear_handle_id (&self->fd_watch, g_source_remove);
  if (self->inotify >= 0)
    close (self->inotify);
  g_free (self->dir);
  g_free (self);
}

static const LimberBusySourceClass camera_class = {
  .name = "camera",
  .free = camera_free,
};

LimberBusySource *
limber_source_camera_new (const LimberBusyListener *listener,
                          const char *ignored)
{
  SourceCamera *self = g_new0 (SourceCamera, 1);
  const char *dir = g_getenv ("LIMBER_TEST_VIDEO_DIR");
  g_autoptr (GDir) entries = NULL;
  const char *name;

  limber_busy_source_init (&self->parent, &camera_class, listener, ignored);
  self->dir = g_strdup (dir != NULL && dir[0] != '\0' ? dir : "/dev");
  self->inotify = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  /* Only the devices' own opens and closes: a watch on /dev for them would
   * hear every open of /dev/null. */
  if (self->inotify < 0
      || inotify_add_watch (self->inotify, self->dir,
                            IN_CREATE | IN_DELETE | IN_ONLYDIR)
             < 0)
    {
      g_info ("camera: cannot watch %s: %s", self->dir, g_strerror (errno));
      return &self->parent;
    }
  entries = g_dir_open (self->dir, 0, NULL);
  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    if (is_device (name))
      watch_device (self, name);
  self->fd_watch = g_unix_fd_add (self->inotify, G_IO_IN, on_inotify, self);
  self->parent.available = TRUE;
  /* A camera already in use when limberd starts: one look, from the main
   * loop (the user's processes, a few ms). */
  self->scan_timer = g_timeout_add (SCAN_DELAY_MS, on_scan_timer, self);
  return &self->parent;
}
