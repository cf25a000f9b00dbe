#include "source-module.h"

#include <gmodule.h>

typedef LimberActivitySource *(*SourceNewFunc) (
    const LimberActivityListener *listener);

LimberActivitySource *
limber_source_module_load (const char *name,
                           const LimberActivityListener *listener)
{
  const char *dir = g_getenv ("LIMBER_MODULE_DIR");
  g_autofree char *file = g_strdup_printf ("source-%s.so", name);
  g_autofree char *path = g_build_filename (
      dir != NULL && dir[0] != '\0' ? dir : LIMBER_MODULE_DIR, file, NULL);
  g_autofree char *symbol = g_strdup_printf ("limber_source_%s_new", name);
  GModule *module
      = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  SourceNewFunc new_source;

  if (module == NULL)
    {
      g_warning ("cannot load the %s activity source: %s", name,
                 g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (module, symbol, (gpointer *) &new_source))
    {
      g_warning ("cannot load the %s activity source: %s", name,
                 g_module_error ());
      g_module_close (module);
      return NULL;
    }
  /* Its code is the source's, for as long as limberd runs. */
  g_module_make_resident (module);
  return new_source (listener);
}
