/* The scheduler's pump: an event applied, the break moved along its
 * course, and the next wake-up asked for. The parts it draws on are the
 * scheduler-*.c files (scheduler-private.h); the API is scheduler.h. */
#include "scheduler-private.h"

static gboolean
in_lull (const LimberScheduler *self, LimberTime now)
{
  return self->idle && can_show (self)
         && now - self->idle_since >= self->timings.lull;
}

static void
settle (LimberScheduler *self, LimberTime now)
{
  if (accrues (self))
    self->worked += now - self->settled_at;
  self->settled_at = now;
}

static void
on_config_changed (LimberScheduler *self, const LimberTimings *timings)
{
  if (timings->posture_check != self->timings.posture_check)
    self->posture_at
        = timings->posture_check > 0
              ? MAX (timings->posture_check / 2,
                     add_saturating (self->worked, timings->posture_check / 2))
              : G_MAXINT64;
  self->timings = *timings;
  if (self->snoozed)
    self->window_end = MAX (timings->interval_max, self->window_start);
  else
    {
      self->window_start = timings->interval_min;
      self->window_end = timings->interval_max;
    }
  /* A due break the new settings no longer call for goes back to waiting. */
  if (self->phase == LIMBER_PHASE_DUE && self->worked < self->window_start)
    {
      self->phase = LIMBER_PHASE_WORKING;
      self->held_due_at = LIMBER_TIME_NEVER;
    }
}

