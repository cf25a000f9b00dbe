/* limberctl pause --until HH:MM. */
#include "until.h"
#include "limber-error.h"

#include <string.h>

static guint64
until (GDateTime *now, const char *hhmm)
{
  g_autoptr (GError) error = NULL;
  guint64 seconds = 0;

  if (!limber_seconds_until (hhmm, now, &seconds, NULL, &error))
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

/* A time that has passed today is tomorrow's, and says how long ago it
 * passed, so that limberctl can ask about one that has just passed. */
static void
test_passed_ago (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (utc, 2026, 11, 25, 14, 0, 30);
  g_autoptr (GError) error = NULL;
  guint64 seconds;
  gint64 ago;

  g_assert_true (limber_seconds_until ("13:58", now, &seconds, &ago, &error));
  g_assert_cmpint (ago, ==, 150);
  g_assert_cmpuint (seconds, ==, 24 * 3600 - 150);
  g_assert_true (limber_seconds_until ("15:00", now, &seconds, &ago, &error));
  g_assert_cmpint (ago, ==, -1);
  g_assert_true (limber_seconds_until ("9:00", now, &seconds, &ago, &error));
  g_assert_cmpint (ago, ==, 5 * 3600 + 30);
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

/* @iso (UTC) as seen in Berlin, where the same wall time can come twice. */
static GDateTime *
berlin_at (const char *iso)
{
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (berlin);
  g_assert_nonnull (utc);
  return g_date_time_to_timezone (utc, berlin);
}

/* 2026-03-29 in Berlin has no 02:00 to 02:59: 02:30 is tomorrow's, not
 * tomorrow's 03:00 (today's 02:30 moved out of the gap, then on a day). */
static void
test_spring_forward_gap (void)
{
  /* 04:00 CEST, after the gap: until 02:30 CEST on the 30th, 22h 30min. */
  g_autoptr (GDateTime) after = berlin_at ("2026-03-29T02:00:00Z");
  /* 01:00 CET, before it: today's 02:30 never comes, so tomorrow's, 24h
   * 30min away, not 03:00 in an hour. */
  g_autoptr (GDateTime) before = berlin_at ("2026-03-29T00:00:00Z");

  g_assert_cmpint (g_date_time_get_hour (after), ==, 4);
  g_assert_cmpuint (until (after, "02:30"), ==, 22 * 3600 + 1800);
  g_assert_cmpint (g_date_time_get_hour (before), ==, 1);
  g_assert_cmpuint (until (before, "02:30"), ==, 24 * 3600 + 1800);
  /* Times around the gap are unaffected. */
  g_assert_cmpuint (until (before, "03:00"), ==, 3600);
  g_assert_cmpuint (until (before, "01:59"), ==, 59 * 60);
}

/* 2026-10-25 in Berlin shows 02:00 to 02:59 twice, CEST then CET: the
 * first 02:30 still to come. */
static void
test_fall_back_fold (void)
{
  /* 01:00 CEST: the first 02:30, in 1h 30min. */
  g_autoptr (GDateTime) early = berlin_at ("2026-10-24T23:00:00Z");
  /* 02:45 CEST: the first has passed, the second (CET) is 45min away. */
  g_autoptr (GDateTime) between = berlin_at ("2026-10-25T00:45:00Z");
  /* 02:15 CET, the second time round: 15min. */
  g_autoptr (GDateTime) second = berlin_at ("2026-10-25T01:15:00Z");
  /* 02:40 CET: both have passed; tomorrow's, 23h 50min away. */
  g_autoptr (GDateTime) late = berlin_at ("2026-10-25T01:40:00Z");

  g_assert_cmpuint (until (early, "02:30"), ==, 3600 + 1800);
  g_assert_cmpuint (until (between, "02:30"), ==, 45 * 60);
  g_assert_cmpuint (until (second, "02:30"), ==, 15 * 60);
  g_assert_cmpuint (until (late, "02:30"), ==, 23 * 3600 + 50 * 60);
  /* Noon the day before: 25h of clock time to the next noon. */
  g_autoptr (GDateTime) noon = berlin_at ("2026-10-24T10:00:00Z");
  g_assert_cmpuint (until (noon, "12:00"), ==, 25 * 3600);
}

/* The day before the spring change, 02:30 tomorrow does not exist and
 * today's has passed: an error, not a pause to some other time. */
static void
test_gap_tomorrow (void)
{
  g_autoptr (GDateTime) now = berlin_at ("2026-03-28T10:00:00Z");
  g_autoptr (GError) error = NULL;
  guint64 seconds = 42;

  g_assert_false (limber_seconds_until ("02:30", now, &seconds, NULL, &error));
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_cmpuint (seconds, ==, 42);
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

      g_assert_false (
          limber_seconds_until (bad[i], now, &seconds, NULL, &error));
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
  g_test_add_func ("/until/passed-ago", test_passed_ago);
  g_test_add_func ("/until/rounds-up", test_rounds_up);
  g_test_add_func ("/until/daylight-saving", test_daylight_saving);
  g_test_add_func ("/until/spring-forward-gap", test_spring_forward_gap);
  g_test_add_func ("/until/fall-back-fold", test_fall_back_fold);
  g_test_add_func ("/until/gap-tomorrow", test_gap_tomorrow);
  g_test_add_func ("/until/bad", test_bad);
  return g_test_run ();
}
