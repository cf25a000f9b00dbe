/* The break history: one line per event in $XDG_STATE_HOME/limber/history,
 * appended as it happens, read back for limberctl stats. This file is the
 * format (pure, and fuzzed); history-file.c does the I/O. */
#pragma once

#include <glib.h>

#include "scheduler.h"

typedef enum
{
  LIMBER_HISTORY_SHOWN,    /* value: 0 normal, 1 critical */
  LIMBER_HISTORY_DONE,     /* value: seconds of work before the break */
  LIMBER_HISTORY_SNOOZED,  /* value: seconds of work so far */
  LIMBER_HISTORY_SKIPPED,  /* value: seconds of work before it */
  LIMBER_HISTORY_NATURAL,  /* value: seconds of work before it */
  LIMBER_HISTORY_EXPIRED,  /* value: seconds of work so far */
  LIMBER_HISTORY_PAUSED,   /* value: seconds; 0 until resumed */
  LIMBER_HISTORY_RESUMED,  /* value: 0 */
  LIMBER_HISTORY_CLOSED,   /* value: seconds of work before it: the pop-up
                            * was closed and work went on */
  LIMBER_HISTORY_DEFERRED, /* value: seconds of work so far: a break held
                            * back (a call, a lease), offered later */
  LIMBER_HISTORY_CHECKIN,  /* value: the rating, 1 to 10; then the note */
  LIMBER_HISTORY_ADVISED,  /* value: 0; the two-week advice was given */
} LimberHistoryKind;

/* The longest note a check-in keeps, in bytes. */
#define LIMBER_HISTORY_NOTE_MAX 200

/* A line: "TIME KIND VALUE", then for a break other than a micro-break its
 * kind, and for one done how ("1795622162 done 1800 stretch completed");
 * for a check-in the note, escaped. */
typedef struct
{
  gint64 time; /* seconds since the epoch */
  LimberHistoryKind kind;
  gint64 value;
  LimberBreakKind break_kind; /* SHOWN to CLOSED: which break */
  LimberTaken taken;          /* DONE: how */
  /* CHECKIN: the person's note, or NULL. Written, never read back: the
   * history keeps it for the person; a parsed record has NULL. */
  const char *note;
} LimberHistoryRecord;

/* Whether @record ends a stretch of work (the counter starts over). */
gboolean limber_history_record_resets (const LimberHistoryRecord *record);

/* Whether @record counts as a break taken. */
gboolean limber_history_record_taken (const LimberHistoryRecord *record);

/* "1795622162 done 1800\n" */
char *limber_history_format (const LimberHistoryRecord *record);

typedef enum
{
  LIMBER_HISTORY_LINE_RECORD,  /* one of ours, in *record */
  LIMBER_HISTORY_LINE_FOREIGN, /* "TIME WORD …" of a kind or form this limber
                                * does not know (a newer one may have
                                * written it): kept as it is, dated by
                                * record->time */
  LIMBER_HISTORY_LINE_DAMAGED, /* anything else */
} LimberHistoryLine;

/* One line, without its newline. */
LimberHistoryLine limber_history_parse_line (const char *line, gsize length,
                                             LimberHistoryRecord *record);

/* The records in @data, in order. Lines that do not parse (a torn last line
 * after a crash, damage) are skipped and counted in *@bad_lines; foreign
 * lines are skipped and not counted. */
GArray *limber_history_parse (const char *data, gsize length, guint *bad_lines);

/* Days (since the epoch, in UTC) before which records may be dropped,
 * given the distinct days that have records (@days, sorted, ascending) and
 * today's: 400 days back from today or from the newest day that another
 * day 1 to 30 days before it confirms, whichever is earlier. A clock that
 * was set far ahead for a while leaves a lone day there, which confirms
 * nothing, so it cannot make the rest of the history look old. G_MININT64
 * when nothing is confirmed (nothing may be dropped). */
gint64 limber_history_horizon (const gint64 *days, gsize n_days, gint64 today);
