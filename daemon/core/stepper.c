#include "stepper.h"

#include <glib/gi18n-lib.h>

LimberGuideTimings
limber_guide_default_timings (void)
{
  return (LimberGuideTimings){
    .thanks = 5 * LIMBER_USEC_PER_SEC,
    .untimed_wait = 2 * 60 * LIMBER_USEC_PER_SEC,
  };
}

void
limber_stepper_init (LimberStepper *self, const LimberGuideTimings *timings)
{
  *self = (LimberStepper){
    .timings = *timings,
    .phase = LIMBER_GUIDE_OFF,
    .next_update = LIMBER_TIME_NEVER,
  };
}

void
limber_stepper_clear (LimberStepper *self)
{
  g_clear_pointer (&self->routine, limber_routine_free);
  self->phase = LIMBER_GUIDE_OFF;
}

static const LimberRoutineStep *
current_step (const LimberStepper *self)
{
  return limber_routine_step (self->routine, self->index);
}

/* When the step on screen runs out; NEVER for one that waits for Next. */
static LimberTime
step_end (const LimberStepper *self)
{
  guint seconds = current_step (self)->seconds;

  if (seconds == 0)
    return LIMBER_TIME_NEVER;
  return self->step_started + (gint64) seconds * LIMBER_USEC_PER_SEC;
}

static void
begin_step (LimberStepper *self, guint index, LimberTime at)
{
  self->index = index;
  self->step_started = at;
  self->reshown = FALSE;
  self->next_update = current_step (self)->seconds > 0
                          ? at + LIMBER_GUIDE_UPDATE_EVERY
                          : LIMBER_TIME_NEVER;
}

static void
finish (LimberStepper *self, LimberGuideView *view, gboolean withdraw)
{
  self->phase = LIMBER_GUIDE_OFF;
  view->withdraw = withdraw;
}

static void
end_routine (LimberStepper *self, LimberGuideView *view, LimberRoutineEnd end)
{
  view->ended = TRUE;
  view->end = end;
  finish (self, view, TRUE);
}

/* The step on screen is done (at @at): the next one, or the thanks. */
static void
advance (LimberStepper *self, LimberGuideView *view, LimberTime at)
{
  view->show = TRUE;
  if (self->index + 1 < limber_routine_n_steps (self->routine))
    {
      begin_step (self, self->index + 1, at);
      return;
    }
  self->phase = LIMBER_GUIDE_THANKS;
  self->thanks_until = at + self->timings.thanks;
  self->next_update = LIMBER_TIME_NEVER;
  view->ended = TRUE;
  view->end = LIMBER_ROUTINE_COMPLETED;
}

/* Brings the routine up to @now: steps that ran out (several, after a
 * sleep), the countdown, the end of the thanks. */
static void
catch_up (LimberStepper *self, LimberGuideView *view, LimberTime now)
{
  while (self->phase == LIMBER_GUIDE_STEP)
    {
      LimberTime end = step_end (self);

      if (end == LIMBER_TIME_NEVER)
        {
          if (now - self->step_started >= self->timings.untimed_wait)
            end_routine (self, view, LIMBER_ROUTINE_WALKED_AWAY);
          break;
        }
      if (now < end)
        break;
      /* The next step starts when this one ran out, not when the tick
       * came, so that late ticks do not stretch the routine. */
      advance (self, view, end);
    }

  if (self->phase == LIMBER_GUIDE_STEP && now >= self->next_update)
    {
      view->show = TRUE;
      while (self->next_update <= now)
        self->next_update += LIMBER_GUIDE_UPDATE_EVERY;
      if (self->next_update >= step_end (self))
        self->next_update = LIMBER_TIME_NEVER;
    }

  if (self->phase == LIMBER_GUIDE_THANKS && now >= self->thanks_until)
    finish (self, view, TRUE);
}

static void
format_countdown (char *out, gsize size, gint64 left)
{
  gint64 seconds = (left + LIMBER_USEC_PER_SEC - 1) / LIMBER_USEC_PER_SEC;

  /* A step lasts minutes at most (LIMBER_STEP_SECONDS_MAX): int holds it. */
  if (seconds >= 60)
    g_snprintf (out, size, _ ("%d:%02d left"), (int) (seconds / 60),
                (int) (seconds % 60));
  else
    g_snprintf (out, size, _ ("%ds left"), (int) seconds);
}

static void
fill_view (const LimberStepper *self, LimberGuideView *view, LimberTime now)
{
  guint n;

  view->phase = self->phase;
  view->next_wakeup = LIMBER_TIME_NEVER;
  view->left = -1;
  view->countdown[0] = '\0';
  if (self->phase == LIMBER_GUIDE_OFF)
    return;

  n = limber_routine_n_steps (self->routine);
  view->n_steps = n;
  view->safety = self->first_time;
  if (self->phase == LIMBER_GUIDE_THANKS)
    {
      view->step = n;
      view->value = 100;
      view->next_wakeup = self->thanks_until;
      return;
    }

  const LimberRoutineStep *step = current_step (self);
  LimberTime end = step_end (self);
  gint64 done = 0;

  view->step = self->index + 1;
  view->text = step->text;
  view->cue = step->cue;
  view->count = step->count;
  if (end != LIMBER_TIME_NEVER)
    {
      gint64 length = end - self->step_started;
      view->left = MAX (0, end - now);
      format_countdown (view->countdown, sizeof view->countdown, view->left);
      done = CLAMP (now - self->step_started, 0, length) * 100 / length;
      view->next_wakeup = MIN (self->next_update, end);
    }
  else
    view->next_wakeup = self->step_started + self->timings.untimed_wait;
  view->value = (int) ((self->index * 100 + done) / n);
}

