/* The stepper over a simulated guided break: whole routines run in
 * microseconds, woken exactly when the stepper asks, as limberd's timer
 * would. */
#include "stepper.h"

#include <string.h>

#define SECONDS(n) ((gint64) (n) *LIMBER_USEC_PER_SEC)

typedef struct
{
  LimberStepper stepper;
  LimberRoutineSet *routines;
  LimberTime now;
  LimberTime wakeup;
  GArray *shown;    /* LimberGuideView of every show, with .next_wakeup the
                     * time it was shown */
  GPtrArray *texts; /* the shown views' texts, kept */
  LimberGuideView last;
  guint ended;
  LimberRoutineEnd end;
  guint withdrawn;
} Guide;

static void
guide_setup (Guide *g, gconstpointer data)
{
  LimberGuideTimings timings = limber_guide_default_timings ();

  (void) data;
  memset (g, 0, sizeof *g);
  limber_stepper_init (&g->stepper, &timings);
  g->routines = limber_routine_set_new ();
  g->wakeup = LIMBER_TIME_NEVER;
  g->shown = g_array_new (FALSE, FALSE, sizeof (LimberGuideView));
  g->texts = g_ptr_array_new_with_free_func (g_free);
}

static void
guide_teardown (Guide *g, gconstpointer data)
{
  (void) data;
  limber_stepper_clear (&g->stepper);
  limber_routine_set_free (g->routines);
  g_array_unref (g->shown);
  g_ptr_array_unref (g->texts);
}

static void
feed (Guide *g, LimberGuideEvent event)
{
  LimberGuideView view;

  event.time = g->now;
  view = limber_stepper_feed (&g->stepper, &event);
  g_assert_cmpint (view.next_wakeup, >=, g->now);
  if (view.phase != LIMBER_GUIDE_OFF)
    g_assert_cmpint (view.next_wakeup, >, g->now);
  if (view.show)
    {
      LimberGuideView copy = view;
      copy.next_wakeup = g->now;
      /* The view's text lives until the stepper's next event. */
      copy.text = g_strdup (view.text);
      copy.cue = g_strdup (view.cue);
      g_ptr_array_add (g->texts, (char *) copy.text);
      g_ptr_array_add (g->texts, (char *) copy.cue);
      g_array_append_val (g->shown, copy);
    }
  if (view.ended)
    {
      g->ended++;
      g->end = view.end;
    }
  if (view.withdraw)
    g->withdrawn++;
  g->wakeup = view.next_wakeup;
  g->last = view;
}

static void
event (Guide *g, LimberGuideEventType type)
{
  feed (g, (LimberGuideEvent){ .type = type });
}

static void
start (Guide *g, const char *routine, gboolean first_time)
{
  feed (g, (LimberGuideEvent){
               .type = LIMBER_GUIDE_START,
               .routine = limber_routine_set_lookup (g->routines, routine),
               .first_time = first_time,
           });
}

static void
run_until (Guide *g, LimberTime t)
{
  while (g->wakeup <= t)
    {
      g->now = g->wakeup;
      event (g, LIMBER_GUIDE_TICK);
    }
  g->now = t;
}

static const LimberGuideView *
shown (Guide *g, guint index)
{
  g_assert_cmpuint (index, <, g->shown->len);
  return &g_array_index (g->shown, LimberGuideView, index);
}

/* Start, every step by its own time, the thanks, and the pop-up gone: the
 * micro-break routine, with its countdowns no more often than every 5 s. */
