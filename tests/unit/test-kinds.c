/* Break kinds over simulated days: posture checks between micro-breaks, a
 * stretch session at a time of day, a weekly check-in; one pop-up at a
 * time, never two within a few minutes, and a pause or snooze holding
 * them all. */
#include "sim.h"

static LimberTimings
kinds_timings (void)
{
  LimberTimings timings = sim_default_timings ();

  timings.posture_check = MINUTES (30);
  timings.spacing = MINUTES (3);
  return timings;
}

static void
kinds_setup (Sim *sim, gconstpointer data)
{
  LimberTimings timings = kinds_timings ();

  (void) data;
  sim_init (sim, &timings);
}

static void
deadlines (Sim *sim, LimberTime stretch_at, LimberTime checkin_at)
{
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_DEADLINES,
                                .stretch_at = stretch_at,
                                .checkin_at = checkin_at });
}

static void
done (Sim *sim, LimberTaken taken)
{
  sim_feed (sim,
            (LimberEvent){ .type = LIMBER_EVENT_BREAK_DONE, .taken = taken });
}

/* The @nth SHOW_BREAK's entry. */
static const SimEntry *
shown (const Sim *sim, guint nth)
{
  guint left = nth;

  for (guint i = 0; i < sim->log->len; i++)
    {
      const SimEntry *e = &g_array_index (sim->log, SimEntry, i);
      if (e->action.type == LIMBER_ACTION_SHOW_BREAK && left-- == 0)
        return e;
    }
  g_error ("no pop-up #%u", nth);
}

static guint
count_shown (const Sim *sim, LimberBreakKind kind)
{
  guint n = 0;

  for (guint i = 0; i < sim->log->len; i++)
    {
      const SimEntry *e = &g_array_index (sim->log, SimEntry, i);
      if (e->action.type == LIMBER_ACTION_SHOW_BREAK && e->action.kind == kind)
        n++;
    }
  return n;
}

/* One pop-up at a time, and at least @spacing between the end of one and
 * the next, unless both are micro-breaks (a snooze the person asked for)
 * or a micro-break coming due replaced a posture check or check-in that
 * was still up, in the same instant. */
static void
assert_never_piled_up (const Sim *sim, gint64 spacing)
{
  gboolean on_screen = FALSE;
  LimberTime ended_at = -1;
  LimberBreakKind last_kind = LIMBER_KIND_MICRO_BREAK;

  for (guint i = 0; i < sim->log->len; i++)
    {
      const SimEntry *e = &g_array_index (sim->log, SimEntry, i);
      if (e->action.type == LIMBER_ACTION_SHOW_BREAK)
        {
          g_assert_false (on_screen);
          gboolean replaced = e->time == ended_at
                              && e->action.kind == LIMBER_KIND_MICRO_BREAK
                              && (last_kind == LIMBER_KIND_POSTURE_CHECK
                                  || last_kind == LIMBER_KIND_CHECKIN);
          if (ended_at >= 0 && !replaced
              && !(last_kind == LIMBER_KIND_MICRO_BREAK
                   && e->action.kind == LIMBER_KIND_MICRO_BREAK))
            g_assert_cmpint (e->time - ended_at, >=, spacing);
          on_screen = TRUE;
        }
      else if (e->action.type == LIMBER_ACTION_END_BREAK)
        {
          g_assert_true (on_screen);
          on_screen = FALSE;
          ended_at = e->time;
          last_kind = e->action.kind;
        }
    }
}

/* A posture check half-way through the interval: low urgency, gone by
 * itself after break-length, not a break (work goes on); the micro-break
 * at 30 min as ever. */
