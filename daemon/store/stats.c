#include "stats.h"

struct _LimberDayTable
{
  GHashTable *days; /* Julian day → LimberDayStats */
  /* The last day looked up: [start, end) in seconds since the epoch. */
  gint64 start, end;
  guint32 julian;
};

static guint32
yyyymmdd_of (const GDate *date)
{
  return (guint32) (g_date_get_year (date) * 10000
                    + g_date_get_month (date) * 100 + g_date_get_day (date));
}

static guint32
yyyymmdd_of_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return yyyymmdd_of (&date);
}

LimberDayTable *
limber_day_table_new (void)
{
  LimberDayTable *self = g_new0 (LimberDayTable, 1);

  self->days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return self;
}

void
limber_day_table_free (LimberDayTable *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->days);
  g_free (self);
}

/* The local date of @t, the slow way: a time-zone look-up. */
static gboolean
local_date (gint64 t, GDate *date)
{
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (t);

  if (local == NULL)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  return g_date_valid (date);
}

static guint32
julian_slowly (gint64 t)
{
  GDate date;

  return local_date (t, &date) ? g_date_get_julian (&date) : 0;
}

/* Where the local day @date begins, in seconds since the epoch; G_MAXINT64
 * when that cannot be told. */
static gint64
day_begins (const GDate *date)
{
  g_autoptr (GDateTime) midnight
      = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                               g_date_get_day (date), 0, 0, 0);

  return midnight != NULL ? g_date_time_to_unix (midnight) : G_MAXINT64;
}

guint32
limber_day_table_julian (LimberDayTable *self, gint64 t)
{
  GDate date, next;

  if (self->julian != 0 && t >= self->start && t < self->end)
    return self->julian;
  if (!local_date (t, &date))
    return 0;
  self->julian = g_date_get_julian (&date);
  next = date;
  g_date_add_days (&next, 1);
  self->start = day_begins (&date);
  self->end = day_begins (&next);
  /* Trusted only where both ends are this day and @t is between them (a
   * zone whose midnight is skipped or repeated may say otherwise); else
   * this one second alone is known. */
  if (!(self->start <= t && t < self->end
        && julian_slowly (self->start) == self->julian
        && julian_slowly (self->end - 1) == self->julian))
    {
      self->start = t;
      self->end = t + 1;
    }
  return self->julian;
}

static LimberDayStats *
day_of (LimberDayTable *self, guint32 julian, gboolean create)
{
  LimberDayStats *d
      = g_hash_table_lookup (self->days, GUINT_TO_POINTER (julian));

  if (d == NULL && create)
    {
      d = g_new0 (LimberDayStats, 1);
      d->day = yyyymmdd_of_julian (julian);
      g_hash_table_insert (self->days, GUINT_TO_POINTER (julian), d);
    }
  return d;
}

void
limber_day_table_add (LimberDayTable *self, const LimberHistoryRecord *r)
{
  guint32 julian = limber_day_table_julian (self, r->time);
  LimberDayStats *d;

  if (julian == 0)
    return;
  d = day_of (self, julian, TRUE);
  if (r->kind == LIMBER_HISTORY_DONE && r->taken == LIMBER_TAKEN_COMPLETED)
    d->completed++;
  if (r->kind == LIMBER_HISTORY_CHECKIN)
    d->rating = (guint) r->value;
  /* Posture checks and check-ins are not breaks. */
  if (r->break_kind == LIMBER_KIND_POSTURE_CHECK)
    {
      if (r->kind == LIMBER_HISTORY_SHOWN)
        d->posture++;
      return;
    }
  if (r->break_kind == LIMBER_KIND_CHECKIN)
    return;
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

GArray *
limber_day_table_stats (LimberDayTable *self, gint64 now, guint days,
                        gint64 current_stretch)
{
  GArray *by_day
      = g_array_sized_new (FALSE, TRUE, sizeof (LimberDayStats), days);
  guint32 today = limber_day_table_julian (self, now);
  guint32 first;

  g_return_val_if_fail (days > 0 && today > days, by_day);
  first = today - days + 1;
  g_array_set_size (by_day, days);
  for (guint i = 0; i < days; i++)
    {
      LimberDayStats *d = day_of (self, first + i, FALSE);
      LimberDayStats *out = &g_array_index (by_day, LimberDayStats, i);

      if (d != NULL)
        *out = *d;
      else
        out->day = yyyymmdd_of_julian (first + i);
    }

  LimberDayStats *last = &g_array_index (by_day, LimberDayStats, days - 1);
  last->active += MAX (0, current_stretch);
  last->longest = MAX (last->longest, current_stretch);
  return by_day;
}

GArray *
limber_stats_by_day (const GArray *records, gint64 now, guint days,
                     gint64 current_stretch)
{
  g_autoptr (LimberDayTable) table = limber_day_table_new ();

  for (guint i = 0; i < records->len; i++)
    limber_day_table_add (table,
                          &g_array_index (records, LimberHistoryRecord, i));
  return limber_day_table_stats (table, now, days, current_stretch);
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
