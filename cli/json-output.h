/* Printing what a JsonBuilder built, for limberctl's --json output. */
#pragma once

#include <json-glib/json-glib.h>

/* Prints @builder's document on stdout: indented, or on one line (for
 * 'monitor', one event per line). */
void limber_print_json (JsonBuilder *builder, gboolean pretty);