static void
test_posture_check_between_breaks (Sim *sim, gconstpointer data)
{
  const SimEntry *e;

  (void) data;
  sim_run_until (sim, MINUTES (20));
  e = shown (sim, 0);
  g_assert_cmpint (e->time, ==, MINUTES (15));
  g_assert_cmpint (e->action.kind, ==, LIMBER_KIND_POSTURE_CHECK);
  g_assert_cmpint (e->action.urgency, ==, LIMBER_URGENCY_LOW);
  g_assert_cmpint (sim_action_time (sim, LIMBER_ACTION_END_BREAK, 0), ==,
                   MINUTES (16));
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_POSTURE_CHECK);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_DONE);
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   MINUTES (20));
  g_assert_cmpint (limber_scheduler_get_next (
                       &sim->scheduler, LIMBER_KIND_POSTURE_CHECK, sim->now),
                   ==, MINUTES (45));

  sim_run_until (sim, MINUTES (31));
  e = shown (sim, 1);
  g_assert_cmpint (e->time, ==, MINUTES (30));
  g_assert_cmpint (e->action.kind, ==, LIMBER_KIND_MICRO_BREAK);
  done (sim, LIMBER_TAKEN_COMPLETED);
  g_assert_cmpint (sim_last (sim)->action.taken, ==, LIMBER_TAKEN_COMPLETED);
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_MICRO_BREAK);
  /* The next posture check half-way through the new interval. */
  sim_run_until (sim, MINUTES (50));
  g_assert_cmpint (shown (sim, 2)->time, ==, MINUTES (46));
  g_assert_cmpint (shown (sim, 2)->action.kind, ==, LIMBER_KIND_POSTURE_CHECK);
  assert_never_piled_up (sim, MINUTES (3));
}

/* A due micro-break absorbs a due posture check: with breaks every 16 min,
 * the posture check at 15 min would come a minute before it. */
static void
test_micro_break_absorbs_posture_check (Sim *sim, gconstpointer data)
{
  LimberTimings timings = kinds_timings ();

  (void) data;
  timings.interval_min = MINUTES (16);
  timings.interval_max = MINUTES (20);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_CONFIG_CHANGED,
                                .timings = &timings });
  g_assert_cmpint (limber_scheduler_get_next (
                       &sim->scheduler, LIMBER_KIND_POSTURE_CHECK, sim->now),
                   ==, MINUTES (31));
  sim_run_until (sim, MINUTES (17));
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_POSTURE_CHECK), ==, 0);
  g_assert_cmpint (shown (sim, 0)->time, ==, MINUTES (16));
  g_assert_cmpint (shown (sim, 0)->action.kind, ==, LIMBER_KIND_MICRO_BREAK);

  /* A posture check due while the micro-break is on screen is absorbed
   * too, not shown after it. */
  sim_run_until (sim, MINUTES (40));
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_POSTURE_CHECK), ==, 0);
  done (sim, LIMBER_TAKEN_DONE);
  sim_run_until (sim, MINUTES (52));
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_POSTURE_CHECK), ==, 0);
  assert_never_piled_up (sim, MINUTES (3));
}

/* The stretch session at its time of day: a break (taking it starts a new
 * interval), and it does not land within 3 min of another pop-up. */
static void
test_stretch_at_time_of_day (Sim *sim, gconstpointer data)
{
  const SimEntry *e;

  (void) data;
  /* Due at 16 min, as the posture check (15 min) ends: it waits for a
   * quiet 3 min. */
  deadlines (sim, MINUTES (16), LIMBER_TIME_NEVER);
  g_assert_cmpint (limber_scheduler_get_next (&sim->scheduler,
                                              LIMBER_KIND_STRETCH, sim->now),
                   ==, MINUTES (16));
  sim_run_until (sim, MINUTES (25));
  e = shown (sim, 1);
  g_assert_cmpint (e->action.kind, ==, LIMBER_KIND_STRETCH);
  g_assert_cmpint (e->time, ==, MINUTES (19));
  g_assert_cmpint (e->action.urgency, ==, LIMBER_URGENCY_NORMAL);
  g_assert_cmpstr (
      limber_kind_to_string (limber_scheduler_get_kind (&sim->scheduler)), ==,
      "stretch");

  /* Followed as a routine: away from the keyboard is no walk-away. */
  sim_event (sim, LIMBER_EVENT_GUIDE_START);
  g_assert_true (limber_scheduler_is_guided (&sim->scheduler));
  sim_feed (sim,
            (LimberEvent){ .type = LIMBER_EVENT_USER_IDLE, .since = sim->now });
  sim_run_for (sim, MINUTES (3));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_END_BREAK), ==, 1);
  done (sim, LIMBER_TAKEN_COMPLETED);
  e = sim_last (sim);
  g_assert_cmpint (e->action.type, ==, LIMBER_ACTION_END_BREAK);
  g_assert_cmpint (e->action.kind, ==, LIMBER_KIND_STRETCH);
  g_assert_cmpint (e->action.taken, ==, LIMBER_TAKEN_COMPLETED);
  /* A break: the micro-break's interval starts over. */
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   0);
  g_assert_cmpint (limber_scheduler_get_next (&sim->scheduler,
                                              LIMBER_KIND_STRETCH, sim->now),
                   ==, LIMBER_TIME_NEVER);
  assert_never_piled_up (sim, MINUTES (3));
}