static void
apply (LimberScheduler *self, LimberStep *step, const LimberEvent *event,
       LimberTime now)
{
  switch (event->type)
    {
    case LIMBER_EVENT_TICK:
      break;
    case LIMBER_EVENT_USER_ACTIVE:
      limber_scheduler_clear_absence (self, now, TRUE, FALSE, FALSE);
      break;
    case LIMBER_EVENT_USER_IDLE:
      limber_scheduler_on_user_idle (self, now, event->since);
      break;
    case LIMBER_EVENT_IDLE_TIME:
      limber_scheduler_on_idle_time (self, step, now, event->since);
      break;
    case LIMBER_EVENT_LOCKED:
      limber_scheduler_become_away (self, now);
      self->locked = TRUE;
      break;
    case LIMBER_EVENT_UNLOCKED:
      /* Unlocking takes input: the user is back. */
      limber_scheduler_clear_absence (self, now, TRUE, TRUE, FALSE);
      break;
    case LIMBER_EVENT_SUSPEND:
      limber_scheduler_become_away (self, now);
      self->suspended = TRUE;
      break;
    case LIMBER_EVENT_RESUME:
      limber_scheduler_clear_absence (self, now, TRUE, FALSE, TRUE);
      break;
    case LIMBER_EVENT_SNOOZE:
      limber_scheduler_postpone (self, step, now, event->duration,
                                 LIMBER_OUTCOME_SNOOZED);
      break;
    case LIMBER_EVENT_SKIP:
      /* Only a break that is there: a skip of nothing is no skip. */
      if (!limber_scheduler_has_break (self))
        break;
      if (self->phase == LIMBER_PHASE_ON_BREAK)
        limber_scheduler_conclude (self, step, LIMBER_OUTCOME_SKIPPED,
                                   LIMBER_TAKEN_DONE, now, 0);
      else
        {
          limber_scheduler_record (self, step, LIMBER_ACTION_RECORD,
                                   LIMBER_OUTCOME_SKIPPED);
          limber_scheduler_restart_interval (self, now);
        }
      break;
    case LIMBER_EVENT_PAUSE:
      limber_scheduler_on_pause (self, step, now, event->duration);
      break;
    case LIMBER_EVENT_RESUME_REMINDERS:
      limber_scheduler_end_pause (self);
      break;
    case LIMBER_EVENT_BREAK_NOW:
      limber_scheduler_end_pause (self);
      if (self->phase != LIMBER_PHASE_ON_BREAK && event->kind < LIMBER_N_KINDS)
        {
          self->kind = event->kind;
          limber_scheduler_show_break (self, step, now);
          /* Asked for by name: not turned into a stretch. */
          self->kind = event->kind;
          self->urgency = limber_scheduler_urgency_of (self);
          step->actions[step->n_actions - 1].kind = self->kind;
          step->actions[step->n_actions - 1].urgency = self->urgency;
        }
      break;
    case LIMBER_EVENT_BREAK_DONE:
      if (self->phase == LIMBER_PHASE_ON_BREAK)
        limber_scheduler_conclude (self, step, LIMBER_OUTCOME_DONE,
                                   event->taken, now, 0);
      break;
    case LIMBER_EVENT_BREAK_CLOSED:
      if (self->phase != LIMBER_PHASE_ON_BREAK || self->guided)
        break;
      /* A posture check closed was seen; a check-in closed is declined. */
      if (self->kind == LIMBER_KIND_POSTURE_CHECK)
        limber_scheduler_conclude (self, step, LIMBER_OUTCOME_DONE,
                                   LIMBER_TAKEN_DONE, now, 0);
      else if (self->kind == LIMBER_KIND_CHECKIN)
        limber_scheduler_conclude (self, step, LIMBER_OUTCOME_CLOSED,
                                   LIMBER_TAKEN_DONE, now, 0);
      /* Seen, not skipped: the break may still be taken away from the
       * keyboard; it ends as closed once work carries on instead. */
      else if (!self->closed)
        {
          self->closed = TRUE;
          self->closed_worked = self->worked;
        }
      break;
    case LIMBER_EVENT_BREAK_EXPIRED:
      /* A guided routine puts its pop-up back itself. */
      if (self->phase != LIMBER_PHASE_ON_BREAK || self->guided)
        break;
      /* Nothing on screen any more: come back later rather than never (or
       * at once, and again, with a server that enforces short timeouts). A
       * posture check is a glance: one the server took down was seen. */
      if (self->kind == LIMBER_KIND_POSTURE_CHECK)
        limber_scheduler_conclude (self, step, LIMBER_OUTCOME_DONE,
                                   LIMBER_TAKEN_DONE, now, 0);
      else
        limber_scheduler_postpone (self, step, now, 0, LIMBER_OUTCOME_EXPIRED);
      break;
    case LIMBER_EVENT_GUIDE_START:
      if (self->phase == LIMBER_PHASE_ON_BREAK
          && self->kind != LIMBER_KIND_CHECKIN)
        {
          self->guided = TRUE;
          self->closed = FALSE;
        }
      break;
    case LIMBER_EVENT_DEADLINES:
      if (event->stretch_at == LIMBER_TIME_NEVER)
        self->stretch_due = FALSE;
      if (event->checkin_at == LIMBER_TIME_NEVER)
        self->checkin_due = FALSE;
      /* One that is due already stays due until offered. */
      self->stretch_at
          = self->stretch_due ? LIMBER_TIME_NEVER : event->stretch_at;
      self->checkin_at
          = self->checkin_due ? LIMBER_TIME_NEVER : event->checkin_at;
      break;
    case LIMBER_EVENT_POPUP_UNSHOWN:
      if (self->phase == LIMBER_PHASE_ON_BREAK)
        self->unseen = TRUE;
      break;
    case LIMBER_EVENT_POPUP_SHOWN:
      /* Stepping away counts from when it could be seen. */
      if (self->phase == LIMBER_PHASE_ON_BREAK && self->unseen)
        {
          self->unseen = FALSE;
          self->shown_at = now;
          self->away_counted = FALSE;
        }
      break;
    case LIMBER_EVENT_CONFIG_CHANGED:
      g_return_if_fail (event->timings != NULL);
      on_config_changed (self, event->timings);
      break;
    case LIMBER_EVENT_SOURCE_CHANGED:
      /* What the old source said about presence no longer holds. */
      self->lulls = event->lulls;
      /* A source that must be asked is asked at once about a break due or
       * on screen already (limber_scheduler_advance_break drops the question
       * otherwise). */
      self->query_at = now;
      self->query_pending = FALSE;
      limber_scheduler_clear_absence (self, now, TRUE, TRUE, TRUE);
      break;
    case LIMBER_EVENT_HOLD_BEGIN:
      limber_scheduler_on_hold_begin (self, step, &event->hold, now);
      break;
    case LIMBER_EVENT_HOLD_END:
      limber_scheduler_on_hold_end (self, event->hold.id, now);
      break;
    }
}

