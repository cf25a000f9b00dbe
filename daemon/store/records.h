/* limberd's record-keeping, in one place: what goes into the history as
 * breaks end and pauses begin, today's counts, and when the state is saved.
 *
 * The save policy: a change a client asked for is on disk before it hears
 * back (limber_records_when_saved()); any other change that matters is
 * written at the next flush (storage.c); the work counter alone, which
 * grows with no event to save it, is saved every half natural-break (at
 * most 5 min) while work is counted, and as limberd stops. Nothing wakes
 * limberd for it while nobody works. */
#pragma once

#include "day-counts.h"
#include "scheduler.h"
#include "state-file.h"
#include "storage.h"

typedef struct _LimberRecords LimberRecords;

typedef struct
{
  /* What went wrong saving changed (limber_records_get_error()). */
  void (*error_changed) (gpointer user_data);
  /* The work counter is due to be saved: bring the scheduler up to date,
   * then call limber_records_save_now(). */
  void (*save_due) (gpointer user_data);
  gpointer user_data;
} LimberRecordsListener;

/* Keeps the records in @dir ($XDG_STATE_HOME/limber). */
LimberRecords *limber_records_new (const char *dir,
                                   const LimberRecordsListener *listener);
void limber_records_free (LimberRecords *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberRecords, limber_records_free)

/* The state saved by the last limberd, if there is one to carry on from. */
gboolean limber_records_load_state (LimberRecords *self,
                                    LimberStateRecord *record);

/* @shown (a SHOW_BREAK) went up at @wall (µs since the epoch). */
void limber_records_break_shown (LimberRecords *self, const LimberAction *shown,
                                 gint64 wall);
/* A break ended (END_BREAK or RECORD @action: its outcome, kind, how it
 * was taken, the work before it); it happened at @at_wall, which may be
 * well before now (a break noticed after a night away belongs to the
 * evening before: the history alone has it then). */
void limber_records_outcome (LimberRecords *self, const LimberAction *action,
                             gint64 at_wall);

/* A weekly check-in: @rating (1 to 10) and @note (or NULL), now. */
void limber_records_checkin (LimberRecords *self, guint rating,
                             const char *note);

/* The check-in ratings of the last @days days, oldest first
 * (LimberRating), and *@advised_at: when the two-week advice was last
 * given (0: never); *@completed: whether a guided routine was ever
 * completed. NULL when the history cannot be read. */
GArray *limber_records_ratings (LimberRecords *self, guint days,
                                gint64 *advised_at, gboolean *completed);
/* Whether the person has followed a guided routine before (completed or
 * stopped it), as the history shows. */
gboolean limber_records_guided_before (LimberRecords *self);

/* The local time zone changed: the days (and today) are counted again in
 * the new one. */
void limber_records_zone_changed (LimberRecords *self);

/* The two-week advice was given now. */
void limber_records_advised (LimberRecords *self);

/* When the last break of @kind ended (taken, skipped or closed) or the
 * last check-in was given, in seconds since the epoch; 0 never (within
 * the history). */
gint64 limber_records_last_ended (LimberRecords *self, LimberBreakKind kind);

/* The scheduler's state after an event that found it in @before; a pause
 * starting or ending goes into the history. Saved @at_once as limberd
 * stops, else by the policy above. */
void limber_records_keep_state (LimberRecords *self,
                                const LimberScheduler *scheduler,
                                LimberPhase before, LimberTime now,
                                gboolean at_once);
/* Whether the work counter grows, and the natural break it is saved by. */
void limber_records_follow_work (LimberRecords *self, gboolean accruing,
                                 gint64 natural_break);
/* Writes the state now, with the scheduler as it stands. */
void limber_records_save_now (LimberRecords *self,
                              const LimberScheduler *scheduler, LimberTime now);

/* Calls @func once what is pending is on disk (at once if nothing is). */
void limber_records_when_saved (LimberRecords *self, LimberSavedFunc func,
                                gpointer user_data);

/* Today's counts, as of @now_wall. */
LimberDayCounts limber_records_today (LimberRecords *self, gint64 now_wall);

/* LimberDayStats for the last @days days, oldest first, @stretch seconds of
 * work since the last break counting for today; *@streak: working days in a
 * row with every break taken; *@bad_lines (may be NULL): damaged history
 * lines skipped, told once (they are compacted away as limberd starts).
 * NULL when the history cannot be read. */
GArray *limber_records_stats (LimberRecords *self, guint days, gint64 stretch,
                              guint *streak, guint *bad_lines);

/* What went wrong the last time something was saved; "" when nothing. */
const char *limber_records_get_error (LimberRecords *self);
