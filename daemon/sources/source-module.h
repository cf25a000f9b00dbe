/* Activity sources built as loadable modules, so that their libraries are
 * loaded only in sessions that can use them (the XSync source's xcb is
 * a third of a megabyte that a Wayland session would carry for nothing).
 * Modules live in LIMBER_MODULE_DIR: the installed one, or the one the
 * environment variable of that name gives (the build tree, for tests). */
#pragma once

#include "activity-source.h"

/* Sets *@found to @symbol of module source-@name.so, which stays loaded;
 * FALSE, with a warning, if it cannot load. */
gboolean limber_module_symbol (const char *name, const char *symbol,
                               gpointer *found);

/* The source that module source-@name.so makes with
 * limber_source_@name_new(); NULL, with a warning, if it cannot load. */
LimberActivitySource *
limber_source_module_load (const char *name,
                           const LimberActivityListener *listener);
