#include "terminal-style.h"

#include <sys/ioctl.h>
#include <unistd.h>

int
limber_terminal_columns (FILE *stream)
{
  const char *env = g_getenv ("COLUMNS");
  guint64 columns;
  struct winsize size;

  if (env != NULL
      && g_ascii_string_to_unsigned (env, 10, 20, 10000, &columns, NULL))
    return (int) columns;
  if (ioctl (fileno (stream), TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
    return size.ws_col;
  return 80;
}

gboolean
limber_terminal_colour (FILE *stream)
{
  const char *no_color = g_getenv ("NO_COLOR");

  /* no-color.org: set and not empty turns colour off. */
  if (no_color != NULL && no_color[0] != '\0')
    return FALSE;
  if (g_strcmp0 (g_getenv ("TERM"), "dumb") == 0)
    return FALSE;
  return isatty (fileno (stream));
}

char *
limber_terminal_style (FILE *stream, LimberStyle style, const char *text)
{
  static const char *const codes[] = {
    [LIMBER_STYLE_GOOD] = "32",
    [LIMBER_STYLE_WAITING] = "33",
    [LIMBER_STYLE_URGENT] = "1;31",
    [LIMBER_STYLE_DIM] = "2",
  };

  if (!limber_terminal_colour (stream))
    return g_strdup (text);
  return g_strdup_printf ("\033[%sm%s\033[0m", codes[style], text);
}
