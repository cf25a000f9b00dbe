/* The scheduler over simulated time: whole days run in microseconds. */
#include "sim.h"

static void
idle_since (Sim *sim, LimberTime since)
{
  sim_feed (sim,
            (LimberEvent){ .type = LIMBER_EVENT_USER_IDLE, .since = since });
}

static void
senses_lulls (Sim *sim)
{
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SOURCE_CHANGED,
                                .lulls = LIMBER_LULLS_PUSHED });
}

static void
assert_state (Sim *sim, const char *expected)
{
  g_assert_cmpstr (limber_scheduler_get_state_name (&sim->scheduler), ==,
                   expected);
}

static void
assert_worked (Sim *sim, gint64 expected)
{
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   expected);
}

/* Without a way to see lulls, the break shows at interval-min, not a
 * microsecond before. */
static void
test_due_at_interval_min (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (30) - 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  assert_state (sim, "active");
  assert_worked (sim, MINUTES (30) - 1);
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, MINUTES (30));

  sim_run_until (sim, MINUTES (31));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (30));
  g_assert_cmpint (sim_last (sim)->action.urgency, ==, LIMBER_URGENCY_NORMAL);
  assert_state (sim, "break");
  /* One wake-up to get there: no polling. */
  g_assert_cmpuint (sim->wakeups, ==, 1);
}

/* With lull detection the window opens at interval-min and the pop-up waits
 * for a pause in typing, then shows at once. */
static void
test_lull_inside_window_fires_early (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (31));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  assert_state (sim, "due");

  /* The source reports idle once the lull has passed. */
  sim_run_until (sim, MINUTES (33) + SECONDS (5));
  idle_since (sim, MINUTES (33));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (33) + SECONDS (5));
  g_assert_cmpint (sim_last (sim)->action.urgency, ==, LIMBER_URGENCY_NORMAL);
  /* The five idle seconds were not work. */
  assert_worked (sim, MINUTES (33));
}

/* A source that reports idle before the lull is over: the scheduler wakes
 * itself when the lull completes. */
static void
test_lull_completes_by_wakeup (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (32));
  idle_since (sim, MINUTES (32) - SECONDS (2));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  sim_run_until (sim, MINUTES (33));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (32) + SECONDS (3));
}

/* No lull all through the window: the pop-up comes at interval-max, critical
 * from the start. */
static void
test_window_end_fires_critical (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (50));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (45));
  g_assert_cmpint (g_array_index (sim->log, SimEntry, 0).action.urgency, ==,
                   LIMBER_URGENCY_CRITICAL);
  assert_state (sim, "overdue");
}

/* A pop-up left unanswered turns critical at interval-max. */
static void
test_unanswered_break_escalates (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (60));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (30));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_ESCALATE, 0), ==,
                   MINUTES (45));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_ESCALATE), ==, 1);
  assert_state (sim, "overdue");
  /* Nothing more to do until the user acts: no further wake-ups. */
  g_assert_cmpint (sim->wakeup, ==, LIMBER_TIME_NEVER);
}

static void
test_done_restarts_interval (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (31));
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);
  g_assert_cmpint (sim_last (sim)->action.type, ==, LIMBER_ACTION_END_BREAK);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_DONE);
  assert_worked (sim, 0);
  assert_state (sim, "active");
  sim_run_until (sim, MINUTES (70));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (61));
  /* Done when no break is shown means nothing. */
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 2);
}

/* Snoozing a shown break withdraws it and brings it back after the snooze
 * of work; the window end does not move. */
static void
test_snooze_shown_break (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (30) + SECONDS (10));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE });
  g_assert_cmpint (sim_last (sim)->action.type, ==, LIMBER_ACTION_END_BREAK);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_SNOOZED);
  assert_state (sim, "snoozed");
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, MINUTES (35) + SECONDS (10));

  sim_run_until (sim, MINUTES (40));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (35) + SECONDS (10));
  g_assert_cmpint (sim_last (sim)->action.urgency, ==, LIMBER_URGENCY_NORMAL);

  /* Snoozed past interval-max: back as critical. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = MINUTES (10) });
  sim_run_until (sim, MINUTES (55));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 2), ==,
                   MINUTES (50));
  g_assert_cmpint (sim_last (sim)->action.urgency, ==, LIMBER_URGENCY_CRITICAL);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_SNOOZED), ==, 2);
}

/* Snoozing ahead of time moves the next break later. */
static void
test_snooze_upcoming_break (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (10));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = MINUTES (15) });
  /* Nothing was due, so nothing was snoozed: the break just moved. */
  g_assert_cmpuint (sim->log->len, ==, 0);
  assert_state (sim, "snoozed");
  sim_run_until (sim, MINUTES (50));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (45));
}

