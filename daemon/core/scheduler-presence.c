/* Away and back: idle, locked or asleep, and what time away counts as (a
 * natural break, or a break walked away from its pop-up). */
#include "scheduler-private.h"

/* Has the user been away long enough for it to count as a break? */
void
limber_scheduler_check_away (LimberScheduler *self, LimberStep *step,
                             LimberTime now)
{
  if (!is_away (self) || self->away_counted)
    return;

  if (self->phase == LIMBER_PHASE_ON_BREAK && self->unseen)
    {
      if (now - self->away_since >= self->timings.natural_break)
        {
          self->away_counted = TRUE;
          self->kind = LIMBER_KIND_MICRO_BREAK;
          limber_scheduler_end_break (self, step, LIMBER_OUTCOME_NATURAL);
          limber_scheduler_backdate (step, self->away_since);
          limber_scheduler_restart_interval (self, now);
        }
      return;
    }
  if (self->phase == LIMBER_PHASE_ON_BREAK)
    {
      LimberTime from = MAX (self->away_since, self->shown_at);
      /* Away from a posture check or a check-in is no break; away during
       * a guided routine is the routine being followed. */
      if (!is_break_kind (self->kind) || self->guided)
        return;
      if (now - from >= self->timings.break_length)
        {
          self->away_counted = TRUE;
          limber_scheduler_conclude (self, step, LIMBER_OUTCOME_DONE,
                                     LIMBER_TAKEN_WALKED_AWAY, now, 0);
          limber_scheduler_backdate (step, from);
        }
      return;
    }

  if (now - self->away_since >= self->timings.natural_break)
    {
      self->away_counted = TRUE;
      if (self->worked > 0 || self->snoozed || self->phase == LIMBER_PHASE_DUE)
        {
          limber_scheduler_record (self, step, LIMBER_ACTION_RECORD,
                                   LIMBER_OUTCOME_NATURAL);
          limber_scheduler_backdate (step, self->away_since);
        }
      limber_scheduler_restart_interval (self, now);
    }
}

void
limber_scheduler_become_away (LimberScheduler *self, LimberTime since)
{
  if (!is_away (self))
    {
      self->away_since = since;
      self->away_counted = FALSE;
    }
}

/* Clears the given kinds of absence; the user is back if none is left. */
void
limber_scheduler_clear_absence (LimberScheduler *self, LimberTime now,
                                gboolean idle, gboolean locked,
                                gboolean suspended)
{
  gboolean was_away = is_away (self);

  if (idle)
    self->idle = FALSE;
  if (locked)
    self->locked = FALSE;
  if (suspended)
    self->suspended = FALSE;
  if (was_away && !is_away (self))
    {
      self->present_since = now;
      self->away_counted = FALSE;
    }
}

void
limber_scheduler_on_user_idle (LimberScheduler *self, LimberTime now,
                               LimberTime since)
{
  if (self->idle)
    return;

  since = CLAMP (since, self->present_since, now);
  /* In a call, quiet hands are still work. */
  if (accrues (self) && !limber_holds_engaged (&self->holds))
    {
      /* The work counted since the input stopped was not work after all. */
      gint64 back = now - MAX (since, self->accruing_since);
      self->worked = MAX (0, self->worked - back);
    }
  limber_scheduler_become_away (self, since);
  self->idle = TRUE;
  self->idle_since = since;
}

/* The answer to QUERY_IDLE: it decides the lull (due) or the walk-away
 * (on screen), or when to ask again. It does not make the user idle: a
 * source that must be asked never says when input comes back. */
void
limber_scheduler_on_idle_time (LimberScheduler *self, LimberStep *step,
                               LimberTime now, LimberTime since)
{
  self->query_pending = FALSE;
  since = CLAMP (since, self->present_since, now);
  if (self->phase == LIMBER_PHASE_DUE)
    {
      if (now - since >= self->timings.lull && can_show (self))
        limber_scheduler_show_break (self, step, now);
      else
        self->query_at = since + self->timings.lull;
    }
  else if (self->phase == LIMBER_PHASE_ON_BREAK && self->unseen)
    {
      if (now - since >= self->timings.natural_break)
        {
          /* A natural break is the micro-break's: a stretch due stays
           * due. */
          self->kind = LIMBER_KIND_MICRO_BREAK;
          limber_scheduler_end_break (self, step, LIMBER_OUTCOME_NATURAL);
          limber_scheduler_backdate (step, since);
          limber_scheduler_restart_interval (self, now);
        }
      else
        self->query_at = since + self->timings.natural_break;
    }
  else if (self->phase == LIMBER_PHASE_ON_BREAK && is_break_kind (self->kind)
           && !self->guided)
    {
      LimberTime from = MAX (since, self->shown_at);
      if (now - from >= self->timings.break_length)
        {
          limber_scheduler_conclude (self, step, LIMBER_OUTCOME_DONE,
                                     LIMBER_TAKEN_WALKED_AWAY, now, 0);
          limber_scheduler_backdate (step, from);
        }
      else
        self->query_at = from + self->timings.break_length;
    }
}
