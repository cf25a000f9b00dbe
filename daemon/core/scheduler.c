#include "scheduler.h"

static gboolean
held (const LimberScheduler *self)
{
  return self->holds.n > 0;
}

/* During a call or a lease, time without input is still work: listening
 * is not a break. Lock and sleep are away all the same. */
static gboolean
is_away (const LimberScheduler *self)
{
  return (self->idle && !limber_holds_engaged (&self->holds)) || self->locked
         || self->suspended;
}

/* Work is counted while the user is present and reminders are not paused. */
static gboolean
accrues (const LimberScheduler *self)
{
  return !is_away (self) && self->phase != LIMBER_PHASE_PAUSED;
}

/* A pop-up should not land on a locked screen or a sleeping machine. */
static gboolean
can_show (const LimberScheduler *self)
{
  return !self->locked && !self->suspended;
}

static gboolean
in_lull (const LimberScheduler *self, LimberTime now)
{
  return self->idle && can_show (self)
         && now - self->idle_since >= self->timings.lull;
}

static LimberTime
add_saturating (LimberTime t, gint64 delta)
{
  return delta >= LIMBER_TIME_NEVER - t ? LIMBER_TIME_NEVER : t + delta;
}

static void
push (const LimberScheduler *self, LimberStep *step, LimberActionType type,
      LimberUrgency urgency, LimberOutcome outcome)
{
  g_assert (step->n_actions < LIMBER_MAX_ACTIONS);
  step->actions[step->n_actions++] = (LimberAction){ .type = type,
                                                     .urgency = urgency,
                                                     .outcome = outcome,
                                                     .kind = self->kind,
                                                     .worked = self->worked,
                                                     .at = self->settled_at };
}

/* Kinds that are breaks: taking one starts a new work interval, and
 * walking away from its pop-up takes it. */
static gboolean
is_break_kind (LimberBreakKind kind)
{
  return kind == LIMBER_KIND_MICRO_BREAK || kind == LIMBER_KIND_STRETCH;
}

/* Work before the first posture check of an interval: half the period, so
 * that it falls between micro-breaks. */
static gint64
first_posture (const LimberScheduler *self)
{
  return self->timings.posture_check > 0 ? self->timings.posture_check / 2
                                         : G_MAXINT64;
}

static void
record (const LimberScheduler *self, LimberStep *step, LimberActionType type,
        LimberOutcome outcome)
{
  push (self, step, type, LIMBER_URGENCY_NORMAL, outcome);
}

/* The last action, as having happened at @at. */
static void
backdate (LimberStep *step, LimberTime at)
{
  step->actions[step->n_actions - 1].at = at;
}

static void
settle (LimberScheduler *self, LimberTime now)
{
  if (accrues (self))
    self->worked += now - self->settled_at;
  self->settled_at = now;
}

/* A break was had, one way or another: start a new work interval. */
static void
restart_interval (LimberScheduler *self, LimberTime now)
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

static void
end_break (LimberScheduler *self, LimberStep *step, LimberOutcome outcome)
{
  g_assert (self->phase == LIMBER_PHASE_ON_BREAK);
  record (self, step, LIMBER_ACTION_END_BREAK, outcome);
  self->phase = LIMBER_PHASE_WORKING;
  self->closed = FALSE;
  self->guided = FALSE;
}

/* Ends the break on screen with @outcome (@taken: how, for DONE), and
 * does what that means for its kind: a break taken or skipped starts a new
 * interval; a stretch or check-in answered is done with until the next
 * one; one snoozed (or taken down by the server) waits a snooze. Other
 * kinds keep away for a moment after any pop-up. */