/* Snoozes stack up to a day of work ahead and no further: a year of them
 * must not push the break where the state file cannot keep it. */
static void
test_stacked_snoozes_stop_a_day_ahead (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (10));
  /* A day past where the window would end (10 + 45 min of work), from
   * the break ahead at 30 min. */
  g_assert_cmpint (limber_scheduler_snooze_room (&sim->scheduler, sim->now), ==,
                   HOURS (24) + MINUTES (10 + 45 - 30));
  for (guint i = 0; i < 400; i++)
    sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                  .duration = HOURS (24) });
  g_assert_cmpint (limber_scheduler_snooze_room (&sim->scheduler, sim->now), ==,
                   0);
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, sim->now + HOURS (24) + MINUTES (45));
  /* Work makes room again. */
  sim_run_until (sim, MINUTES (70));
  g_assert_cmpint (limber_scheduler_snooze_room (&sim->scheduler, sim->now), ==,
                   HOURS (1));
}

/* A server that takes the pop-up down by itself: the break comes back
 * after a snooze's worth of work, and an overdue one stays critical. */
static void
test_expired_popup_comes_back (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (31));
  sim_event (sim, LIMBER_EVENT_BREAK_EXPIRED);
  g_assert_cmpint (sim_last (sim)->action.type, ==, LIMBER_ACTION_END_BREAK);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_EXPIRED);
  sim_run_until (sim, MINUTES (50));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (36));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_ESCALATE, 0), ==,
                   MINUTES (45));
  sim_event (sim, LIMBER_EVENT_BREAK_EXPIRED);
  sim_run_until (sim, MINUTES (60));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 2), ==,
                   MINUTES (55));
  g_assert_cmpint (sim_last (sim)->action.urgency, ==, LIMBER_URGENCY_CRITICAL);
  /* Not a snooze the user asked for, and expiring nothing does nothing. */
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_SNOOZED), ==, 0);
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);
  sim_event (sim, LIMBER_EVENT_BREAK_EXPIRED);
  assert_state (sim, "active");
}

static void
test_skip (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (31));
  sim_event (sim, LIMBER_EVENT_SKIP);
  g_assert_cmpint (sim_last (sim)->action.type, ==, LIMBER_ACTION_END_BREAK);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_SKIPPED);
  assert_worked (sim, 0);
  sim_run_until (sim, MINUTES (70));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (61));

  /* The one on screen since 61 min. */
  sim_event (sim, LIMBER_EVENT_SKIP);
  sim_run_for (sim, MINUTES (20));
  /* Nothing due: a skip is no skip, and the interval goes on. */
  guint logged = sim->log->len;
  sim_event (sim, LIMBER_EVENT_SKIP);
  g_assert_cmpuint (sim->log->len, ==, logged);
  assert_worked (sim, MINUTES (20));
  /* A break snoozed before it showed is there to skip. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = MINUTES (5) });
  sim_event (sim, LIMBER_EVENT_SKIP);
  g_assert_cmpint (sim_last (sim)->action.type, ==, LIMBER_ACTION_RECORD);
  sim_run_for (sim, MINUTES (40));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 2), ==,
                   MINUTES (120));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_SKIPPED), ==, 3);
}

/* A break asked for before it was due, then snoozed, comes back after
 * the snooze asked for, not after the rest of the interval. */
static void
test_snooze_break_taken_early (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (10));
  sim_event (sim, LIMBER_EVENT_BREAK_NOW);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = MINUTES (5) });
  g_assert_cmpint (limber_scheduler_get_work_left (&sim->scheduler, sim->now),
                   ==, MINUTES (5));
  sim_run_until (sim, MINUTES (30));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (15));
}

/* A pause silences everything, freezes the work counter and ends by
 * itself. */
