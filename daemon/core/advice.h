/* The guide's advice to see a physical therapist when two weeks of
 * regular exercise bring no improvement, as a pure rule over the weekly
 * check-in ratings and the breaks taken. */
#pragma once

#include <glib/gi18n-lib.h>

#include <glib.h>

#define LIMBER_RATING_MIN 1
#define LIMBER_RATING_MAX 10

/* The window the rule looks at, and what "regular breaks" means in it:
 * breaks taken on at least LIMBER_ADVICE_REGULAR_DAYS of its days (a
 * working fortnight has ten). */
#define LIMBER_ADVICE_DAYS         14
#define LIMBER_ADVICE_REGULAR_DAYS 6
/* Discomfort below this is no reason to see anyone. */
#define LIMBER_ADVICE_MIN_RATING 3

typedef struct
{
  gint64 time;  /* seconds since the epoch */
  guint rating; /* 1 (none) to 10 (worst) */
} LimberRating;

/* Whether to say, now, that a physical therapist can help: the latest
 * rating (within the last week) shows discomfort and is no better than one
 * given 13 to 21 days before it, and breaks were taken on enough of the
 * last LIMBER_ADVICE_DAYS days (@taken_by_day: breaks taken each day,
 * oldest first, the last being today). Said once: not again for ratings
 * that began before @advised_at (seconds since the epoch; 0 never). */
gboolean limber_advice_due (const LimberRating *ratings, guint n_ratings,
                            const guint *taken_by_day, guint n_days, gint64 now,
                            gint64 advised_at);

/* What limberctl says when the rule holds, in one line. */
#define LIMBER_ADVICE_TEXT                                                     \
  N_ ("Your discomfort has not eased over two weeks of regular breaks: a "     \
      "physical therapist can help (limberctl routine safety).")
