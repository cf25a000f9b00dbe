#include "records.h"

#include "advice.h"
#include "stats.h"
#include "storage.h"

#include <string.h>

struct _LimberRecords
{
  LimberStorage *storage;
  LimberRecordsListener listener;
  /* The history by day, read once as limberd starts and kept up to date
   * since: stats and today's counts never go back to the disk. NULL while
   * the history cannot be read. */
  LimberDayTable *days;
  /* What the routines and check-ins ask of the history, gathered in the
   * same pass and kept up to date the same way. */
  GArray *ratings;    /* LimberRating of every check-in, in file order */
  gint64 advised_at;  /* the last advice given; 0 never */
  gboolean completed; /* a guided routine was followed to its end */
  gboolean guided;    /* … or stopped part-way */
  gint64 last_ended[LIMBER_N_KINDS];
  guint bad_lines; /* damaged lines seen in it */
  char boot_id[40];
  guint save_timer; /* saves the work counter while it grows */
  guint save_every; /* s */
};

static void
on_storage_error (gpointer user_data)
{
  LimberRecords *self = user_data;

  self->listener.error_changed (self->listener.user_data);
}

/* Notes what @r says for limber_records_ratings(), _guided_before() and
 * _last_ended(). */
static void
note_facts (LimberRecords *self, const LimberHistoryRecord *r)
{
  if (r->kind == LIMBER_HISTORY_ADVISED)
    self->advised_at = r->time;
  else if (r->kind == LIMBER_HISTORY_CHECKIN)
    {
      LimberRating rating = { r->time, (guint) r->value };
      g_array_append_val (self->ratings, rating);
      self->last_ended[LIMBER_KIND_CHECKIN]
          = MAX (self->last_ended[LIMBER_KIND_CHECKIN], r->time);
    }
  else if (r->kind == LIMBER_HISTORY_DONE
           && (r->taken == LIMBER_TAKEN_COMPLETED
               || r->taken == LIMBER_TAKEN_STOPPED))
    {
      self->completed |= r->taken == LIMBER_TAKEN_COMPLETED;
      self->guided = TRUE;
    }
  /* A check-in ends with its answer, or skipped or closed; a break also
   * when it is done. */
  if ((r->kind == LIMBER_HISTORY_SKIPPED || r->kind == LIMBER_HISTORY_CLOSED
       || (r->kind == LIMBER_HISTORY_DONE
           && r->break_kind != LIMBER_KIND_CHECKIN))
      && r->break_kind < LIMBER_N_KINDS)
    self->last_ended[r->break_kind]
        = MAX (self->last_ended[r->break_kind], r->time);
}

static void
write_record (LimberRecords *self, LimberHistoryRecord record, gint64 wall)
{
  record.time = wall / G_USEC_PER_SEC;
  limber_storage_add_history (self->storage, &record);
  if (self->days != NULL)
    {
      limber_day_table_add (self->days, &record);
      note_facts (self, &record);
    }
}

static void
write_down (LimberRecords *self, LimberHistoryKind kind, gint64 value,
            gint64 wall)
{
  write_record (self, (LimberHistoryRecord){ .kind = kind, .value = value },
                wall);
}

typedef struct
{
  LimberRecords *self;
  LimberDayTable *days;
} LoadContext;

static void
add_to_days (const LimberHistoryRecord *record, gpointer user_data)
{
  LoadContext *ctx = user_data;

  limber_day_table_add (ctx->days, record);
  note_facts (ctx->self, record);
}

/* The history by day, from the file (and what is still to be written to
 * it); FALSE if it cannot be read. */
static gboolean
load_days (LimberRecords *self)
{
  g_autoptr (LimberDayTable) days = NULL;
  LoadContext ctx;

  if (self->days != NULL)
    return TRUE;
  days = limber_day_table_new ();
  ctx = (LoadContext){ self, days };
  g_array_set_size (self->ratings, 0);
  self->advised_at = 0;
  self->completed = self->guided = FALSE;
  memset (self->last_ended, 0, sizeof self->last_ended);
  if (!limber_storage_load_history (self->storage, add_to_days, &ctx,
                                    &self->bad_lines))
    return FALSE;
  self->days = g_steal_pointer (&days);
  return TRUE;
}

