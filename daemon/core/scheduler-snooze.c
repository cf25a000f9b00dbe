/* Snoozes: how far a break moves, and how far stacked snoozes may put
 * it. */
#include "scheduler-private.h"

/* Where a snooze counts from: a break that is there (even one asked for
 * before it was due) comes back after the snooze's worth of work; one
 * ahead moves that much later. */
static gint64
snooze_from (const LimberScheduler *self, gint64 worked)
{
  return self->phase == LIMBER_PHASE_ON_BREAK || self->phase == LIMBER_PHASE_DUE
             ? worked
             : MAX (self->window_start, worked);
}

/* How far stacked snoozes may put the break, in work time. */
static gint64
snooze_limit (const LimberScheduler *self, gint64 worked)
{
  return add_saturating (add_saturating (worked, self->timings.interval_max),
                         LIMBER_SNOOZE_AHEAD_MAX);
}

gint64
limber_scheduler_snooze_room (const LimberScheduler *self, LimberTime now)
{
  gint64 worked = limber_scheduler_get_worked (self, now);

  return MAX (0, snooze_limit (self, worked) - snooze_from (self, worked));
}

/* Moves the break @duration of work later (the configured snooze for 0).
 * A break on screen ends with @outcome; one due is recorded as snoozed; one
 * still ahead just moves. */
void
limber_scheduler_postpone (LimberScheduler *self, LimberStep *step,
                           LimberTime now, gint64 duration,
                           LimberOutcome outcome)
{
  gint64 start;

  /* Any other kind waits @duration of time; the micro-break's window does
   * not move for it. */
  if (self->phase == LIMBER_PHASE_ON_BREAK
      && self->kind != LIMBER_KIND_MICRO_BREAK)
    {
      limber_scheduler_conclude (self, step, outcome, LIMBER_TAKEN_DONE, now,
                                 duration);
      return;
    }
  gint64 from = snooze_from (self, self->worked);

  if (duration <= 0)
    duration = self->timings.snooze;
  self->held_due_at = LIMBER_TIME_NEVER;
  self->deferred_counted = FALSE;
  if (self->phase == LIMBER_PHASE_ON_BREAK)
    limber_scheduler_conclude (self, step, outcome, LIMBER_TAKEN_DONE, now,
                               duration);
  else if (self->phase == LIMBER_PHASE_DUE)
    {
      limber_scheduler_record (self, step, LIMBER_ACTION_RECORD, outcome);
      self->phase = LIMBER_PHASE_WORKING;
    }

  /* An overdue break stays overdue; stacked snoozes stop a day ahead. */
  start = MIN (add_saturating (from, duration),
               snooze_limit (self, self->worked));
  self->window_start = start;
  self->window_end = MAX (self->window_end, start);
  self->snoozed = TRUE;
}
