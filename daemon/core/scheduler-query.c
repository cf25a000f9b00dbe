/* What the rest of limberd reads of the scheduler: its phase, work, the
 * next break of each kind, the holds on, the state name published. Read
 * only. */
#include "scheduler-private.h"

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
