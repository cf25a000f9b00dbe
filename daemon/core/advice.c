#include "advice.h"

#define DAY (24 * 3600)

gboolean
limber_advice_due (const LimberRating *ratings, guint n_ratings,
                   const guint *taken_by_day, guint n_days, gint64 now,
                   gint64 advised_at)
{
  const LimberRating *latest, *baseline = NULL;
  guint regular = 0;

  if (n_ratings < 2)
    return FALSE;
  latest = &ratings[n_ratings - 1];
  if (now - latest->time > 7 * DAY || latest->rating < LIMBER_ADVICE_MIN_RATING)
    return FALSE;

  /* The rating about two weeks before the latest: the earliest of those
   * 13 to 21 days before it, so that a missed week still compares. */
  for (guint i = 0; i + 1 < n_ratings; i++)
    {
      gint64 before = latest->time - ratings[i].time;
      if (before >= 13 * DAY && before <= 21 * DAY)
        {
          baseline = &ratings[i];
          break;
        }
    }
  if (baseline == NULL || baseline->time < advised_at)
    return FALSE;
  if (latest->rating < baseline->rating)
    return FALSE;

  for (guint i = n_days > LIMBER_ADVICE_DAYS ? n_days - LIMBER_ADVICE_DAYS : 0;
       i < n_days; i++)
    if (taken_by_day[i] > 0)
      regular++;
  return regular >= LIMBER_ADVICE_REGULAR_DAYS;
}
