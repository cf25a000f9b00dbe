/* The time-span parser and formatter shared by limberd and limberctl. */
#include "limber-duration.h"
#include "limber-error.h"

#include <string.h>

#define US(n) G_GUINT64_CONSTANT (n)
#define S(n)  (US (n) * 1000000)

static const struct
{
  const char *text;
  guint64 usec;
} good[] = {
  { "90s", S (90) },
  { "5min", S (300) },
  { "5m", S (300) },
  { "5 min", S (300) },
  { "5mins", S (300) },
  { "1h 30min", S (5400) },
  { "1h30m", S (5400) },
  { " 2h ", S (7200) },
  { "1.5h", S (5400) },
  { ".5min", S (30) },
  { "3.s", S (3) },
  { " 0 ", 0 },
  { "1d", S (86400) },
  { "1w", S (604800) },
  { "1M", S (2629800) },
  { "1y", S (31557600) },
  { "2 hours 3 minutes 4 seconds", S (7384) },
  { "500ms", US (500000) },
  { "7us", US (7) },
  { "7\xc2\xb5s", US (7) },
  { "0", 0 },
  { "0s", 0 },
  { "1h\t5min", S (3900) },
  { "18446744073709551615us", G_MAXUINT64 },
};

static const struct
{
  const char *text;
  const char *message_part;
} bad[] = {
  { "", "it is empty" },
  /* A bare number is not seconds: a person typing 40 means minutes. */
  { "40", "'40' is not a duration: 40 has no unit; did you mean 40min? "
          "Give the unit, as in 40s, 40min or 1h 30min" },
  { "1h 30", "30 has no unit; did you mean 1h 30min?" },
  { "1h30", "did you mean 1h30min?" },
  { "3.", "3. has no unit" },
  { "0.5", "0.5 has no unit" },
  { "0 5", "0 has no unit" },
  { "   ", "it is empty" },
  { "-5min", "negative" },
  { "5 -min", "unexpected '-'" },
  { "+5min", "unexpected '+'" },
  { "5 parsecs", "unknown unit 'parsecs'" },
  { "5minutes!", "unexpected '!'" },
  { "min", "expected a number" },
  { ".", "a lone '.'" },
  { "1.2.3s", "unexpected '.'" },
  { "18446744073709551616us", "too large" },
  { "99999999999999999999", "too large" },
  { "600000000000y", "too large" },
  { "18446744073709551615us 1us", "too large" },
  { "5\xff", "unexpected character" },
  { "5\xc2\xb6", "unknown unit" },
  { "twenty minutes", "expected a number" },
  { "1e3s", "unknown unit 'e'" },
};

static void
test_good (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      guint64 usec = 12345;

      if (!limber_duration_parse_usec (good[i].text, &usec, &error))
        g_error ("'%s' should parse: %s", good[i].text, error->message);
      g_assert_cmpuint (usec, ==, good[i].usec);
    }
}

static void
test_bad (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      guint64 usec = 12345;

      if (limber_duration_parse_usec (bad[i].text, &usec, &error))
        g_error ("'%s' should not parse", bad[i].text);
      g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT);
      g_assert_cmpuint (usec, ==, 12345);
      if (strstr (error->message, bad[i].message_part) == NULL)
        g_error ("error for '%s' should mention \"%s\": %s", bad[i].text,
                 bad[i].message_part, error->message);
      /* Every error says what is accepted, in valid UTF-8. */
      g_assert_nonnull (strstr (error->message, "1h 30min"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_whole_seconds (void)
{
  g_autoptr (GError) error = NULL;
  guint64 seconds = 0;

  g_assert_true (limber_duration_parse ("1.5min", &seconds, NULL));
  g_assert_cmpuint (seconds, ==, 90);
  g_assert_false (limber_duration_parse ("1500ms", &seconds, &error));
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "whole number of seconds"));
}

/* What falls between two microseconds cannot be held: refused, with the
 * fix, never rounded quietly ("1.0000001s" was taken as 1s). */