LimberGuideView
limber_stepper_feed (LimberStepper *self, const LimberGuideEvent *event)
{
  LimberGuideView view = { 0 };
  LimberTime now = MAX (event->time, self->last_time);
  gboolean running = self->phase != LIMBER_GUIDE_OFF;
  LimberGuidePhase before_phase = self->phase;
  guint before_index = self->index;
  gboolean reshow = FALSE;

  self->last_time = now;
  /* Time passes first: a step that ran out before this event is done. */
  if (running && event->type != LIMBER_GUIDE_START)
    catch_up (self, &view, now);

  switch (event->type)
    {
    case LIMBER_GUIDE_START:
      g_return_val_if_fail (event->routine != NULL, view);
      if (limber_routine_n_steps (event->routine) == 0)
        break;
      limber_stepper_clear (self);
      self->routine = limber_routine_copy (event->routine);
      self->first_time = event->first_time;
      self->phase = LIMBER_GUIDE_STEP;
      self->gone = FALSE;
      begin_step (self, 0, now);
      view.show = TRUE;
      break;
    case LIMBER_GUIDE_NEXT:
      if (self->phase == LIMBER_GUIDE_STEP)
        advance (self, &view, now);
      else if (self->phase == LIMBER_GUIDE_THANKS)
        finish (self, &view, TRUE);
      break;
    case LIMBER_GUIDE_STOP:
      if (self->phase == LIMBER_GUIDE_STEP)
        end_routine (self, &view, LIMBER_ROUTINE_STOPPED);
      else if (self->phase == LIMBER_GUIDE_THANKS)
        finish (self, &view, TRUE);
      break;
    case LIMBER_GUIDE_WALKED_AWAY:
      if (self->phase == LIMBER_GUIDE_STEP)
        end_routine (self, &view, LIMBER_ROUTINE_WALKED_AWAY);
      else if (self->phase == LIMBER_GUIDE_THANKS)
        finish (self, &view, TRUE);
      break;
    case LIMBER_GUIDE_CLOSED:
      /* Put the step back once, as a new pop-up; a server that keeps
       * taking it down sees the next step, not this one again. */
      if (self->phase == LIMBER_GUIDE_STEP)
        {
          self->gone = TRUE;
          if (!self->reshown)
            {
              self->reshown = TRUE;
              reshow = view.show = TRUE;
            }
        }
      else if (self->phase == LIMBER_GUIDE_THANKS)
        finish (self, &view, FALSE);
      break;
    case LIMBER_GUIDE_TICK:
      break;
    }

  if (self->phase == LIMBER_GUIDE_OFF)
    {
      view.show = FALSE;
      g_clear_pointer (&self->routine, limber_routine_free);
      self->gone = FALSE;
    }
  else if (view.show && self->gone)
    {
      /* Put back as the step comes, not for its countdown. */
      if (reshow || self->phase != before_phase || self->index != before_index)
        {
          view.new_popup = TRUE;
          self->gone = FALSE;
        }
      else
        view.show = FALSE;
    }
  /* Nothing to take down when the server already did. */
  if (view.withdraw && event->type == LIMBER_GUIDE_CLOSED)
    view.withdraw = FALSE;

  {
    LimberGuideView state = { 0 };
    fill_view (self, &state, now);
    view.phase = state.phase;
    view.step = state.step;
    view.n_steps = state.n_steps;
    view.text = state.text;
    view.cue = state.cue;
    view.count = state.count;
    view.left = state.left;
    g_strlcpy (view.countdown, state.countdown, sizeof view.countdown);
    view.value = state.value;
    view.safety = state.safety;
    view.next_wakeup = MAX (state.next_wakeup, now);
  }
  return view;
}

LimberGuideView
limber_stepper_view (const LimberStepper *self, LimberTime now)
{
  LimberGuideView view = { 0 };

  fill_view (self, &view, MAX (now, self->last_time));
  return view;
}

gboolean
limber_stepper_is_running (const LimberStepper *self)
{
  return self->phase != LIMBER_GUIDE_OFF;
}

const LimberRoutine *
limber_stepper_get_routine (const LimberStepper *self)
{
  return self->routine;
}

const char *
limber_routine_end_to_string (LimberRoutineEnd end)
{
  switch (end)
    {
    case LIMBER_ROUTINE_COMPLETED:
      return "completed";
    case LIMBER_ROUTINE_STOPPED:
      return "stopped";
    case LIMBER_ROUTINE_WALKED_AWAY:
      return "walked-away";
    }
  g_return_val_if_reached ("unknown");
}