static void
test_pause_auto_resumes (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (10));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE,
                                .duration = MINUTES (60) });
  assert_state (sim, "paused");
  g_assert_cmpint (limber_scheduler_get_paused_until (&sim->scheduler), ==,
                   MINUTES (70));
  g_assert_cmpint (sim->wakeup, ==, MINUTES (70));
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, MINUTES (90));

  sim_run_until (sim, MINUTES (69));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  assert_worked (sim, MINUTES (10));

  sim_run_until (sim, MINUTES (95));
  assert_state (sim, "break");
  g_assert_cmpint (limber_scheduler_get_paused_until (&sim->scheduler), ==, 0);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (90));
}

/* Pausing over a shown break withdraws it; it returns after the pause. */
static void
test_pause_withdraws_and_resume_returns (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (31));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE });
  g_assert_cmpint (sim_last (sim)->action.type, ==, LIMBER_ACTION_END_BREAK);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_PAUSED);
  g_assert_cmpint (limber_scheduler_get_paused_until (&sim->scheduler), ==,
                   LIMBER_TIME_NEVER);
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, LIMBER_TIME_NEVER);
  /* Paused until resumed: no wake-up at all. */
  g_assert_cmpint (sim->wakeup, ==, LIMBER_TIME_NEVER);
  sim_run_until (sim, HOURS (5));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);

  sim_event (sim, LIMBER_EVENT_RESUME_REMINDERS);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 2);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   HOURS (5));
}

static void
test_break_now (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (5));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE });
  sim_event (sim, LIMBER_EVENT_BREAK_NOW);
  assert_state (sim, "break");
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (5));
  /* Already on screen: no second pop-up. */
  sim_event (sim, LIMBER_EVENT_BREAK_NOW);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
}

/* New settings apply to the interval already under way. */
static void
test_config_change_mid_interval (Sim *sim, gconstpointer data)
{
  LimberTimings shorter = sim->timings, longer = sim->timings;

  (void) data;
  shorter.interval_min = MINUTES (20);
  shorter.interval_max = MINUTES (25);
  longer.interval_min = MINUTES (50);
  longer.interval_max = MINUTES (60);

  sim_run_until (sim, MINUTES (10));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_CONFIG_CHANGED,
                                .timings = &longer });
  sim_run_until (sim, MINUTES (49));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  sim_run_until (sim, MINUTES (51));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (50));
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);

  /* Lowered below the work already done: due at once. */
  sim_run_for (sim, MINUTES (22));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_CONFIG_CHANGED,
                                .timings = &shorter });
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (73));
}

/* Idle time is not work; a short idle is not a break. */
static void
test_idle_is_not_work (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (10) + SECONDS (5));
  idle_since (sim, MINUTES (10));
  assert_state (sim, "idle");
  assert_worked (sim, MINUTES (10));
  sim_run_until (sim, MINUTES (13));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  assert_state (sim, "active");
  assert_worked (sim, MINUTES (10));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 0);
  /* 20 more minutes of work: the window opens at 33 min of wall time. */
  sim_run_until (sim, MINUTES (33) + SECONDS (5));
  idle_since (sim, MINUTES (33));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (33) + SECONDS (5));
}

/* Away for natural-break counts as a break, noticed while still away. */
static void
test_natural_break_while_idle (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (20) + SECONDS (5));
  idle_since (sim, MINUTES (20));
  sim_run_until (sim, MINUTES (30));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_RECORD, 0), ==,
                   MINUTES (25));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  /* Noticed at 25 min; the work before it stopped at 20 min. */
  g_assert_cmpint (sim_last (sim)->action.at, ==, MINUTES (20));
  assert_worked (sim, 0);
  /* Staying away longer does not count twice. */
  sim_run_until (sim, MINUTES (60));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  /* Due after 30 min more work; no lull, so it shows at the window end. */
  sim_run_until (sim, MINUTES (95));
  assert_state (sim, "due");
  sim_run_until (sim, MINUTES (110));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (105));
}

/* A locked screen never counts as work, and locked long enough it is a
 * break. */
static void
test_lock_accounting (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (10));
  sim_event (sim, LIMBER_EVENT_LOCKED);
  sim_run_until (sim, MINUTES (13));
  sim_event (sim, LIMBER_EVENT_UNLOCKED);
  assert_worked (sim, MINUTES (10));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 0);

  sim_run_until (sim, MINUTES (20));
  sim_event (sim, LIMBER_EVENT_LOCKED);
  sim_run_until (sim, MINUTES (40));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_RECORD, 0), ==,
                   MINUTES (25));
  sim_event (sim, LIMBER_EVENT_UNLOCKED);
  assert_worked (sim, 0);
}

