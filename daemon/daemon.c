#include "daemon-private.h"

#include "limber-duration.h"
#include "limber-error.h"
#include "limber-names.h"
#include "sd-notify.h"
#include "stats.h"
#include "status-line.h"

static gboolean
query_activity (gpointer user_data)
{
  LimberDaemon *self = user_data;

  self->query_idle = 0;
  limber_activity_query_idle (self->activity);
  return G_SOURCE_REMOVE;
}

/* @at: wall time, µs since the epoch. */
static void
write_down_at (LimberDaemon *self, LimberHistoryKind kind, gint64 value,
               gint64 at)
{
  LimberHistoryRecord record = {
    .time = at / G_USEC_PER_SEC,
    .kind = kind,
    .value = value,
  };

  limber_storage_add_history (self->storage, &record);
}

static void
write_down (LimberDaemon *self, LimberHistoryKind kind, gint64 value)
{
  write_down_at (self, kind, value, g_get_real_time ());
}

/* A break's end in the history, with the stretch of work before it. */
static void
write_down_outcome (LimberDaemon *self, const LimberAction *action)
{
  static const LimberHistoryKind kinds[] = {
    [LIMBER_OUTCOME_DONE] = LIMBER_HISTORY_DONE,
    [LIMBER_OUTCOME_SNOOZED] = LIMBER_HISTORY_SNOOZED,
    [LIMBER_OUTCOME_SKIPPED] = LIMBER_HISTORY_SKIPPED,
    [LIMBER_OUTCOME_NATURAL] = LIMBER_HISTORY_NATURAL,
    [LIMBER_OUTCOME_EXPIRED] = LIMBER_HISTORY_EXPIRED,
  };

  /* A pause is written down as such, by keep_records(). */
  if (action->outcome == LIMBER_OUTCOME_PAUSED)
    return;
  write_down_at (self, kinds[action->outcome],
                 action->worked / LIMBER_USEC_PER_SEC,
                 limber_clock_to_wall (action->at));
}

/* In today's counts, unless it happened before today: a break noticed
 * after midnight (a night away) belongs to the evening before, in the
 * history alone. */
static void
count_outcome (LimberDaemon *self, const LimberAction *action)
{
  guint32 day = limber_day_of (limber_clock_to_wall (action->at));

  if (day >= limber_day_of (g_get_real_time ()))
    limber_day_counts_add (&self->today, day, action->outcome);
}

static void
perform (LimberDaemon *self, const LimberAction *action)
{
  switch (action->type)
    {
    case LIMBER_ACTION_SHOW_BREAK:
      g_info ("break due: showing the pop-up (%s)",
              limber_urgency_to_string (action->urgency));
      limber_notifier_show (self->notifier, self->config, action->urgency);
      limber_service_emit_break_started (self->service, action->urgency);
      /* A break put back on screen after a restart was written down when
       * it was first shown. */
      if (!self->restoring)
        write_down (self, LIMBER_HISTORY_SHOWN,
                    action->urgency == LIMBER_URGENCY_CRITICAL);
      break;
    case LIMBER_ACTION_ESCALATE:
      g_info ("break overdue: escalating the pop-up");
      limber_notifier_show (self->notifier, self->config,
                            LIMBER_URGENCY_CRITICAL);
      break;
    case LIMBER_ACTION_END_BREAK:
      g_info ("break ended: %s", limber_outcome_to_string (action->outcome));
      limber_notifier_withdraw (self->notifier);
      limber_service_emit_break_ended (self->service, action->outcome);
      count_outcome (self, action);
      write_down_outcome (self, action);
      break;
    case LIMBER_ACTION_RECORD:
      g_info ("break %s", limber_outcome_to_string (action->outcome));
      count_outcome (self, action);
      write_down_outcome (self, action);
      break;
    case LIMBER_ACTION_QUERY_IDLE:
      /* From the main loop: the answer may come at once, and must not feed
       * the scheduler while this step is being carried out. */
      if (self->query_idle == 0)
        self->query_idle = g_idle_add (query_activity, self);
      break;
    }
}

/* Pauses in the history, and the state for the next start; written @at_once
 * as limberd stops, else when the storage sees fit. */
static void
keep_records (LimberDaemon *self, LimberPhase before, LimberTime now,
              gboolean at_once)
{
  LimberPhase after = limber_scheduler_get_phase (&self->scheduler);
  LimberStateRecord record = { .saved_at = g_get_real_time () };

  limber_scheduler_save (&self->scheduler, now, &record.scheduler);
  if (after == LIMBER_PHASE_PAUSED && before != LIMBER_PHASE_PAUSED)
    write_down (self, LIMBER_HISTORY_PAUSED,
                MAX (0, record.scheduler.pause_left) / LIMBER_USEC_PER_SEC);
  else if (after != LIMBER_PHASE_PAUSED && before == LIMBER_PHASE_PAUSED)
    write_down (self, LIMBER_HISTORY_RESUMED, 0);
  if (at_once)
    limber_storage_save_state_now (self->storage, &record);
  else
    limber_storage_set_state (self->storage, &record);
}

