/* Text from limberd or a configuration file, made safe for a terminal: a
 * title such as "\e]0;pwned\a" must show as text, not retitle the window
 * or clear the screen. */
#pragma once

#include <glib.h>

/* @text with control characters shown visibly: C0 and DEL as "\x1b", C1 as
 * "\u009b", a line break as "\n" unless @multiline; tabs stay. Invalid
 * UTF-8 is replaced, so that no stray byte reaches the terminal either. */
char *limber_terminal_text (const char *text, gboolean multiline);
