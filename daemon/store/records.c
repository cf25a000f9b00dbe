#include "records.h"

#include "advice.h"
#include "stats.h"
#include "storage.h"

struct _LimberRecords
{
  LimberStorage *storage;
  LimberRecordsListener listener;
  LimberDayCounts today;
  guint save_timer; /* saves the work counter while it grows */
  guint save_every; /* s */
};

static void
on_storage_error (gpointer user_data)
{
  LimberRecords *self = user_data;

  self->listener.error_changed (self->listener.user_data);
}

static void
write_record (LimberRecords *self, LimberHistoryRecord record, gint64 wall)
{
  record.time = wall / G_USEC_PER_SEC;
  limber_storage_add_history (self->storage, &record);
}

static void
write_down (LimberRecords *self, LimberHistoryKind kind, gint64 value,
            gint64 wall)
{
  write_record (self, (LimberHistoryRecord){ .kind = kind, .value = value },
                wall);
}

/* Today's counts, from the history, so that a restart keeps them. */
static void
count_today (LimberRecords *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint bad_lines;
  g_autoptr (GArray) records
      = limber_storage_read_history (self->storage, &bad_lines);
  g_autoptr (GArray) today = NULL;
  const LimberDayStats *d;

  if (records == NULL)
    return;
  today = limber_stats_by_day (records, now, 1, 0);
  d = &g_array_index (today, LimberDayStats, 0);
  self->today = (LimberDayCounts){ .day = limber_day_of (now * G_USEC_PER_SEC),
                                   .taken = d->taken,
                                   .snoozed = d->snoozed,
                                   .skipped = d->skipped,
                                   .natural = d->natural,
                                   .deferred = d->deferred };
}

LimberRecords *
limber_records_new (const char *dir, const LimberRecordsListener *listener)
{
  LimberRecords *self = g_new0 (LimberRecords, 1);

  self->listener = *listener;
  self->storage = limber_storage_new (dir, on_storage_error, self);
  count_today (self);
  return self;
}

void
limber_records_free (LimberRecords *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->save_timer, g_source_remove);
  g_clear_pointer (&self->storage, limber_storage_free);
  g_free (self);
}

gboolean
limber_records_load_state (LimberRecords *self, LimberStateRecord *record)
{
  return limber_storage_load_state (self->storage, record);
}

void
limber_records_break_shown (LimberRecords *self, const LimberAction *shown,
                            gint64 wall)
{
  write_record (
      self,
      (LimberHistoryRecord){ .kind = LIMBER_HISTORY_SHOWN,
                             .value = shown->urgency == LIMBER_URGENCY_CRITICAL,
                             .break_kind = shown->kind },
      wall);
}

void
limber_records_outcome (LimberRecords *self, const LimberAction *action,
                        gint64 at_wall)
{
  LimberOutcome outcome = action->outcome;
  static const LimberHistoryKind kinds[] = {
    [LIMBER_OUTCOME_DONE] = LIMBER_HISTORY_DONE,
    [LIMBER_OUTCOME_SNOOZED] = LIMBER_HISTORY_SNOOZED,
    [LIMBER_OUTCOME_SKIPPED] = LIMBER_HISTORY_SKIPPED,
    [LIMBER_OUTCOME_NATURAL] = LIMBER_HISTORY_NATURAL,
    [LIMBER_OUTCOME_EXPIRED] = LIMBER_HISTORY_EXPIRED,
    [LIMBER_OUTCOME_CLOSED] = LIMBER_HISTORY_CLOSED,
    [LIMBER_OUTCOME_DEFERRED] = LIMBER_HISTORY_DEFERRED,
  };
  guint32 day = limber_day_of (at_wall);

  /* Today's counts are of breaks, as the stats count them: a stretch
   * taken is a break taken; posture checks, check-ins and a stretch
   * skipped or snoozed are none. */
  if (day >= limber_day_of (g_get_real_time ())
      && (action->kind == LIMBER_KIND_MICRO_BREAK
          || (action->kind == LIMBER_KIND_STRETCH
              && outcome == LIMBER_OUTCOME_DONE)))
    limber_day_counts_add (&self->today, day, outcome);
  /* A pause is written down as such, by limber_records_keep_state(). */
  if (outcome != LIMBER_OUTCOME_PAUSED)
    write_record (
        self,
        (LimberHistoryRecord){ .kind = kinds[outcome],
                               .value = action->worked / LIMBER_USEC_PER_SEC,
                               .break_kind = action->kind,
                               .taken = action->taken },
        at_wall);
}

void
limber_records_checkin (LimberRecords *self, guint rating, const char *note)
{
  write_record (self,
                (LimberHistoryRecord){ .kind = LIMBER_HISTORY_CHECKIN,
                                       .value = rating,
                                       .note = note },
                g_get_real_time ());
}

void
limber_records_advised (LimberRecords *self)
{
  write_down (self, LIMBER_HISTORY_ADVISED, 0, g_get_real_time ());
}

static GArray *
read_history (LimberRecords *self)
{
  guint bad_lines;

  limber_storage_flush (self->storage);
  return limber_storage_read_history (self->storage, &bad_lines);
}