static gboolean
on_save_timer (gpointer user_data)
{
  LimberDaemon *self = user_data;

  /* Through the scheduler first, so that a sleep no source told of is
   * taken out of the work before it is saved. */
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_TICK });
  limber_daemon_save_now (self);
  return G_SOURCE_CONTINUE;
}

/* While work is counted, the counter grows with no event to save it: it is
 * saved every half natural break (at most 5 min), so that a crash loses
 * less than that and the restart carries on rather than taking the time
 * lost for a break. Nothing wakes limberd for it while nobody works. */
static void
follow_work (LimberDaemon *self)
{
  LimberTimings timings;
  gboolean accruing = limber_scheduler_accrues (&self->scheduler);
  guint every;

  limber_config_get_timings (self->config, &timings);
  every
      = (guint) CLAMP (timings.natural_break / 2 / LIMBER_USEC_PER_SEC, 1, 300);
  if (!accruing || every != self->save_every)
    g_clear_handle_id (&self->save_timer, g_source_remove);
  if (accruing && self->save_timer == 0)
    {
      self->save_every = every;
      self->save_timer = g_timeout_add_seconds (every, on_save_timer, self);
    }
}

static void
carry_out (LimberDaemon *self, const LimberStep *step, LimberPhase before,
           LimberTime now)
{
  self->last_event = now;
  for (guint i = 0; i < step->n_actions; i++)
    perform (self, &step->actions[i]);
  limber_wakeup_timer_arm (self->timer, step->next_wakeup);
  keep_records (self, before, now, FALSE);
  follow_work (self);
}

static void
run (LimberDaemon *self, const LimberEvent *event)
{
  LimberPhase before = limber_scheduler_get_phase (&self->scheduler);
  LimberStep step = limber_scheduler_feed (&self->scheduler, event);

  carry_out (self, &step, before, event->time);
}

void
limber_daemon_publish (LimberDaemon *self)
{
  LimberSnapshot now;

  limber_service_publish (self->service);
  limber_daemon_snapshot (self, &now);
  g_autofree char *line
      = limber_status_line (now.state, now.now_wall, now.next_break_wall,
                            now.paused_until_wall, now.work_left);
  limber_sd_notify_status (line);
}

/* Feeds one event, stamped now, and publishes the result. @woke_late: the
 * wake-up timer fired well after its deadline. */
static void
feed_at (LimberDaemon *self, LimberEvent event, gboolean woke_late)
{
  LimberTime now = limber_clock_now ();
  gint64 slept = limber_sleep_detector_poll (&self->sleep);

  if (!self->started)
    return;

  /* Nothing told us the machine slept, but the clocks do. */
  if (slept > 0 && !limber_activity_senses_sleep (self->activity))
    {
      LimberTime suspend_at, resume_at;
      limber_sleep_place (self->last_event, now, slept, woke_late, &suspend_at,
                          &resume_at);
      g_info ("the machine slept for %" G_GINT64_FORMAT " s",
              slept / LIMBER_USEC_PER_SEC);
      run (self,
           &(LimberEvent){ .type = LIMBER_EVENT_SUSPEND, .time = suspend_at });
      run (self,
           &(LimberEvent){ .type = LIMBER_EVENT_RESUME, .time = resume_at });
    }
  event.time = now;
  run (self, &event);
  limber_daemon_publish (self);
}

void
limber_daemon_feed (LimberDaemon *self, LimberEvent event)
{
  feed_at (self, event, FALSE);
}

static void
on_wakeup (LimberTime deadline, gpointer user_data)
{
  gboolean late = limber_clock_now () - deadline > LIMBER_USEC_PER_SEC;

  feed_at (user_data, (LimberEvent){ .type = LIMBER_EVENT_TICK }, late);
}

