/* Routines as data: the built-in ones follow the guide, and a step or a
 * routine that cannot be shown is told apart, with the reason. */
#include "routine.h"

#include <string.h>

static LimberRoutineSet *
builtins (void)
{
  return limber_routine_set_new ();
}

/* The guide's micro-break, exactly: stand up; 5 shoulder rolls forward and
 * backward; 3 deep breaths squeezing the shoulder blades; 30 seconds of
 * gentle neck stretches. */
static void
test_micro_break_follows_the_guide (void)
{
  g_autoptr (LimberRoutineSet) set = builtins ();
  const LimberRoutine *r
      = limber_routine_set_lookup (set, LIMBER_ROUTINE_MICRO_BREAK);
  const LimberRoutineStep *s;

  g_assert_nonnull (r);
  g_assert_true (r->builtin);
  g_assert_cmpuint (limber_routine_n_steps (r), ==, 4);
  s = limber_routine_step (r, 0);
  g_assert_nonnull (strstr (s->text, "Stand up"));
  g_assert_nonnull (strstr (s->text, "forward"));
  g_assert_cmpuint (s->count, ==, 5);
  g_assert_nonnull (strstr (s->cue, "shoulder blades"));
  g_assert_nonnull (strstr (s->cue, "arms relaxed"));
  s = limber_routine_step (r, 1);
  g_assert_nonnull (strstr (s->text, "backward"));
  g_assert_cmpuint (s->count, ==, 5);
  s = limber_routine_step (r, 2);
  g_assert_nonnull (strstr (s->text, "3 deep breaths"));
  g_assert_nonnull (strstr (s->text, "shoulder blades"));
  g_assert_cmpuint (s->count, ==, 3);
  s = limber_routine_step (r, 3);
  g_assert_nonnull (strstr (s->text, "neck"));
  g_assert_cmpuint (s->seconds, ==, 30);
  g_assert_cmpstr (r->title, ==, "Time for a micro-break");
  /* A minute and a half, every step timed: no hands needed for Next. */
  g_assert_cmpuint (limber_routine_seconds (r), ==, 85);
}

static void
test_other_builtins_follow_the_guide (void)
{
  g_autoptr (LimberRoutineSet) set = builtins ();
  const LimberRoutine *posture
      = limber_routine_set_lookup (set, LIMBER_ROUTINE_POSTURE_CHECK);
  const LimberRoutine *stretch
      = limber_routine_set_lookup (set, LIMBER_ROUTINE_STRETCH);
  g_autofree char *list = limber_routine_format_list (posture, FALSE);

  g_assert_nonnull (strstr (list, "Chin slightly tucked"));
  g_assert_nonnull (strstr (list, "not up by your ears"));
  g_assert_nonnull (strstr (list, "Top third of the screen at eye level"));
  g_assert_nonnull (strstr (list, "Elbows at 90°"));

  g_assert_cmpuint (limber_routine_n_steps (stretch), ==, 4);
  g_assert_nonnull (
      strstr (limber_routine_step (stretch, 0)->text, "Rhomboid"));
  g_assert_nonnull (
      strstr (limber_routine_step (stretch, 1)->text, "Child's pose"));
  /* Held 15 to 30 s, 2 to 4 times; the shoulder circles 4 each way. */
  for (guint i = 0; i < 2; i++)
    {
      const LimberRoutineStep *s = limber_routine_step (stretch, i);
      g_assert_cmpuint (s->count, >=, 2);
      g_assert_cmpuint (s->count, <=, 4);
      g_assert_cmpuint (s->seconds, >=, s->count * 15);
      g_assert_cmpuint (s->seconds, <=, s->count * 30 + 30);
    }
  g_assert_cmpuint (limber_routine_step (stretch, 2)->count, ==, 4);
  g_assert_cmpuint (limber_routine_step (stretch, 3)->count, ==, 4);
}

/* Every built-in step fits a banner line and passes the checks users'
 * steps pass. */
static void
test_builtins_are_valid (void)
{
  g_autoptr (LimberRoutineSet) set = builtins ();

  g_assert_cmpuint (set->routines->len, ==, 3);
  for (guint i = 0; i < set->routines->len; i++)
    {
      const LimberRoutine *r = g_ptr_array_index (set->routines, i);
      g_autofree char *name = limber_routine_name_problem (r->name);
      g_autofree char *whole = limber_routine_problem (r);
      g_assert_null (name);
      g_assert_null (whole);
      for (guint s = 0; s < limber_routine_n_steps (r); s++)
        {
          const LimberRoutineStep *step = limber_routine_step (r, s);
          g_autofree char *problem = limber_routine_step_problem (step);
          g_assert_null (problem);
          g_assert_cmpint (g_utf8_strlen (step->text, -1), <=,
                           LIMBER_STEP_TEXT_MAX);
        }
    }
}

static void
assert_step_problem (const char *text, const char *cue, guint count,
                     guint seconds, const char *expected)
{
  LimberRoutineStep step = { (char *) text, (char *) cue, count, seconds };
  g_autofree char *problem = limber_routine_step_problem (&step);

  if (expected == NULL)
    g_assert_null (problem);
  else
    {
      g_assert_nonnull (problem);
      if (strstr (problem, expected) == NULL)
        g_error ("'%s' lacks '%s'", problem, expected);
    }
}

