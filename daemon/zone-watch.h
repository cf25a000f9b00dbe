/* Tells when the local time zone changes: a traveller's zone set with
 * timedatectl (which rewrites /etc/localtime), or the file TZ names
 * replaced. Times of day (the daily stretch, the weekly check-in) and
 * "today" must then follow the new zone. An inotify watch on the zone
 * file's directory: nothing runs while nothing changes. */
#pragma once

#include <glib.h>

typedef struct _LimberZoneWatch LimberZoneWatch;

typedef void (*LimberZoneChangedFunc) (gpointer user_data);

/* NULL when the zone comes from no file (TZ=UTC0, say). */
LimberZoneWatch *limber_zone_watch_new (LimberZoneChangedFunc func,
                                        gpointer user_data);
void limber_zone_watch_free (LimberZoneWatch *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberZoneWatch, limber_zone_watch_free)

/* The file the local zone is read from: TZ's ":/path" or "/path", else
 * /etc/localtime; NULL when TZ names a zone by rule or name. */
char *limber_zone_file (const char *tz);