/* A stretch due when the micro-break is takes its place. */
static void
test_stretch_takes_micro_breaks_place (Sim *sim, gconstpointer data)
{
  (void) data;
  deadlines (sim, MINUTES (29), LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (35));
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_STRETCH), ==, 1);
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_MICRO_BREAK), ==, 0);
  /* Walking away from a stretch takes it, as for a micro-break. */
  sim_feed (sim,
            (LimberEvent){ .type = LIMBER_EVENT_USER_IDLE, .since = sim->now });
  sim_run_for (sim, MINUTES (2));
  g_assert_cmpint (sim_last (sim)->action.taken, ==, LIMBER_TAKEN_WALKED_AWAY);
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_STRETCH);
}

/* A pause holds every kind: the posture check and the stretch wait, and
 * the stretch due during the pause comes once it ends. */
static void
test_pause_holds_every_kind (Sim *sim, gconstpointer data)
{
  (void) data;
  deadlines (sim, MINUTES (20), MINUTES (22));
  sim_run_until (sim, MINUTES (10));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_PAUSE,
                                .duration = MINUTES (30) });
  sim_run_until (sim, MINUTES (39));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  g_assert_cmpint (limber_scheduler_get_next (&sim->scheduler,
                                              LIMBER_KIND_STRETCH, sim->now),
                   ==, sim->now);
  sim_run_until (sim, MINUTES (41));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  g_assert_cmpint (shown (sim, 0)->time, ==, MINUTES (40));
  g_assert_cmpint (shown (sim, 0)->action.kind, ==, LIMBER_KIND_STRETCH);
  sim_event (sim, LIMBER_EVENT_SKIP);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_SKIPPED);
  /* A skipped stretch is no break: work goes on counting. */
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   MINUTES (11));
  /* The check-in, a quiet 3 min later. */
  sim_run_until (sim, MINUTES (45));
  g_assert_cmpint (shown (sim, 1)->time, ==, MINUTES (44));
  g_assert_cmpint (shown (sim, 1)->action.kind, ==, LIMBER_KIND_CHECKIN);
  g_assert_cmpint (shown (sim, 1)->action.urgency, ==, LIMBER_URGENCY_LOW);
  done (sim, LIMBER_TAKEN_DONE);
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_CHECKIN);
  /* Answered: not a break, and not asked again. */
  g_assert_cmpint (limber_scheduler_get_worked (&sim->scheduler, sim->now), ==,
                   MINUTES (15));
  g_assert_cmpint (limber_scheduler_get_next (&sim->scheduler,
                                              LIMBER_KIND_CHECKIN, sim->now),
                   ==, LIMBER_TIME_NEVER);
  assert_never_piled_up (sim, MINUTES (3));
}

/* A snooze holds every kind: nothing else shows while a snoozed break
 * waits, and a snoozed stretch waits its snooze. */
static void
test_snooze_holds_every_kind (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (10));
  /* Snoozed ahead of time: the posture check at 15 min is held, then
   * absorbed by the break. */
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = MINUTES (15) });
  sim_run_until (sim, MINUTES (44));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  sim_run_until (sim, MINUTES (46));
  g_assert_cmpint (shown (sim, 0)->action.kind, ==, LIMBER_KIND_MICRO_BREAK);
  g_assert_cmpint (shown (sim, 0)->time, ==, MINUTES (45));
  done (sim, LIMBER_TAKEN_DONE);

  /* A stretch snoozed: back after the snooze, not before. */
  deadlines (sim, MINUTES (50), LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (51));
  g_assert_cmpint (shown (sim, 1)->action.kind, ==, LIMBER_KIND_STRETCH);
  g_assert_cmpint (shown (sim, 1)->time, ==, MINUTES (50));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                .duration = MINUTES (10) });
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_SNOOZED);
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_STRETCH);
  sim_run_until (sim, MINUTES (60));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 2);
  sim_run_until (sim, MINUTES (62));
  g_assert_cmpint (shown (sim, 2)->action.kind, ==, LIMBER_KIND_STRETCH);
  g_assert_cmpint (shown (sim, 2)->time, ==, MINUTES (61));
  assert_never_piled_up (sim, MINUTES (3));
}

