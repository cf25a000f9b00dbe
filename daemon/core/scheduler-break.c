/* A break's course, in the steps every part of the scheduler takes: a
 * break begun and shown, ended, concluded as its kind wants, and the new
 * work interval that a break had starts. */
#include "scheduler-private.h"

void
limber_scheduler_push (const LimberScheduler *self, LimberStep *step,
                       LimberActionType type, LimberUrgency urgency,
                       LimberOutcome outcome)
{
  g_assert (step->n_actions < LIMBER_MAX_ACTIONS);
  step->actions[step->n_actions++] = (LimberAction){ .type = type,
                                                     .urgency = urgency,
                                                     .outcome = outcome,
                                                     .kind = self->kind,
                                                     .worked = self->worked,
                                                     .at = self->settled_at };
}

void
limber_scheduler_record (const LimberScheduler *self, LimberStep *step,
                         LimberActionType type, LimberOutcome outcome)
{
  limber_scheduler_push (self, step, type, LIMBER_URGENCY_NORMAL, outcome);
}

/* The last action, as having happened at @at. */
void
limber_scheduler_backdate (LimberStep *step, LimberTime at)
{
  step->actions[step->n_actions - 1].at = at;
}

/* A break was had, one way or another: start a new work interval. */
void
limber_scheduler_restart_interval (LimberScheduler *self, LimberTime now)
{
  self->worked = 0;
  self->posture_at = first_posture (self);
  self->held_due_at = LIMBER_TIME_NEVER;
  self->deferred_counted = FALSE;
  self->window_start = self->timings.interval_min;
  self->window_end = self->timings.interval_max;
  self->snoozed = FALSE;
  self->urgency = LIMBER_URGENCY_NORMAL;
  self->accruing_since = now;
  if (self->phase != LIMBER_PHASE_PAUSED)
    self->phase = LIMBER_PHASE_WORKING;
}

void
limber_scheduler_end_break (LimberScheduler *self, LimberStep *step,
                            LimberOutcome outcome)
{
  g_assert (self->phase == LIMBER_PHASE_ON_BREAK);
  limber_scheduler_record (self, step, LIMBER_ACTION_END_BREAK, outcome);
  self->phase = LIMBER_PHASE_WORKING;
  self->closed = FALSE;
  self->guided = FALSE;
}

/* Ends the break on screen with @outcome (@taken: how, for DONE), and
 * does what that means for its kind: a break taken or skipped starts a new
 * interval; a stretch or check-in answered is done with until the next
 * one; one snoozed (or taken down by the server) waits a snooze. Other
 * kinds keep away for a moment after any pop-up. */
void
limber_scheduler_conclude (LimberScheduler *self, LimberStep *step,
                           LimberOutcome outcome, LimberTaken taken,
                           LimberTime now, gint64 hold)
{
  LimberBreakKind kind = self->kind;
  gboolean settled = outcome == LIMBER_OUTCOME_DONE
                     || outcome == LIMBER_OUTCOME_SKIPPED
                     || outcome == LIMBER_OUTCOME_CLOSED;

  limber_scheduler_end_break (self, step, outcome);
  step->actions[step->n_actions - 1].taken = taken;
  self->quiet_until = add_saturating (now, self->timings.spacing);
  self->kind = LIMBER_KIND_MICRO_BREAK;
  switch (kind)
    {
    case LIMBER_KIND_MICRO_BREAK:
      if (settled)
        limber_scheduler_restart_interval (self, now);
      break;
    case LIMBER_KIND_STRETCH:
      if (settled)
        self->stretch_due = FALSE;
      if (outcome == LIMBER_OUTCOME_DONE)
        limber_scheduler_restart_interval (self, now);
      break;
    case LIMBER_KIND_CHECKIN:
      if (settled)
        self->checkin_due = FALSE;
      break;
    case LIMBER_KIND_POSTURE_CHECK:
    case LIMBER_N_KINDS:
      break;
    }
  if (outcome == LIMBER_OUTCOME_SNOOZED || outcome == LIMBER_OUTCOME_EXPIRED)
    self->held_until
        = add_saturating (now, hold > 0 ? hold : self->timings.snooze);
}

LimberUrgency
limber_scheduler_urgency_of (const LimberScheduler *self)
{
  switch (self->kind)
    {
    case LIMBER_KIND_MICRO_BREAK:
      return self->worked >= self->window_end ? LIMBER_URGENCY_CRITICAL
                                              : LIMBER_URGENCY_NORMAL;
    case LIMBER_KIND_POSTURE_CHECK:
    case LIMBER_KIND_CHECKIN:
      return LIMBER_URGENCY_LOW;
    case LIMBER_KIND_STRETCH:
    case LIMBER_N_KINDS:
    default:
      return LIMBER_URGENCY_NORMAL;
    }
}

/* The break is there from now on; limber_scheduler_show_break() puts it on
 * screen. */
void
limber_scheduler_start_break (LimberScheduler *self, LimberTime now)
{
  if (self->phase != LIMBER_PHASE_DUE)
    self->due_at = now;
  /* A stretch session that is due takes the micro-break's place. */
  if (self->kind == LIMBER_KIND_MICRO_BREAK && self->stretch_due
      && now >= self->held_until)
    self->kind = LIMBER_KIND_STRETCH;
  if (self->kind == LIMBER_KIND_POSTURE_CHECK)
    self->posture_at
        = add_saturating (self->worked, self->timings.posture_check > 0
                                            ? self->timings.posture_check
                                            : LIMBER_TIME_NEVER);
  self->phase = LIMBER_PHASE_ON_BREAK;
  self->urgency = limber_scheduler_urgency_of (self);
  self->shown_at = now;
  self->guided = FALSE;
  self->snoozed = FALSE;
  self->closed = FALSE;
  self->held_due_at = LIMBER_TIME_NEVER;
  self->unseen = FALSE;
  /* Walking away from this pop-up is measured from now on; a source that
   * must be asked is asked once the break could be over. */
  self->away_counted = FALSE;
  if (self->lulls == LIMBER_LULLS_QUERIED)
    self->query_at = now + self->timings.break_length;
}

void
limber_scheduler_show_break (LimberScheduler *self, LimberStep *step,
                             LimberTime now)
{
  limber_scheduler_start_break (self, now);
  limber_scheduler_push (self, step, LIMBER_ACTION_SHOW_BREAK, self->urgency,
                         LIMBER_OUTCOME_DONE);
}

/* The break held back, offered once the holds are over: once, marked
 * deferred, as a fresh offer (normal urgency, with a window's grace before
 * it turns urgent) rather than an overdue one. */
void
limber_scheduler_show_deferred (LimberScheduler *self, LimberStep *step,
                                LimberTime now)
{
  LimberTime due = self->held_due_at;
  gint64 grace = self->timings.interval_max - self->timings.interval_min;

  self->window_end
      = MAX (self->window_end, add_saturating (self->worked, grace));
  limber_scheduler_show_break (self, step, now);
  step->actions[step->n_actions - 1].deferred = TRUE;
  step->actions[step->n_actions - 1].at = due;
}