static void
conclude (LimberScheduler *self, LimberStep *step, LimberOutcome outcome,
          LimberTaken taken, LimberTime now, gint64 hold)
{
  LimberBreakKind kind = self->kind;
  gboolean settled = outcome == LIMBER_OUTCOME_DONE
                     || outcome == LIMBER_OUTCOME_SKIPPED
                     || outcome == LIMBER_OUTCOME_CLOSED;

  end_break (self, step, outcome);
  step->actions[step->n_actions - 1].taken = taken;
  self->quiet_until = add_saturating (now, self->timings.spacing);
  self->kind = LIMBER_KIND_MICRO_BREAK;
  switch (kind)
    {
    case LIMBER_KIND_MICRO_BREAK:
      if (settled)
        restart_interval (self, now);
      break;
    case LIMBER_KIND_STRETCH:
      if (settled)
        self->stretch_due = FALSE;
      if (outcome == LIMBER_OUTCOME_DONE)
        restart_interval (self, now);
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

static LimberUrgency
urgency_of (const LimberScheduler *self)
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

/* The break is there from now on; show_break() puts it on screen. */
static void
start_break (LimberScheduler *self, LimberTime now)
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
  self->urgency = urgency_of (self);
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

static void
show_break (LimberScheduler *self, LimberStep *step, LimberTime now)
{
  start_break (self, now);
  push (self, step, LIMBER_ACTION_SHOW_BREAK, self->urgency,
        LIMBER_OUTCOME_DONE);
}

/* The break held back, offered once the holds are over: once, marked
 * deferred, as a fresh offer (normal urgency, with a window's grace before
 * it turns urgent) rather than an overdue one. */
static void
show_deferred (LimberScheduler *self, LimberStep *step, LimberTime now)
{
  LimberTime due = self->held_due_at;
  gint64 grace = self->timings.interval_max - self->timings.interval_min;

  self->window_end
      = MAX (self->window_end, add_saturating (self->worked, grace));
  show_break (self, step, now);
  step->actions[step->n_actions - 1].deferred = TRUE;
  step->actions[step->n_actions - 1].at = due;
}

/* Has the user been away long enough for it to count as a break? */
static void
check_away (LimberScheduler *self, LimberStep *step, LimberTime now)
{
  if (!is_away (self) || self->away_counted)
    return;

  if (self->phase == LIMBER_PHASE_ON_BREAK && self->unseen)
    {
      if (now - self->away_since >= self->timings.natural_break)
        {
          self->away_counted = TRUE;
          self->kind = LIMBER_KIND_MICRO_BREAK;
          end_break (self, step, LIMBER_OUTCOME_NATURAL);
          backdate (step, self->away_since);
          restart_interval (self, now);
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
          conclude (self, step, LIMBER_OUTCOME_DONE, LIMBER_TAKEN_WALKED_AWAY,
                    now, 0);
          backdate (step, from);
        }
      return;
    }

  if (now - self->away_since >= self->timings.natural_break)
    {
      self->away_counted = TRUE;
      if (self->worked > 0 || self->snoozed || self->phase == LIMBER_PHASE_DUE)
        {
          record (self, step, LIMBER_ACTION_RECORD, LIMBER_OUTCOME_NATURAL);
          backdate (step, self->away_since);
        }
      restart_interval (self, now);
    }
}

static void
become_away (LimberScheduler *self, LimberTime since)
{
  if (!is_away (self))
    {
      self->away_since = since;
      self->away_counted = FALSE;
    }
}

/* Clears the given kinds of absence; the user is back if none is left. */
static void
clear_absence (LimberScheduler *self, LimberTime now, gboolean idle,
               gboolean locked, gboolean suspended)
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

static void
on_user_idle (LimberScheduler *self, LimberTime now, LimberTime since)
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
  become_away (self, since);
  self->idle = TRUE;
  self->idle_since = since;
}

/* The answer to QUERY_IDLE: it decides the lull (due) or the walk-away
 * (on screen), or when to ask again. It does not make the user idle: a
 * source that must be asked never says when input comes back. */
static void
on_idle_time (LimberScheduler *self, LimberStep *step, LimberTime now,
              LimberTime since)
{
  self->query_pending = FALSE;
  since = CLAMP (since, self->present_since, now);
  if (self->phase == LIMBER_PHASE_DUE)
    {
      if (now - since >= self->timings.lull && can_show (self))
        show_break (self, step, now);
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
          end_break (self, step, LIMBER_OUTCOME_NATURAL);
          backdate (step, since);
          restart_interval (self, now);
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
          conclude (self, step, LIMBER_OUTCOME_DONE, LIMBER_TAKEN_WALKED_AWAY,
                    now, 0);
          backdate (step, from);
        }
      else
        self->query_at = from + self->timings.break_length;
    }
}

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
static void
postpone (LimberScheduler *self, LimberStep *step, LimberTime now,
          gint64 duration, LimberOutcome outcome)
{
  gint64 start;

  /* Any other kind waits @duration of time; the micro-break's window does
   * not move for it. */
  if (self->phase == LIMBER_PHASE_ON_BREAK
      && self->kind != LIMBER_KIND_MICRO_BREAK)
    {
      conclude (self, step, outcome, LIMBER_TAKEN_DONE, now, duration);
      return;
    }
  gint64 from = snooze_from (self, self->worked);

  if (duration <= 0)
    duration = self->timings.snooze;
  self->held_due_at = LIMBER_TIME_NEVER;
  self->deferred_counted = FALSE;
  if (self->phase == LIMBER_PHASE_ON_BREAK)
    conclude (self, step, outcome, LIMBER_TAKEN_DONE, now, duration);
  else if (self->phase == LIMBER_PHASE_DUE)
    {
      record (self, step, LIMBER_ACTION_RECORD, outcome);
      self->phase = LIMBER_PHASE_WORKING;
    }

  /* An overdue break stays overdue; stacked snoozes stop a day ahead. */
  start = MIN (add_saturating (from, duration),
               snooze_limit (self, self->worked));
  self->window_start = start;
  self->window_end = MAX (self->window_end, start);
  self->snoozed = TRUE;
}