/* Move the break along its course: due, shown, escalated. */
void
limber_scheduler_advance_break (LimberScheduler *self, LimberStep *step,
                                LimberTime now)
{
  if (self->phase == LIMBER_PHASE_PAUSED && now >= self->paused_until)
    limber_scheduler_end_pause (self);
  limber_scheduler_expire_holds (self, step, now);
  limber_scheduler_check_away (self, step, now);
  if (self->phase == LIMBER_PHASE_PAUSED)
    {
      limber_scheduler_offer_other_kinds (self, step, now);
      return;
    }

  /* A posture check is a glance: gone after break-length. It and a
   * check-in make way for a micro-break that comes due. */
  if (self->phase == LIMBER_PHASE_ON_BREAK
      && self->kind == LIMBER_KIND_POSTURE_CHECK && !self->guided
      && (now - self->shown_at >= self->timings.break_length
          || self->worked >= self->window_start))
    limber_scheduler_conclude (self, step, LIMBER_OUTCOME_DONE,
                               LIMBER_TAKEN_DONE, now, 0);
  if (self->phase == LIMBER_PHASE_ON_BREAK && self->kind == LIMBER_KIND_CHECKIN
      && self->worked >= self->window_start)
    limber_scheduler_conclude (self, step, LIMBER_OUTCOME_EXPIRED,
                               LIMBER_TAKEN_DONE, now, 0);

  if (self->phase == LIMBER_PHASE_WORKING && self->worked >= self->window_start)
    {
      self->phase = LIMBER_PHASE_DUE;
      self->due_at = now;
      self->query_at = now;
    }

  if (self->phase == LIMBER_PHASE_DUE)
    {
      if (self->worked < self->window_start)
        {
          self->phase = LIMBER_PHASE_WORKING;
          self->held_due_at = LIMBER_TIME_NEVER;
        }
      else if (held (self))
        {
          /* Written down once, as it is held back. */
          if (self->held_due_at == LIMBER_TIME_NEVER)
            {
              self->held_due_at = self->due_at;
              if (!self->deferred_counted)
                limber_scheduler_record (self, step, LIMBER_ACTION_RECORD,
                                         LIMBER_OUTCOME_DEFERRED);
              self->deferred_counted = TRUE;
            }
        }
      else if (self->held_due_at != LIMBER_TIME_NEVER)
        {
          if (can_show (self))
            limber_scheduler_show_deferred (self, step, now);
        }
      else if (can_show (self)
               && (self->worked >= self->window_end
                   || self->lulls == LIMBER_LULLS_UNSEEN
                   || in_lull (self, now)))
        limber_scheduler_show_break (self, step, now);
    }

  if (self->phase == LIMBER_PHASE_ON_BREAK && self->closed
      && self->worked
             >= add_saturating (self->closed_worked, self->timings.snooze))
    limber_scheduler_conclude (self, step, LIMBER_OUTCOME_CLOSED,
                               LIMBER_TAKEN_DONE, now, 0);

  limber_scheduler_offer_other_kinds (self, step, now);

  /* A pop-up the user closed is not put back, critical or not; nor is a
   * routine being followed interrupted. */
  if (self->phase == LIMBER_PHASE_ON_BREAK && !self->closed && !self->guided
      && self->kind == LIMBER_KIND_MICRO_BREAK
      && self->urgency == LIMBER_URGENCY_NORMAL
      && self->worked >= self->window_end)
    {
      self->urgency = LIMBER_URGENCY_CRITICAL;
      limber_scheduler_push (self, step, LIMBER_ACTION_ESCALATE,
                             LIMBER_URGENCY_CRITICAL, LIMBER_OUTCOME_DONE);
    }

  /* Asking the source: only while a break is due (and not held back) or
   * on screen. */
  if (self->lulls != LIMBER_LULLS_QUERIED
      || (self->phase != LIMBER_PHASE_DUE
          && self->phase != LIMBER_PHASE_ON_BREAK)
      || (self->phase == LIMBER_PHASE_DUE && held (self)))
    self->query_at = LIMBER_TIME_NEVER;
  else if (!self->query_pending && self->query_at <= now)
    {
      self->query_pending = TRUE;
      self->query_at = LIMBER_TIME_NEVER;
      limber_scheduler_record (self, step, LIMBER_ACTION_QUERY_IDLE,
                               LIMBER_OUTCOME_DONE);
    }
}

