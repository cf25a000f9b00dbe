/* "pause --until 15:00": how long from now until a time of day. */
#pragma once

#include <glib.h>

/* Seconds from @now until the next @hhmm ("15:00", "9:30") in @now's time
 * zone: later today, or tomorrow when that time has passed; then
 * *@passed_ago (if not NULL) says how many seconds ago it passed today,
 * else it is -1. Fails with LIMBER_ERROR_INVALID_ARGUMENT on anything but
 * H:MM or HH:MM. */
gboolean limber_seconds_until (const char *hhmm, GDateTime *now,
                               guint64 *seconds, gint64 *passed_ago,
                               GError **error);