static void
test_whole_guided_break (Guide *g, gconstpointer data)
{
  const LimberGuideView *v;
  guint steps_seen[5] = { 0 };

  (void) data;
  g->now = SECONDS (100);
  start (g, "micro-break", FALSE);
  v = shown (g, 0);
  g_assert_cmpuint (v->step, ==, 1);
  g_assert_cmpuint (v->n_steps, ==, 4);
  g_assert_cmpstr (v->text, ==, "Stand up, roll your shoulders forward");
  g_assert_cmpstr (v->countdown, ==, "20s left");
  g_assert_cmpint (v->value, ==, 0);
  g_assert_false (v->safety);
  g_assert_false (v->new_popup);
  g_assert_cmpint (g->wakeup, ==, SECONDS (105));

  run_until (g, SECONDS (300));
  /* 85 s of steps, then 5 s of thanks. */
  g_assert_cmpuint (g->ended, ==, 1);
  g_assert_cmpint (g->end, ==, LIMBER_ROUTINE_COMPLETED);
  g_assert_cmpuint (g->withdrawn, ==, 1);
  g_assert_cmpint (g->last.phase, ==, LIMBER_GUIDE_OFF);
  g_assert_cmpint (g->wakeup, ==, LIMBER_TIME_NEVER);

  for (guint i = 0; i < g->shown->len; i++)
    {
      v = shown (g, i);
      if (v->phase == LIMBER_GUIDE_STEP)
        steps_seen[v->step]++;
      if (i > 0 && v->phase == LIMBER_GUIDE_STEP
          && shown (g, i - 1)->step == v->step)
        {
          /* The same step again: its countdown, 5 s later, never sooner. */
          g_assert_cmpint (v->next_wakeup - shown (g, i - 1)->next_wakeup, ==,
                           SECONDS (5));
          g_assert_cmpint (v->value, >=, shown (g, i - 1)->value);
        }
    }
  /* Steps of 20, 15, 20 and 30 s: 4, 3, 4 and 6 screens. */
  g_assert_cmpuint (steps_seen[1], ==, 4);
  g_assert_cmpuint (steps_seen[2], ==, 3);
  g_assert_cmpuint (steps_seen[3], ==, 4);
  g_assert_cmpuint (steps_seen[4], ==, 6);

  /* Step 2 starts when step 1 runs out, to the microsecond. */
  v = shown (g, 4);
  g_assert_cmpuint (v->step, ==, 2);
  g_assert_cmpint (v->next_wakeup, ==, SECONDS (120));
  g_assert_cmpstr (v->text, ==, "Now roll them backward");
  g_assert_cmpstr (v->countdown, ==, "15s left");
  g_assert_cmpint (v->value, ==, 25);
  v = shown (g, 1);
  g_assert_cmpstr (v->countdown, ==, "15s left");
  g_assert_cmpint (v->value, ==, 6);

  /* The thanks, at 185 s, is the last screen. */
  v = shown (g, g->shown->len - 1);
  g_assert_cmpint (v->phase, ==, LIMBER_GUIDE_THANKS);
  g_assert_cmpint (v->next_wakeup, ==, SECONDS (185));
  g_assert_cmpint (v->value, ==, 100);
}

/* Next moves on at once; Next on the last step thanks. */
static void
test_next (Guide *g, gconstpointer data)
{
  (void) data;
  start (g, "micro-break", FALSE);
  g->now = SECONDS (2);
  event (g, LIMBER_GUIDE_NEXT);
  g_assert_true (g->last.show);
  g_assert_cmpuint (g->last.step, ==, 2);
  g_assert_cmpstr (g->last.countdown, ==, "15s left");
  g_assert_cmpint (g->wakeup, ==, SECONDS (7));
  event (g, LIMBER_GUIDE_NEXT);
  event (g, LIMBER_GUIDE_NEXT);
  g_assert_cmpuint (g->last.step, ==, 4);
  g_assert_cmpuint (g->ended, ==, 0);
  event (g, LIMBER_GUIDE_NEXT);
  g_assert_cmpint (g->last.phase, ==, LIMBER_GUIDE_THANKS);
  g_assert_cmpuint (g->ended, ==, 1);
  g_assert_cmpint (g->end, ==, LIMBER_ROUTINE_COMPLETED);
  g_assert_cmpuint (g->withdrawn, ==, 0);
  /* Next on the thanks closes it. */
  event (g, LIMBER_GUIDE_NEXT);
  g_assert_cmpint (g->last.phase, ==, LIMBER_GUIDE_OFF);
  g_assert_cmpuint (g->withdrawn, ==, 1);
  g_assert_cmpuint (g->ended, ==, 1);
  /* Nothing runs: Next and Stop do nothing. */
  event (g, LIMBER_GUIDE_NEXT);
  event (g, LIMBER_GUIDE_STOP);
  g_assert_false (g->last.show || g->last.withdraw || g->last.ended);
}