GArray *
limber_records_ratings (LimberRecords *self, guint days, gint64 *advised_at,
                        gboolean *completed)
{
  g_autoptr (GArray) records = read_history (self);
  GArray *ratings;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - (gint64) days * 86400;

  *advised_at = 0;
  *completed = FALSE;
  if (records == NULL)
    return NULL;
  ratings = g_array_new (FALSE, FALSE, sizeof (LimberRating));
  for (guint i = 0; i < records->len; i++)
    {
      const LimberHistoryRecord *r
          = &g_array_index (records, LimberHistoryRecord, i);
      if (r->kind == LIMBER_HISTORY_ADVISED)
        *advised_at = r->time;
      else if (r->kind == LIMBER_HISTORY_DONE
               && r->taken == LIMBER_TAKEN_COMPLETED)
        *completed = TRUE;
      else if (r->kind == LIMBER_HISTORY_CHECKIN && r->time >= since)
        {
          LimberRating rating = { r->time, (guint) r->value };
          g_array_append_val (ratings, rating);
        }
    }
  return ratings;
}

gboolean
limber_records_guided_before (LimberRecords *self)
{
  g_autoptr (GArray) records = read_history (self);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const LimberHistoryRecord *r
          = &g_array_index (records, LimberHistoryRecord, i);
      if (r->kind == LIMBER_HISTORY_DONE
          && (r->taken == LIMBER_TAKEN_COMPLETED
              || r->taken == LIMBER_TAKEN_STOPPED))
        return TRUE;
    }
  return FALSE;
}

gint64
limber_records_last_ended (LimberRecords *self, LimberBreakKind kind)
{
  g_autoptr (GArray) records = read_history (self);
  gint64 last = 0;

  if (records == NULL)
    return 0;
  for (guint i = 0; i < records->len; i++)
    {
      const LimberHistoryRecord *r
          = &g_array_index (records, LimberHistoryRecord, i);
      gboolean ended = kind == LIMBER_KIND_CHECKIN
                           ? r->kind == LIMBER_HISTORY_CHECKIN
                                 || (r->break_kind == kind
                                     && (r->kind == LIMBER_HISTORY_SKIPPED
                                         || r->kind == LIMBER_HISTORY_CLOSED))
                           : r->break_kind == kind
                                 && (r->kind == LIMBER_HISTORY_DONE
                                     || r->kind == LIMBER_HISTORY_SKIPPED
                                     || r->kind == LIMBER_HISTORY_CLOSED);
      if (ended)
        last = MAX (last, r->time);
    }
  return last;
}

void
limber_records_keep_state (LimberRecords *self,
                           const LimberScheduler *scheduler, LimberPhase before,
                           LimberTime now, gboolean at_once)
{
  LimberPhase after = limber_scheduler_get_phase (scheduler);
  LimberStateRecord record = { .saved_at = g_get_real_time () };

  limber_scheduler_save (scheduler, now, &record.scheduler);
  if (after == LIMBER_PHASE_PAUSED && before != LIMBER_PHASE_PAUSED)
    write_down (self, LIMBER_HISTORY_PAUSED,
                MAX (0, record.scheduler.pause_left) / LIMBER_USEC_PER_SEC,
                record.saved_at);
  else if (after != LIMBER_PHASE_PAUSED && before == LIMBER_PHASE_PAUSED)
    write_down (self, LIMBER_HISTORY_RESUMED, 0, record.saved_at);
  if (at_once)
    limber_storage_save_state_now (self->storage, &record);
  else
    limber_storage_set_state (self->storage, &record);
}

void
limber_records_save_now (LimberRecords *self, const LimberScheduler *scheduler,
                         LimberTime now)
{
  limber_records_keep_state (self, scheduler,
                             limber_scheduler_get_phase (scheduler), now, TRUE);
}

static gboolean
on_save_timer (gpointer user_data)
{
  LimberRecords *self = user_data;

  self->listener.save_due (self->listener.user_data);
  return G_SOURCE_CONTINUE;
}

void
limber_records_follow_work (LimberRecords *self, gboolean accruing,
                            gint64 natural_break)
{
  guint every = (guint) CLAMP (natural_break / 2 / LIMBER_USEC_PER_SEC, 1, 300);

  if (!accruing || every != self->save_every)
    g_clear_handle_id (&self->save_timer, g_source_remove);
  if (accruing && self->save_timer == 0)
    {
      self->save_every = every;
      self->save_timer = g_timeout_add_seconds (every, on_save_timer, self);
    }
}

void
limber_records_when_saved (LimberRecords *self, LimberSavedFunc func,
                           gpointer user_data)
{
  limber_storage_when_saved (self->storage, func, user_data);
}

LimberDayCounts
limber_records_today (LimberRecords *self, gint64 now_wall)
{
  return limber_day_counts_for (&self->today, limber_day_of (now_wall));
}

GArray *
limber_records_stats (LimberRecords *self, guint days, gint64 stretch,
                      guint *streak, guint *bad_lines)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GArray) records = NULL;
  g_autoptr (GArray) year = NULL;

  *streak = *bad_lines = 0;
  limber_storage_flush (self->storage);
  records = limber_storage_read_history (self->storage, bad_lines);
  if (records == NULL)
    return NULL;
  /* The streak looks back a year, whatever @days shows. */
  year = limber_stats_by_day (records, now, 366, stretch);
  *streak = limber_stats_streak (year);
  return limber_stats_by_day (records, now, days, stretch);
}

const char *
limber_records_get_error (LimberRecords *self)
{
  return limber_storage_get_error (self->storage);
}