LimberTime
limber_scheduler_next_wakeup (const LimberScheduler *self, LimberTime now)
{
  LimberTime wake = LIMBER_TIME_NEVER;

  if (self->phase == LIMBER_PHASE_PAUSED)
    wake = self->paused_until;

  /* Nothing runs while suspended; resuming is an event of its own. */
  if (is_away (self) && !self->suspended && !self->away_counted)
    {
      if (self->phase == LIMBER_PHASE_ON_BREAK && !self->unseen)
        {
          if (is_break_kind (self->kind) && !self->guided)
            wake = MIN (wake, MAX (self->away_since, self->shown_at)
                                  + self->timings.break_length);
        }
      else
        wake = MIN (wake, self->away_since + self->timings.natural_break);
    }

  wake = MIN (wake, limber_holds_next_expiry (&self->holds));

  if (self->phase == LIMBER_PHASE_DUE && !held (self)
      && self->lulls == LIMBER_LULLS_PUSHED && self->idle && can_show (self))
    wake = MIN (wake, self->idle_since + self->timings.lull);

  if (!self->query_pending)
    wake = MIN (wake, self->query_at);

  /* The times of day; then, for what is due and waits only for a quiet
   * moment or a snooze to end, that moment. */
  wake = MIN (wake, MIN (self->stretch_at, self->checkin_at));
  if (self->phase == LIMBER_PHASE_WORKING && !self->snoozed && !held (self)
      && !is_away (self) && can_show (self)
      && (self->stretch_due || self->checkin_due
          || self->posture_at <= self->worked))
    {
      LimberTime quiet = MAX (self->quiet_until, self->held_until);
      if (quiet > now)
        wake = MIN (wake, quiet);
    }
  if (self->phase == LIMBER_PHASE_ON_BREAK
      && self->kind == LIMBER_KIND_POSTURE_CHECK && !self->guided)
    wake = MIN (wake,
                add_saturating (self->shown_at, self->timings.break_length));

  if (accrues (self))
    {
      gint64 target = -1;
      gboolean other = self->kind == LIMBER_KIND_POSTURE_CHECK
                       || self->kind == LIMBER_KIND_CHECKIN;
      if (self->phase == LIMBER_PHASE_WORKING)
        target = MIN (self->window_start, self->posture_at);
      else if (self->phase == LIMBER_PHASE_ON_BREAK && other)
        target = self->window_start;
      else if (self->phase == LIMBER_PHASE_ON_BREAK && self->closed)
        target = add_saturating (self->closed_worked, self->timings.snooze);
      else if ((self->phase == LIMBER_PHASE_DUE && !held (self))
               || (self->phase == LIMBER_PHASE_ON_BREAK && !self->guided
                   && self->kind == LIMBER_KIND_MICRO_BREAK
                   && self->urgency == LIMBER_URGENCY_NORMAL))
        target = self->window_end;
      if (target > self->worked)
        wake = MIN (wake, add_saturating (now, target - self->worked));
    }

  return MAX (wake, now);
}

void
limber_scheduler_init (LimberScheduler *self, const LimberTimings *timings,
                       LimberTime now)
{
  *self = (LimberScheduler){
    .timings = *timings,
    .phase = LIMBER_PHASE_WORKING,
    .settled_at = now,
    .present_since = now,
    .accruing_since = now,
    .window_start = timings->interval_min,
    .window_end = timings->interval_max,
    .query_at = LIMBER_TIME_NEVER,
    .stretch_at = LIMBER_TIME_NEVER,
    .checkin_at = LIMBER_TIME_NEVER,
    .held_due_at = LIMBER_TIME_NEVER,
  };
  self->posture_at = first_posture (self);
}

LimberStep
limber_scheduler_feed (LimberScheduler *self, const LimberEvent *event)
{
  LimberStep step = { 0 };
  LimberTime now = MAX (event->time, self->settled_at);
  gboolean was_accruing = accrues (self);

  settle (self, now);
  /* An away period that matured before this event counts first. */
  limber_scheduler_check_away (self, &step, now);
  apply (self, &step, event, now);
  limber_scheduler_advance_break (self, &step, now);
  if (!was_accruing && accrues (self))
    self->accruing_since = now;

  step.next_wakeup = limber_scheduler_next_wakeup (self, now);
  return step;
}