static void
on_pause (LimberScheduler *self, LimberStep *step, LimberTime now,
          gint64 duration)
{
  if (self->phase == LIMBER_PHASE_ON_BREAK)
    conclude (self, step, LIMBER_OUTCOME_PAUSED, LIMBER_TAKEN_DONE, now, 0);
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

static void
on_hold_begin (LimberScheduler *self, LimberStep *step, const LimberHold *hold,
               LimberTime now)
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
    conclude (self, step, LIMBER_OUTCOME_DONE, LIMBER_TAKEN_DONE, now, 0);
  else if (self->phase == LIMBER_PHASE_ON_BREAK
           && self->kind == LIMBER_KIND_CHECKIN)
    conclude (self, step, LIMBER_OUTCOME_EXPIRED, LIMBER_TAKEN_DONE, now, 0);
  /* Off the screen (it may be shared); it comes back when the holds end. */
  if (self->phase == LIMBER_PHASE_ON_BREAK)
    {
      end_break (self, step, LIMBER_OUTCOME_DEFERRED);
      step->actions[step->n_actions - 1].repeated = self->deferred_counted;
      self->deferred_counted = TRUE;
      self->phase = LIMBER_PHASE_DUE;
      self->held_due_at = self->due_at;
    }
}

static void
on_hold_end (LimberScheduler *self, guint32 id, LimberTime now)
{
  gboolean was_away = is_away (self);

  if (limber_holds_remove (&self->holds, id))
    presence_changed (self, was_away, now);
}

/* Holds whose deadline has come end, each told to the shell. */
static void
expire_holds (LimberScheduler *self, LimberStep *step, LimberTime now)
{
  gboolean was_away = is_away (self);
  guint32 id;

  /* Room is kept for the break's own actions; more expire at the next
   * wake-up, which is then at once. */
  while (step->n_actions + 4 < LIMBER_MAX_ACTIONS
         && limber_holds_pop_expired (&self->holds, now, &id))
    {
      record (self, step, LIMBER_ACTION_HOLD_EXPIRED, LIMBER_OUTCOME_DONE);
      step->actions[step->n_actions - 1].hold_id = id;
    }
  presence_changed (self, was_away, now);
}

