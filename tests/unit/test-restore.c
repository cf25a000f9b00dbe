/* The scheduler across a restart of limberd: what it saves and how it
 * carries on. */
#include "sim.h"

/* Runs a fresh scheduler from @saved, written @gap ago. */
static LimberStep
restart (Sim *sim, const LimberSavedState *saved, gint64 gap)
{
  LimberTimings t = sim->timings;
  LimberStep step;

  limber_scheduler_init (&sim->scheduler, &t, sim->now);
  step = limber_scheduler_restore (&sim->scheduler, saved, gap, sim->now);
  for (guint i = 0; i < step.n_actions; i++)
    {
      SimEntry entry = { .time = sim->now, .action = step.actions[i] };
      g_array_append_val (sim->log, entry);
    }
  g_assert_cmpint (step.next_wakeup, >, sim->now);
  sim->wakeup = step.next_wakeup;
  return step;
}

static void
save_and_wait (Sim *sim, LimberSavedState *saved, gint64 gap)
{
  limber_scheduler_save (&sim->scheduler, sim->now, saved);
  /* limberd is down: no events, no wake-ups. */
  sim->now += gap;
  sim->wakeup = LIMBER_TIME_NEVER;
}

static void
test_short_restart_carries_on (Sim *sim, gconstpointer data)
{
  LimberSavedState saved;

  (void) data;
  sim_run_until (sim, MINUTES (20));
  save_and_wait (sim, &saved, MINUTES (2));
  g_assert_cmpint (saved.worked, ==, MINUTES (20));
  g_assert_true (saved.accruing);
  restart (sim, &saved, MINUTES (2));
  /* The two minutes down count as the work they probably were. */
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   MINUTES (22));
  g_assert_cmpuint (sim->log->len, ==, 0);
  sim_run_for (sim, MINUTES (10));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (30));
}

static void
test_long_restart_was_a_break (Sim *sim, gconstpointer data)
{
  LimberSavedState saved;

  (void) data;
  sim_run_until (sim, MINUTES (20));
  save_and_wait (sim, &saved, MINUTES (40));
  restart (sim, &saved, MINUTES (40));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  /* The stretch that ended is recorded with its length. */
  g_assert_cmpint (sim_last (sim)->action.worked, ==, MINUTES (20));
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   0);
}

static void
test_pause_carries_over (Sim *sim, gconstpointer data)
{
  LimberSavedState saved;

  (void) data;
  sim_run_until (sim, MINUTES (10));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE,
                                .duration = MINUTES (60) });
  sim_run_for (sim, MINUTES (10));
  save_and_wait (sim, &saved, MINUTES (20));
  g_assert_cmpint (saved.pause_left, ==, MINUTES (50));
  g_assert_false (saved.accruing);
  restart (sim, &saved, MINUTES (20));
  /* A reboot does not cancel the pause: 30 min of it left. */
  g_assert_cmpint (limber_scheduler_get_paused_until (&sim->scheduler), ==,
                   sim->now + MINUTES (30));
  /* Twenty minutes is more than natural-break: the work counter starts
   * over, and the 10 minutes before were a stretch. */
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  /* Dated when that stretch ended, as limberd stopped, not on restart. */
  g_assert_cmpint (sim_last (sim)->action.at, ==, sim->now - MINUTES (20));
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   0);

  /* Until resumed survives any gap. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE });
  save_and_wait (sim, &saved, HOURS (30));
  restart (sim, &saved, HOURS (30));
  g_assert_cmpint (limber_scheduler_get_paused_until (&sim->scheduler), ==,
                   LIMBER_TIME_NEVER);
  /* An expired pause is gone. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE,
                                .duration = MINUTES (2) });
  save_and_wait (sim, &saved, MINUTES (3));
  restart (sim, &saved, MINUTES (3));
  g_assert_cmpint (limber_scheduler_get_paused_until (&sim->scheduler), ==, 0);
}

static void
test_break_on_screen_comes_back (Sim *sim, gconstpointer data)
{
  LimberSavedState saved;

  (void) data;
  sim_run_until (sim, MINUTES (31));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  save_and_wait (sim, &saved, SECONDS (5));
  g_assert_cmpint (saved.phase, ==, LIMBER_PHASE_ON_BREAK);
  restart (sim, &saved, SECONDS (5));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 2);
  g_assert_cmpint (limber_scheduler_get_phase (&sim->scheduler), ==,
                   LIMBER_PHASE_ON_BREAK);
  /* And it still escalates at interval-max. */
  sim_run_until (sim, sim->now + MINUTES (15));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_ESCALATE), ==, 1);
}

