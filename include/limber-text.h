/* Untrusted text made visible: what another program, a configuration file
 * or a D-Bus caller wrote reaches a terminal, a log line, a D-Bus error or
 * a pop-up as characters a person can read, never as controls that act.
 * An escape sequence must not retitle or clear a terminal, a newline must
 * not forge a log line, a bidi override must not reorder what follows. */
#pragma once

#include <glib.h>

typedef enum
{
  LIMBER_TEXT_ONE_LINE = 0,
  LIMBER_TEXT_KEEP_NEWLINES = 1 << 0, /* a line break stays one */
  LIMBER_TEXT_KEEP_TABS = 1 << 1,     /* a tab stays one */
} LimberTextFlags;

/* @text (@length bytes, or up to its NUL when -1) with what could act shown
 * instead:
 *   - C0 controls as ^@ … ^_ (ESC is ^[, a newline ^J), DEL as ^?;
 *   - C1 controls (U+0080–U+009F), bidi embeddings, overrides, isolates and
 *     marks (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the
 *     line and paragraph separators (U+2028, U+2029) as <U+202E>;
 *   - each byte that is not UTF-8 as <0xFF>.
 * The result is valid UTF-8, and making it visible again changes nothing. */
char *limber_text_visible (const char *text, gssize length,
                           LimberTextFlags flags);