static void
end_pause (LimberScheduler *self)
{
  if (self->phase != LIMBER_PHASE_PAUSED)
    return;
  self->phase = LIMBER_PHASE_WORKING;
  self->paused_until = 0;
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
      clear_absence (self, now, TRUE, FALSE, FALSE);
      break;
    case LIMBER_EVENT_USER_IDLE:
      on_user_idle (self, now, event->since);
      break;
    case LIMBER_EVENT_IDLE_TIME:
      on_idle_time (self, step, now, event->since);
      break;
    case LIMBER_EVENT_LOCKED:
      become_away (self, now);
      self->locked = TRUE;
      break;
    case LIMBER_EVENT_UNLOCKED:
      /* Unlocking takes input: the user is back. */
      clear_absence (self, now, TRUE, TRUE, FALSE);
      break;
    case LIMBER_EVENT_SUSPEND:
      become_away (self, now);
      self->suspended = TRUE;
      break;
    case LIMBER_EVENT_RESUME:
      clear_absence (self, now, TRUE, FALSE, TRUE);
      break;
    case LIMBER_EVENT_SNOOZE:
      postpone (self, step, now, event->duration, LIMBER_OUTCOME_SNOOZED);
      break;
    case LIMBER_EVENT_SKIP:
      /* Only a break that is there: a skip of nothing is no skip. */
      if (!limber_scheduler_has_break (self))
        break;
      if (self->phase == LIMBER_PHASE_ON_BREAK)
        conclude (self, step, LIMBER_OUTCOME_SKIPPED, LIMBER_TAKEN_DONE, now,
                  0);
      else
        {
          record (self, step, LIMBER_ACTION_RECORD, LIMBER_OUTCOME_SKIPPED);
          restart_interval (self, now);
        }
      break;
    case LIMBER_EVENT_PAUSE:
      on_pause (self, step, now, event->duration);
      break;
    case LIMBER_EVENT_RESUME_REMINDERS:
      end_pause (self);
      break;
    case LIMBER_EVENT_BREAK_NOW:
      end_pause (self);
      if (self->phase != LIMBER_PHASE_ON_BREAK && event->kind < LIMBER_N_KINDS)
        {
          self->kind = event->kind;
          show_break (self, step, now);
          /* Asked for by name: not turned into a stretch. */
          self->kind = event->kind;
          self->urgency = urgency_of (self);
          step->actions[step->n_actions - 1].kind = self->kind;
          step->actions[step->n_actions - 1].urgency = self->urgency;
        }
      break;
    case LIMBER_EVENT_BREAK_DONE:
      if (self->phase == LIMBER_PHASE_ON_BREAK)
        conclude (self, step, LIMBER_OUTCOME_DONE, event->taken, now, 0);
      break;
    case LIMBER_EVENT_BREAK_CLOSED:
      if (self->phase != LIMBER_PHASE_ON_BREAK || self->guided)
        break;
      /* A posture check closed was seen; a check-in closed is declined. */
      if (self->kind == LIMBER_KIND_POSTURE_CHECK)
        conclude (self, step, LIMBER_OUTCOME_DONE, LIMBER_TAKEN_DONE, now, 0);
      else if (self->kind == LIMBER_KIND_CHECKIN)
        conclude (self, step, LIMBER_OUTCOME_CLOSED, LIMBER_TAKEN_DONE, now, 0);
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
        conclude (self, step, LIMBER_OUTCOME_DONE, LIMBER_TAKEN_DONE, now, 0);
      else
        postpone (self, step, now, 0, LIMBER_OUTCOME_EXPIRED);
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
       * on screen already (advance_break drops the question otherwise). */
      self->query_at = now;
      self->query_pending = FALSE;
      clear_absence (self, now, TRUE, TRUE, TRUE);
      break;
    case LIMBER_EVENT_HOLD_BEGIN:
      on_hold_begin (self, step, &event->hold, now);
      break;
    case LIMBER_EVENT_HOLD_END:
      on_hold_end (self, event->hold.id, now);
      break;
    }
}

/* Whether the micro-break is due, or will be within @margin of work. */
static gboolean
micro_break_near (const LimberScheduler *self, gint64 margin)
{
  return self->phase == LIMBER_PHASE_DUE || self->snoozed || held (self)
         || self->window_start - self->worked <= margin;
}

/* Times of day that came, and the posture check: each either shown, when
 * nothing else is on screen, due or near, or absorbed (a posture check the
 * micro-break is about to cover), or left waiting. */
