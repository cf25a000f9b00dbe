/* Holds over simulated time: a lease, a call or do-not-disturb keeps a due
 * break back; work goes on; the break is offered once, deferred, when the
 * last hold ends. */
#include "sim.h"

static void
hold (Sim *sim, guint32 id, LimberHoldKind kind, LimberTime until)
{
  sim_feed (
      sim, (LimberEvent){ .type = LIMBER_EVENT_HOLD_BEGIN,
                          .hold = { .id = id, .kind = kind, .until = until } });
}

static void
release (Sim *sim, guint32 id)
{
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_HOLD_END,
                                .hold = { .id = id } });
}

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

static const LimberAction *
nth_action (const Sim *sim, LimberActionType type, guint nth)
{
  for (guint i = 0; i < sim->log->len; i++)
    {
      const SimEntry *entry = &g_array_index (sim->log, SimEntry, i);
      if (entry->action.type == type && nth-- == 0)
        return &entry->action;
    }
  g_error ("no action %d in the log", type);
}

/* A lease from 10 min on: the break due at 30 min is recorded as deferred
 * and not shown; work goes on counting; the lease ends at 70 min and the
 * break is offered at once, once, marked deferred, as of 30 min. */
static void
test_hold_defers_the_break (Sim *sim, gconstpointer data)
{
  const LimberAction *shown;

  (void) data;
  sim_run_until (sim, MINUTES (10));
  hold (sim, 1, LIMBER_HOLD_LEASE, LIMBER_TIME_NEVER);
  assert_state (sim, "held");
  sim_run_until (sim, MINUTES (70));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_ESCALATE), ==, 0);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DEFERRED), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_RECORD, 0), ==,
                   MINUTES (30));
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   MINUTES (70));
  assert_state (sim, "held");
  /* Held and due: nothing to wake for until something happens. */
  g_assert_cmpint (sim->wakeup, ==, LIMBER_TIME_NEVER);

  release (sim, 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (70));
  shown = nth_action (sim, LIMBER_ACTION_SHOW_BREAK, 0);
  g_assert_true (shown->deferred);
  g_assert_cmpint (shown->at, ==, MINUTES (30));
  /* A fresh offer, not an overdue one: it turns urgent after a window. */
  g_assert_cmpint (shown->urgency, ==, LIMBER_URGENCY_NORMAL);
  assert_state (sim, "break");
  sim_run_until (sim, MINUTES (84));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_ESCALATE), ==, 0);
  sim_run_until (sim, MINUTES (86));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_ESCALATE, 0), ==,
                   MINUTES (85));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DEFERRED), ==, 1);

  /* Taken: a new interval, counted from here. */
  sim_event (sim, LIMBER_EVENT_BREAK_DONE);
  assert_state (sim, "active");
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, MINUTES (86) + MINUTES (30));
}

/* A hold that ends before anything was due leaves no trace. */
static void
test_short_hold_changes_nothing (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (5));
  hold (sim, 7, LIMBER_HOLD_CALL, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (20));
  release (sim, 7);
  assert_state (sim, "active");
  sim_run_until (sim, MINUTES (31));
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (30));
  g_assert_false (nth_action (sim, LIMBER_ACTION_SHOW_BREAK, 0)->deferred);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DEFERRED), ==, 0);
}

/* Time in a call is work: an hour on camera without touching the keyboard
 * is no natural break, and the clock is not reset. */
static void
test_call_is_work_not_a_break (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  sim_run_until (sim, MINUTES (5));
  hold (sim, 3, LIMBER_HOLD_CALL, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (6) + SECONDS (5));
  idle_since (sim, MINUTES (6));
  sim_run_until (sim, MINUTES (25));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 0);
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   MINUTES (25));
  g_assert_false (limber_scheduler_is_away (&sim->scheduler));

  /* The call ends, the hands still off the keyboard: away from now on,
   * and five minutes of it is a natural break. */
  release (sim, 3);
  g_assert_true (limber_scheduler_is_away (&sim->scheduler));
  sim_run_until (sim, MINUTES (29));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 0);
  sim_run_until (sim, MINUTES (31));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_RECORD, 0), ==,
                   MINUTES (30));
}

