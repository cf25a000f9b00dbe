/* The STATUS= line limberd gives systemd. */
#include "offer-text.h"
#include "status-line.h"

#include <string.h>

#define MIN_US (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

static gint64
local_wall (int hour, int minute)
{
  g_autoptr (GDateTime) t
      = g_date_time_new_local (2026, 11, 25, hour, minute, 0);
  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

static void
check (const char *state, gint64 next, gint64 paused, gint64 left,
       const char *expected)
{
  g_autofree char *line
      = limber_status_line (state, local_wall (15, 0), next, paused, left);
  g_assert_cmpstr (line, ==, expected);
}

static void
test_lines (void)
{
  check ("active", local_wall (15, 42), 0, 42 * MIN_US,
         "next break around 15:42");
  check ("snoozed", local_wall (15, 5), 0, 5 * MIN_US,
         "snoozed, next break around 15:05");
  check ("paused", 0, local_wall (16, 30), 0, "paused until 16:30");
  check ("paused", 0, G_MAXINT64, 0, "paused until resumed");
  check ("idle", 0, 0, 12 * MIN_US, "idle, 12min of work until the next break");
  check ("held", local_wall (15, 0), 0, 0,
         "held back (a call, a lease); a break due meanwhile comes after");
  check ("due", local_wall (15, 0), 0, 0,
         "break due, waiting for a pause in typing");
  check ("break", local_wall (14, 58), 0, 0, "break on screen since 14:58");
  check ("overdue", local_wall (14, 40), 0, 0,
         "overdue break on screen since 14:40");
}

/* A time on another day names the day. */
static void
test_other_day (void)
{
  g_autofree char *line
      = limber_status_line ("paused", local_wall (15, 0), 0,
                            local_wall (15, 0) + 24 * 60 * MIN_US, 0);

  g_assert_true (g_str_has_prefix (line, "paused until "));
  g_assert_true (g_str_has_suffix (line, " 15:00"));
  g_assert_cmpuint (strlen (line), >, strlen ("paused until 15:00"));
}

/* The deferred break's title says how long ago it came due. */
static void
test_deferred_title (void)
{
  static const struct
  {
    gint64 ago;
    const char *title;
  } cases[] = {
    { -5, "You missed a micro-break a moment ago — take it now?" },
    { 59 * G_USEC_PER_SEC,
      "You missed a micro-break a moment ago — take it now?" },
    { MIN_US, "You missed a micro-break 1 minute ago — take it now?" },
    { 12 * MIN_US + 30 * G_USEC_PER_SEC,
      "You missed a micro-break 12 minutes ago — take it now?" },
    { 119 * MIN_US, "You missed a micro-break 119 minutes ago — take it now?" },
    { 150 * MIN_US, "You missed a micro-break 2 hours ago — take it now?" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = limber_deferred_title (cases[i].ago);
      g_assert_cmpstr (title, ==, cases[i].title);
    }
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/status-line/lines", test_lines);
  g_test_add_func ("/status-line/other-day", test_other_day);
  g_test_add_func ("/offer-text/deferred-title", test_deferred_title);
  return g_test_run ();
}