static void
offer_other_kinds (LimberScheduler *self, LimberStep *step, LimberTime now)
{
  /* A pop-up of another kind lasts up to break-length: it must be gone
   * a spacing before the micro-break comes. */
  gint64 margin = self->timings.spacing + self->timings.break_length;

  if (now >= self->stretch_at)
    {
      self->stretch_due = TRUE;
      self->stretch_at = LIMBER_TIME_NEVER;
    }
  if (now >= self->checkin_at)
    {
      self->checkin_due = TRUE;
      self->checkin_at = LIMBER_TIME_NEVER;
    }
  if (self->phase == LIMBER_PHASE_PAUSED)
    return;

  /* A due micro-break (or a snoozed one, or one about to come) absorbs
   * a due posture check. */
  if (self->posture_at <= self->worked
      && (self->phase != LIMBER_PHASE_WORKING
          || micro_break_near (self, margin)))
    self->posture_at
        = add_saturating (self->posture_at, self->timings.posture_check > 0
                                                ? self->timings.posture_check
                                                : LIMBER_TIME_NEVER);

  /* A pause, a snooze or a hold (a call) holds every kind. */
  if (self->phase != LIMBER_PHASE_WORKING || self->snoozed || held (self)
      || is_away (self) || !can_show (self) || now < self->quiet_until
      || now < self->held_until)
    return;

  /* A stretch session is a break: it may take the coming micro-break's
   * place. A check-in waits until after it. */
  if (self->stretch_due)
    self->kind = LIMBER_KIND_STRETCH;
  else if (self->checkin_due && !micro_break_near (self, margin))
    self->kind = LIMBER_KIND_CHECKIN;
  else if (self->posture_at <= self->worked)
    self->kind = LIMBER_KIND_POSTURE_CHECK;
  else
    return;
  show_break (self, step, now);
}

/* Move the break along its course: due, shown, escalated. */
static void
advance_break (LimberScheduler *self, LimberStep *step, LimberTime now)
{
  if (self->phase == LIMBER_PHASE_PAUSED && now >= self->paused_until)
    end_pause (self);
  expire_holds (self, step, now);
  check_away (self, step, now);
  if (self->phase == LIMBER_PHASE_PAUSED)
    {
      offer_other_kinds (self, step, now);
      return;
    }

  /* A posture check is a glance: gone after break-length. It and a
   * check-in make way for a micro-break that comes due. */
  if (self->phase == LIMBER_PHASE_ON_BREAK
      && self->kind == LIMBER_KIND_POSTURE_CHECK && !self->guided
      && (now - self->shown_at >= self->timings.break_length
          || self->worked >= self->window_start))
    conclude (self, step, LIMBER_OUTCOME_DONE, LIMBER_TAKEN_DONE, now, 0);
  if (self->phase == LIMBER_PHASE_ON_BREAK && self->kind == LIMBER_KIND_CHECKIN
      && self->worked >= self->window_start)
    conclude (self, step, LIMBER_OUTCOME_EXPIRED, LIMBER_TAKEN_DONE, now, 0);

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
                record (self, step, LIMBER_ACTION_RECORD,
                        LIMBER_OUTCOME_DEFERRED);
              self->deferred_counted = TRUE;
            }
        }
      else if (self->held_due_at != LIMBER_TIME_NEVER)
        {
          if (can_show (self))
            show_deferred (self, step, now);
        }
      else if (can_show (self)
               && (self->worked >= self->window_end
                   || self->lulls == LIMBER_LULLS_UNSEEN
                   || in_lull (self, now)))
        show_break (self, step, now);
    }

  if (self->phase == LIMBER_PHASE_ON_BREAK && self->closed
      && self->worked
             >= add_saturating (self->closed_worked, self->timings.snooze))
    conclude (self, step, LIMBER_OUTCOME_CLOSED, LIMBER_TAKEN_DONE, now, 0);

  offer_other_kinds (self, step, now);

  /* A pop-up the user closed is not put back, critical or not; nor is a
   * routine being followed interrupted. */
  if (self->phase == LIMBER_PHASE_ON_BREAK && !self->closed && !self->guided
      && self->kind == LIMBER_KIND_MICRO_BREAK
      && self->urgency == LIMBER_URGENCY_NORMAL
      && self->worked >= self->window_end)
    {
      self->urgency = LIMBER_URGENCY_CRITICAL;
      push (self, step, LIMBER_ACTION_ESCALATE, LIMBER_URGENCY_CRITICAL,
            LIMBER_OUTCOME_DONE);
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
      record (self, step, LIMBER_ACTION_QUERY_IDLE, LIMBER_OUTCOME_DONE);
    }
}

static LimberTime
next_wakeup (const LimberScheduler *self, LimberTime now)
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
          record (self, &step, LIMBER_ACTION_RECORD, LIMBER_OUTCOME_NATURAL);
          /* Work stopped when the state was saved, at the latest. */
          backdate (&step, now - gap);
        }
      restart_interval (self, now);
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
          start_break (self, now);
          self->closed = TRUE;
          self->closed_worked = CLAMP (saved->closed_worked, 0, self->worked);
        }
      else if (saved->phase == LIMBER_PHASE_ON_BREAK
               && self->phase != LIMBER_PHASE_PAUSED)
        show_break (self, &step, now);
    }

  self->settled_at = self->accruing_since = self->present_since = now;
  advance_break (self, &step, now);
  step.next_wakeup = next_wakeup (self, now);
  return step;
}

