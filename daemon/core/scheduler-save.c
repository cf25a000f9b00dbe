/* What of the scheduler outlives limberd: saved to the state file, and
 * carried on from it at the next start. */
#include "scheduler-private.h"

void
limber_scheduler_save (const LimberScheduler *self, LimberTime now,
                       LimberSavedState *saved)
{
  *saved = (LimberSavedState){
    .worked = limber_scheduler_get_worked (self, now),
    .accruing = accrues (self),
    .window_start = self->window_start,
    .window_end = self->window_end,
    .snoozed = self->snoozed,
    /* Only a micro-break is put back on screen: the other kinds come back
     * by their own schedule. */
    .phase = self->phase == LIMBER_PHASE_ON_BREAK
                     && self->kind != LIMBER_KIND_MICRO_BREAK
                 ? LIMBER_PHASE_WORKING
                 : self->phase,
    .closed = self->phase == LIMBER_PHASE_ON_BREAK
              && self->kind == LIMBER_KIND_MICRO_BREAK && self->closed,
    .closed_worked = self->phase == LIMBER_PHASE_ON_BREAK
                             && self->kind == LIMBER_KIND_MICRO_BREAK
                             && self->closed
                         ? self->closed_worked
                         : 0,
    .pause_left = self->phase != LIMBER_PHASE_PAUSED ? 0
                  : self->paused_until == LIMBER_TIME_NEVER
                      ? -1
                      : MAX (1, self->paused_until - now),
  };
}

LimberStep
limber_scheduler_restore (LimberScheduler *self, const LimberSavedState *saved,
                          gint64 gap, LimberTime now)
{
  LimberStep step = { 0 };
  gint64 worked = MAX (0, saved->worked);

  gap = MAX (0, gap);
  self->paused_since = now;
  if (saved->pause_left < 0)
    {
      self->phase = LIMBER_PHASE_PAUSED;
      self->paused_until = LIMBER_TIME_NEVER;
    }
  else if (saved->pause_left > gap)
    {
      self->phase = LIMBER_PHASE_PAUSED;
      self->paused_until = add_saturating (now, saved->pause_left - gap);
    }

  if (gap >= self->timings.natural_break)
    {
      if (worked > 0 || saved->phase == LIMBER_PHASE_DUE
          || saved->phase == LIMBER_PHASE_ON_BREAK)
        {
          self->worked = worked;
          limber_scheduler_record (self, &step, LIMBER_ACTION_RECORD,
                                   LIMBER_OUTCOME_NATURAL);
          /* Work stopped when the state was saved, at the latest. */
          limber_scheduler_backdate (&step, now - gap);
        }
      limber_scheduler_restart_interval (self, now);
    }
  else
    {
      self->worked = add_saturating (worked, saved->accruing ? gap : 0);
      if (saved->snoozed)
        {
          self->snoozed = TRUE;
          self->window_start = MAX (0, saved->window_start);
          self->window_end = MAX (self->window_start, saved->window_end);
        }
      if (saved->phase == LIMBER_PHASE_ON_BREAK
          && self->phase != LIMBER_PHASE_PAUSED && saved->closed)
        {
          /* Seen and closed: not shown again, and still a break to step
           * away for. */
          limber_scheduler_start_break (self, now);
          self->closed = TRUE;
          self->closed_worked = CLAMP (saved->closed_worked, 0, self->worked);
        }
      else if (saved->phase == LIMBER_PHASE_ON_BREAK
               && self->phase != LIMBER_PHASE_PAUSED)
        limber_scheduler_show_break (self, &step, now);
    }

  self->settled_at = self->accruing_since = self->present_since = now;
  limber_scheduler_advance_break (self, &step, now);
  step.next_wakeup = limber_scheduler_next_wakeup (self, now);
  return step;
}
