/* Times of day for the settings (stretch-at, checkin-at): "HH:MM", a day
 * and "HH:MM" ("Fri 16:00"), or "off"; and the next such local time. */
#pragma once

#include <glib.h>

/* @minutes past midnight of "HH:MM" (00:00 to 23:59), or -1 for "off".
 * Fails with LIMBER_ERROR_INVALID_ARGUMENT saying what is accepted. */
gboolean limber_time_of_day_parse (const char *text, int *minutes,
                                   GError **error);

/* "Fri 16:00" (a day's first three letters, or its whole English name, any
 * case): @weekday 1 (Monday) to 7 (Sunday) and @minutes; both -1 for
 * "off". */
gboolean limber_weekly_parse (const char *text, int *weekday, int *minutes,
                              GError **error);

/* The first local time at @minutes past midnight, on @weekday (1 to 7, or
 * 0 for any day), at or after @after. */
GDateTime *limber_next_local_time (GDateTime *after, int weekday, int minutes);