LimberStep
limber_scheduler_feed (LimberScheduler *self, const LimberEvent *event)
{
  LimberStep step = { 0 };
  LimberTime now = MAX (event->time, self->settled_at);
  gboolean was_accruing = accrues (self);

  settle (self, now);
  /* An away period that matured before this event counts first. */
  check_away (self, &step, now);
  apply (self, &step, event, now);
  advance_break (self, &step, now);
  if (!was_accruing && accrues (self))
    self->accruing_since = now;

  step.next_wakeup = next_wakeup (self, now);
  return step;
}

LimberPhase
limber_scheduler_get_phase (const LimberScheduler *self)
{
  return self->phase;
}

LimberUrgency
limber_scheduler_get_urgency (const LimberScheduler *self)
{
  return self->urgency;
}

gboolean
limber_scheduler_is_away (const LimberScheduler *self)
{
  return is_away (self);
}

gboolean
limber_scheduler_accrues (const LimberScheduler *self)
{
  return accrues (self);
}

gint64
limber_scheduler_get_worked (const LimberScheduler *self, LimberTime now)
{
  if (accrues (self) && now > self->settled_at)
    return self->worked + (now - self->settled_at);
  return self->worked;
}

gint64
limber_scheduler_get_work_left (const LimberScheduler *self, LimberTime now)
{
  return MAX (0, self->window_start - limber_scheduler_get_worked (self, now));
}

LimberTime
limber_scheduler_get_next_break (const LimberScheduler *self, LimberTime now)
{
  gint64 left = limber_scheduler_get_work_left (self, now);

  switch (self->phase)
    {
    case LIMBER_PHASE_PAUSED:
      if (self->paused_until == LIMBER_TIME_NEVER)
        return LIMBER_TIME_NEVER;
      return add_saturating (self->paused_until, left);
    case LIMBER_PHASE_DUE:
    case LIMBER_PHASE_ON_BREAK:
      return self->due_at;
    case LIMBER_PHASE_WORKING:
    default:
      return add_saturating (now, left);
    }
}

LimberTime
limber_scheduler_get_paused_until (const LimberScheduler *self)
{
  return self->phase == LIMBER_PHASE_PAUSED ? self->paused_until : 0;
}

guint
limber_scheduler_list_holds (const LimberScheduler *self, LimberHold *out,
                             guint max)
{
  guint n = 0;

  if (self->phase == LIMBER_PHASE_PAUSED && n < max)
    out[n++] = (LimberHold){ .id = 0,
                             .kind = LIMBER_HOLD_PAUSE,
                             .since = self->paused_since,
                             .until = self->paused_until };
  for (guint i = 0; i < self->holds.n && n < max; i++)
    out[n++] = self->holds.holds[i];
  return n;
}

gboolean
limber_scheduler_is_held (const LimberScheduler *self)
{
  return held (self);
}

gboolean
limber_scheduler_has_break (const LimberScheduler *self)
{
  return self->phase == LIMBER_PHASE_ON_BREAK || self->phase == LIMBER_PHASE_DUE
         || (self->phase == LIMBER_PHASE_WORKING && self->snoozed);
}

const char *
limber_scheduler_get_state_name (const LimberScheduler *self)
{
  switch (self->phase)
    {
    case LIMBER_PHASE_PAUSED:
      return "paused";
    case LIMBER_PHASE_ON_BREAK:
      if (self->closed)
        return "closed";
      return self->urgency == LIMBER_URGENCY_CRITICAL ? "overdue" : "break";
    case LIMBER_PHASE_DUE:
      return held (self) ? "held" : "due";
    case LIMBER_PHASE_WORKING:
    default:
      if (held (self))
        return "held";
      if (is_away (self))
        return "idle";
      return self->snoozed ? "snoozed" : "active";
    }
}

LimberBreakKind
limber_scheduler_get_kind (const LimberScheduler *self)
{
  return self->kind;
}

