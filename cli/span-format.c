#include "span-format.h"

#include "limber-duration.h"

char *
limber_format_span (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  if (seconds >= 600)
    seconds = (seconds + 30) / 60 * 60;
  return limber_duration_format ((guint64) seconds);
}
