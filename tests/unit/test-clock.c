/* Placing a sleep that the clocks reveal only afterwards. */
#include "clock.h"

#define MIN_US (G_GINT64_CONSTANT (60) * LIMBER_USEC_PER_SEC)

/* Woken at resume by a deadline that fell in the sleep: it ended now. */
static void
test_woke_late (void)
{
  LimberTime suspend_at, resume_at;

  limber_sleep_place (0, 30 * MIN_US, 6 * MIN_US, TRUE, &suspend_at,
                      &resume_at);
  g_assert_cmpint (suspend_at, ==, 24 * MIN_US);
  g_assert_cmpint (resume_at, ==, 30 * MIN_US);
}

/* Noticed later: put right after the last event, so that work since the
 * resume counts towards the next break rather than being lost. */
static void
test_noticed_later (void)
{
  LimberTime suspend_at, resume_at;

  limber_sleep_place (10 * MIN_US, 40 * MIN_US, 6 * MIN_US, FALSE, &suspend_at,
                      &resume_at);
  g_assert_cmpint (suspend_at, ==, 10 * MIN_US);
  g_assert_cmpint (resume_at, ==, 16 * MIN_US);
}

/* A sleep longer than the gap (clock noise) never reaches before the last
 * event or past now. */
static void
test_clamped (void)
{
  LimberTime suspend_at, resume_at;

  limber_sleep_place (10 * MIN_US, 12 * MIN_US, 5 * MIN_US, FALSE, &suspend_at,
                      &resume_at);
  g_assert_cmpint (suspend_at, ==, 10 * MIN_US);
  g_assert_cmpint (resume_at, ==, 12 * MIN_US);
  limber_sleep_place (10 * MIN_US, 12 * MIN_US, 5 * MIN_US, TRUE, &suspend_at,
                      &resume_at);
  g_assert_cmpint (suspend_at, ==, 10 * MIN_US);
  g_assert_cmpint (resume_at, ==, 12 * MIN_US);
}

/* The detector: no sleep on a machine that did not sleep. */
static void
test_detector_quiet (void)
{
  LimberSleepDetector detector;

  limber_sleep_detector_init (&detector);
  g_usleep (10000);
  g_assert_cmpint (limber_sleep_detector_poll (&detector), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clock/woke-late", test_woke_late);
  g_test_add_func ("/clock/noticed-later", test_noticed_later);
  g_test_add_func ("/clock/clamped", test_clamped);
  g_test_add_func ("/clock/detector-quiet", test_detector_quiet);
  return g_test_run ();
}
