#include "zone-watch.h"

#include <gio/gio.h>
#include <time.h>

struct _LimberZoneWatch
{
  GFileMonitor *monitor;
  char *tz; /* TZ as limberd started, NULL when unset */
  LimberZoneChangedFunc func;
  gpointer user_data;
};

char *
limber_zone_file (const char *tz)
{
  if (tz == NULL || tz[0] == '\0')
    return g_strdup ("/etc/localtime");
  if (tz[0] == ':')
    tz++;
  if (tz[0] == '/')
    return g_strdup (tz);
  /* "Europe/Berlin" is read from the zone database, which a zone change
   * does not touch. */
  return NULL;
}

/* GLib keeps the local zone it read while TZ says the same thing (with TZ
 * unset it reads /etc/localtime's link again at each use): a different TZ
 * for a moment makes it read the zone file again. TZ exists, so setting it
 * replaces a string and never moves the environment. */
static void
reload_local_zone (const char *tz)
{
  if (tz != NULL)
    {
      g_setenv ("TZ", "UTC0", TRUE);
      g_time_zone_unref (g_time_zone_new_local ());
      g_setenv ("TZ", tz, TRUE);
    }
  g_time_zone_unref (g_time_zone_new_local ());
  tzset ();
}

static void
on_changed (GFileMonitor *monitor, GFile *file, GFile *other,
            GFileMonitorEvent event, gpointer user_data)
{
  LimberZoneWatch *self = user_data;

  (void) monitor, (void) file, (void) other;
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT
      && event != G_FILE_MONITOR_EVENT_CREATED
      && event != G_FILE_MONITOR_EVENT_MOVED_IN
      && event != G_FILE_MONITOR_EVENT_RENAMED
      && event != G_FILE_MONITOR_EVENT_DELETED)
    return;
  reload_local_zone (self->tz);
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();
  g_info ("the time zone is now %s", g_time_zone_get_identifier (zone));
  self->func (self->user_data);
}

LimberZoneWatch *
limber_zone_watch_new (LimberZoneChangedFunc func, gpointer user_data)
{
  const char *tz = g_getenv ("TZ");
  g_autofree char *path = limber_zone_file (tz);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  LimberZoneWatch *self;

  if (path == NULL)
    return NULL;
  self = g_new0 (LimberZoneWatch, 1);
  self->tz = g_strdup (tz);
  self->func = func;
  self->user_data = user_data;
  file = g_file_new_for_path (path);
  /* WATCH_MOVES: a link replaced by rename (ln -sf, timedatectl) is one
   * event, not a deletion. The monitor watches the directory, so the file
   * may come and go. */
  self->monitor
      = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("cannot watch %s for time zone changes: %s", path,
               error->message);
      limber_zone_watch_free (self);
      return NULL;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_changed), self);
  return self;
}

void
limber_zone_watch_free (LimberZoneWatch *self)
{
  if (self == NULL)
    return;
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_object_unref (self->monitor);
    }
  g_free (self->tz);
  g_free (self);
}
