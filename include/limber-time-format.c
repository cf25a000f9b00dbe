#include "limber-time-format.h"

char *
limber_format_clock (gint64 now, gint64 then)
{
  g_autoptr (GDateTime) now_local = g_date_time_new_from_unix_local (now);
  g_autoptr (GDateTime) then_local = g_date_time_new_from_unix_local (then);
  const char *format = "%H:%M";

  if (now_local == NULL || then_local == NULL)
    return g_strdup ("?");
  if (g_date_time_get_year (now_local) != g_date_time_get_year (then_local)
      || g_date_time_get_day_of_year (now_local)
             != g_date_time_get_day_of_year (then_local))
    format = then > now && then - now < 6 * 86400 ? "%a %H:%M" : "%e %b %H:%M";

  g_autofree char *text = g_date_time_format (then_local, format);
  /* %e pads single-digit days with a space. */
  return g_strdup (g_strchug (text));
}