/* Asked for by name: limberctl break KIND. */
static void
test_break_now_by_kind (Sim *sim, gconstpointer data)
{
  (void) data;
  sim_run_until (sim, MINUTES (5));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_BREAK_NOW,
                                .kind = LIMBER_KIND_POSTURE_CHECK });
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_POSTURE_CHECK);
  sim_event (sim, LIMBER_EVENT_BREAK_CLOSED);
  g_assert_cmpint (sim_last (sim)->action.type, ==, LIMBER_ACTION_END_BREAK);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_BREAK_NOW,
                                .kind = LIMBER_KIND_CHECKIN });
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_CHECKIN);
  /* Closed: declined for this week, not skipped. */
  sim_event (sim, LIMBER_EVENT_BREAK_CLOSED);
  g_assert_cmpint (sim_last (sim)->action.outcome, ==, LIMBER_OUTCOME_CLOSED);
  /* A micro-break by name stays one, a stretch due or not. */
  deadlines (sim, MINUTES (5), LIMBER_TIME_NEVER);
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_BREAK_NOW });
  g_assert_cmpint (sim_last (sim)->action.kind, ==, LIMBER_KIND_MICRO_BREAK);
  LimberBreakKind kind;
  g_assert_true (limber_kind_from_string ("posture-check", &kind));
  g_assert_cmpint (kind, ==, LIMBER_KIND_POSTURE_CHECK);
  g_assert_false (limber_kind_from_string ("nap", &kind));
}

/* A check-in on screen makes way for a micro-break that comes due, and
 * is offered again after it. */
static void
test_checkin_makes_way (Sim *sim, gconstpointer data)
{
  LimberTimings timings = kinds_timings ();

  (void) data;
  timings.posture_check = 0;
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_CONFIG_CHANGED,
                                .timings = &timings });
  deadlines (sim, LIMBER_TIME_NEVER, MINUTES (20));
  sim_run_until (sim, MINUTES (31));
  g_assert_cmpint (shown (sim, 0)->action.kind, ==, LIMBER_KIND_CHECKIN);
  g_assert_cmpint (shown (sim, 1)->action.kind, ==, LIMBER_KIND_MICRO_BREAK);
  g_assert_cmpint (shown (sim, 1)->time, ==, MINUTES (30));
  done (sim, LIMBER_TAKEN_DONE);
  sim_run_until (sim, MINUTES (40));
  g_assert_cmpint (shown (sim, 2)->action.kind, ==, LIMBER_KIND_CHECKIN);
  /* A snooze after it was replaced (30 min), past the quiet 3 min. */
  g_assert_cmpint (shown (sim, 2)->time, ==, MINUTES (35));
  assert_never_piled_up (sim, MINUTES (3));
}

/* A working day, 9:00 to 17:30, every kind on: the person answers each
 * pop-up as it comes (a micro-break followed to its end after 90 s, the
 * stretch after 4 min, the check-in after 20 s) and leaves the posture
 * checks be. Nothing piles up, and limberd wakes only for a change. */
