#include "until.h"

#include "limber-error.h"

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

gboolean
limber_seconds_until (const char *hhmm, GDateTime *now, guint64 *seconds,
                      GError **error)
{
  int hour, minute;
  g_autoptr (GDateTime) target = NULL;

  if (!parse_hhmm (hhmm, &hour, &minute))
    {
      g_autofree char *safe = g_utf8_make_valid (hhmm, -1);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "'%s' is not a time of day; give HH:MM, such as 15:00",
                   safe);
      return FALSE;
    }

  target = g_date_time_new (
      g_date_time_get_timezone (now), g_date_time_get_year (now),
      g_date_time_get_month (now), g_date_time_get_day_of_month (now), hour,
      minute, 0);
  if (target != NULL && g_date_time_compare (target, now) <= 0)
    {
      /* Tomorrow, by the calendar: adding a day keeps the wall time across
       * a daylight-saving change. */
      GDateTime *tomorrow = g_date_time_add_days (target, 1);
      g_date_time_unref (target);
      target = tomorrow;
    }
  if (target == NULL)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "%s does not exist today or tomorrow here", hhmm);
      return FALSE;
    }
  *seconds
      = (guint64) (g_date_time_difference (target, now) + G_USEC_PER_SEC - 1)
        / G_USEC_PER_SEC;
  return TRUE;
}