/* Suspended over lunch: no work counted, a break taken, nothing stale fires
 * on resume. */
static void
test_suspend_resume (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (25));
  sim_event (sim, LIMBER_EVENT_SUSPEND);
  /* Nothing runs while asleep. */
  g_assert_cmpint (sim->wakeup, ==, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (85));
  sim_event (sim, LIMBER_EVENT_RESUME);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_RECORD, 0), ==,
                   MINUTES (85));
  assert_worked (sim, 0);
  sim_run_until (sim, MINUTES (120));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (115));

  /* A short nap is neither work nor a break. */
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);
  sim_run_for (sim, MINUTES (10));
  sim_event (sim, LIMBER_EVENT_SUSPEND);
  sim_run_for (sim, MINUTES (2));
  sim_event (sim, LIMBER_EVENT_RESUME);
  assert_worked (sim, MINUTES (10));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
}

/* A break due while the screen is locked waits for the unlock. */
static void
test_no_popup_on_locked_screen (Sim *sim, gconstpointer data)
{
  LimberTimings shorter = sim->timings;

  (void) data;
  shorter.interval_min = MINUTES (5);
  sim_run_until (sim, MINUTES (10));
  sim_event (sim, LIMBER_EVENT_LOCKED);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_CONFIG_CHANGED,
                                .timings = &shorter });
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  assert_state (sim, "due");
  sim_run_for (sim, MINUTES (1));
  sim_event (sim, LIMBER_EVENT_UNLOCKED);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (11));
}

/* Walking away from the pop-up for break-length is taking the break. */
static void
test_walk_away_counts_as_done (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (32) + SECONDS (5));
  idle_since (sim, MINUTES (32));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  sim_run_until (sim, MINUTES (40));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_END_BREAK, 0), ==,
                   MINUTES (33) + SECONDS (5));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 1);
  /* The break began when the user stepped away from the pop-up. */
  g_assert_cmpint (sim_last (sim)->action.at, ==, MINUTES (32) + SECONDS (5));
  /* The same time away is not counted again as a natural break. */
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 0);
}

/* A pop-up no server could show: walking away from it is no break done,
 * only time away for natural-break is (a natural break); shown later,
 * walking away counts from then. */
static void
test_unseen_popup (Sim *sim, gconstpointer data)
{
  LimberTime shown, away;

  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (32));
  idle_since (sim, MINUTES (32));
  sim_run_until (sim, MINUTES (32) + SECONDS (5));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  sim_event (sim, LIMBER_EVENT_POPUP_UNSHOWN);
  /* Away past break-length: nothing. */
  sim_run_until (sim, MINUTES (36));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_END_BREAK), ==, 0);
  /* Away for natural-break (5 min): a natural break, dated from 32:00. */
  sim_run_until (sim, MINUTES (40));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 0);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_END_BREAK, 0), ==,
                   MINUTES (37));
  g_assert_cmpint (sim_last (sim)->action.at, ==, MINUTES (32));

  /* The next one: unseen, then shown while the user is away; break-length
   * (1 min) from then is the break done. */
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  sim_run_until (sim, MINUTES (75));
  away = sim->now;
  idle_since (sim, away);
  sim_run_until (sim, away + SECONDS (5));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 2);
  sim_event (sim, LIMBER_EVENT_POPUP_UNSHOWN);
  sim_run_until (sim, away + MINUTES (2));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 0);
  shown = sim->now;
  sim_event (sim, LIMBER_EVENT_POPUP_SHOWN);
  sim_run_until (sim, away + MINUTES (4));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_END_BREAK, 1), ==,
                   shown + MINUTES (1));
}

/* Closing the pop-up is seen, not skipped: walking away afterwards is the
 * break done; working on instead ends it as closed, and it is not put
 * back, not even overdue. */