static void
on_response (LimberResponse response, gpointer user_data)
{
  LimberDaemon *self = user_data;
  LimberEventType type;

  /* A late answer to a pop-up that is already gone changes nothing. */
  if (limber_scheduler_get_phase (&self->scheduler) != LIMBER_PHASE_ON_BREAK)
    return;

  switch (response)
    {
    case LIMBER_RESPONSE_DONE:
      type = LIMBER_EVENT_BREAK_DONE;
      break;
    case LIMBER_RESPONSE_SNOOZE:
      type = LIMBER_EVENT_SNOOZE;
      break;
    case LIMBER_RESPONSE_EXPIRED:
      type = LIMBER_EVENT_BREAK_EXPIRED;
      break;
    case LIMBER_RESPONSE_SKIP:
    case LIMBER_RESPONSE_DISMISSED:
    default:
      type = LIMBER_EVENT_SKIP;
      break;
    }
  limber_daemon_feed (self, (LimberEvent){ .type = type });
}

static void
on_activity_changed (gpointer user_data)
{
  LimberDaemon *self = user_data;

  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_SOURCE_CHANGED,
                                           .lulls = limber_activity_get_lulls (
                                               self->activity) });
}

static void
on_activity_event (LimberEventType type, gint64 idle_usec, gpointer user_data)
{
  LimberDaemon *self = user_data;

  limber_daemon_feed (
      self,
      (LimberEvent){ .type = type, .since = limber_clock_now () - idle_usec });
}

LimberDaemon *
limber_daemon_new (LimberConfig *config, const char *const *config_paths,
                   const char *config_error)
{
  LimberDaemon *self = g_new0 (LimberDaemon, 1);
  LimberTimings timings;

  self->config = config;
  self->config_error = g_strdup (config_error ? config_error : "");
  self->config_paths = g_strdupv ((char **) config_paths);
  limber_config_get_timings (config, &timings);
  limber_scheduler_init (&self->scheduler, &timings, limber_clock_now ());
  limber_sleep_detector_init (&self->sleep);
  self->timer = limber_wakeup_timer_new (on_wakeup, self);
  self->notifier = limber_notifier_new (on_response, self);
  self->activity = limber_activity_new (
      &(LimberActivityCallbacks){ .changed = on_activity_changed,
                                  .event = on_activity_event,
                                  .user_data = self },
      config->activity_source, timings.lull);
  self->service = limber_service_new (self);
  return self;
}

static void
on_storage_error (gpointer user_data)
{
  limber_daemon_publish (user_data);
}

void
limber_daemon_free (LimberDaemon *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->query_idle, g_source_remove);
  g_clear_handle_id (&self->save_timer, g_source_remove);
  if (self->started)
    {
      /* The last word on disk: where work stands as limberd stops. */
      keep_records (self, limber_scheduler_get_phase (&self->scheduler),
                    limber_clock_now (), TRUE);
      g_clear_pointer (&self->storage, limber_storage_free);
    }
  g_clear_pointer (&self->activity, limber_activity_free);
  g_clear_pointer (&self->service, limber_service_free);
  g_clear_pointer (&self->notifier, limber_notifier_free);
  g_clear_pointer (&self->timer, limber_wakeup_timer_free);
  g_clear_pointer (&self->config, limber_config_free);
  g_free (self->config_error);
  g_strfreev (self->config_paths);
  g_free (self);
}

gboolean
limber_daemon_export (LimberDaemon *self, GDBusConnection *connection,
                      GError **error)
{
  return limber_service_export (self->service, connection, error);
}

/* Today's counts, from the history, so that a restart keeps them. */
static void
count_today (LimberDaemon *self)
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
                                   .natural = d->natural };
}

static void
resume_from_disk (LimberDaemon *self)
{
  LimberStateRecord saved;
  LimberTime now = limber_clock_now ();
  LimberStep step;

  if (!limber_storage_load_state (self->storage, &saved))
    return;
  step = limber_scheduler_restore (&self->scheduler, &saved.scheduler,
                                   g_get_real_time () - saved.saved_at, now);
  g_info ("carrying on from the state saved %" G_GINT64_FORMAT " s ago",
          (g_get_real_time () - saved.saved_at) / G_USEC_PER_SEC);
  self->restoring = TRUE;
  carry_out (self, &step, saved.scheduler.phase, now);
  self->restoring = FALSE;
}

void
limber_daemon_start (LimberDaemon *self)
{
  LimberTimings timings;

  if (self->started)
    return;
  self->started = TRUE;
  /* Work starts counting now that the name is ours, from where the last
   * limberd left it. */
  limber_config_get_timings (self->config, &timings);
  self->last_event = limber_clock_now ();
  limber_scheduler_init (&self->scheduler, &timings, self->last_event);
  limber_sleep_detector_init (&self->sleep);
  g_autofree char *dir = limber_state_dir ();
  self->storage = limber_storage_new (dir, G_CALLBACK (on_storage_error), self);
  count_today (self);
  resume_from_disk (self);
  /* The desktop's sources come as their bus names appear. */
  limber_activity_start (self->activity);
  on_activity_changed (self);
  limber_sd_notify_ready ();
}