LimberRecords *
limber_records_new (const char *dir, const LimberRecordsListener *listener)
{
  LimberRecords *self = g_new0 (LimberRecords, 1);

  self->listener = *listener;
  self->ratings = g_array_new (FALSE, FALSE, sizeof (LimberRating));
  limber_state_read_boot_id (self->boot_id);
  self->storage = limber_storage_new (dir, on_storage_error, self);
  load_days (self);
  return self;
}

void
limber_records_free (LimberRecords *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->save_timer, g_source_remove);
  g_clear_pointer (&self->storage, limber_storage_free);
  g_clear_pointer (&self->days, limber_day_table_free);
  g_array_unref (self->ratings);
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

GArray *
limber_records_ratings (LimberRecords *self, guint days, gint64 *advised_at,
                        gboolean *completed)
{
  GArray *ratings;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - (gint64) days * 86400;

  *advised_at = 0;
  *completed = FALSE;
  /* Look-ups, like the stats: the history was read once. */
  if (!load_days (self))
    return NULL;
  *advised_at = self->advised_at;
  *completed = self->completed;
  ratings = g_array_new (FALSE, FALSE, sizeof (LimberRating));
  for (guint i = 0; i < self->ratings->len; i++)
    {
      const LimberRating *r = &g_array_index (self->ratings, LimberRating, i);
      if (r->time >= since)
        g_array_append_val (ratings, *r);
    }
  return ratings;
}

gboolean
limber_records_guided_before (LimberRecords *self)
{
  return load_days (self) && self->guided;
}

gint64
limber_records_last_ended (LimberRecords *self, LimberBreakKind kind)
{
  g_return_val_if_fail (kind < LIMBER_N_KINDS, 0);
  return load_days (self) ? self->last_ended[kind] : 0;
}

void
limber_records_keep_state (LimberRecords *self,
                           const LimberScheduler *scheduler, LimberPhase before,
                           LimberTime now, gboolean at_once)
{
  LimberPhase after = limber_scheduler_get_phase (scheduler);
  LimberStateRecord record
      = { .saved_at = g_get_real_time (), .boot_clock = now };

  g_strlcpy (record.boot_id, self->boot_id, sizeof record.boot_id);

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

void
limber_records_zone_changed (LimberRecords *self)
{
  guint untold = self->bad_lines;

  /* The days are the zone's: read the history again, once. */
  g_clear_pointer (&self->days, limber_day_table_free);
  load_days (self);
  self->bad_lines = MAX (untold, self->bad_lines);
}

LimberDayCounts
limber_records_today (LimberRecords *self, gint64 now_wall)
{
  g_autoptr (GArray) today = NULL;
  const LimberDayStats *d;

  /* From the day's own summary: a clock set to tomorrow and back finds
   * today's counts where they were. */
  if (self->days == NULL)
    return (LimberDayCounts){ .day = limber_day_of (now_wall) };
  today = limber_day_table_stats (self->days, now_wall / G_USEC_PER_SEC, 1, 0);
  d = &g_array_index (today, LimberDayStats, 0);
  return (LimberDayCounts){ .day = d->day,
                            .taken = d->taken,
                            .snoozed = d->snoozed,
                            .skipped = d->skipped,
                            .natural = d->natural,
                            .deferred = d->deferred };
}

GArray *
limber_records_stats (LimberRecords *self, guint days, gint64 stretch,
                      guint *streak, guint *bad_lines)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GArray) year = NULL;

  *streak = 0;
  if (bad_lines != NULL)
    *bad_lines = 0;
  /* What the stats count is on disk too (appends: cheap). */
  limber_storage_flush (self->storage);
  /* Tried again if it could not be read at start (a link since replaced
   * by the file, say); nothing is read otherwise. */
  if (!load_days (self))
    return NULL;
  /* Said once, to the one who asks for them: loading compacted them
   * away. */
  if (bad_lines != NULL)
    {
      *bad_lines = self->bad_lines;
      self->bad_lines = 0;
    }
  /* The streak looks back a year, whatever @days shows. */
  year = limber_day_table_stats (self->days, now, 366, stretch);
  *streak = limber_stats_streak (year);
  return limber_day_table_stats (self->days, now, days, stretch);
}

const char *
limber_records_get_error (LimberRecords *self)
{
  return limber_storage_get_error (self->storage);
}