static void
test_closed_popup (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (32) + SECONDS (5));
  idle_since (sim, MINUTES (32));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  sim_event (sim, LIMBER_EVENT_BREAK_CLOSED);
  assert_state (sim, "closed");
  /* Away for the break's length, a minute later: done. */
  sim_run_until (sim, MINUTES (33) + SECONDS (5));
  idle_since (sim, MINUTES (33) + SECONDS (5));
  sim_run_until (sim, MINUTES (35));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 1);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_SKIPPED), ==, 0);

  /* The next one, closed, then worked through: 5 min (the snooze) of work
   * later it ends as closed, and the interval starts over. */
  sim_run_until (sim, MINUTES (65) + SECONDS (5));
  idle_since (sim, MINUTES (65));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 2);
  sim_event (sim, LIMBER_EVENT_BREAK_CLOSED);
  sim_run_until (sim, MINUTES (90));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_ESCALATE), ==, 0);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_CLOSED), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_END_BREAK, 1), ==,
                   MINUTES (70) + SECONDS (5));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_SKIPPED), ==, 0);
  assert_state (sim, "active");

  /* With a snooze longer than the window, the closed pop-up turns overdue
   * while still closed: it is not put back. */
  LimberTimings longer = sim->timings;
  longer.snooze = MINUTES (30);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_CONFIG_CHANGED,
                                .timings = &longer });
  /* Asked for after 20 min of work, closed, then 26 more: past the
   * window's end (45 min), not yet at the closed break's (50 min). */
  sim_run_until (sim, MINUTES (90) + SECONDS (5));
  sim_event (sim, LIMBER_EVENT_BREAK_NOW);
  sim_event (sim, LIMBER_EVENT_BREAK_CLOSED);
  sim_run_until (sim, MINUTES (116) + SECONDS (5));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  assert_state (sim, "closed");
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_ESCALATE), ==, 0);
}

/* Back before break-length: the pop-up stays. */
static void
test_short_absence_keeps_popup (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (32) + SECONDS (5));
  idle_since (sim, MINUTES (32));
  sim_run_for (sim, SECONDS (30));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  sim_run_for (sim, MINUTES (2));
  assert_state (sim, "break");
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_END_BREAK), ==, 0);
}

/* Events stamped out of order are taken as simultaneous, never as time
 * running backwards. */
static void
test_time_never_runs_backwards (Sim *sim, gconstpointer data)
{
  LimberStep step;

  (void) data;
  sim_run_until (sim, MINUTES (10));
  step = limber_scheduler_feed (
      &sim->scheduler,
      &(LimberEvent){ .type = LIMBER_EVENT_TICK, .time = MINUTES (5) });
  g_assert_cmpint (step.next_wakeup, ==, MINUTES (30));
  assert_worked (sim, MINUTES (10));
  /* Idle "since" a time before the start of the run is clamped too. */
  senses_lulls (sim);
  sim_run_for (sim, MINUTES (1));
  idle_since (sim, -HOURS (1));
  assert_worked (sim, 0);
}

/* Huge durations saturate instead of overflowing. */
static void
test_huge_durations (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_feed (
      sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE, .duration = G_MAXINT64 });
  g_assert_cmpint (limber_scheduler_get_paused_until (&sim->scheduler), ==,
                   LIMBER_TIME_NEVER);
  sim_event (sim, LIMBER_EVENT_RESUME_REMINDERS);
  /* A snooze stops a day past the usual window (LIMBER_SNOOZE_AHEAD_MAX). */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = G_MAXINT64 });
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, sim->now + HOURS (24) + MINUTES (45));
}

/* A working day: 9:00 to 17:30 with a stand-up meeting away from the desk,
 * lunch with the laptop asleep and a video call paused. Breaks come on time
 * and the scheduler wakes only when something is due. */
