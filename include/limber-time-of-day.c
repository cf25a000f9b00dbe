#include "limber-time-of-day.h"

#include "limber-number.h"

#include "limber-error.h"
#include "limber-i18n.h"

#include <string.h>

static const char *const day_names[]
    = { "monday", "tuesday",  "wednesday", "thursday",
        "friday", "saturday", "sunday" };

static gboolean
parse_clock (const char *text, int *minutes)
{
  guint64 h, m;
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);

  if (g_strv_length (parts) != 2 || strlen (parts[1]) != 2
      || strlen (parts[0]) < 1 || strlen (parts[0]) > 2
      || !limber_parse_number (parts[0], 0, 23, &h)
      || !limber_parse_number (parts[1], 0, 59, &m))
    return FALSE;
  *minutes = (int) (h * 60 + m);
  return TRUE;
}

gboolean
limber_time_of_day_parse (const char *text, int *minutes, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_ascii_strcasecmp (stripped, "off") == 0)
    {
      *minutes = -1;
      return TRUE;
    }
  if (parse_clock (stripped, minutes))
    return TRUE;
  g_autofree char *quoted = limber_error_quote (text);
  g_set_error (
      error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
      _ ("'%s' is not a time of day: give HH:MM, such as 17:00, or off"),
      quoted);
  return FALSE;
}

/* @word without case and a trailing dot ("ven." in French). */
static char *
day_key (const char *word)
{
  char *key = g_utf8_casefold (word, -1);
  gsize len = strlen (key);

  if (len > 1 && key[len - 1] == '.')
    key[len - 1] = '\0';
  return key;
}

/* 1 (Monday) to 7 for @day in English ("fri", "friday") or in the
 * locale's words, as status shows them ("Fr" in German); 0 if none. */
static int
weekday_of (const char *day)
{
  g_autofree char *key = day_key (day);

  for (gsize i = 0; i < G_N_ELEMENTS (day_names); i++)
    if (g_str_equal (key, day_names[i])
        || (strlen (key) == 3 && g_str_has_prefix (day_names[i], key)))
      return (int) i + 1;
  for (int i = 0; i < 7; i++)
    {
      /* 1 January 2024 was a Monday. */
      g_autoptr (GDateTime) date
          = g_date_time_new_utc (2024, 1, 1 + i, 0, 0, 0);
      g_autofree char *abbreviated = g_date_time_format (date, "%a");
      g_autofree char *full = g_date_time_format (date, "%A");
      g_autofree char *short_key = abbreviated ? day_key (abbreviated) : NULL;
      g_autofree char *full_key = full ? day_key (full) : NULL;
      if (g_strcmp0 (key, short_key) == 0 || g_strcmp0 (key, full_key) == 0)
        return i + 1;
    }
  return 0;
}

gboolean
limber_weekly_parse (const char *text, int *weekday, int *minutes,
                     GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_auto (GStrv) words = g_strsplit_set (stripped, " \t", -1);
  g_autofree char *quoted = limber_error_quote (text);

  if (g_ascii_strcasecmp (stripped, "off") == 0)
    {
      *weekday = *minutes = -1;
      return TRUE;
    }
  if (g_strv_length (words) == 2 && parse_clock (words[1], minutes)
      && (*weekday = weekday_of (words[0])) > 0)
    return TRUE;
  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
               _ ("'%s' is not a day and time: give a day and HH:MM, such as "
                  "'Fri 16:00', or off"),
               quoted);
  return FALSE;
}

GDateTime *
limber_next_local_time (GDateTime *after, int weekday, int minutes)
{
  for (int day = 0; day <= 8; day++)
    {
      g_autoptr (GDateTime) date = g_date_time_add_days (after, day);
      g_autoptr (GDateTime) at = g_date_time_new_local (
          g_date_time_get_year (date), g_date_time_get_month (date),
          g_date_time_get_day_of_month (date), minutes / 60, minutes % 60, 0);

      if (at == NULL || g_date_time_compare (at, after) < 0)
        continue;
      if (weekday > 0 && g_date_time_get_day_of_week (at) != weekday)
        continue;
      return g_steal_pointer (&at);
    }
  g_return_val_if_reached (NULL);
}
