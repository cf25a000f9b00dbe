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
  [LIMBER_HISTORY_CLOSED] = "closed",   [LIMBER_HISTORY_DEFERRED] = "deferred",
  [LIMBER_HISTORY_CHECKIN] = "checkin", [LIMBER_HISTORY_ADVISED] = "advised",
};

/* Whether the line names a break's kind (and, done, how). */
static gboolean
names_a_break (LimberHistoryKind kind)
{
  return kind <= LIMBER_HISTORY_EXPIRED || kind == LIMBER_HISTORY_CLOSED;
}

gboolean
limber_history_record_resets (const LimberHistoryRecord *record)
{
  switch (record->kind)
    {
    case LIMBER_HISTORY_NATURAL:
      return TRUE;
    case LIMBER_HISTORY_DONE:
      return record->break_kind == LIMBER_KIND_MICRO_BREAK
             || record->break_kind == LIMBER_KIND_STRETCH;
    case LIMBER_HISTORY_SKIPPED:
    case LIMBER_HISTORY_CLOSED:
      return record->break_kind == LIMBER_KIND_MICRO_BREAK;
    default:
      return FALSE;
    }
}

gboolean
limber_history_record_taken (const LimberHistoryRecord *record)
{
  return record->kind == LIMBER_HISTORY_DONE
         && (record->break_kind == LIMBER_KIND_MICRO_BREAK
             || record->break_kind == LIMBER_KIND_STRETCH);
}

/* Bytes of UTF-8 that g_strescape() leaves as they are, so that a note
 * stays readable in the file. */
static const char *
non_ascii (void)
{
  static char bytes[129];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i < 128; i++)
        bytes[i] = (char) (0x80 + i);
      g_once_init_leave (&done, 1);
    }
  return bytes;
}

char *
limber_history_format (const LimberHistoryRecord *record)
{
  GString *line;

  g_return_val_if_fail (record->kind < G_N_ELEMENTS (kind_names), NULL);
  line = g_string_new (NULL);
  g_string_append_printf (line, "%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT,
                          record->time, kind_names[record->kind],
                          record->value);
  if (names_a_break (record->kind)
      && (record->break_kind != LIMBER_KIND_MICRO_BREAK
          || (record->kind == LIMBER_HISTORY_DONE
              && record->taken != LIMBER_TAKEN_DONE)))
    {
      g_string_append_printf (line, " %s",
                              limber_kind_to_string (record->break_kind));
      if (record->kind == LIMBER_HISTORY_DONE)
        g_string_append_printf (line, " %s",
                                limber_taken_to_string (record->taken));
    }
  if (record->kind == LIMBER_HISTORY_CHECKIN && record->note != NULL
      && record->note[0] != '\0')
    {
      g_autofree char *cut = g_utf8_make_valid (record->note, -1);
      g_autofree char *escaped = NULL;
      /* Whole characters, within the limit. */
      if (strlen (cut) > LIMBER_HISTORY_NOTE_MAX)
        *g_utf8_find_prev_char (cut, cut + LIMBER_HISTORY_NOTE_MAX + 1) = '\0';
      escaped = g_strescape (cut, non_ascii ());
      g_string_append_printf (line, " %s", escaped);
    }
  g_string_append_c (line, '\n');
  return g_string_free (line, FALSE);
}

static gboolean
parse_taken (const char *text, gsize length, LimberTaken *taken)
{
  static const LimberTaken all[]
      = { LIMBER_TAKEN_DONE, LIMBER_TAKEN_COMPLETED, LIMBER_TAKEN_STOPPED,
          LIMBER_TAKEN_WALKED_AWAY };

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char *name = limber_taken_to_string (all[i]);
      if (strlen (name) == length && memcmp (name, text, length) == 0)
        {
          *taken = all[i];
          return TRUE;
        }
    }
  return FALSE;
}

/* What follows the value: a break's kind (and how it was done), or a
 * check-in's note. */
static gboolean
parse_tail (const char *text, gsize length, LimberHistoryRecord *record)
{
  const char *space;
  g_autofree char *word = NULL;

  if (record->kind == LIMBER_HISTORY_CHECKIN)
    {
      g_autofree char *raw = NULL;
      g_autofree char *note = NULL;
      gsize slashes = 0;

      /* g_strcompress() complains of a backslash with nothing after it. */
      while (slashes < length && text[length - 1 - slashes] == '\\')
        slashes++;
      if (length == 0 || slashes % 2 == 1 || memchr (text, '\0', length))
        return FALSE;
      raw = g_strndup (text, length);
      note = g_strcompress (raw);
      return g_utf8_validate (note, -1, NULL);
    }
  if (!names_a_break (record->kind))
    return FALSE;
  space = memchr (text, ' ', length);
  word = g_strndup (text, space != NULL ? (gsize) (space - text) : length);
  if (!limber_kind_from_string (word, &record->break_kind))
    return FALSE;
  if (record->kind != LIMBER_HISTORY_DONE)
    return space == NULL;
  return space != NULL
         && parse_taken (space + 1, length - (gsize) (space + 1 - text),
                         &record->taken);
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
  const char *word, *second, *third, *end = line + length;
  gsize word_length;
  gboolean known = FALSE;

  *record = (LimberHistoryRecord){ 0 };
  if (first == NULL
      || !parse_number (line, (gsize) (first - line), MAX_TIME, &record->time)
      || record->time == 0)
    return LIMBER_HISTORY_LINE_DAMAGED;
  word = first + 1;
  second = memchr (word, ' ', (gsize) (end - word));
  word_length = (gsize) ((second != NULL ? second : end) - word);
  if (!is_kind_word (word, word_length))
    return LIMBER_HISTORY_LINE_DAMAGED;

  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (strlen (kind_names[i]) == word_length
        && memcmp (kind_names[i], word, word_length) == 0)
      {
        record->kind = (LimberHistoryKind) i;
        known = TRUE;
        break;
      }
  /* A kind we do not know, or one of ours in a form we do not: a newer
   * limber's, to be kept. */
  if (!known || second == NULL)
    return LIMBER_HISTORY_LINE_FOREIGN;
  third = memchr (second + 1, ' ', (gsize) (end - second - 1));
  if (!parse_number (second + 1,
                     (gsize) ((third != NULL ? third : end) - second - 1),
                     MAX_VALUE, &record->value)
      || (record->kind == LIMBER_HISTORY_CHECKIN
          && (record->value < 1 || record->value > 10)))
    return LIMBER_HISTORY_LINE_FOREIGN;
  if (third == NULL
      || parse_tail (third + 1, (gsize) (end - third - 1), record))
    return LIMBER_HISTORY_LINE_RECORD;
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
