#include "source-module.h"

#include <gmodule.h>

typedef LimberActivitySource *(*SourceNewFunc) (
    const LimberActivityListener *listener);

gboolean
limber_module_symbol (const char *name, const char *symbol, gpointer *found)
{
  const char *dir = g_getenv ("LIMBER_MODULE_DIR");
  g_autofree char *file = g_strdup_printf ("source-%s.so", name);
  g_autofree char *path = g_build_filename (
      dir != NULL && dir[0] != '\0' ? dir : LIMBER_MODULE_DIR, file, NULL);
  GModule *module
      = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      g_warning ("cannot load the %s source: %s", name, g_module_error ());
      return FALSE;
    }
  if (!g_module_symbol (module, symbol, found))
    {
      g_warning ("cannot load the %s source: %s", name, g_module_error ());
      g_module_close (module);
      return FALSE;
    }
  /* Its code is the source's, for as long as limberd runs. */
  g_module_make_resident (module);
  return TRUE;
}

LimberActivitySource *
limber_source_module_load (const char *name,
                           const LimberActivityListener *listener)
{
  g_autofree char *symbol = g_strdup_printf ("limber_source_%s_new", name);
  SourceNewFunc new_source;

  if (!limber_module_symbol (name, symbol, (gpointer *) &new_source))
    return NULL;
  return new_source (listener);
}
