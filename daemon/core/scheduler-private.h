/* What the parts of the scheduler (scheduler.c and scheduler-*.c) share:
 * the small questions every part asks of the state, and the steps that
 * move a break along. Not for the rest of limberd, which uses
 * scheduler.h. Pure like the rest: no I/O, no clock, no main loop. */
#pragma once

#include "scheduler.h"

static inline gboolean
held (const LimberScheduler *self)
{
  return self->holds.n > 0;
}

/* During a call or a lease, time without input is still work: listening
 * is not a break. Lock and sleep are away all the same. */
static inline gboolean
is_away (const LimberScheduler *self)
{
  return (self->idle && !limber_holds_engaged (&self->holds)) || self->locked
         || self->suspended;
}

/* Work is counted while the user is present and reminders are not paused. */
static inline gboolean
accrues (const LimberScheduler *self)
{
  return !is_away (self) && self->phase != LIMBER_PHASE_PAUSED;
}

/* A pop-up should not land on a locked screen or a sleeping machine. */
static inline gboolean
can_show (const LimberScheduler *self)
{
  return !self->locked && !self->suspended;
}

static inline LimberTime
add_saturating (LimberTime t, gint64 delta)
{
  return delta >= LIMBER_TIME_NEVER - t ? LIMBER_TIME_NEVER : t + delta;
}

/* Kinds that are breaks: taking one starts a new work interval, and
 * walking away from its pop-up takes it. */
static inline gboolean
is_break_kind (LimberBreakKind kind)
{
  return kind == LIMBER_KIND_MICRO_BREAK || kind == LIMBER_KIND_STRETCH;
}

/* Work before the first posture check of an interval: half the period, so
 * that it falls between micro-breaks. */
static inline gint64
first_posture (const LimberScheduler *self)
{
  return self->timings.posture_check > 0 ? self->timings.posture_check / 2
                                         : G_MAXINT64;
}

/* scheduler-break.c: a break's course. */

/* Adds an action of @type about the break to @step. */
void limber_scheduler_push (const LimberScheduler *self, LimberStep *step,
                            LimberActionType type, LimberUrgency urgency,
                            LimberOutcome outcome);
void limber_scheduler_record (const LimberScheduler *self, LimberStep *step,
                              LimberActionType type, LimberOutcome outcome);
void limber_scheduler_backdate (LimberStep *step, LimberTime at);
void limber_scheduler_restart_interval (LimberScheduler *self, LimberTime now);
void limber_scheduler_end_break (LimberScheduler *self, LimberStep *step,
                                 LimberOutcome outcome);
void limber_scheduler_conclude (LimberScheduler *self, LimberStep *step,
                                LimberOutcome outcome, LimberTaken taken,
                                LimberTime now, gint64 hold);
LimberUrgency limber_scheduler_urgency_of (const LimberScheduler *self);
void limber_scheduler_start_break (LimberScheduler *self, LimberTime now);
void limber_scheduler_show_break (LimberScheduler *self, LimberStep *step,
                                  LimberTime now);
void limber_scheduler_show_deferred (LimberScheduler *self, LimberStep *step,
                                     LimberTime now);

/* scheduler-presence.c: away and back. */
void limber_scheduler_check_away (LimberScheduler *self, LimberStep *step,
                                  LimberTime now);
void limber_scheduler_become_away (LimberScheduler *self, LimberTime since);
void limber_scheduler_clear_absence (LimberScheduler *self, LimberTime now,
                                     gboolean idle, gboolean locked,
                                     gboolean suspended);
void limber_scheduler_on_user_idle (LimberScheduler *self, LimberTime now,
                                    LimberTime since);
void limber_scheduler_on_idle_time (LimberScheduler *self, LimberStep *step,
                                    LimberTime now, LimberTime since);

/* scheduler-snooze.c */
void limber_scheduler_postpone (LimberScheduler *self, LimberStep *step,
                                LimberTime now, gint64 duration,
                                LimberOutcome outcome);

/* scheduler-holds.c: the pause and the holds. */
void limber_scheduler_on_pause (LimberScheduler *self, LimberStep *step,
                                LimberTime now, gint64 duration);
void limber_scheduler_end_pause (LimberScheduler *self);
void limber_scheduler_on_hold_begin (LimberScheduler *self, LimberStep *step,
                                     const LimberHold *hold, LimberTime now);
void limber_scheduler_on_hold_end (LimberScheduler *self, guint32 id,
                                   LimberTime now);
void limber_scheduler_expire_holds (LimberScheduler *self, LimberStep *step,
                                    LimberTime now);

/* scheduler-kinds.c */
void limber_scheduler_offer_other_kinds (LimberScheduler *self,
                                         LimberStep *step, LimberTime now);

/* scheduler.c: the course of time, and when to be woken. */
void limber_scheduler_advance_break (LimberScheduler *self, LimberStep *step,
                                     LimberTime now);
LimberTime limber_scheduler_next_wakeup (const LimberScheduler *self,
                                         LimberTime now);