/* Do-not-disturb only keeps the pop-up back: stepping away is still a
 * break. */
static void
test_dnd_away_is_a_break (Sim *sim, gconstpointer data)
{
  (void) data;
  senses_lulls (sim);
  hold (sim, 4, LIMBER_HOLD_DND, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (10) + SECONDS (5));
  idle_since (sim, MINUTES (10));
  sim_run_until (sim, MINUTES (16));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
}

/* The screen locked during a call is away all the same. */
static void
test_lock_during_call_is_a_break (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (35));
  hold (sim, 5, LIMBER_HOLD_CALL, LIMBER_TIME_NEVER);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DEFERRED), ==, 1);
  sim_event (sim, LIMBER_EVENT_LOCKED);
  sim_run_until (sim, MINUTES (41));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  sim_event (sim, LIMBER_EVENT_UNLOCKED);
  release (sim, 5);
  /* The break was had: nothing is offered. */
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  assert_state (sim, "active");
}

/* A call starting over a pop-up takes it off the screen (it may be
 * shared) and brings it back when the call ends; a second call over that
 * offer does not count the break as deferred twice. */
static void
test_hold_withdraws_break_on_screen (Sim *sim, gconstpointer data)
{
  const LimberAction *ended;

  (void) data;
  sim_run_until (sim, MINUTES (31));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  hold (sim, 9, LIMBER_HOLD_CALL, LIMBER_TIME_NEVER);
  ended = nth_action (sim, LIMBER_ACTION_END_BREAK, 0);
  g_assert_cmpint (ended->outcome, ==, LIMBER_OUTCOME_DEFERRED);
  g_assert_false (ended->repeated);
  assert_state (sim, "held");
  sim_run_until (sim, MINUTES (50));
  release (sim, 9);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 2);
  g_assert_true (nth_action (sim, LIMBER_ACTION_SHOW_BREAK, 1)->deferred);
  g_assert_cmpint (nth_action (sim, LIMBER_ACTION_SHOW_BREAK, 1)->at, ==,
                   MINUTES (30));

  hold (sim, 10, LIMBER_HOLD_CALL, LIMBER_TIME_NEVER);
  ended = nth_action (sim, LIMBER_ACTION_END_BREAK, 1);
  g_assert_true (ended->repeated);
  release (sim, 10);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 3);
}

/* With two holds, the break waits for the last. */
static void
test_last_hold_releases (Sim *sim, gconstpointer data)
{
  (void) data;
  hold (sim, 1, LIMBER_HOLD_LEASE, LIMBER_TIME_NEVER);
  hold (sim, 2, LIMBER_HOLD_CALL, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (40));
  release (sim, 2);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  assert_state (sim, "held");
  release (sim, 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  /* Ending a hold that is not there changes nothing. */
  release (sim, 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
}

/* A lease with a deadline ends by itself, with one wake-up at that time;
 * the shell hears which. */
static void
test_hold_expires (Sim *sim, gconstpointer data)
{
  const LimberAction *expired;

  (void) data;
  sim_run_until (sim, MINUTES (20));
  hold (sim, 42, LIMBER_HOLD_LEASE, MINUTES (50));
  g_assert_cmpint (sim->wakeup, ==, MINUTES (30));
  sim_run_until (sim, MINUTES (30));
  g_assert_cmpint (sim->wakeup, ==, MINUTES (50));
  guint before = sim->wakeups;
  sim_run_until (sim, MINUTES (50));
  g_assert_cmpuint (sim->wakeups, ==, before + 1);
  expired = nth_action (sim, LIMBER_ACTION_HOLD_EXPIRED, 0);
  g_assert_cmpuint (expired->hold_id, ==, 42);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   MINUTES (50));
  g_assert_true (nth_action (sim, LIMBER_ACTION_SHOW_BREAK, 0)->deferred);

  /* Taken again: the new deadline replaces the old, since kept. */
  hold (sim, 43, LIMBER_HOLD_LEASE, MINUTES (60));
  hold (sim, 43, LIMBER_HOLD_LEASE, MINUTES (70));
  const LimberHold *again = limber_holds_find (&sim->scheduler.holds, 43);
  g_assert_true (again != NULL && again->until == MINUTES (70));
}

/* Skipping a held break is a skip: nothing is offered after. */
static void
test_skip_while_held (Sim *sim, gconstpointer data)
{
  (void) data;
  hold (sim, 1, LIMBER_HOLD_LEASE, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (35));
  g_assert_true (limber_scheduler_has_break (&sim->scheduler));
  sim_event (sim, LIMBER_EVENT_SKIP);
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_SKIPPED), ==, 1);
  release (sim, 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  g_assert_cmpint (limber_scheduler_get_next_break (&sim->scheduler, sim->now),
                   ==, MINUTES (65));
}