gboolean
limber_daemon_pause (LimberDaemon *self, guint64 seconds, GError **error)
{
  if (seconds > LIMBER_MAX_PAUSE_SECONDS)
    {
      g_autofree char *given = limber_duration_format (seconds);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "a pause of %s is longer than the 31d allowed; pause for "
                   "0 seconds to pause until resumed",
                   given);
      return FALSE;
    }
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_PAUSE,
                                           .duration = (gint64) seconds
                                                       * LIMBER_USEC_PER_SEC });
  return TRUE;
}

void
limber_daemon_resume (LimberDaemon *self)
{
  limber_daemon_feed (self,
                      (LimberEvent){ .type = LIMBER_EVENT_RESUME_REMINDERS });
}

gboolean
limber_daemon_snooze (LimberDaemon *self, guint64 seconds, GError **error)
{
  if (seconds == 0 || seconds > LIMBER_MAX_SNOOZE_SECONDS)
    {
      g_autofree char *given = limber_duration_format (seconds);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "cannot snooze for %s: give 1s to 1d", given);
      return FALSE;
    }
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                           .duration = (gint64) seconds
                                                       * LIMBER_USEC_PER_SEC });
  return TRUE;
}

void
limber_daemon_skip (LimberDaemon *self)
{
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_SKIP });
}

void
limber_daemon_break_now (LimberDaemon *self)
{
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_BREAK_NOW });
}

void
limber_daemon_snapshot (LimberDaemon *self, LimberSnapshot *snapshot)
{
  const LimberScheduler *scheduler = &self->scheduler;
  LimberTime now = limber_clock_now ();
  gint64 now_wall = g_get_real_time ();
  LimberTime next = limber_scheduler_get_next_break (scheduler, now);
  LimberTime paused = limber_scheduler_get_paused_until (scheduler);

  *snapshot = (LimberSnapshot){
    .state = limber_scheduler_get_state_name (scheduler),
    .worked = (guint64) limber_scheduler_get_worked (scheduler, now)
              / LIMBER_USEC_PER_SEC,
    .today = limber_day_counts_for (&self->today, limber_day_of (now_wall)),
    .now_wall = now_wall,
    .next_break_wall
    = next == LIMBER_TIME_NEVER ? G_MAXINT64 : now_wall + (next - now),
    .paused_until_wall = paused == LIMBER_TIME_NEVER ? G_MAXINT64
                         : paused == 0               ? 0
                                       : now_wall + (paused - now),
    .work_left = limber_scheduler_get_work_left (scheduler, now),
  };
  snapshot->next_break
      = snapshot->next_break_wall == G_MAXINT64
            ? 0
            : (guint64) (snapshot->next_break_wall / LIMBER_USEC_PER_SEC);
  snapshot->paused_until
      = snapshot->paused_until_wall == G_MAXINT64
            ? LIMBER_PAUSED_INDEFINITELY
            : (guint64) (snapshot->paused_until_wall / LIMBER_USEC_PER_SEC);
}

void
limber_daemon_reply_when_saved (LimberDaemon *self,
                                GDBusMethodInvocation *invocation)
{
  if (self->storage != NULL)
    limber_storage_reply_when_saved (self->storage, invocation);
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

void
limber_daemon_save_now (LimberDaemon *self)
{
  if (self->storage == NULL)
    return;
  keep_records (self, limber_scheduler_get_phase (&self->scheduler),
                limber_clock_now (), TRUE);
}

const char *
limber_daemon_get_storage_error (LimberDaemon *self)
{
  return self->storage != NULL ? limber_storage_get_error (self->storage) : "";
}

GArray *
limber_daemon_get_stats (LimberDaemon *self, guint days, guint *streak,
                         guint *bad_lines)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GArray) records = NULL;
  g_autoptr (GArray) year = NULL;

  *streak = *bad_lines = 0;
  if (self->storage == NULL)
    return NULL;
  limber_storage_flush (self->storage);
  records = limber_storage_read_history (self->storage, bad_lines);
  if (records == NULL)
    return NULL;
  gint64 stretch
      = limber_scheduler_get_worked (&self->scheduler, limber_clock_now ())
        / LIMBER_USEC_PER_SEC;
  /* The streak looks back a year, whatever @days shows. */
  year = limber_stats_by_day (records, now, 366, stretch);
  *streak = limber_stats_streak (year);
  return limber_stats_by_day (records, now, days, stretch);
}

const char *
limber_daemon_get_activity_source (LimberDaemon *self)
{
  return limber_activity_get_name (self->activity);
}
