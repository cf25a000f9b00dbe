#include "source-module.h"

#include <gmodule.h>

typedef LimberActivitySource *(*SourceNewFunc) (
    const LimberActivityListener *listener);

static gboolean
lookup_symbols (const char *name, GError **error, const char *symbol,
                gpointer *address, va_list more)
{
  const char *dir = g_getenv ("LIMBER_MODULE_DIR");
  g_autofree char *file = g_strdup_printf ("source-%s.so", name);
  g_autofree char *path = g_build_filename (
      dir != NULL && dir[0] != '\0' ? dir : LIMBER_MODULE_DIR, file, NULL);
  GModule *module
      = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   g_module_error ());
      return FALSE;
    }
  while (symbol != NULL)
    {
      if (!g_module_symbol (module, symbol, address))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                       g_module_error ());
          g_module_close (module);
          return FALSE;
        }
      symbol = va_arg (more, const char *);
      if (symbol != NULL)
        address = va_arg (more, gpointer *);
    }
  /* Its code is the source's, for as long as limberd runs. */
  g_module_make_resident (module);
  return TRUE;
}

gboolean
limber_source_module_symbols (const char *name, GError **error,
                              const char *symbol, gpointer *address, ...)
{
  va_list more;
  gboolean found;

  va_start (more, address);
  found = lookup_symbols (name, error, symbol, address, more);
  va_end (more);
  return found;
}

LimberActivitySource *
limber_source_module_load (const char *name,
                           const LimberActivityListener *listener)
{
  g_autofree char *symbol = g_strdup_printf ("limber_source_%s_new", name);
  g_autoptr (GError) error = NULL;
  SourceNewFunc new_source;

  if (!limber_source_module_symbols (name, &error, symbol,
                                     (gpointer *) &new_source, NULL))
    {
      g_warning ("cannot load the %s activity source: %s", name,
                 error->message);
      return NULL;
    }
  return new_source (listener);
}
