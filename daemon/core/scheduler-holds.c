/* What holds breaks back: the pause, and holds (a call, a lease) that
 * keep a due break off the screen until they end. */
#include "scheduler-private.h"

void
limber_scheduler_on_pause (LimberScheduler *self, LimberStep *step,
                           LimberTime now, gint64 duration)
{
  if (self->phase == LIMBER_PHASE_ON_BREAK)
    limber_scheduler_conclude (self, step, LIMBER_OUTCOME_PAUSED,
                               LIMBER_TAKEN_DONE, now, 0);
  if (self->phase != LIMBER_PHASE_PAUSED)
    self->paused_since = now;
  self->phase = LIMBER_PHASE_PAUSED;
  self->paused_until
      = duration > 0 ? add_saturating (now, duration) : LIMBER_TIME_NEVER;
}

/* A hold's coming or going may turn quiet hands into work, or back into
 * time away, from @now. */
static void
presence_changed (LimberScheduler *self, gboolean was_away, LimberTime now)
{
  if (!was_away && is_away (self))
    {
      self->away_since = now;
      self->away_counted = FALSE;
    }
  else if (was_away && !is_away (self))
    {
      self->present_since = now;
      self->away_counted = FALSE;
    }
}

void
limber_scheduler_on_hold_begin (LimberScheduler *self, LimberStep *step,
                                const LimberHold *hold, LimberTime now)
{
  LimberHold added = *hold;

  g_return_if_fail (hold->kind != LIMBER_HOLD_PAUSE);
  added.since = now;
  if (added.until <= 0)
    added.until = LIMBER_TIME_NEVER;
  /* Quiet hands turn into work: nothing to settle, the away time so far
   * was checked before this event. */
  if (!limber_holds_put (&self->holds, &added))
    return;
  /* A posture check or a check-in is simply gone: they come again by
   * their own schedule. */
  if (self->phase == LIMBER_PHASE_ON_BREAK
      && self->kind == LIMBER_KIND_POSTURE_CHECK)
    limber_scheduler_conclude (self, step, LIMBER_OUTCOME_DONE,
                               LIMBER_TAKEN_DONE, now, 0);
  else if (self->phase == LIMBER_PHASE_ON_BREAK
           && self->kind == LIMBER_KIND_CHECKIN)
    limber_scheduler_conclude (self, step, LIMBER_OUTCOME_EXPIRED,
                               LIMBER_TAKEN_DONE, now, 0);
  /* Off the screen (it may be shared); it comes back when the holds end. */
  if (self->phase == LIMBER_PHASE_ON_BREAK)
    {
      limber_scheduler_end_break (self, step, LIMBER_OUTCOME_DEFERRED);
      step->actions[step->n_actions - 1].repeated = self->deferred_counted;
      self->deferred_counted = TRUE;
      self->phase = LIMBER_PHASE_DUE;
      self->held_due_at = self->due_at;
    }
}

void
limber_scheduler_on_hold_end (LimberScheduler *self, guint32 id, LimberTime now)
{
  gboolean was_away = is_away (self);

  if (limber_holds_remove (&self->holds, id))
    presence_changed (self, was_away, now);
}

/* Holds whose deadline has come end, each told to the shell. */
void
limber_scheduler_expire_holds (LimberScheduler *self, LimberStep *step,
                               LimberTime now)
{
  gboolean was_away = is_away (self);
  guint32 id;

  /* Room is kept for the break's own actions; more expire at the next
   * wake-up, which is then at once. */
  while (step->n_actions + 4 < LIMBER_MAX_ACTIONS
         && limber_holds_pop_expired (&self->holds, now, &id))
    {
      limber_scheduler_record (self, step, LIMBER_ACTION_HOLD_EXPIRED,
                               LIMBER_OUTCOME_DONE);
      step->actions[step->n_actions - 1].hold_id = id;
    }
  presence_changed (self, was_away, now);
}

void
limber_scheduler_end_pause (LimberScheduler *self)
{
  if (self->phase != LIMBER_PHASE_PAUSED)
    return;
  self->phase = LIMBER_PHASE_WORKING;
  self->paused_until = 0;
}