static void
test_working_day (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);

  /* 9:00–9:40: typing; a lull at 9:34. */
  sim_run_until (sim, MINUTES (34) + SECONDS (5));
  idle_since (sim, MINUTES (34));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (34) + SECONDS (5));
  sim_run_for (sim, SECONDS (20));
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);

  /* 9:45–10:00: stand-up, away from the desk (locked). */
  sim_run_until (sim, MINUTES (45));
  sim_event (sim, LIMBER_EVENT_LOCKED);
  sim_run_until (sim, MINUTES (60));
  sim_event (sim, LIMBER_EVENT_UNLOCKED);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);

  /* 10:00–12:00: focused work, no lull at all: critical pop-ups at 45 min,
   * snoozed once, then done. */
  sim_run_until (sim, MINUTES (105));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 1), ==,
                   MINUTES (105));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE });
  sim_run_until (sim, MINUTES (111));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 2), ==,
                   MINUTES (110));
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);

  /* Due again at 11:21; a pause in typing at 11:22 brings the pop-up. */
  sim_run_until (sim, MINUTES (142));
  assert_state (sim, "due");
  idle_since (sim, MINUTES (142) - SECONDS (5));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 3), ==,
                   MINUTES (142));
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);
  sim_event (sim, LIMBER_EVENT_USER_ACTIVE);

  /* Due at 11:52, still typing at noon. */
  sim_run_until (sim, MINUTES (180));
  assert_state (sim, "due");

  /* 12:00–13:00: lunch, laptop asleep. */
  sim_event (sim, LIMBER_EVENT_SUSPEND);
  sim_run_until (sim, MINUTES (240));
  sim_event (sim, LIMBER_EVENT_RESUME);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 2);

  /* 13:00–14:00: a video call, reminders paused for an hour. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE,
                                .duration = MINUTES (60) });
  sim_run_until (sim, MINUTES (300));
  assert_state (sim, "active");

  /* 14:00–17:30: breaks every 45 min (no lulls), each taken. */
  for (int i = 0; i < 4; i++)
    {
      guint shown = sim_count (sim, LIMBER_ACTION_SHOW_BREAK);
      sim_run_for (sim, MINUTES (46));
      g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==,
                        shown + 1);
      sim_event (sim, LIMBER_EVENT_BREAK_DONE);
    }
  sim_run_until (sim, MINUTES (510));

  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 7);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_SNOOZED), ==, 1);
  /* 8.5 hours, 16 wake-ups, each one a change: the window opening (8), a
   * pop-up at the window end (5), the snoozed break, the natural break
   * while locked and the end of the pause. No polling. */
  g_assert_cmpuint (sim->wakeups, ==, 16);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  sim_test_add ("/scheduler/due-at-interval-min", test_due_at_interval_min);
  sim_test_add ("/scheduler/lull-fires-early",
                test_lull_inside_window_fires_early);
  sim_test_add ("/scheduler/lull-completes-by-wakeup",
                test_lull_completes_by_wakeup);
  sim_test_add ("/scheduler/window-end-critical",
                test_window_end_fires_critical);
  sim_test_add ("/scheduler/unanswered-escalates",
                test_unanswered_break_escalates);
  sim_test_add ("/scheduler/done", test_done_restarts_interval);
  sim_test_add ("/scheduler/snooze-shown", test_snooze_shown_break);
  sim_test_add ("/scheduler/snooze-upcoming", test_snooze_upcoming_break);
  sim_test_add ("/scheduler/expired", test_expired_popup_comes_back);
  sim_test_add ("/scheduler/stacked-snoozes",
                test_stacked_snoozes_stop_a_day_ahead);
  sim_test_add ("/scheduler/skip", test_skip);
  sim_test_add ("/scheduler/snooze-early-break", test_snooze_break_taken_early);
  sim_test_add ("/scheduler/pause-auto-resumes", test_pause_auto_resumes);
  sim_test_add ("/scheduler/pause-withdraws",
                test_pause_withdraws_and_resume_returns);
  sim_test_add ("/scheduler/break-now", test_break_now);
  sim_test_add ("/scheduler/config-change", test_config_change_mid_interval);
  sim_test_add ("/scheduler/idle-is-not-work", test_idle_is_not_work);
  sim_test_add ("/scheduler/natural-break-idle", test_natural_break_while_idle);
  sim_test_add ("/scheduler/lock", test_lock_accounting);
  sim_test_add ("/scheduler/suspend", test_suspend_resume);
  sim_test_add ("/scheduler/locked-screen-waits",
                test_no_popup_on_locked_screen);
  sim_test_add ("/scheduler/walk-away-done", test_walk_away_counts_as_done);
  sim_test_add ("/scheduler/unseen-popup", test_unseen_popup);
  sim_test_add ("/scheduler/closed-popup", test_closed_popup);
  sim_test_add ("/scheduler/short-absence", test_short_absence_keeps_popup);
  sim_test_add ("/scheduler/monotonic", test_time_never_runs_backwards);
  sim_test_add ("/scheduler/huge-durations", test_huge_durations);
  sim_test_add ("/scheduler/working-day", test_working_day);
  return g_test_run ();
}
