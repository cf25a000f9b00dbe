/* The scheduler's speed: a simulated year of a person's work, as Mutter
 * would report it (typing with pauses every few minutes, meetings, lunch,
 * nights and weekends asleep), fed through the scheduler with a wake-up at
 * every deadline it asks for. Prints the events, the breaks and the time. */
#include <stdio.h>

#include "scheduler.h"

#define SECONDS(n) ((gint64) (n) *LIMBER_USEC_PER_SEC)
#define MINUTES(n) SECONDS ((n) *60)
#define HOURS(n)   MINUTES ((n) *60)
#define DAYS(n)    HOURS ((n) *24)

static LimberScheduler scheduler;
static LimberTime now, wakeup;
static guint64 events, shown, ended;

static void
feed (LimberEventType type, LimberTime at, LimberTime since)
{
  LimberEvent event = { .type = type, .time = at, .since = since };
  LimberStep step;

  while (wakeup <= at)
    {
      LimberEvent tick = { .type = LIMBER_EVENT_TICK, .time = wakeup };
      now = wakeup;
      step = limber_scheduler_feed (&scheduler, &tick);
      events++;
      wakeup = step.next_wakeup;
      for (guint i = 0; i < step.n_actions; i++)
        shown += step.actions[i].type == LIMBER_ACTION_SHOW_BREAK;
    }
  now = at;
  step = limber_scheduler_feed (&scheduler, &event);
  events++;
  wakeup = step.next_wakeup;
  for (guint i = 0; i < step.n_actions; i++)
    {
      shown += step.actions[i].type == LIMBER_ACTION_SHOW_BREAK;
      ended += step.actions[i].type == LIMBER_ACTION_END_BREAK;
    }
  /* The user answers every pop-up: done. */
  if (limber_scheduler_get_phase (&scheduler) == LIMBER_PHASE_ON_BREAK)
    {
      LimberEvent done = { .type = LIMBER_EVENT_BREAK_DONE, .time = at };
      step = limber_scheduler_feed (&scheduler, &done);
      events++;
      wakeup = step.next_wakeup;
      ended++;
    }
}

int
main (void)
{
  LimberTimings timings = {
    .interval_min = MINUTES (30),
    .interval_max = MINUTES (45),
    .snooze = MINUTES (5),
    .natural_break = MINUTES (5),
    .lull = SECONDS (5),
    .break_length = MINUTES (1),
  };
  GRand *rand = g_rand_new_with_seed (42);
  gint64 started;

  limber_scheduler_init (&scheduler, &timings, 0);
  wakeup = LIMBER_TIME_NEVER;
  feed (LIMBER_EVENT_SOURCE_CHANGED, 0, 0);

  started = g_get_monotonic_time ();
  for (int day = 0; day < 365; day++)
    {
      LimberTime t = DAYS (day) + HOURS (9);
      if (day % 7 >= 5) /* the weekend: asleep */
        continue;
      feed (LIMBER_EVENT_RESUME, t, 0);
      while (t < DAYS (day) + HOURS (17) + MINUTES (30))
        {
          /* Typing for 1–8 minutes, then a pause of 5 s to 3 min; now and
           * then a meeting away from the desk or lunch. */
          t += SECONDS (g_rand_int_range (rand, 60, 480));
          LimberTime stopped = t;
          gint64 pause = SECONDS (g_rand_int_range (rand, 5, 180));
          if (g_rand_int_range (rand, 0, 40) == 0)
            pause = MINUTES (g_rand_int_range (rand, 20, 60));
          feed (LIMBER_EVENT_USER_IDLE, stopped + SECONDS (5), stopped);
          t = stopped + pause;
          feed (LIMBER_EVENT_USER_ACTIVE, t, 0);
        }
      feed (LIMBER_EVENT_SUSPEND, t, 0);
    }
  gint64 elapsed = g_get_monotonic_time () - started;

  printf ("events %" G_GUINT64_FORMAT "\n", events);
  printf ("breaks_shown %" G_GUINT64_FORMAT "\n", shown);
  printf ("breaks_ended %" G_GUINT64_FORMAT "\n", ended);
  printf ("seconds %.6f\n", elapsed / 1e6);
  g_rand_free (rand);
  return 0;
}
