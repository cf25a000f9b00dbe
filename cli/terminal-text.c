#include "terminal-text.h"

#include "limber-text.h"

char *
limber_terminal_text (const char *text, gboolean multiline)
{
  return limber_text_visible (
      text, -1,
      LIMBER_TEXT_KEEP_TABS
          | (multiline ? LIMBER_TEXT_KEEP_NEWLINES : LIMBER_TEXT_ONE_LINE));
}