static void
test_finer_than_a_microsecond (void)
{
  static const struct
  {
    const char *text;
    guint64 usec;
  } exact[] = {
    { "1.000001s", US (1000001) },
    { "1.5000000000000000000000000s", S (1) + US (500000) },
    { "0.1234567min", US (7407402) },
    { "1.00000001M", S (2629800) + US (26298) },
    { "0.000001s", US (1) },
  };
  static const char *const finer[] = {
    "1.0000001s",
    "0.5us",
    "1.000000001M",
    "1.0000000000000000000001y",
    "0.00000000000000000000000000000000001s",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (exact); i++)
    {
      g_autoptr (GError) error = NULL;
      guint64 usec = 0;

      if (!limber_duration_parse_usec (exact[i].text, &usec, &error))
        g_error ("'%s' should parse: %s", exact[i].text, error->message);
      g_assert_cmpuint (usec, ==, exact[i].usec);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (finer); i++)
    {
      g_autoptr (GError) error = NULL;
      guint64 usec = 12345, seconds = 12345;

      if (limber_duration_parse_usec (finer[i], &usec, &error))
        g_error ("'%s' should not parse, it gave %" G_GUINT64_FORMAT "us",
                 finer[i], usec);
      g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT);
      g_assert_cmpuint (usec, ==, 12345);
      if (strstr (error->message, "finer than a microsecond") == NULL
          || strstr (error->message, "fewer decimals") == NULL)
        g_error ("error for '%s' should say why and the fix: %s", finer[i],
                 error->message);
      g_clear_error (&error);
      g_assert_false (limber_duration_parse (finer[i], &seconds, &error));
      g_assert_cmpuint (seconds, ==, 12345);
    }
}

/* Seconds are what limber counts: the error gives the two nearest. */
static void
test_whole_seconds_names_the_nearest (void)
{
  g_autoptr (GError) error = NULL;
  guint64 seconds = 12345;

  g_assert_false (limber_duration_parse ("1.0000001s", &seconds, &error));
  g_assert_cmpuint (seconds, ==, 12345);
  g_assert_nonnull (strstr (error->message, "whole number of seconds"));
  g_assert_nonnull (strstr (error->message, "give 1s or 2s"));
  g_clear_error (&error);
  g_assert_false (limber_duration_parse ("1h 0.5s", &seconds, &error));
  g_assert_nonnull (strstr (error->message, "give 1h or 1h 1s"));
}

static void
test_long_input_is_shortened_in_errors (void)
{
  g_autofree char *text = g_strnfill (10000, 'x');
  g_autoptr (GError) error = NULL;
  guint64 usec;

  g_assert_false (limber_duration_parse_usec (text, &usec, &error));
  g_assert_cmpuint (strlen (error->message), <, 400);
}

static void
test_format (void)
{
  static const struct
  {
    guint64 seconds;
    const char *text;
  } cases[] = {
    { 0, "0s" },
    { 1, "1s" },
    { 59, "59s" },
    { 60, "1min" },
    { 90, "1min 30s" },
    { 1800, "30min" },
    { 5400, "1h 30min" },
    { 3661, "1h 1min 1s" },
    { 86400, "1d" },
    { 2678400, "31d" },
    { 90061, "1d 1h 1min 1s" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = limber_duration_format (cases[i].seconds);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* What the formatter writes, the parser reads back. */
static void
test_round_trip (void)
{
  guint64 seconds = 0;

  for (guint64 s = 0; s < 200000; s += 7)
    {
      g_autofree char *text = limber_duration_format (s);
      g_assert_true (limber_duration_parse (text, &seconds, NULL));
      g_assert_cmpuint (seconds, ==, s);
    }
  g_autofree char *huge = limber_duration_format (G_MAXUINT64 / 1000000);
  g_assert_true (limber_duration_parse (huge, &seconds, NULL));
  g_assert_cmpuint (seconds, ==, G_MAXUINT64 / 1000000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/duration/good", test_good);
  g_test_add_func ("/duration/bad", test_bad);
  g_test_add_func ("/duration/whole-seconds", test_whole_seconds);
  g_test_add_func ("/duration/finer-than-a-microsecond",
                   test_finer_than_a_microsecond);
  g_test_add_func ("/duration/whole-seconds-nearest",
                   test_whole_seconds_names_the_nearest);
  g_test_add_func ("/duration/long-input",
                   test_long_input_is_shortened_in_errors);
  g_test_add_func ("/duration/format", test_format);
  g_test_add_func ("/duration/round-trip", test_round_trip);
  return g_test_run ();
}
