#include "limber-text.h"

#include <string.h>

/* Characters that change how the text around them is laid out or read,
 * with nothing to show themselves. */
static gboolean
is_invisible_control (gunichar c)
{
  return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x2028 || c == 0x2029;
}

char *
limber_text_visible (const char *text, gssize length, LimberTextFlags flags)
{
  const char *p = text, *end;
  GString *out;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  if (length < 0)
    length = (gssize) strlen (text);
  end = text + length;
  out = g_string_sized_new ((gsize) length);
  while (p < end)
    {
      guchar byte = (guchar) *p;
      gunichar c;
      const char *next;

      if (byte < 0x80)
        {
          if ((byte == '\n' && (flags & LIMBER_TEXT_KEEP_NEWLINES))
              || (byte == '\t' && (flags & LIMBER_TEXT_KEEP_TABS)))
            g_string_append_c (out, (char) byte);
          else if (byte < 0x20)
            g_string_append_printf (out, "^%c", byte + 0x40);
          else if (byte == 0x7f)
            g_string_append (out, "^?");
          else
            g_string_append_c (out, (char) byte);
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "<0x%02X>", byte);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (is_invisible_control (c))
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}