/* A hold ending while the screen is locked: the deferred break waits for
 * the unlock, then shows at once. */
static void
test_deferred_waits_for_unlock (Sim *sim, gconstpointer data)
{
  (void) data;
  hold (sim, 1, LIMBER_HOLD_LEASE, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (40));
  sim_event (sim, LIMBER_EVENT_LOCKED);
  release (sim, 1);
  sim_run_until (sim, MINUTES (42));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  sim_event (sim, LIMBER_EVENT_UNLOCKED);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  g_assert_true (nth_action (sim, LIMBER_ACTION_SHOW_BREAK, 0)->deferred);
}

/* The pause is listed among the holds, first, with its deadline. */
static void
test_pause_is_listed (Sim *sim, gconstpointer data)
{
  LimberHold holds[4];

  (void) data;
  sim_run_until (sim, MINUTES (1));
  hold (sim, 6, LIMBER_HOLD_CALL, LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (2));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE,
                                .duration = MINUTES (10) });
  g_assert_cmpuint (limber_scheduler_list_holds (&sim->scheduler, holds, 4), ==,
                    2);
  g_assert_cmpint (holds[0].kind, ==, LIMBER_HOLD_PAUSE);
  g_assert_cmpint (holds[0].since, ==, MINUTES (2));
  g_assert_cmpint (holds[0].until, ==, MINUTES (12));
  g_assert_cmpint (holds[1].kind, ==, LIMBER_HOLD_CALL);
  g_assert_cmpint (holds[1].since, ==, MINUTES (1));
  g_assert_cmpint (holds[1].until, ==, LIMBER_TIME_NEVER);
  assert_state (sim, "paused");
  g_assert_cmpuint (limber_scheduler_list_holds (&sim->scheduler, holds, 1), ==,
                    1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sim_test_add ("/holds/defers-the-break", test_hold_defers_the_break);
  sim_test_add ("/holds/short-hold", test_short_hold_changes_nothing);
  sim_test_add ("/holds/call-is-work", test_call_is_work_not_a_break);
  sim_test_add ("/holds/dnd-away-is-a-break", test_dnd_away_is_a_break);
  sim_test_add ("/holds/lock-during-call", test_lock_during_call_is_a_break);
  sim_test_add ("/holds/withdraws-break-on-screen",
                test_hold_withdraws_break_on_screen);
  sim_test_add ("/holds/last-hold-releases", test_last_hold_releases);
  sim_test_add ("/holds/expires", test_hold_expires);
  sim_test_add ("/holds/skip-while-held", test_skip_while_held);
  sim_test_add ("/holds/deferred-waits-for-unlock",
                test_deferred_waits_for_unlock);
  sim_test_add ("/holds/pause-is-listed", test_pause_is_listed);
  return g_test_run ();
}
