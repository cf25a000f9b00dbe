/* The scheduler fed recorded event sequences: what a source reports over a
 * day, checked against the work and breaks a person would count. */
#include "sim.h"

typedef struct
{
  gint64 at; /* µs into the day */
  LimberEventType type;
  gint64 idle_for; /* USER_IDLE, IDLE_TIME: since = at - idle_for */
  gint64 duration; /* PAUSE, SNOOZE */
} Recorded;

typedef struct
{
  gint64 at;
  gint64 worked; /* expected work at this point, µs; -1: not checked */
  const char *state;
} Checkpoint;

#define AT(h, m, s) (HOURS (h) + MINUTES (m) + SECONDS (s))

static void
replay (Sim *sim, const Recorded *events, gsize n_events,
        const Checkpoint *checks, gsize n_checks)
{
  gsize e = 0, c = 0;

  while (e < n_events || c < n_checks)
    {
      gboolean event_first
          = c >= n_checks || (e < n_events && events[e].at <= checks[c].at);
      if (event_first)
        {
          const Recorded *r = &events[e++];
          sim_run_until (sim, r->at);
          sim_feed (sim, (LimberEvent){ .type = r->type,
                                        .since = r->at - r->idle_for,
                                        .duration = r->duration });
        }
      else
        {
          const Checkpoint *k = &checks[c++];
          sim_run_until (sim, k->at);
          if (k->worked >= 0)
            {
              gint64 worked
                  = limber_scheduler_get_worked (&sim->scheduler, sim->now);
              if (worked != k->worked)
                g_error ("at %" G_GINT64_FORMAT " s: worked %" G_GINT64_FORMAT
                         " s, expected %" G_GINT64_FORMAT " s",
                         k->at / LIMBER_USEC_PER_SEC,
                         worked / LIMBER_USEC_PER_SEC,
                         k->worked / LIMBER_USEC_PER_SEC);
            }
          if (k->state != NULL)
            g_assert_cmpstr (limber_scheduler_get_state_name (&sim->scheduler),
                             ==, k->state);
        }
    }
}

/* The fixture for a source that pushes lulls, as Mutter's does. */
static void
setup_pushed (Sim *sim, gconstpointer data)
{
  sim_fixture_setup (sim, data);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SOURCE_CHANGED,
                                .lulls = LIMBER_LULLS_PUSHED });
}

/* A morning as Mutter reports it: typing with short pauses (idle after the
 * 5 s lull), a meeting away from the desk, a few blips. */
static void
test_morning_with_meeting (Sim *sim, gconstpointer data)
{
  static const Recorded events[] = {
    /* 0:00–0:12 typing; a 40 s pause to read at 0:05. */
    { AT (0, 5, 5), LIMBER_EVENT_USER_IDLE, SECONDS (5) },
    { AT (0, 5, 40), LIMBER_EVENT_USER_ACTIVE },
    /* 0:12 off to a meeting; idle noticed at the lull. */
    { AT (0, 12, 5), LIMBER_EVENT_USER_IDLE, SECONDS (5) },
    { AT (0, 52, 0), LIMBER_EVENT_USER_ACTIVE },
    /* Blips: 20 s, 2 min, 4 min 55 s: none a break. */
    { AT (1, 0, 5), LIMBER_EVENT_USER_IDLE, SECONDS (5) },
    { AT (1, 0, 20), LIMBER_EVENT_USER_ACTIVE },
    { AT (1, 5, 5), LIMBER_EVENT_USER_IDLE, SECONDS (5) },
    { AT (1, 7, 0), LIMBER_EVENT_USER_ACTIVE },
    { AT (1, 10, 5), LIMBER_EVENT_USER_IDLE, SECONDS (5) },
    { AT (1, 14, 55), LIMBER_EVENT_USER_ACTIVE },
  };
  static const Checkpoint checks[] = {
    /* 12 min minus the 40 s read. */
    { AT (0, 12, 0), AT (0, 11, 20), "active" },
    { AT (0, 12, 5), AT (0, 11, 20), "idle" },
    /* The meeting was a natural break: counted at 0:17, work reset. */
    { AT (0, 30, 0), 0, "idle" },
    { AT (0, 52, 0), 0, "active" },
    /* Since 0:52: 28 min, less the three blips (20 s, 2 min, 4 min 55 s),
     * each counted from the last input. */
    { AT (1, 20, 0), AT (0, 28, 0) - SECONDS (20 + 120 + 295), "active" },
  };

  (void) data;
  replay (sim, events, G_N_ELEMENTS (events), checks, G_N_ELEMENTS (checks));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
}

/* Lunch with the laptop asleep, as logind reports it, then a locked
 * screen: neither counts as work, both are breaks, nothing stale fires. */