static void
test_working_day (Sim *sim, gconstpointer data)
{
  guint answered = 0;

  (void) data;
  /* 17:00 is 480 min after 9:00; the check-in at 16:00. */
  deadlines (sim, MINUTES (480), MINUTES (420));
  while (sim->now < MINUTES (510))
    {
      sim_run_for (sim, SECONDS (10));
      if (limber_scheduler_get_phase (&sim->scheduler) != LIMBER_PHASE_ON_BREAK)
        continue;
      LimberBreakKind kind = limber_scheduler_get_kind (&sim->scheduler);
      LimberTime since
          = sim_action_time (sim, LIMBER_ACTION_SHOW_BREAK,
                             sim_count (sim, LIMBER_ACTION_SHOW_BREAK) - 1);
      if (kind == LIMBER_KIND_MICRO_BREAK && sim->now - since >= SECONDS (10))
        {
          sim_event (sim, LIMBER_EVENT_GUIDE_START);
          sim_run_for (sim, SECONDS (90));
          done (sim, LIMBER_TAKEN_COMPLETED);
          answered++;
        }
      else if (kind == LIMBER_KIND_STRETCH)
        {
          sim_event (sim, LIMBER_EVENT_GUIDE_START);
          sim_run_for (sim, MINUTES (4));
          done (sim, LIMBER_TAKEN_COMPLETED);
          answered++;
        }
      else if (kind == LIMBER_KIND_CHECKIN && sim->now - since >= SECONDS (20))
        {
          done (sim, LIMBER_TAKEN_DONE);
          answered++;
        }
    }
  g_test_message ("%u micro-breaks, %u posture checks, %u stretch, %u "
                  "check-in, %u wake-ups",
                  count_shown (sim, LIMBER_KIND_MICRO_BREAK),
                  count_shown (sim, LIMBER_KIND_POSTURE_CHECK),
                  count_shown (sim, LIMBER_KIND_STRETCH),
                  count_shown (sim, LIMBER_KIND_CHECKIN), sim->wakeups);
  assert_never_piled_up (sim, MINUTES (3));
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_STRETCH), ==, 1);
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_CHECKIN), ==, 1);
  /* Every 31.5 min a micro-break (30 min of work and the 90 s routine). */
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_MICRO_BREAK), >=, 14);
  /* A posture check half-way through each interval, but when the check-in
   * or the stretch took its moment. */
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_POSTURE_CHECK), >=, 13);
  g_assert_cmpuint (answered, ==,
                    count_shown (sim, LIMBER_KIND_MICRO_BREAK) + 2);
  /* Each wake-up was for a pop-up to show or go, or a time of day: a few
   * per interval, no polling. */
  g_assert_cmpuint (sim->wakeups, <=,
                    3
                            * (count_shown (sim, LIMBER_KIND_MICRO_BREAK)
                               + count_shown (sim, LIMBER_KIND_POSTURE_CHECK))
                        + 6);
}

/* A hold (a call) holds every kind too: no posture check, no stretch in a
 * call; the stretch that came due is offered once it ends. */
static void
test_hold_holds_every_kind (Sim *sim, gconstpointer data)
{
  (void) data;
  deadlines (sim, MINUTES (12), LIMBER_TIME_NEVER);
  sim_run_until (sim, MINUTES (10));
  sim_feed (sim, (LimberEvent){ .type = LIMBER_EVENT_HOLD_BEGIN,
                                .hold = { .id = 7,
                                          .kind = LIMBER_HOLD_CALL,
                                          .until = LIMBER_TIME_NEVER } });
  sim_run_until (sim, MINUTES (20));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 0);
  sim_feed (
      sim, (LimberEvent){ .type = LIMBER_EVENT_HOLD_END, .hold = { .id = 7 } });
  sim_run_until (sim, MINUTES (21));
  g_assert_cmpuint (sim_count (sim, LIMBER_ACTION_SHOW_BREAK), ==, 1);
  g_assert_cmpint (shown (sim, 0)->action.kind, ==, LIMBER_KIND_STRETCH);
  g_assert_cmpint (shown (sim, 0)->time, ==, MINUTES (20));
  /* The posture check due in the call was absorbed, not stacked up. */
  g_assert_cmpuint (count_shown (sim, LIMBER_KIND_POSTURE_CHECK), ==, 0);
}

#define kinds_test_add(path, func)                                             \
  g_test_add ((path), Sim, NULL, kinds_setup, (func), sim_fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  kinds_test_add ("/kinds/posture-check-between-breaks",
                  test_posture_check_between_breaks);
  kinds_test_add ("/kinds/micro-break-absorbs-posture-check",
                  test_micro_break_absorbs_posture_check);
  kinds_test_add ("/kinds/stretch-at-time-of-day", test_stretch_at_time_of_day);
  kinds_test_add ("/kinds/stretch-takes-micro-breaks-place",
                  test_stretch_takes_micro_breaks_place);
  kinds_test_add ("/kinds/pause-holds-every-kind", test_pause_holds_every_kind);
  kinds_test_add ("/kinds/snooze-holds-every-kind",
                  test_snooze_holds_every_kind);
  kinds_test_add ("/kinds/hold-holds-every-kind", test_hold_holds_every_kind);
  kinds_test_add ("/kinds/break-now-by-kind", test_break_now_by_kind);
  kinds_test_add ("/kinds/checkin-makes-way", test_checkin_makes_way);
  kinds_test_add ("/kinds/working-day", test_working_day);
  return g_test_run ();
}
