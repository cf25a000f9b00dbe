/* The duration parser: never crashes, and what it accepts as whole
 * seconds formats back to the same number. */
#include <glib.h>
#include <string.h>

#include "fuzz.h"
#include "limber-duration.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  guint64 usec, seconds, again;

  limber_duration_parse_usec (text, &usec, NULL);
  if (limber_duration_parse (text, &seconds, NULL))
    {
      g_autofree char *formatted = limber_duration_format (seconds);
      if (!limber_duration_parse (formatted, &again, NULL) || again != seconds)
        g_error ("%" G_GUINT64_FORMAT "s formats as '%s', which does not "
                 "parse back",
                 seconds, formatted);
    }
  return 0;
}
