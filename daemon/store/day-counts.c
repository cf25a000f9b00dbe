#include "day-counts.h"

guint32
limber_day_of (gint64 wall_usec)
{
  g_autoptr (GDateTime) utc
      = g_date_time_new_from_unix_utc (wall_usec / LIMBER_USEC_PER_SEC);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  return (guint32) (year * 10000 + month * 100 + day);
}

LimberDayCounts
limber_day_counts_for (const LimberDayCounts *self, guint32 day)
{
  if (self->day == day)
    return *self;
  return (LimberDayCounts){ .day = day };
}

void
limber_day_counts_add (LimberDayCounts *self, guint32 day,
                       LimberOutcome outcome)
{
  *self = limber_day_counts_for (self, day);
  switch (outcome)
    {
    case LIMBER_OUTCOME_DONE:
      self->taken++;
      break;
    case LIMBER_OUTCOME_SNOOZED:
      self->snoozed++;
      break;
    case LIMBER_OUTCOME_SKIPPED:
      self->skipped++;
      break;
    case LIMBER_OUTCOME_NATURAL:
      self->natural++;
      break;
    case LIMBER_OUTCOME_DEFERRED:
      self->deferred++;
      break;
    case LIMBER_OUTCOME_PAUSED:
    case LIMBER_OUTCOME_EXPIRED:
    case LIMBER_OUTCOME_CLOSED:
      break;
    }
}
