/* The kinds between micro-breaks: a posture check, a stretch session at
 * its time of day, the weekly check-in, each offered when nothing else is
 * on screen, due or near. */
#include "scheduler-private.h"

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
void
limber_scheduler_offer_other_kinds (LimberScheduler *self, LimberStep *step,
                                    LimberTime now)
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
  limber_scheduler_show_break (self, step, now);
}
