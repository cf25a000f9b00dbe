/* Activity sources built as loadable modules, so that their libraries are
 * loaded only in sessions that can use them (the XSync source's xcb is
 * a third of a megabyte that a Wayland session would carry for nothing;
 * libwayland-client likewise in an X11 or text session). Modules live in
 * LIMBER_MODULE_DIR: the installed one, or the one the environment
 * variable of that name gives (the build tree, for tests). */
#pragma once

#include "activity-source.h"

/* The source that module source-@name.so makes with
 * limber_source_@name_new(); NULL, with a warning, if it cannot load. */
LimberActivitySource *
limber_source_module_load (const char *name,
                           const LimberActivityListener *listener);

/* Loads module source-@name.so (for good: its code is used for as long as
 * limberd runs) and looks up each of the NULL-terminated pairs of symbol
 * name and where to put its address. FALSE, with @error saying what
 * failed, if the module or a symbol is missing. */
gboolean limber_source_module_symbols (const char *name, GError **error,
                                       const char *symbol, gpointer *address,
                                       ...) G_GNUC_NULL_TERMINATED;
