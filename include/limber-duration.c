#include "limber-duration.h"

#include "limber-error.h"
#include "limber-i18n.h"

#include <string.h>

#define USEC_PER_SEC G_GUINT64_CONSTANT (1000000)

typedef struct
{
  const char *name;
  guint64 usec;
} DurationUnit;

/* systemd's units, plus the plurals people type anyway ("5mins"). */
static const DurationUnit duration_units[] = {
  { "us", 1 },
  { "usec", 1 },
  { "\xc2\xb5s", 1 }, /* µs, micro sign */
  { "\xce\xbcs", 1 }, /* μs, Greek mu */
  { "ms", 1000 },
  { "msec", 1000 },
  { "s", USEC_PER_SEC },
  { "sec", USEC_PER_SEC },
  { "secs", USEC_PER_SEC },
  { "second", USEC_PER_SEC },
  { "seconds", USEC_PER_SEC },
  { "m", 60 * USEC_PER_SEC },
  { "min", 60 * USEC_PER_SEC },
  { "mins", 60 * USEC_PER_SEC },
  { "minute", 60 * USEC_PER_SEC },
  { "minutes", 60 * USEC_PER_SEC },
  { "h", 3600 * USEC_PER_SEC },
  { "hr", 3600 * USEC_PER_SEC },
  { "hrs", 3600 * USEC_PER_SEC },
  { "hour", 3600 * USEC_PER_SEC },
  { "hours", 3600 * USEC_PER_SEC },
  { "d", 86400 * USEC_PER_SEC },
  { "day", 86400 * USEC_PER_SEC },
  { "days", 86400 * USEC_PER_SEC },
  { "w", 604800 * USEC_PER_SEC },
  { "week", 604800 * USEC_PER_SEC },
  { "weeks", 604800 * USEC_PER_SEC },
  /* A month and a year as systemd counts them: 30.44 and 365.25 days. */
  { "M", 2629800 * USEC_PER_SEC },
  { "month", 2629800 * USEC_PER_SEC },
  { "months", 2629800 * USEC_PER_SEC },
  { "y", 31557600 * USEC_PER_SEC },
  { "year", 31557600 * USEC_PER_SEC },
  { "years", 31557600 * USEC_PER_SEC },
};

/* The messages are translated, the units and examples in them are not:
 * they are what to type. */
static gboolean
fail (GError **error, const char *text, const char *reason)
{
  g_autofree char *quoted = limber_error_quote (text);

  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
               /* TRANSLATORS: the units and the examples are what to type:
                  keep them as they are. */
               _ ("'%s' is not a duration: %s; use a number with us, ms, s, "
                  "min, h, d, w, M (months) or y, such as 90s, 5min or 1h "
                  "30min"),
               quoted, reason);
  return FALSE;
}

/* "'40' is not a duration: 40 has no unit; did you mean 40min? …" */
static gboolean
fail_no_unit (GError **error, const char *text, const char *number_start,
              const char *number_end)
{
  g_autofree char *number
      = g_strndup (number_start, (gsize) (number_end - number_start));
  g_autofree char *before = g_strndup (text, (gsize) (number_end - text));
  g_autofree char *guess = g_strconcat (before, "min", number_end, NULL);
  g_autofree char *quoted = limber_error_quote (text);
  g_autofree char *quoted_number = limber_error_quote (number);
  g_autofree char *quoted_guess = limber_error_quote (g_strstrip (guess));

  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
               /* TRANSLATORS: "%ss, %smin or 1h 30min" are what to type:
                  keep them as they are. */
               _ ("'%s' is not a duration: %s has no unit; did you mean %s? "
                  "Give the unit, as in %ss, %smin or 1h 30min"),
               quoted, quoted_number, quoted_guess, quoted_number,
               quoted_number);
  return FALSE;
}

static gboolean
has_nonzero_digit (const char *start, const char *end)
{
  for (const char *d = start; d != NULL && d < end; d++)
    if (*d >= '1' && *d <= '9')
      return TRUE;
  return FALSE;
}

