#include "sim.h"

LimberTimings
sim_default_timings (void)
{
  return (LimberTimings){
    .interval_min = MINUTES (30),
    .interval_max = MINUTES (45),
    .snooze = MINUTES (5),
    .natural_break = MINUTES (5),
    .lull = SECONDS (5),
    .break_length = MINUTES (1),
  };
}

void
sim_init (Sim *sim, const LimberTimings *timings)
{
  *sim = (Sim){ .timings = *timings, .now = 0 };
  sim->log = g_array_new (FALSE, FALSE, sizeof (SimEntry));
  limber_scheduler_init (&sim->scheduler, timings, 0);
  sim->wakeup = LIMBER_TIME_NEVER;
  /* As the daemon does at start: no source, wall time counts. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SOURCE_CHANGED });
}

void
sim_clear (Sim *sim)
{
  g_clear_pointer (&sim->log, g_array_unref);
}

void
sim_feed (Sim *sim, LimberEvent event)
{
  LimberStep step;

  event.time = sim->now;
  step = limber_scheduler_feed (&sim->scheduler, &event);
  for (guint i = 0; i < step.n_actions; i++)
    {
      SimEntry entry = { .time = sim->now, .action = step.actions[i] };
      g_array_append_val (sim->log, entry);
    }
  /* The scheduler must never ask to be woken now or in the past: the daemon
   * would spin. */
  g_assert_cmpint (step.next_wakeup, >, sim->now);
  sim->wakeup = step.next_wakeup;
}

void
sim_event (Sim *sim, LimberEventType type)
{
  sim_feed (sim, (LimberEvent){ .type = type });
}

void
sim_run_until (Sim *sim, LimberTime t)
{
  g_assert_cmpint (t, >=, sim->now);
  while (sim->wakeup <= t)
    {
      sim->now = sim->wakeup;
      sim->wakeups++;
      sim_event (sim, LIMBER_EVENT_TICK);
    }
  sim->now = t;
}

void
sim_run_for (Sim *sim, gint64 duration)
{
  sim_run_until (sim, sim->now + duration);
}

LimberTime
sim_action_time (const Sim *sim, LimberActionType type, guint nth)
{
  for (guint i = 0; i < sim->log->len; i++)
    {
      const SimEntry *entry = &g_array_index (sim->log, SimEntry, i);
      if (entry->action.type == type && nth-- == 0)
        return entry->time;
    }
  return -1;
}

guint
sim_count (const Sim *sim, LimberActionType type)
{
  guint n = 0;

  for (guint i = 0; i < sim->log->len; i++)
    if (g_array_index (sim->log, SimEntry, i).action.type == type)
      n++;
  return n;
}

guint
sim_count_outcome (const Sim *sim, LimberOutcome outcome)
{
  guint n = 0;

  for (guint i = 0; i < sim->log->len; i++)
    {
      const LimberAction *action
          = &g_array_index (sim->log, SimEntry, i).action;
      if ((action->type == LIMBER_ACTION_END_BREAK
           || action->type == LIMBER_ACTION_RECORD)
          && action->outcome == outcome)
        n++;
    }
  return n;
}

const SimEntry *
sim_last (const Sim *sim)
{
  if (sim->log->len == 0)
    return NULL;
  return &g_array_index (sim->log, SimEntry, sim->log->len - 1);
}

void
sim_fixture_setup (Sim *sim, gconstpointer data)
{
  LimberTimings timings = sim_default_timings ();

  (void) data;
  sim_init (sim, &timings);
}

void
sim_fixture_teardown (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_clear (sim);
}
