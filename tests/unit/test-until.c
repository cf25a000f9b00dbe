/* limberctl pause --until HH:MM. */
#include "until.h"
#include "limber-error.h"

static guint64
until (GDateTime *now, const char *hhmm)
{
  g_autoptr (GError) error = NULL;
  guint64 seconds = 0;

  if (!limber_seconds_until (hhmm, now, &seconds, &error))
    g_error ("%s: %s", hhmm, error->message);
  return seconds;
}

static void
test_later_today_and_tomorrow (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (utc, 2026, 11, 25, 14, 0, 0);

  g_assert_cmpuint (until (now, "15:00"), ==, 3600);
  g_assert_cmpuint (until (now, "14:01"), ==, 60);
  g_assert_cmpuint (until (now, "14:00"), ==, 24 * 3600);
  g_assert_cmpuint (until (now, "13:59"), ==, 24 * 3600 - 60);
  g_assert_cmpuint (until (now, "9:30"), ==, 19 * 3600 + 1800);
  g_assert_cmpuint (until (now, "00:00"), ==, 10 * 3600);
}

/* Seconds into the current minute round the wait up, never to zero. */
static void
test_rounds_up (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (utc, 2026, 11, 25, 14, 59, 59.5);

  g_assert_cmpuint (until (now, "15:00"), ==, 1);
}

/* Across the spring daylight-saving change the wait is an hour shorter. */
static void
test_daylight_saving (void)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GDateTime) now = NULL;

  g_assert_nonnull (berlin);
  now = g_date_time_new (berlin, 2026, 3, 28, 12, 0, 0);
  g_assert_cmpuint (until (now, "12:00"), ==, 23 * 3600);
}

static void
test_bad (void)
{
  static const char *const bad[] = {
    "25:00", "15",   "15:0", "15:000", "ab:cd", "15:00:00", "",
    "-1:00", "1:60", "15h",  " 15:00", "+1:00", "\xff:00",
  };
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      guint64 seconds = 42;

      g_assert_false (limber_seconds_until (bad[i], now, &seconds, &error));
      g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT);
      g_assert_true (g_str_has_suffix (error->message, "such as 15:00"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (seconds, ==, 42);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/until/later-and-tomorrow", test_later_today_and_tomorrow);
  g_test_add_func ("/until/rounds-up", test_rounds_up);
  g_test_add_func ("/until/daylight-saving", test_daylight_saving);
  g_test_add_func ("/until/bad", test_bad);
  return g_test_run ();
}
