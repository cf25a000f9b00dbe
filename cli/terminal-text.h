/* Text from limberd or a configuration file, made safe for a terminal: a
 * title such as "\e]0;pwned\a" must show as text, not retitle the window
 * or clear the screen. The rules are limber_text_visible()'s (include/),
 * the one place that decides what untrusted text shows as. */
#pragma once

#include <glib.h>

/* @text as limber_text_visible() shows it (ESC as ^[, C1 and bidi controls
 * as <U+202E>, stray bytes as <0xFF>), tabs kept, line breaks kept when
 * @multiline and shown as ^J otherwise. */
char *limber_terminal_text (const char *text, gboolean multiline);
