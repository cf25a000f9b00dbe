/* Whole numbers typed by people or written in files: digits only, no sign,
 * no spaces. (g_ascii_string_to_unsigned() was seen to fail its first call
 * in a process under valgrind: its lazily made C locale leaves errno
 * set.) */
#pragma once

#include <glib.h>

/* Parses @text as a decimal number from @min to @max into *@out. */
gboolean limber_parse_number (const char *text, guint64 min, guint64 max,
                              guint64 *out);
