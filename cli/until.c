#include "until.h"

#include "limber-error.h"
#include "limber-i18n.h"

#include <string.h>

static gboolean
parse_hhmm (const char *text, int *hour, int *minute)
{
  guint64 h, m;
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);

  if (g_strv_length (parts) != 2 || strlen (parts[0]) < 1
      || strlen (parts[0]) > 2 || strlen (parts[1]) != 2)
    return FALSE;
  if (!g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &h, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL))
    return FALSE;
  *hour = (int) h;
  *minute = (int) m;
  return TRUE;
}

/* The first instant after @now_unix at which the wall clock in @tz shows
 * @hour:@minute on @date: none where the clocks spring over that time, the
 * earlier of two still to come where they fall back over it. -1 if none. */
static gint64
wall_time_after (GTimeZone *tz, const GDate *date, int hour, int minute,
                 gint64 now_unix)
{
  g_autoptr (GDateTime) as_utc
      = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                             g_date_get_day (date), hour, minute, 0);
  gint64 wall = g_date_time_to_unix (as_utc);
  gint64 best = -1;

  /* The wall time less an offset the zone uses that day; it is a real
   * instant only if the zone uses that offset at that instant. A day
   * either side catches the offsets before and after a change. */
  for (gint64 probe = wall - 86400; probe <= wall + 86400; probe += 86400)
    {
      int interval
          = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, probe);
      gint64 instant = wall - g_time_zone_get_offset (tz, interval);
      int at = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

      if (g_time_zone_get_offset (tz, at)
          != g_time_zone_get_offset (tz, interval))
        continue;
      if (instant > now_unix && (best < 0 || instant < best))
        best = instant;
    }
  return best;
}

gboolean
limber_seconds_until (const char *hhmm, GDateTime *now, guint64 *seconds,
                      gint64 *passed_ago, GError **error)
{
  int hour, minute;
  GDate date;
  gint64 now_unix = g_date_time_to_unix (now);
  gint64 target;

  if (!parse_hhmm (hhmm, &hour, &minute))
    {
      g_autofree char *safe = g_utf8_make_valid (hhmm, -1);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("'%s' is not a time of day; give HH:MM, such as 15:00"),
                   safe);
      return FALSE;
    }

  /* Today, or else HH:MM on tomorrow's date: not today's moved on a day,
   * which GLib shifts out of a gap that only today has. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  target = wall_time_after (g_date_time_get_timezone (now), &date, hour, minute,
                            now_unix);
  if (passed_ago != NULL)
    *passed_ago = -1;
  if (target < 0)
    {
      /* When it was today, if the clocks showed it at all. */
      gint64 earlier = wall_time_after (g_date_time_get_timezone (now), &date,
                                        hour, minute, now_unix - 86400);
      if (passed_ago != NULL && earlier >= 0)
        *passed_ago = now_unix - earlier;
      g_date_add_days (&date, 1);
      target = wall_time_after (g_date_time_get_timezone (now), &date, hour,
                                minute, now_unix);
    }
  if (target < 0)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("%s does not exist today or tomorrow here: the clocks "
                      "skip it"),
                   hhmm);
      return FALSE;
    }
  /* Seconds into the current minute round the wait up, never to zero. */
  *seconds
      = (guint64) ((target - now_unix) * G_USEC_PER_SEC
                   - g_date_time_get_microsecond (now) + G_USEC_PER_SEC - 1)
        / G_USEC_PER_SEC;
  return TRUE;
}