/* A break whose pop-up the user closed: saved at 32 min of work, closed
 * at 31. */
static void
close_and_restart (Sim *sim)
{
  LimberSavedState saved;

  sim_run_until (sim, MINUTES (31));
  sim_event (sim, LIMBER_EVENT_BREAK_CLOSED);
  sim_run_until (sim, MINUTES (32));
  save_and_wait (sim, &saved, SECONDS (5));
  g_assert_true (saved.closed);
  g_assert_cmpint (saved.closed_worked, ==, MINUTES (31));
  restart (sim, &saved, SECONDS (5));
  /* Seen: not put back on screen. */
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  g_assert_cmpstr (limber_scheduler_get_state_name (&sim->scheduler), ==,
                   "closed");
}

static void
test_closed_break_stays_closed (Sim *sim, gconstpointer data)
{
  (void) data;
  close_and_restart (sim);
  /* Stepping away still counts as the break done. */
  sim_feed (sim,
            (LimberEvent){ .type = LIMBER_EVENT_USER_IDLE, .since = sim->now });
  sim_run_for (sim, MINUTES (1));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
}

static void
test_closed_break_ends_as_closed (Sim *sim, gconstpointer data)
{
  (void) data;
  close_and_restart (sim);
  /* Worked on instead: closed, a snooze's worth (5 min) of work after it
   * was closed, the 5 s down counted as work. */
  sim_run_for (sim, MINUTES (10));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_CLOSED), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_END_BREAK, 0), ==,
                   MINUTES (36));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
}

static void
test_snooze_carries_over (Sim *sim, gconstpointer data)
{
  LimberSavedState saved;

  (void) data;
  sim_run_until (sim, MINUTES (31));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = MINUTES (10) });
  save_and_wait (sim, &saved, SECONDS (30));
  restart (sim, &saved, SECONDS (30));
  g_assert_cmpstr (limber_scheduler_get_state_name (&sim->scheduler), ==,
                   "snoozed");
  sim_run_for (sim, MINUTES (10));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (41));
}

/* Values no scheduler writes (a damaged file that still parsed) do not
 * break it. */
static void
test_odd_values (Sim *sim, gconstpointer data)
{
  LimberSavedState odd = {
    .worked = -5,
    .window_start = -3,
    .window_end = -9,
    .snoozed = TRUE,
    .phase = LIMBER_PHASE_ON_BREAK,
    .pause_left = G_MAXINT64,
  };

  (void) data;
  restart (sim, &odd, -7);
  g_assert_cmpstr (limber_scheduler_get_state_name (&sim->scheduler), ==,
                   "paused");
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sim_test_add ("/restore/short-restart", test_short_restart_carries_on);
  sim_test_add ("/restore/long-restart", test_long_restart_was_a_break);
  sim_test_add ("/restore/pause", test_pause_carries_over);
  sim_test_add ("/restore/break-on-screen", test_break_on_screen_comes_back);
  sim_test_add ("/restore/snooze", test_snooze_carries_over);
  sim_test_add ("/restore/closed-stays-closed", test_closed_break_stays_closed);
  sim_test_add ("/restore/closed-ends-as-closed",
                test_closed_break_ends_as_closed);
  sim_test_add ("/restore/odd-values", test_odd_values);
  return g_test_run ();
}
