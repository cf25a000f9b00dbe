#include "history.h"

#include <string.h>

/* Up to 2100 and a year of work: anything beyond is damage. */
#define MAX_TIME  G_GINT64_CONSTANT (4102444800)
#define MAX_VALUE G_GINT64_CONSTANT (366 * 86400)

static const char *const kind_names[] = {
  [LIMBER_HISTORY_SHOWN] = "shown",     [LIMBER_HISTORY_DONE] = "done",
  [LIMBER_HISTORY_SNOOZED] = "snoozed", [LIMBER_HISTORY_SKIPPED] = "skipped",
  [LIMBER_HISTORY_NATURAL] = "natural", [LIMBER_HISTORY_EXPIRED] = "expired",
  [LIMBER_HISTORY_PAUSED] = "paused",   [LIMBER_HISTORY_RESUMED] = "resumed",
  [LIMBER_HISTORY_CLOSED] = "closed",   [LIMBER_HISTORY_DEFERRED] = "deferred",
};

gboolean
limber_history_kind_resets (LimberHistoryKind kind)
{
  return kind == LIMBER_HISTORY_DONE || kind == LIMBER_HISTORY_SKIPPED
         || kind == LIMBER_HISTORY_NATURAL || kind == LIMBER_HISTORY_CLOSED;
}

char *
limber_history_format (const LimberHistoryRecord *record)
{
  g_return_val_if_fail (record->kind < G_N_ELEMENTS (kind_names), NULL);
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT "\n",
                          record->time, kind_names[record->kind],
                          record->value);
}

static gboolean
parse_number (const char *text, gsize length, gint64 max, gint64 *value)
{
  guint64 n = 0;

  if (length == 0 || length > 12)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      n = n * 10 + (guint64) (text[i] - '0');
    }
  if (n > (guint64) max)
    return FALSE;
  *value = (gint64) n;
  return TRUE;
}

/* One line, without its newline. */
static gboolean
parse_line (const char *line, gsize length, LimberHistoryRecord *record)
{
  const char *first = memchr (line, ' ', length);
  const char *second;
  gsize rest;

  if (first == NULL)
    return FALSE;
  rest = length - (gsize) (first + 1 - line);
  second = memchr (first + 1, ' ', rest);
  if (second == NULL)
    return FALSE;
  if (!parse_number (line, (gsize) (first - line), MAX_TIME, &record->time)
      || record->time == 0
      || !parse_number (second + 1, length - (gsize) (second + 1 - line),
                        MAX_VALUE, &record->value))
    return FALSE;

  gsize kind_length = (gsize) (second - first - 1);
  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strlen (kind_names[i]) == kind_length
        && memcmp (kind_names[i], first + 1, kind_length) == 0)
      {
        record->kind = (LimberHistoryKind) i;
        return TRUE;
      }
  return FALSE;
}

GArray *
limber_history_parse (const char *data, gsize length, guint *bad_lines)
{
  GArray *records = g_array_new (FALSE, FALSE, sizeof (LimberHistoryRecord));
  const char *p = data, *end = data + length;

  *bad_lines = 0;
  while (p < end)
    {
      const char *newline = memchr (p, '\n', (gsize) (end - p));
      const char *line_end = newline != NULL ? newline : end;
      LimberHistoryRecord record;

      /* A line without its newline was cut short by a crash. */
      if (newline != NULL && line_end > p
          && parse_line (p, (gsize) (line_end - p), &record))
        g_array_append_val (records, record);
      else if (line_end > p || newline == NULL)
        (*bad_lines)++;
      p = line_end + 1;
    }
  return records;
}