static void
test_lunch_suspend_and_lock (Sim *sim, gconstpointer data)
{
  static const Recorded events[] = {
    /* 25 min of work, then lunch: PrepareForSleep(true) at 0:25. */
    { AT (0, 25, 0), LIMBER_EVENT_SUSPEND },
    /* Back at 1:25: PrepareForSleep(false); the screen is still locked. */
    { AT (1, 25, 0), LIMBER_EVENT_LOCKED },
    { AT (1, 25, 0), LIMBER_EVENT_RESUME },
    { AT (1, 25, 30), LIMBER_EVENT_UNLOCKED },
    /* 10 min later, a 2 min lock (coffee): not a break. */
    { AT (1, 35, 30), LIMBER_EVENT_LOCKED },
    { AT (1, 37, 30), LIMBER_EVENT_UNLOCKED },
  };
  static const Checkpoint checks[] = {
    { AT (0, 24, 59), AT (0, 24, 59), "active" },
    { AT (0, 40, 0), AT (0, 25, 0), "idle" },
    { AT (1, 25, 10), 0, "idle" },
    { AT (1, 30, 30), AT (0, 5, 0), "active" },
    { AT (1, 36, 30), AT (0, 10, 0), "idle" },
    { AT (1, 40, 0), AT (0, 12, 30), "active" },
  };

  (void) data;
  replay (sim, events, G_N_ELEMENTS (events), checks, G_N_ELEMENTS (checks));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_NATURAL), ==, 1);
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
}

/* Asleep for hours with a break overdue on screen: resuming ends it as
 * done, and the next one comes a full interval later. */
static void
test_resume_after_long_suspend (Sim *sim, gconstpointer data)
{
  static const Recorded events[] = {
    { AT (0, 46, 0), LIMBER_EVENT_SUSPEND },
    { AT (9, 0, 0), LIMBER_EVENT_RESUME },
  };
  static const Checkpoint checks[] = {
    { AT (0, 45, 30), -1, "overdue" },
    { AT (9, 0, 1), SECONDS (1), "active" },
    { AT (9, 30, 1), -1, "due" },
  };

  (void) data;
  replay (sim, events, G_N_ELEMENTS (events), checks, G_N_ELEMENTS (checks));
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 1);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_END_BREAK, 0), ==,
                   AT (9, 0, 0));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
}

/* A source that must be asked (org.freedesktop.ScreenSaver): asked only
 * once a break is due, then when the lull could complete; the answer that
 * shows a lull brings the pop-up. No questions outside the window. */
static void
test_queried_lulls (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SOURCE_CHANGED,
                                .lulls = LIMBER_LULLS_QUERIED });
  sim_run_until (sim, MINUTES (29));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 0);

  /* Due at 30 min: asked at once. */
  sim_run_until (sim, MINUTES (30));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 1);
  /* No second question while the first is unanswered. */
  sim_run_for (sim, MINUTES (1));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 1);
  /* "2 s without input": ask again when the 5 s lull could be complete. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_IDLE_TIME,
                                .since = sim->now - SECONDS (2) });
  g_assert_cmpint (sim->wakeup, ==, sim->now + SECONDS (3));
  sim_run_for (sim, SECONDS (3));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 2);
  /* "6 s without input": a lull. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_IDLE_TIME,
                                .since = sim->now - SECONDS (6) });
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK, 0), ==,
                   sim->now);
  /* The answer does not make the user idle: work goes on counting. */
  g_assert_cmpstr (limber_scheduler_get_state_name (&sim->scheduler), ==,
                   "break");

  /* On screen: asked after break-length whether the user stepped away. */
  LimberTime shown = sim->now;
  sim_run_until (sim, shown + MINUTES (1));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 3);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_IDLE_TIME,
                                .since = shown + SECONDS (5) });
  sim_run_until (sim, shown + MINUTES (1) + SECONDS (5));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 4);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_IDLE_TIME,
                                .since = shown + SECONDS (5) });
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 1);

  /* Working again: no more questions, and no wake-up for them. */
  sim_run_for (sim, MINUTES (20));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 4);
  g_assert_cmpint (sim->wakeup, ==, sim->now + MINUTES (10));
}

/* A source that must be asked, chosen while a break is already on screen
 * (or put back after a restart): it is asked at once, so that stepping
 * away from that pop-up is still seen. */
static void
test_queried_source_for_a_break_on_screen (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (30));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SOURCE_CHANGED,
                                .lulls = LIMBER_LULLS_QUERIED });
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 1);
  /* Away since just after the pop-up: the break is done. */
  sim_feed (sim,
            (LimberEvent){ .type = LIMBER_EVENT_IDLE_TIME, .since = sim->now });
  sim_run_for (sim, MINUTES (1));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_QUERY_IDLE), ==, 2);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_IDLE_TIME,
                                .since = sim->now - MINUTES (1) });
  g_assert_cmpuint (sim_count_outcome (sim, LIMBER_OUTCOME_DONE), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/recorded/morning-with-meeting", Sim, NULL, setup_pushed,
              test_morning_with_meeting, sim_fixture_teardown);
  g_test_add ("/recorded/lunch-suspend-and-lock", Sim, NULL, setup_pushed,
              test_lunch_suspend_and_lock, sim_fixture_teardown);
  g_test_add ("/recorded/resume-after-long-suspend", Sim, NULL, setup_pushed,
              test_resume_after_long_suspend, sim_fixture_teardown);
  sim_test_add ("/recorded/queried-lulls", test_queried_lulls);
  sim_test_add ("/recorded/queried-source-for-a-break-on-screen",
                test_queried_source_for_a_break_on_screen);
  return g_test_run ();
}
