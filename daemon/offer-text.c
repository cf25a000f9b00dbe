#include "offer-text.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

char *
limber_deferred_title (gint64 ago)
{
  gint64 minutes = MAX (0, ago) / MINUTE;
  g_autofree char *when = NULL;

  if (minutes < 1)
    when = g_strdup ("a moment ago");
  else if (minutes < 120)
    when = g_strdup_printf ("%" G_GINT64_FORMAT " minute%s ago", minutes,
                            minutes == 1 ? "" : "s");
  else
    when = g_strdup_printf ("%" G_GINT64_FORMAT " hours ago", minutes / 60);
  return g_strdup_printf ("You missed a micro-break %s — take it now?", when);
}
