/* limberctl monitor --format waybar|text: the bar's line, and when the
 * countdown next changes. */
#include "bar-format.h"
#include "limber-names.h"

#include <json-glib/json-glib.h>

#define NOW ((gint64) 1795622400)

static LimberBarInput
active (guint64 left, guint64 worked)
{
  return (LimberBarInput){ .running = TRUE,
                           .state = "active",
                           .next_break = (guint64) NOW + left,
                           .worked = worked,
                           .interval_min = 30 * 60,
                           .taken = 3,
                           .received = NOW };
}

/* The countdown shows whole minutes rounded up, and changes when the
 * minute does: never sooner. */
static void
test_countdown (void)
{
  LimberBarInput in = active (12 * 60 + 1, 18 * 60);
  LimberBarLine line;

  limber_bar_line_compute (&in, NOW, &line);
  g_assert_cmpstr (line.text, ==, "break in 13min");
  g_assert_cmpstr (line.class_name, ==, "active");
  g_assert_cmpint (line.percentage, ==, 60);
  g_assert_cmpint (line.next_change, ==, NOW + 1);
  g_assert_nonnull (strstr (line.tooltip, "3 taken"));
  limber_bar_line_clear (&line);

  /* A second later: 12min, and 60 s until 11min. Work counted on. */
  limber_bar_line_compute (&in, NOW + 1, &line);
  g_assert_cmpstr (line.text, ==, "break in 12min");
  g_assert_cmpint (line.next_change, ==, NOW + 61);
  g_assert_cmpint (line.percentage, ==, 60);
  limber_bar_line_clear (&line);

  limber_bar_line_compute (&in, NOW + 12 * 60 + 1 - 30, &line);
  g_assert_cmpstr (line.text, ==, "break in 1min");
  g_assert_cmpint (line.next_change, ==, (gint64) in.next_break);
  limber_bar_line_clear (&line);

  in = active (90 * 60, 0);
  limber_bar_line_compute (&in, NOW, &line);
  g_assert_cmpstr (line.text, ==, "break in 1h 30min");
  limber_bar_line_clear (&line);
}

/* Idle: the work left stands still, and nothing is redrawn. */
static void
test_idle_stands_still (void)
{
  LimberBarInput in = active (5 * 60, 25 * 60);
  LimberBarLine line;

  in.state = "idle";
  limber_bar_line_compute (&in, NOW + 20 * 60, &line);
  g_assert_cmpstr (line.text, ==, "idle, 5min to go");
  g_assert_cmpint (line.next_change, ==, G_MAXINT64);
  g_assert_cmpint (line.percentage, ==, 83);
  limber_bar_line_clear (&line);
}

static void
test_paused_and_breaks (void)
{
  LimberBarInput in = active (0, 31 * 60);
  LimberBarLine line;

  in.state = "paused";
  in.paused_until = LIMBER_PAUSED_INDEFINITELY;
  limber_bar_line_compute (&in, NOW, &line);
  g_assert_cmpstr (line.text, ==, "paused");
  g_assert_cmpint (line.next_change, ==, G_MAXINT64);
  limber_bar_line_clear (&line);

  const char *states[][2] = {
    { "due", "break due" },
    { "break", "break now" },
    { "overdue", "break overdue" },
    { "closed", "break: step away" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    {
      in.state = states[i][0];
      limber_bar_line_compute (&in, NOW, &line);
      g_assert_cmpstr (line.text, ==, states[i][1]);
      g_assert_cmpstr (line.class_name, ==, states[i][0]);
      g_assert_cmpint (line.percentage, ==, 100);
      g_assert_cmpint (line.next_change, ==, G_MAXINT64);
      limber_bar_line_clear (&line);
    }

  /* A newer limberd's state shows as itself, made safe for a bar. */
  in.state = "held\x1b[2J";
  limber_bar_line_compute (&in, NOW, &line);
  g_assert_null (strchr (line.text, '\x1b'));
  limber_bar_line_clear (&line);
}

/* Held by a call or a lease: work counts on, the break waits. */
static void
test_held (void)
{
  LimberBarInput in = active (10 * 60, 20 * 60);
  LimberBarLine line;

  in.state = "held";
  in.deferred = 2;
  limber_bar_line_compute (&in, NOW + 60, &line);
  g_assert_cmpstr (line.text, ==, "held, break in 9min");
  g_assert_cmpint (line.next_change, ==, NOW + 120);
  g_assert_cmpint (line.percentage, ==, 70);
  g_assert_nonnull (strstr (line.tooltip, "2 deferred"));
  limber_bar_line_clear (&line);

  limber_bar_line_compute (&in, NOW + 11 * 60, &line);
  g_assert_cmpstr (line.text, ==, "break held");
  g_assert_cmpint (line.next_change, ==, G_MAXINT64);
  limber_bar_line_clear (&line);
}

static void
test_stopped (void)
{
  LimberBarInput in = { .running = FALSE };
  LimberBarLine line;

  limber_bar_line_compute (&in, NOW, &line);
  g_assert_cmpstr (line.text, ==, "off");
  g_assert_cmpstr (line.class_name, ==, "stopped");
  limber_bar_line_clear (&line);
}

/* waybar's schema: one object on one line, text, tooltip and class as
 * strings, percentage a number from 0 to 100. */
static void
test_waybar_json (void)
{
  LimberBarInput in = active (60, 0);
  LimberBarLine line;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *object;

  in.state = "active\"\n";
  limber_bar_line_compute (&in, NOW, &line);
  json = limber_bar_line_to_waybar (&line);
  g_assert_null (strchr (json, '\n'));
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==,
                   line.text);
  g_assert_cmpstr (json_object_get_string_member (object, "tooltip"), ==,
                   line.tooltip);
  g_assert_cmpstr (json_object_get_string_member (object, "class"), ==,
                   "active\"\n");
  g_assert_cmpint (json_object_get_int_member (object, "percentage"), ==, 0);
  limber_bar_line_clear (&line);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bar/countdown", test_countdown);
  g_test_add_func ("/bar/idle", test_idle_stands_still);
  g_test_add_func ("/bar/paused-and-breaks", test_paused_and_breaks);
  g_test_add_func ("/bar/held", test_held);
  g_test_add_func ("/bar/stopped", test_stopped);
  g_test_add_func ("/bar/waybar-json", test_waybar_json);
  return g_test_run ();
}
