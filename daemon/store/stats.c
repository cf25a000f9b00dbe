#include "stats.h"

static guint32
julian_of (gint64 unix_seconds, guint32 *yyyymmdd)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (unix_seconds);
  GDate date;

  if (local == NULL)
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  if (yyyymmdd != NULL)
    *yyyymmdd = (guint32) (g_date_time_get_year (local) * 10000
                           + g_date_time_get_month (local) * 100
                           + g_date_time_get_day_of_month (local));
  return g_date_get_julian (&date);
}

static guint32
yyyymmdd_of_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return (guint32) (g_date_get_year (&date) * 10000
                    + g_date_get_month (&date) * 100 + g_date_get_day (&date));
}

GArray *
limber_stats_by_day (const GArray *records, gint64 now, guint days,
                     gint64 current_stretch)
{
  GArray *by_day
      = g_array_sized_new (FALSE, TRUE, sizeof (LimberDayStats), days);
  guint32 today = julian_of (now, NULL);
  guint32 first;

  g_return_val_if_fail (days > 0 && today > days, by_day);
  first = today - days + 1;
  g_array_set_size (by_day, days);
  for (guint i = 0; i < days; i++)
    g_array_index (by_day, LimberDayStats, i).day
        = yyyymmdd_of_julian (first + i);

  for (guint i = 0; i < records->len; i++)
    {
      const LimberHistoryRecord *r
          = &g_array_index (records, LimberHistoryRecord, i);
      guint32 julian = julian_of (r->time, NULL);
      LimberDayStats *d;

      if (julian < first || julian > today)
        continue;
      d = &g_array_index (by_day, LimberDayStats, julian - first);
      if (r->kind == LIMBER_HISTORY_DONE && r->taken == LIMBER_TAKEN_COMPLETED)
        d->completed++;
      if (r->kind == LIMBER_HISTORY_CHECKIN)
        d->rating = (guint) r->value;
      /* Posture checks and check-ins are not breaks. */
      if (r->break_kind == LIMBER_KIND_POSTURE_CHECK)
        {
          if (r->kind == LIMBER_HISTORY_SHOWN)
            d->posture++;
          continue;
        }
      if (r->break_kind == LIMBER_KIND_CHECKIN)
        continue;
      switch (r->kind)
        {
        case LIMBER_HISTORY_SHOWN:
          d->shown++;
          break;
        case LIMBER_HISTORY_DONE:
          d->taken++;
          if (r->break_kind == LIMBER_KIND_STRETCH)
            d->stretches++;
          break;
        case LIMBER_HISTORY_SNOOZED:
          if (r->break_kind == LIMBER_KIND_MICRO_BREAK)
            d->snoozed++;
          break;
        case LIMBER_HISTORY_SKIPPED:
          /* A stretch skipped is no break skipped: the streak stands. */
          if (r->break_kind == LIMBER_KIND_MICRO_BREAK)
            d->skipped++;
          break;
        case LIMBER_HISTORY_NATURAL:
          d->natural++;
          break;
        case LIMBER_HISTORY_DEFERRED:
          d->deferred++;
          break;
        case LIMBER_HISTORY_EXPIRED:
        case LIMBER_HISTORY_CLOSED:
        case LIMBER_HISTORY_PAUSED:
        case LIMBER_HISTORY_RESUMED:
        case LIMBER_HISTORY_CHECKIN:
        case LIMBER_HISTORY_ADVISED:
        default:
          break;
        }
      if (limber_history_record_resets (r))
        {
          d->active += r->value;
          d->longest = MAX (d->longest, r->value);
        }
    }

  LimberDayStats *last = &g_array_index (by_day, LimberDayStats, days - 1);
  last->active += MAX (0, current_stretch);
  last->longest = MAX (last->longest, current_stretch);
  return by_day;
}

guint
limber_stats_streak (const GArray *by_day)
{
  guint streak = 0;

  for (guint i = by_day->len; i > 0; i--)
    {
      const LimberDayStats *d = &g_array_index (by_day, LimberDayStats, i - 1);
      if (d->active == 0 && d->shown == 0)
        continue;
      if (d->skipped > 0)
        break;
      streak++;
    }
  return streak;
}
