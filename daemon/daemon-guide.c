/* The guided break in limberd's shell: the stepper (core/stepper.c) fed
 * with Start, Next and Stop from clients, its own timer, and the
 * screen locking; its end goes to the scheduler as the break taken,
 * completed, stopped or walked away from. The stepper's timer is armed
 * only while a routine runs: nothing of a guided break runs otherwise. */
#include "daemon-private.h"

#include "limber-error.h"
#include "limber-i18n.h"

static void
on_guide_wakeup (LimberTime deadline, gpointer user_data)
{
  (void) deadline;
  limber_daemon_guide_feed (user_data, LIMBER_GUIDE_TICK);
}

void
limber_daemon_guide_init (LimberDaemon *self)
{
  LimberGuideTimings timings = limber_guide_default_timings ();

  limber_stepper_init (&self->stepper, &timings);
  self->guide_timer = limber_wakeup_timer_new (on_guide_wakeup, self);
}

void
limber_daemon_guide_clear (LimberDaemon *self)
{
  limber_stepper_clear (&self->stepper);
  g_clear_pointer (&self->guide_timer, limber_wakeup_timer_free);
}

static LimberTaken
taken_of (LimberRoutineEnd end)
{
  switch (end)
    {
    case LIMBER_ROUTINE_COMPLETED:
      return LIMBER_TAKEN_COMPLETED;
    case LIMBER_ROUTINE_STOPPED:
      return LIMBER_TAKEN_STOPPED;
    case LIMBER_ROUTINE_WALKED_AWAY:
    default:
      return LIMBER_TAKEN_WALKED_AWAY;
    }
}

static void
carry_out (LimberDaemon *self, const LimberGuideView *view)
{
  limber_wakeup_timer_arm (self->guide_timer, view->next_wakeup);
  if (view->show && view->phase == LIMBER_GUIDE_STEP)
    g_info ("step %u of %u: %s%s%s", view->step, view->n_steps, view->text,
            view->countdown[0] != '\0' ? ", " : "", view->countdown);
  /* The step, or the thanks, in place of the pop-up there (a new one when
   * the server took that down). */
  if (view->show)
    limber_notifier_show (
        self->notifier, limber_popup_new_step (
                            limber_stepper_get_routine (&self->stepper), view));
  if (view->withdraw)
    limber_notifier_withdraw (self->notifier);
  if (view->ended)
    {
      g_info ("routine %s", limber_routine_end_to_string (view->end));
      self->guided_before = TRUE;
      /* The break is over, taken: the scheduler starts a new interval. */
      self->guide_ending = TRUE;
      limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_BREAK_DONE,
                                               .taken = taken_of (view->end) });
      self->guide_ending = FALSE;
    }
  else if (view->show || view->withdraw)
    limber_daemon_publish (self);
}

void
limber_daemon_guide_feed (LimberDaemon *self, LimberGuideEventType type)
{
  LimberGuideEvent event = { .type = type, .time = limber_clock_now () };
  LimberGuideView view = limber_stepper_feed (&self->stepper, &event);

  carry_out (self, &view);
}

void
limber_daemon_guide_abandon (LimberDaemon *self)
{
  if (!limber_stepper_is_running (&self->stepper))
    return;
  g_info ("routine stopped with the break");
  limber_stepper_clear (&self->stepper);
  limber_wakeup_timer_arm (self->guide_timer, LIMBER_TIME_NEVER);
}

gboolean
limber_daemon_routine_start (LimberDaemon *self, GError **error)
{
  const LimberRoutine *routine;
  LimberBreakKind kind;
  LimberGuideView view;

  if (limber_stepper_is_running (&self->stepper))
    return TRUE;
  if (limber_scheduler_get_phase (&self->scheduler) != LIMBER_PHASE_ON_BREAK)
    limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_BREAK_NOW });
  if (limber_scheduler_get_phase (&self->scheduler) != LIMBER_PHASE_ON_BREAK)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   _ ("no break could be shown"));
      return FALSE;
    }
  kind = limber_scheduler_get_kind (&self->scheduler);
  routine = limber_config_routine_for (self->config, kind);
  if (routine == NULL)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_NO_ROUTINE,
                   _ ("the %s on screen has no routine: answer it with "
                      "'limberctl checkin RATING'"),
                   limber_kind_to_string (kind));
      return FALSE;
    }
  g_info ("routine %s started", routine->name);
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_GUIDE_START });
  view = limber_stepper_feed (
      &self->stepper,
      &(LimberGuideEvent){ .type = LIMBER_GUIDE_START,
                           .time = limber_clock_now (),
                           .routine = routine,
                           .first_time = !self->guided_before });
  carry_out (self, &view);
  return TRUE;
}

/* @refusal: why there is nothing to do, when no routine runs. */
static gboolean
check_running (LimberDaemon *self, const char *refusal, GError **error)
{
  if (limber_stepper_is_running (&self->stepper))
    return TRUE;
  g_set_error_literal (error, LIMBER_ERROR, LIMBER_ERROR_NO_ROUTINE, refusal);
  return FALSE;
}

gboolean
limber_daemon_routine_next (LimberDaemon *self, GError **error)
{
  if (!check_running (self,
                      _ ("no routine is running to move on; 'limberctl "
                         "routine start' starts one"),
                      error))
    return FALSE;
  limber_daemon_guide_feed (self, LIMBER_GUIDE_NEXT);
  return TRUE;
}

gboolean
limber_daemon_routine_stop (LimberDaemon *self, GError **error)
{
  if (!check_running (self,
                      _ ("no routine is running to stop; 'limberctl routine "
                         "start' starts one"),
                      error))
    return FALSE;
  limber_daemon_guide_feed (self, LIMBER_GUIDE_STOP);
  return TRUE;
}

LimberGuideView
limber_daemon_get_step (LimberDaemon *self)
{
  return limber_stepper_view (&self->stepper, limber_clock_now ());
}

const LimberRoutine *
limber_daemon_get_guided_routine (LimberDaemon *self)
{
  return limber_stepper_get_routine (&self->stepper);
}
