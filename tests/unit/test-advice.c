/* The guide's two-week rule: ratings that have not improved over two
 * weeks of regular breaks are worth a physical therapist's look; said
 * once. */
#include "advice.h"

#define DAY (24 * 3600)
#define NOW (G_GINT64_CONSTANT (1800000000))

/* Breaks taken on each of the last 14 days: weekdays only. */
static const guint working_fortnight[14]
    = { 5, 6, 0, 0, 4, 5, 6, 5, 4, 0, 0, 6, 5, 4 };
static const guint sparse_fortnight[14]
    = { 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 1 };

static gboolean
due (const LimberRating *ratings, guint n, const guint *days, gint64 advised_at)
{
  return limber_advice_due (ratings, n, days, 14, NOW, advised_at);
}

static void
test_no_improvement_over_two_weeks (void)
{
  LimberRating same[]
      = { { NOW - 15 * DAY, 6 }, { NOW - 8 * DAY, 6 }, { NOW - 1 * DAY, 6 } };
  LimberRating worse[]
      = { { NOW - 14 * DAY, 4 }, { NOW - 7 * DAY, 5 }, { NOW, 6 } };

  g_assert_true (due (same, 3, working_fortnight, 0));
  g_assert_true (due (worse, 3, working_fortnight, 0));
}

static void
test_improvement_or_too_soon (void)
{
  LimberRating better[] = { { NOW - 14 * DAY, 6 }, { NOW, 5 } };
  LimberRating one_week[] = { { NOW - 7 * DAY, 6 }, { NOW, 6 } };
  LimberRating single[] = { { NOW, 9 } };
  LimberRating stale[] = { { NOW - 30 * DAY, 6 }, { NOW - 16 * DAY, 6 } };
  LimberRating mild[] = { { NOW - 14 * DAY, 2 }, { NOW, 2 } };

  g_assert_false (due (better, 2, working_fortnight, 0));
  g_assert_false (due (one_week, 2, working_fortnight, 0));
  g_assert_false (due (single, 1, working_fortnight, 0));
  /* The latest rating is over a week old: ask again first. */
  g_assert_false (due (stale, 2, working_fortnight, 0));
  /* Hardly any discomfort: nobody to see. */
  g_assert_false (due (mild, 2, working_fortnight, 0));
}

/* Breaks taken now and then are not the regular exercise the rule is
 * about. */
static void
test_needs_regular_breaks (void)
{
  LimberRating same[] = { { NOW - 14 * DAY, 6 }, { NOW, 6 } };

  g_assert_false (due (same, 2, sparse_fortnight, 0));
  g_assert_true (due (same, 2, working_fortnight, 0));
}

/* Once said, not again for the same ratings; a new fortnight can. */
static void
test_said_once (void)
{
  LimberRating same[] = { { NOW - 14 * DAY, 6 }, { NOW, 6 } };

  g_assert_false (due (same, 2, working_fortnight, NOW - 2 * DAY));
  g_assert_true (due (same, 2, working_fortnight, NOW - 20 * DAY));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/advice/no-improvement",
                   test_no_improvement_over_two_weeks);
  g_test_add_func ("/advice/improvement-or-too-soon",
                   test_improvement_or_too_soon);
  g_test_add_func ("/advice/needs-regular-breaks", test_needs_regular_breaks);
  g_test_add_func ("/advice/said-once", test_said_once);
  return g_test_run ();
}