/* Stop, at any step: the routine ends at once, stopped. */
static void
test_stop (Guide *g, gconstpointer data)
{
  (void) data;
  start (g, "stretch", FALSE);
  run_until (g, SECONDS (100));
  g_assert_cmpuint (g->last.step, ==, 2);
  event (g, LIMBER_GUIDE_STOP);
  g_assert_cmpuint (g->ended, ==, 1);
  g_assert_cmpint (g->end, ==, LIMBER_ROUTINE_STOPPED);
  g_assert_true (g->last.withdraw);
  g_assert_false (g->last.show);
  g_assert_false (limber_stepper_is_running (&g->stepper));
  g_assert_cmpint (g->wakeup, ==, LIMBER_TIME_NEVER);
}

/* The screen locks (or the machine sleeps) mid-routine: walked away. */
static void
test_walked_away_mid_routine (Guide *g, gconstpointer data)
{
  (void) data;
  start (g, "micro-break", FALSE);
  run_until (g, SECONDS (50));
  g_assert_cmpuint (g->last.step, ==, 3);
  event (g, LIMBER_GUIDE_WALKED_AWAY);
  g_assert_cmpuint (g->ended, ==, 1);
  g_assert_cmpint (g->end, ==, LIMBER_ROUTINE_WALKED_AWAY);
  g_assert_true (g->last.withdraw);
  run_until (g, SECONDS (500));
  g_assert_cmpuint (g->ended, ==, 1);
}

/* The server takes the pop-up down: the step comes back once, as a new
 * pop-up; a server that takes it down again sees the next step, new too. */
static void
test_server_takes_it_down (Guide *g, gconstpointer data)
{
  (void) data;
  start (g, "micro-break", FALSE);
  g->now = SECONDS (3);
  event (g, LIMBER_GUIDE_CLOSED);
  g_assert_true (g->last.show);
  g_assert_true (g->last.new_popup);
  g_assert_false (g->last.withdraw);
  g_assert_cmpuint (g->last.step, ==, 1);
  g->now = SECONDS (4);
  event (g, LIMBER_GUIDE_CLOSED);
  g_assert_false (g->last.show);
  /* Its countdown is not put back: the next step is. */
  guint before = g->shown->len;
  run_until (g, SECONDS (19));
  g_assert_cmpuint (g->shown->len, ==, before);
  run_until (g, SECONDS (21));
  g_assert_cmpuint (shown (g, g->shown->len - 1)->step, ==, 2);
  g_assert_true (shown (g, g->shown->len - 1)->new_popup);
  /* Then on in place again. */
  run_until (g, SECONDS (26));
  g_assert_false (shown (g, g->shown->len - 1)->new_popup);
  g_assert_cmpuint (g->ended, ==, 0);
  /* Taken down during the thanks: over, nothing to withdraw. */
  run_until (g, SECONDS (86));
  g_assert_cmpint (g->last.phase, ==, LIMBER_GUIDE_THANKS);
  event (g, LIMBER_GUIDE_CLOSED);
  g_assert_cmpint (g->last.phase, ==, LIMBER_GUIDE_OFF);
  g_assert_false (g->last.withdraw);
  g_assert_cmpuint (g->ended, ==, 1);
}

/* A step without a duration waits for Next, and for two minutes at most:
 * nobody pressing Next has walked away. */