static gboolean
is_unit_char (const char *p)
{
  /* Units are ASCII letters, or the two-byte micro and mu signs. */
  return g_ascii_isalpha (*p) || (guchar) *p == 0xc2 || (guchar) *p == 0xce
         || (guchar) *p == 0xb5 || (guchar) *p == 0xbc;
}

static const DurationUnit *
lookup_unit (const char *start, gsize len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (duration_units); i++)
    if (strlen (duration_units[i].name) == len
        && memcmp (duration_units[i].name, start, len) == 0)
      return &duration_units[i];
  return NULL;
}

static guint64
gcd (guint64 a, guint64 b)
{
  while (b != 0)
    {
      guint64 r = a % b;
      a = b;
      b = r;
    }
  return a;
}

/* 0.DIGITS (from @digits to @end) of a unit of @unit µs, rounded down:
 * each digit is worth a tenth of the one before. */
static guint64
fraction_rounded_down (const char *digits, const char *end, guint64 unit)
{
  guint64 usec = 0, weight = unit / 10;

  for (const char *d = digits; d < end && weight; d++, weight /= 10)
    usec += (guint64) (*d - '0') * weight;
  return usec;
}

/* 0.DIGITS (from @digits to @end) of a unit of @unit µs, in µs. FALSE when
 * it falls between two microseconds: *@usec is then rounded down, near
 * enough to name the whole seconds around it. */
static gboolean
fraction_usec (const char *digits, const char *end, guint64 unit, guint64 *usec)
{
  guint64 numerator = 0, denominator = 1, common;
  const char *last = end;

  while (last > digits && last[-1] == '0')
    last--;
  /* 19 significant decimals are finer than a microsecond of any unit
   * (the largest, a year, is under 10^14 µs), and would overflow. */
  if (last - digits <= 18)
    {
      for (const char *d = digits; d < last; d++)
        {
          numerator = numerator * 10 + (guint64) (*d - '0');
          denominator *= 10;
        }
      /* unit × numerator / denominator, exactly and without overflow:
       * the result is below @unit since numerator < denominator. */
      common = gcd (unit, denominator);
      denominator /= common;
      if (numerator % denominator == 0)
        {
          *usec = unit / common * (numerator / denominator);
          return TRUE;
        }
    }
  *usec = fraction_rounded_down (digits, last, unit);
  return FALSE;
}

/* As limber_duration_parse_usec(); a duration that falls between two
 * microseconds sets *@finer, with *@usec rounded down. */