static void
test_step_problems (void)
{
  g_autofree char *fifty = g_strnfill (50, 'x');
  g_autofree char *fifty_one = g_strnfill (51, 'x');
  g_autofree char *long_cue = g_strnfill (121, 'c');

  assert_step_problem ("Roll your shoulders", NULL, 5, 20, NULL);
  assert_step_problem (fifty, NULL, 0, 0, NULL);
  /* Characters, not bytes: fifty accented letters fit. */
  assert_step_problem ("éééééééééééééééééééééééééééééééééééééééééééééééééé",
                       NULL, 0, 0, NULL);
  assert_step_problem (fifty_one, NULL, 0, 0, "51 characters long");
  assert_step_problem (fifty_one, NULL, 0, 0, "put the rest in the cue");
  assert_step_problem ("", NULL, 0, 0, "empty");
  assert_step_problem ("   ", NULL, 0, 0, "empty");
  assert_step_problem ("Roll\nBreathe", NULL, 0, 0, "one line");
  assert_step_problem ("Roll", long_cue, 0, 0, "the cue is 121 characters");
  assert_step_problem ("Roll", NULL, 101, 0, "count of 101");
  assert_step_problem ("Roll", NULL, 100, 0, NULL);
  assert_step_problem ("Roll", NULL, 0, 601, "10min 1s");
  assert_step_problem ("Roll", NULL, 0, 600, NULL);
  assert_step_problem ("Roll", NULL, G_MAXUINT, G_MAXUINT, "count of");
  /* Shown as they are, not refused: markup and control characters. */
  assert_step_problem ("Roll <b>5</b> times & breathe", NULL, 0, 0, NULL);
  assert_step_problem ("Roll\x1b[31m red", "\x07 bell", 0, 0, NULL);
  assert_step_problem ("\xff\xfe", NULL, 0, 0, "UTF-8");
}

static void
test_routine_problems (void)
{
  g_autoptr (LimberRoutine) empty = limber_routine_new ("empty", NULL);
  g_autoptr (LimberRoutine) many = limber_routine_new ("many", NULL);
  g_autofree char *none = limber_routine_problem (empty);
  g_autofree char *too_many = NULL;
  g_autofree char *bad_name = limber_routine_name_problem ("Desk Reset");
  g_autofree char *long_name = limber_routine_name_problem (
      "a-name-longer-than-thirty-two-characters");
  g_autofree char *no_name = limber_routine_name_problem ("");
  g_autofree char *title = limber_routine_title_problem ("Two\nlines");

  g_assert_nonnull (strstr (none, "no steps"));
  g_assert_nonnull (strstr (none, "step1="));
  for (guint i = 0; i < 21; i++)
    limber_routine_add_step (many, "Step", NULL, 0, 5);
  too_many = limber_routine_problem (many);
  g_assert_nonnull (strstr (too_many, "21 steps; at most 20"));
  g_assert_nonnull (strstr (bad_name, "a-z, 0-9 and '-'"));
  g_assert_nonnull (strstr (long_name, "at most 32"));
  g_assert_nonnull (no_name);
  g_assert_nonnull (strstr (title, "one line"));
  g_assert_null (limber_routine_name_problem ("desk-reset-2"));
}

/* A user's routine named after a built-in one takes its place; others are
 * added after the built-in ones. */
static void
test_set_replaces_by_name (void)
{
  g_autoptr (LimberRoutineSet) set = builtins ();
  LimberRoutine *mine = limber_routine_new ("micro-break", "Mine");
  g_autoptr (LimberRoutineSet) copy = NULL;
  g_autofree char *names = NULL;

  limber_routine_add_step (mine, "Walk to the window", NULL, 0, 30);
  limber_routine_set_add (set, mine);
  limber_routine_set_add (set, limber_routine_new ("desk-reset", NULL));
  copy = limber_routine_set_copy (set);
  names = limber_routine_set_names (copy);
  g_assert_cmpstr (names, ==,
                   "micro-break, posture-check, stretch, desk-reset");
  g_assert_cmpstr (limber_routine_set_lookup (copy, "micro-break")->title, ==,
                   "Mine");
  g_assert_false (limber_routine_set_lookup (copy, "micro-break")->builtin);
  g_assert_null (limber_routine_set_lookup (copy, "nothing"));
}

static void
test_amounts_and_list (void)
{
  g_autoptr (LimberRoutine) r = limber_routine_new ("r", NULL);
  g_autofree char *list = NULL;
  g_autofree char *minutes = limber_routine_format_seconds (90);
  g_autofree char *round = limber_routine_format_seconds (120);

  limber_routine_add_step (r, "Roll", NULL, 5, 20);
  limber_routine_add_step (r, "Breathe", NULL, 1, 0);
  limber_routine_add_step (r, "Stretch", NULL, 0, 30);
  limber_routine_add_step (r, "Look away", NULL, 0, 0);
  list = limber_routine_format_list (r, TRUE);
  g_assert_cmpstr (list, ==,
                   "• Roll (5 times, about 20s)\n• Breathe (1 time)\n"
                   "• Stretch (30s)\n• Look away");
  g_assert_cmpstr (minutes, ==, "1min 30s");
  g_assert_cmpstr (round, ==, "2min");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/routine/micro-break-follows-the-guide",
                   test_micro_break_follows_the_guide);
  g_test_add_func ("/routine/other-builtins-follow-the-guide",
                   test_other_builtins_follow_the_guide);
  g_test_add_func ("/routine/builtins-are-valid", test_builtins_are_valid);
  g_test_add_func ("/routine/step-problems", test_step_problems);
  g_test_add_func ("/routine/routine-problems", test_routine_problems);
  g_test_add_func ("/routine/set-replaces-by-name", test_set_replaces_by_name);
  g_test_add_func ("/routine/amounts-and-list", test_amounts_and_list);
  return g_test_run ();
}
