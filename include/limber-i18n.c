#include "limber-i18n.h"

#include <locale.h>

void
limber_i18n_init (void)
{
  /* Where the tests point at the catalogs the build made. */
  const char *dir = g_getenv ("LIMBER_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  dir != NULL && dir[0] != '\0' ? dir : LIMBER_LOCALEDIR);
  /* Our text goes out as UTF-8 whatever the locale's charset: pop-ups and
   * D-Bus messages must be UTF-8. */
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