gboolean
limber_scheduler_is_guided (const LimberScheduler *self)
{
  return self->phase == LIMBER_PHASE_ON_BREAK && self->guided;
}

/* When something due but waiting may show, as of @now. */
static LimberTime
waiting_until (const LimberScheduler *self, LimberTime now)
{
  return MAX (now, MAX (self->quiet_until, self->held_until));
}

LimberTime
limber_scheduler_get_next (const LimberScheduler *self, LimberBreakKind kind,
                           LimberTime now)
{
  gint64 worked = limber_scheduler_get_worked (self, now);
  gint64 margin = self->timings.spacing + self->timings.break_length;
  LimberTime from = now;

  if (self->phase == LIMBER_PHASE_ON_BREAK && self->kind == kind)
    return self->shown_at;
  switch (kind)
    {
    case LIMBER_KIND_MICRO_BREAK:
      return limber_scheduler_get_next_break (self, now);
    case LIMBER_KIND_STRETCH:
      return self->stretch_due ? waiting_until (self, now) : self->stretch_at;
    case LIMBER_KIND_CHECKIN:
      return self->checkin_due ? waiting_until (self, now) : self->checkin_at;
    case LIMBER_KIND_POSTURE_CHECK:
      if (self->timings.posture_check <= 0)
        return LIMBER_TIME_NEVER;
      if (self->phase == LIMBER_PHASE_PAUSED)
        {
          if (self->paused_until == LIMBER_TIME_NEVER)
            return LIMBER_TIME_NEVER;
          from = self->paused_until;
        }
      /* One the micro-break will absorb comes half a period after it. */
      if (self->posture_at >= self->window_start - margin)
        {
          LimberTime next = limber_scheduler_get_next_break (self, now);
          return next == LIMBER_TIME_NEVER
                     ? next
                     : add_saturating (MAX (next, now),
                                       self->timings.posture_check / 2);
        }
      if (self->posture_at <= worked)
        return waiting_until (self, from);
      return add_saturating (from, self->posture_at - worked);
    case LIMBER_N_KINDS:
    default:
      break;
    }
  return LIMBER_TIME_NEVER;
}

static const char *const kind_names[] = {
  [LIMBER_KIND_MICRO_BREAK] = "micro-break",
  [LIMBER_KIND_POSTURE_CHECK] = "posture-check",
  [LIMBER_KIND_STRETCH] = "stretch",
  [LIMBER_KIND_CHECKIN] = "checkin",
};

const char *
limber_kind_to_string (LimberBreakKind kind)
{
  g_return_val_if_fail (kind < LIMBER_N_KINDS, "unknown");
  return kind_names[kind];
}

gboolean
limber_kind_from_string (const char *name, LimberBreakKind *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (kind_names[i], name))
      {
        *kind = (LimberBreakKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
limber_taken_to_string (LimberTaken taken)
{
  switch (taken)
    {
    case LIMBER_TAKEN_DONE:
      return "done";
    case LIMBER_TAKEN_COMPLETED:
      return "completed";
    case LIMBER_TAKEN_STOPPED:
      return "stopped";
    case LIMBER_TAKEN_WALKED_AWAY:
      return "walked-away";
    }
  g_return_val_if_reached ("unknown");
}

const char *
limber_outcome_to_string (LimberOutcome outcome)
{
  switch (outcome)
    {
    case LIMBER_OUTCOME_DONE:
      return "done";
    case LIMBER_OUTCOME_SNOOZED:
      return "snoozed";
    case LIMBER_OUTCOME_SKIPPED:
      return "skipped";
    case LIMBER_OUTCOME_NATURAL:
      return "natural";
    case LIMBER_OUTCOME_PAUSED:
      return "paused";
    case LIMBER_OUTCOME_EXPIRED:
      return "expired";
    case LIMBER_OUTCOME_CLOSED:
      return "closed";
    case LIMBER_OUTCOME_DEFERRED:
      return "deferred";
    default:
      g_return_val_if_reached ("unknown");
    }
}

const char *
limber_urgency_to_string (LimberUrgency urgency)
{
  switch (urgency)
    {
    case LIMBER_URGENCY_CRITICAL:
      return "critical";
    case LIMBER_URGENCY_LOW:
      return "low";
    case LIMBER_URGENCY_NORMAL:
    default:
      return "normal";
    }
}
