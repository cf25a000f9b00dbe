#include "limber-number.h"

gboolean
limber_parse_number (const char *text, guint64 min, guint64 max, guint64 *out)
{
  guint64 n = 0;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (n > (G_MAXUINT64 - (guint64) (*p - '0')) / 10)
        return FALSE;
      n = n * 10 + (guint64) (*p - '0');
    }
  if (n < min || n > max)
    return FALSE;
  *out = n;
  return TRUE;
}