static void
test_untimed_step (Guide *g, gconstpointer data)
{
  g_autoptr (LimberRoutine) r = limber_routine_new ("r", NULL);

  (void) data;
  limber_routine_add_step (r, "Look out of the window", NULL, 0, 0);
  limber_routine_add_step (r, "Breathe", NULL, 3, 0);
  feed (g, (LimberGuideEvent){ .type = LIMBER_GUIDE_START, .routine = r });
  g_assert_cmpint (g->last.left, ==, -1);
  g_assert_cmpstr (g->last.countdown, ==, "");
  g_assert_cmpint (g->wakeup, ==, SECONDS (120));
  g->now = SECONDS (60);
  event (g, LIMBER_GUIDE_NEXT);
  g_assert_cmpuint (g->last.step, ==, 2);
  g_assert_cmpuint (g->last.count, ==, 3);
  g_assert_cmpint (g->last.value, ==, 50);
  run_until (g, SECONDS (179));
  g_assert_cmpuint (g->ended, ==, 0);
  run_until (g, SECONDS (180));
  g_assert_cmpuint (g->ended, ==, 1);
  g_assert_cmpint (g->end, ==, LIMBER_ROUTINE_WALKED_AWAY);
  g_assert_true (g->last.withdraw);
}

/* The first guided break carries the safety line, on every step. */
static void
test_first_time_safety (Guide *g, gconstpointer data)
{
  (void) data;
  start (g, "micro-break", TRUE);
  g_assert_true (g->last.safety);
  run_until (g, SECONDS (40));
  g_assert_true (g->last.safety);
  g_assert_cmpuint (g->last.step, ==, 3);
}

/* A tick that comes late (the machine slept) catches up: the steps that
 * ran out are skipped, the one on screen is the one due now. */
static void
test_late_tick (Guide *g, gconstpointer data)
{
  (void) data;
  start (g, "micro-break", FALSE);
  g->now = SECONDS (62);
  event (g, LIMBER_GUIDE_TICK);
  g_assert_cmpuint (g->last.step, ==, 4);
  /* Step 4 began at 55 s: 23 s left. */
  g_assert_cmpstr (g->last.countdown, ==, "23s left");
  g_assert_cmpint (g->wakeup, ==, SECONDS (65));
  g->now = SECONDS (1000);
  event (g, LIMBER_GUIDE_TICK);
  g_assert_cmpuint (g->ended, ==, 1);
  g_assert_cmpint (g->end, ==, LIMBER_ROUTINE_COMPLETED);
  g_assert_cmpint (g->last.phase, ==, LIMBER_GUIDE_OFF);
  g_assert_true (g->last.withdraw);
}

/* What a client reads: the same view, without changing anything. */
static void
test_view (Guide *g, gconstpointer data)
{
  LimberGuideView v;

  (void) data;
  v = limber_stepper_view (&g->stepper, 0);
  g_assert_cmpint (v.phase, ==, LIMBER_GUIDE_OFF);
  start (g, "posture-check", FALSE);
  v = limber_stepper_view (&g->stepper, SECONDS (3));
  g_assert_cmpuint (v.step, ==, 1);
  g_assert_cmpstr (v.countdown, ==, "2s left");
  g_assert_cmpstr (v.text, ==, "Chin slightly tucked");
  g_assert_cmpstr (limber_stepper_get_routine (&g->stepper)->name, ==,
                   "posture-check");
}

#define guide_test_add(path, func)                                             \
  g_test_add ((path), Guide, NULL, guide_setup, (func), guide_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  guide_test_add ("/stepper/whole-guided-break", test_whole_guided_break);
  guide_test_add ("/stepper/next", test_next);
  guide_test_add ("/stepper/stop", test_stop);
  guide_test_add ("/stepper/walked-away", test_walked_away_mid_routine);
  guide_test_add ("/stepper/server-takes-it-down", test_server_takes_it_down);
  guide_test_add ("/stepper/untimed-step", test_untimed_step);
  guide_test_add ("/stepper/first-time-safety", test_first_time_safety);
  guide_test_add ("/stepper/late-tick", test_late_tick);
  guide_test_add ("/stepper/view", test_view);
  return g_test_run ();
}
