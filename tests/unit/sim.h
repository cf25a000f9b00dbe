/* A simulated clock around the scheduler: time moves only when the test says
 * so, and on the way the scheduler is woken exactly when it asked to be, as
 * the daemon's timer would. Every action is logged with its time. */
#pragma once

#include "scheduler.h"

#define SECONDS(n) ((gint64) (n) *LIMBER_USEC_PER_SEC)
#define MINUTES(n) SECONDS ((n) *60)
#define HOURS(n)   MINUTES ((n) *60)

typedef struct
{
  LimberTime time;
  LimberAction action;
} SimEntry;

typedef struct
{
  LimberScheduler scheduler;
  LimberTimings timings;
  LimberTime now;
  LimberTime wakeup;
  guint wakeups; /* ticks delivered */
  GArray *log;   /* SimEntry */
} Sim;

/* The defaults of limber.conf: 30–45 min, snooze 5 min, natural break
 * 5 min, lull 5 s, break length 1 min. */
LimberTimings sim_default_timings (void);

void sim_init (Sim *sim, const LimberTimings *timings);
void sim_clear (Sim *sim);

/* A Sim as a g_test_add() fixture, on the default timings, from the first
 * instant: a test is `static void test_x (Sim *sim, gconstpointer data)`. */
void sim_fixture_setup (Sim *sim, gconstpointer data);
void sim_fixture_teardown (Sim *sim, gconstpointer data);
#define sim_test_add(path, func)                                               \
  g_test_add ((path), Sim, NULL, sim_fixture_setup, (func),                    \
              sim_fixture_teardown)

/* Feeds @event at the current time. */
void sim_feed (Sim *sim, LimberEvent event);
/* Shorthand for events without arguments. */
void sim_event (Sim *sim, LimberEventType type);

/* Moves the clock to @t, delivering the wake-ups that fall before it. */
void sim_run_until (Sim *sim, LimberTime t);
void sim_run_for (Sim *sim, gint64 duration);

/* The time of the @nth (from 0) logged action of @type, or -1. */
LimberTime sim_action_time (const Sim *sim, LimberActionType type, guint nth);
guint sim_count (const Sim *sim, LimberActionType type);
/* How many END_BREAK or RECORD actions had @outcome. */
guint sim_count_outcome (const Sim *sim, LimberOutcome outcome);
const SimEntry *sim_last (const Sim *sim);