static gboolean
parse_usec (const char *text, guint64 *usec, gboolean *finer, GError **error)
{
  const char *p = text;
  guint64 total = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  *finer = FALSE;

  while (*p != '\0')
    {
      guint64 whole = 0, fraction = 0, part;
      const char *number_start, *unit_start;
      const DurationUnit *unit;
      gboolean digits = FALSE;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if (*p == '-')
        return fail (error, text, _ ("it is negative"));
      if (*p == '+')
        return fail (error, text, _ ("unexpected '+'"));

      number_start = p;
      for (; g_ascii_isdigit (*p); p++)
        {
          guint64 digit = (guint64) (*p - '0');
          if (whole > (G_MAXUINT64 - digit) / 10)
            return fail (error, text, _ ("it is too large"));
          whole = whole * 10 + digit;
          digits = TRUE;
        }
      const char *fraction_start = NULL;
      if (*p == '.')
        {
          fraction_start = ++p;
          while (g_ascii_isdigit (*p))
            {
              p++;
              digits = TRUE;
            }
        }
      if (!digits)
        {
          g_autofree char *reason = NULL;
          if (p == number_start)
            {
              g_autofree char *quoted = limber_error_quote (p);
              reason
                  = g_strdup_printf (_ ("expected a number at '%s'"), quoted);
            }
          else
            reason = g_strdup (_ ("a lone '.' is not a number"));
          return fail (error, text, reason);
        }

      const char *number_end = p;
      while (*p == ' ' || *p == '\t')
        p++;
      unit_start = p;
      while (*p != '\0' && is_unit_char (p))
        p++;
      if (p == unit_start && *p != '\0' && !g_ascii_isdigit (*p))
        unit = lookup_unit ("s", 1); /* what follows is refused below */
      else if (p == unit_start)
        {
          /* systemd reads a bare number as seconds, but "interval-min 40"
           * means 40 minutes to a person: ask, rather than guess. A lone 0
           * is 0 whatever the unit. */
          if (whole == 0 && !has_nonzero_digit (fraction_start, number_end)
              && text + strspn (text, " \t") == number_start
              && number_end[strspn (number_end, " \t")] == '\0')
            unit = lookup_unit ("s", 1);
          else
            return fail_no_unit (error, text, number_start, number_end);
        }
      else
        unit = lookup_unit (unit_start, (gsize) (p - unit_start));
      if (unit == NULL)
        {
          g_autofree char *name
              = g_strndup (unit_start, (gsize) (p - unit_start));
          g_autofree char *quoted = limber_error_quote (name);
          g_autofree char *reason
              = g_strdup_printf (_ ("unknown unit '%s'"), quoted);
          return fail (error, text, reason);
        }
      if (*p != '\0' && !g_ascii_isspace (*p) && !g_ascii_isdigit (*p))
        {
          g_autofree char *reason = NULL;
          if (g_ascii_isprint (*p))
            reason = g_strdup_printf (_ ("unexpected '%c'"), *p);
          else
            reason = g_strdup (_ ("unexpected character"));
          return fail (error, text, reason);
        }

      if (whole > G_MAXUINT64 / unit->usec)
        return fail (error, text, _ ("it is too large"));
      part = whole * unit->usec;
      if (fraction_start != NULL
          && !fraction_usec (fraction_start, number_end, unit->usec, &fraction))
        *finer = TRUE;
      if (part > G_MAXUINT64 - fraction
          || total > G_MAXUINT64 - part - fraction)
        return fail (error, text, _ ("it is too large"));
      total += part + fraction;
      any = TRUE;
    }

  if (!any)
    return fail (error, text, _ ("it is empty"));

  *usec = total;
  return TRUE;
}

gboolean
limber_duration_parse_usec (const char *text, guint64 *usec, GError **error)
{
  guint64 parsed;
  gboolean finer;

  if (!parse_usec (text, &parsed, &finer, error))
    return FALSE;
  if (finer)
    return fail (error, text,
                 _ ("it is finer than a microsecond, the smallest step limber "
                    "holds: give fewer decimals"));
  *usec = parsed;
  return TRUE;
}

gboolean
limber_duration_parse (const char *text, guint64 *seconds, GError **error)
{
  guint64 usec;
  gboolean finer;

  if (!parse_usec (text, &usec, &finer, error))
    return FALSE;
  if (finer || usec % USEC_PER_SEC != 0)
    {
      g_autofree char *quoted = limber_error_quote (text);
      g_autofree char *below = limber_duration_format (usec / USEC_PER_SEC);
      g_autofree char *above = limber_duration_format (usec / USEC_PER_SEC + 1);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("'%s' is not a whole number of seconds; limber counts "
                      "time in seconds: give %s or %s"),
                   quoted, below, above);
      return FALSE;
    }
  *seconds = usec / USEC_PER_SEC;
  return TRUE;
}

char *
limber_duration_format (guint64 seconds)
{
  static const struct
  {
    const char *suffix;
    guint64 seconds;
  } parts[] = {
    { "d", 86400 },
    { "h", 3600 },
    { "min", 60 },
    { "s", 1 },
  };
  GString *out = g_string_new (NULL);

  if (seconds == 0)
    g_string_append (out, "0s");
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      guint64 n = seconds / parts[i].seconds;
      if (n == 0)
        continue;
      seconds -= n * parts[i].seconds;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%" G_GUINT64_FORMAT "%s", n,
                              parts[i].suffix);
    }
  return g_string_free (out, FALSE);
}
