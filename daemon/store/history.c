#include "history.h"

#include <string.h>

/* Up to 2100 and a year of work: anything beyond is damage. */
#define MAX_TIME  G_GINT64_CONSTANT (4102444800)
#define MAX_VALUE G_GINT64_CONSTANT (366 * 86400)
/* History is kept this long: stats look a year back, and a bit. */
#define HISTORY_DAYS 400

static const char *const kind_names[] = {
  [LIMBER_HISTORY_SHOWN] = "shown",     [LIMBER_HISTORY_DONE] = "done",
  [LIMBER_HISTORY_SNOOZED] = "snoozed", [LIMBER_HISTORY_SKIPPED] = "skipped",
  [LIMBER_HISTORY_NATURAL] = "natural", [LIMBER_HISTORY_EXPIRED] = "expired",
  [LIMBER_HISTORY_PAUSED] = "paused",   [LIMBER_HISTORY_RESUMED] = "resumed",
  [LIMBER_HISTORY_CLOSED] = "closed",
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

static gboolean
is_kind_word (const char *word, gsize length)
{
  if (length == 0 || length > 32 || !g_ascii_islower (word[0]))
    return FALSE;
  for (gsize i = 1; i < length; i++)
    if (!g_ascii_islower (word[i]) && !g_ascii_isdigit (word[i])
        && word[i] != '-' && word[i] != '_')
      return FALSE;
  return TRUE;
}

LimberHistoryLine
limber_history_parse_line (const char *line, gsize length,
                           LimberHistoryRecord *record)
{
  const char *first = memchr (line, ' ', length);
  const char *word, *second;
  gsize word_length;

  if (first == NULL
      || !parse_number (line, (gsize) (first - line), MAX_TIME, &record->time)
      || record->time == 0)
    return LIMBER_HISTORY_LINE_DAMAGED;
  word = first + 1;
  second = memchr (word, ' ', length - (gsize) (word - line));
  word_length = (gsize) ((second != NULL ? second : line + length) - word);
  if (!is_kind_word (word, word_length))
    return LIMBER_HISTORY_LINE_DAMAGED;

  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strlen (kind_names[i]) == word_length
        && memcmp (kind_names[i], word, word_length) == 0)
      {
        record->kind = (LimberHistoryKind) i;
        if (second != NULL
            && parse_number (second + 1, length - (gsize) (second + 1 - line),
                             MAX_VALUE, &record->value))
          return LIMBER_HISTORY_LINE_RECORD;
        break;
      }
  /* A kind we do not know, or one of ours in a form we do not: a newer
   * limber's, to be kept. */
  return LIMBER_HISTORY_LINE_FOREIGN;
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
      LimberHistoryLine kind
          = newline != NULL && line_end > p
                ? limber_history_parse_line (p, (gsize) (line_end - p), &record)
                : LIMBER_HISTORY_LINE_DAMAGED;

      if (kind == LIMBER_HISTORY_LINE_RECORD)
        g_array_append_val (records, record);
      else if (kind == LIMBER_HISTORY_LINE_DAMAGED
               && (line_end > p || newline == NULL))
        (*bad_lines)++;
      p = line_end + 1;
    }
  return records;
}

gint64
limber_history_horizon (const gint64 *days, gsize n_days, gint64 today)
{
  /* From the newest down: the first day whose previous one (distinct, so at
   * least a day before) is at most 30 days before it. */
  for (gsize i = n_days; i > 1; i--)
    if (days[i - 2] >= days[i - 1] - 30)
      return MIN (today, days[i - 1]) - HISTORY_DAYS;
  return G_MININT64;
}
