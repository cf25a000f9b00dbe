/* limberd's event pump: D-Bus requests, pop-up answers, the activity
 * sources and the one wake-up timer become scheduler events, and what the
 * scheduler answers is carried out (the pop-up, the records) and
 * published. */
#include "daemon-private.h"

#include "limber-i18n.h"
#include "offer-text.h"
#include "sd-notify.h"

static gboolean
query_activity (gpointer user_data)
{
  LimberDaemon *self = user_data;

  self->query_idle = 0;
  limber_activity_query_idle (self->activity);
  return G_SOURCE_REMOVE;
}

static void
record_outcome (LimberDaemon *self, const LimberAction *action)
{
  limber_records_outcome (self->records, action,
                          limber_clock_to_wall (action->at));
  /* A stretch or check-in done with: the next one is another day's. */
  if (action->kind == LIMBER_KIND_STRETCH
      || action->kind == LIMBER_KIND_CHECKIN)
    self->deadlines_stale = TRUE;
}

/* The pop-up for @action's break (popup.c, popup-guide.c). */
static void
show_popup (LimberDaemon *self, const LimberAction *action)
{
  LimberPopup *popup
      = limber_popup_new_kind (self->config, action->kind, action->urgency);

  /* The holds are over: the break they kept back, offered as such. */
  if (action->deferred && action->kind == LIMBER_KIND_MICRO_BREAK)
    {
      g_free (popup->title);
      popup->title = limber_deferred_title (limber_clock_now () - action->at);
    }
  limber_notifier_show (self->notifier, popup);
}

static void
perform (LimberDaemon *self, const LimberAction *action)
{
  const char *kind = limber_kind_to_string (action->kind);

  switch (action->type)
    {
    case LIMBER_ACTION_SHOW_BREAK:
      g_info ("%s due: showing the pop-up (%s%s)", kind,
              limber_urgency_to_string (action->urgency),
              action->deferred ? ", deferred" : "");
      show_popup (self, action);
      if (self->listener.break_started != NULL)
        self->listener.break_started (action->urgency, action->kind,
                                      self->listener.user_data);
      /* A break put back on screen after a restart was written down when
       * it was first shown. */
      if (!self->restoring)
        limber_records_break_shown (self->records, action, g_get_real_time ());
      break;
    case LIMBER_ACTION_ESCALATE:
      g_info ("break overdue: escalating the pop-up");
      show_popup (self, action);
      break;
    case LIMBER_ACTION_END_BREAK:
      g_info ("%s ended: %s%s%s", kind,
              limber_outcome_to_string (action->outcome),
              action->outcome == LIMBER_OUTCOME_DONE ? ", " : "",
              action->outcome == LIMBER_OUTCOME_DONE
                  ? limber_taken_to_string (action->taken)
                  : "");
      /* Ended another way than by its routine: the routine stops too. A
       * routine completed keeps its pop-up for the thanks. */
      if (!self->guide_ending)
        limber_daemon_guide_abandon (self);
      if (!limber_stepper_is_running (&self->stepper))
        limber_notifier_withdraw (self->notifier);
      if (self->listener.break_ended != NULL)
        self->listener.break_ended (action->outcome, action->kind,
                                    self->listener.user_data);
      if (!action->repeated)
        record_outcome (self, action);
      break;
    case LIMBER_ACTION_RECORD:
      g_info ("%s %s", kind, limber_outcome_to_string (action->outcome));
      if (self->listener.break_recorded != NULL && !self->restoring)
        self->listener.break_recorded (action->outcome, action->kind,
                                       self->listener.user_data);
      record_outcome (self, action);
      break;
    case LIMBER_ACTION_HOLD_EXPIRED:
      limber_daemon_forget_hold (self, action->hold_id);
      if (self->listener.hold_ended != NULL)
        self->listener.hold_ended (action->hold_id, self->listener.user_data);
      break;
    case LIMBER_ACTION_QUERY_IDLE:
      /* From the main loop: the answer may come at once, and must not feed
       * the scheduler while this step is being carried out. */
      if (self->query_idle == 0)
        self->query_idle = g_idle_add (query_activity, self);
      break;
    }
}

static void
on_save_due (gpointer user_data)
{
  LimberDaemon *self = user_data;

  /* Through the scheduler first, so that a sleep no source told of is
   * taken out of the work before it is saved. */
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_TICK });
  limber_daemon_save_now (self);
}

static void
carry_out (LimberDaemon *self, const LimberStep *step, LimberPhase before,
           LimberTime now)
{
  self->last_event = now;
  for (guint i = 0; i < step->n_actions; i++)
    perform (self, &step->actions[i]);
  limber_wakeup_timer_arm (self->timer, step->next_wakeup);
  limber_records_keep_state (self->records, &self->scheduler, before, now,
                             FALSE);
  limber_records_follow_work (
      self->records, limber_scheduler_accrues (&self->scheduler),
      (gint64) self->config->natural_break * LIMBER_USEC_PER_SEC);
}

/* A pause that ran out by itself is said once; one ended on request needs
 * no telling. */
static void
tell_pause_over (LimberDaemon *self, const LimberEvent *event,
                 LimberPhase before)
{
  if (before != LIMBER_PHASE_PAUSED
      || limber_scheduler_get_phase (&self->scheduler) == LIMBER_PHASE_PAUSED
      || event->type != LIMBER_EVENT_TICK || self->restoring)
    return;
  g_info ("the pause is over");
  /* The person silenced notifications: not even a passing one. */
  if (limber_holds_has_kind (&self->scheduler.holds, LIMBER_HOLD_DND))
    return;
  limber_notifier_notice (
      self->notifier, _ ("Reminders are back"),
      _ ("The pause is over: limber counts your work again."));
}

static void
run (LimberDaemon *self, const LimberEvent *event)
{
  LimberPhase before = limber_scheduler_get_phase (&self->scheduler);
  LimberStep step = limber_scheduler_feed (&self->scheduler, event);

  carry_out (self, &step, before, event->time);
  tell_pause_over (self, event, before);
  limber_notifier_set_user_active (
      self->notifier, !limber_scheduler_is_away (&self->scheduler));
}

/* Feeds one event, stamped now, and publishes the result. @woke_late: the
 * wake-up timer fired well after its deadline. */
static void
feed_at (LimberDaemon *self, LimberEvent event, gboolean woke_late)
{
  LimberTime now = limber_clock_now ();
  gint64 slept = limber_sleep_detector_poll (&self->sleep);

  if (!self->started || self->stood_down)
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
  /* The screen locked or the machine slept mid-routine: walked away. */
  if ((event.type == LIMBER_EVENT_LOCKED || event.type == LIMBER_EVENT_SUSPEND
       || slept > 0)
      && limber_stepper_is_running (&self->stepper))
    limber_daemon_guide_feed (self, LIMBER_GUIDE_WALKED_AWAY);
  if (self->deadlines_stale)
    limber_daemon_update_deadlines (self);
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
on_popup_action (const char *action_id, gpointer user_data)
{
  LimberDaemon *self = user_data;
  LimberEventType type;

  guint rating;

  /* A late answer to a pop-up that is already gone changes nothing. */
  if (limber_scheduler_get_phase (&self->scheduler) != LIMBER_PHASE_ON_BREAK)
    return;
  if (g_str_equal (action_id, "start"))
    {
      limber_daemon_routine_start (self, NULL);
      return;
    }
  if (g_str_equal (action_id, "next") || g_str_equal (action_id, "stop"))
    {
      if (limber_stepper_is_running (&self->stepper))
        limber_daemon_guide_feed (self, g_str_equal (action_id, "next")
                                            ? LIMBER_GUIDE_NEXT
                                            : LIMBER_GUIDE_STOP);
      return;
    }
  if (limber_popup_rating_of (action_id, &rating))
    {
      g_autofree char *advice = NULL;
      if (limber_daemon_checkin (self, rating, NULL, &advice, NULL)
          && advice[0] != '\0')
        limber_notifier_notice (self->notifier, _ ("A word after two weeks"),
                                advice);
      return;
    }
  if (g_str_equal (action_id, "snooze"))
    type = LIMBER_EVENT_SNOOZE;
  else if (g_str_equal (action_id, "skip"))
    type = LIMBER_EVENT_SKIP;
  else
    type = LIMBER_EVENT_BREAK_DONE;
  limber_daemon_feed (self, (LimberEvent){ .type = type });
}

static void
on_popup_closed (LimberClosedReason reason, gboolean seen, gpointer user_data)
{
  LimberDaemon *self = user_data;

  if (limber_scheduler_get_phase (&self->scheduler) != LIMBER_PHASE_ON_BREAK)
    return;
  /* During a routine, closing the pop-up stops it; the server taking it
   * down is the stepper's to mend. */
  if (limber_stepper_is_running (&self->stepper))
    {
      limber_daemon_guide_feed (self, reason == LIMBER_CLOSED_DISMISSED
                                          ? LIMBER_GUIDE_STOP
                                          : LIMBER_GUIDE_CLOSED);
      return;
    }
  /* Seen (closed by the user) is not skipped: only Skip skips. Expired, or
   * closed for a reason of the server's own: nothing on screen any more. */
  limber_daemon_feed (
      self, (LimberEvent){ .type = seen ? LIMBER_EVENT_BREAK_CLOSED
                                        : LIMBER_EVENT_BREAK_EXPIRED });
}

static void
on_popup_presence (gpointer user_data)
{
  LimberDaemon *self = user_data;
  LimberPresence presence = limber_notifier_get_presence (self->notifier);

  if (presence == LIMBER_PRESENCE_NOT_SHOWN)
    limber_daemon_feed (self,
                        (LimberEvent){ .type = LIMBER_EVENT_POPUP_UNSHOWN });
  else if (presence == LIMBER_PRESENCE_ON_SCREEN)
    limber_daemon_feed (self,
                        (LimberEvent){ .type = LIMBER_EVENT_POPUP_SHOWN });
  else
    limber_daemon_publish (self);
  if (presence != LIMBER_PRESENCE_SENDING)
    limber_daemon_settle_waiters (self);
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
on_activity_described (gpointer user_data)
{
  limber_daemon_publish (user_data);
}

static void
on_activity_event (LimberEventType type, gint64 idle_usec, gpointer user_data)
{
  LimberDaemon *self = user_data;

  limber_daemon_feed (
      self,
      (LimberEvent){ .type = type, .since = limber_clock_now () - idle_usec });
}

static void
on_activity_renamed (gpointer user_data)
{
  limber_daemon_publish (user_data);
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
  limber_daemon_guide_init (self);
  self->notifier = limber_notifier_new (
      &(LimberNotifierCallbacks){ .action = on_popup_action,
                                  .closed = on_popup_closed,
                                  .presence_changed = on_popup_presence,
                                  .user_data = self });
  self->calls = limber_calls_new (limber_daemon_on_calls, self);
  self->activity = limber_activity_new (
      &(LimberActivityCallbacks){ .changed = on_activity_changed,
                                  .event = on_activity_event,
                                  .described = on_activity_described,
                                  .renamed = on_activity_renamed,
                                  .user_data = self },
      config->activity_source, timings.lull);
  return self;
}

void
limber_daemon_set_listener (LimberDaemon *self,
                            const LimberDaemonListener *listener)
{
  self->listener = listener != NULL ? *listener : (LimberDaemonListener){ 0 };
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
  /* The last word on disk: where work stands as limberd stops. */
  limber_daemon_save_now (self);
  g_clear_pointer (&self->records, limber_records_free);
  g_clear_pointer (&self->activity, limber_activity_free);
  /* Nobody is left waiting for an answer. */
  limber_daemon_settle_waiters (self);
  g_clear_pointer (&self->calls, limber_calls_free);
  g_clear_pointer (&self->dnd, limber_dnd_free);
  g_clear_pointer (&self->gnome_breaks, limber_gnome_breaks_free);
  g_clear_pointer (&self->notifier, limber_notifier_free);
  limber_daemon_guide_clear (self);
  g_clear_pointer (&self->clock_watch, limber_clock_watch_free);
  g_clear_pointer (&self->zone_watch, limber_zone_watch_free);
  g_clear_pointer (&self->timer, limber_wakeup_timer_free);
  g_clear_pointer (&self->config, limber_config_free);
  g_free (self->config_error);
  g_strfreev (self->config_paths);
  g_clear_pointer (&self->hold_notes, g_hash_table_unref);
  g_free (self->pause_who);
  g_free (self->pause_reason);
  g_free (self);
}

/* The wall clock was set: times of day are converted again, and what is
 * published in wall time (PausedUntil, NextBreak, today's counts) is
 * worked out again from the steady clock as the tick is published. */
static void
on_gnome_breaks (gpointer user_data)
{
  limber_daemon_publish (user_data);
}

static void
on_clock_changed (gpointer user_data)
{
  LimberDaemon *self = user_data;

  self->deadlines_stale = TRUE;
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_TICK });
}

/* A new zone: the history's days are the new zone's, and the times of day
 * move as for a clock set. */
static void
on_zone_changed (gpointer user_data)
{
  LimberDaemon *self = user_data;

  if (self->records != NULL)
    limber_records_zone_changed (self->records);
  on_clock_changed (self);
}

static void
resume_from_disk (LimberDaemon *self)
{
  LimberStateRecord saved;
  LimberTime now = limber_clock_now ();
  LimberStep step;
  char boot_id[40];
  gint64 gap;

  if (!limber_records_load_state (self->records, &saved))
    return;
  /* On the same boot, from the clock that never jumps: a wall clock
   * stepped while limberd was down is no time away. */
  limber_state_read_boot_id (boot_id);
  gap = limber_state_gap (&saved, boot_id, now, g_get_real_time ());
  step
      = limber_scheduler_restore (&self->scheduler, &saved.scheduler, gap, now);
  g_info ("carrying on from the state saved %" G_GINT64_FORMAT " s ago",
          gap / G_USEC_PER_SEC);
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
  self->records = limber_records_new (
      dir, &(LimberRecordsListener){ .error_changed = on_storage_error,
                                     .save_due = on_save_due,
                                     .user_data = self });
  resume_from_disk (self);
  self->guided_before = limber_records_guided_before (self->records);
  self->clock_watch = limber_clock_watch_new (on_clock_changed, self);
  /* A new zone moves the times of day as a clock set does. */
  self->zone_watch = limber_zone_watch_new (on_zone_changed, self);
  self->deadlines_stale = TRUE;
  on_activity_changed (self);
  /* The desktop's sources come as their bus names appear; one there at
   * once (XSync) tells what it sees now, which a later SOURCE_CHANGED
   * would wipe out: a session idle since before limberd would count as
   * work until the next key press. */
  limber_activity_start (self->activity);
  limber_sd_notify_ready ();
  /* After READY: what these find comes as events, and loading PipeWire's
   * library or reading GNOME's settings should not hold the start up. */
  limber_daemon_configure_calls (self);
  self->dnd = limber_dnd_new (limber_daemon_on_dnd, self);
  self->gnome_breaks = limber_gnome_breaks_new (on_gnome_breaks, self);
}

void
limber_daemon_save_now (LimberDaemon *self)
{
  if (self->records != NULL && !self->stood_down)
    limber_records_save_now (self->records, &self->scheduler,
                             limber_clock_now ());
}

void
limber_daemon_stand_down (LimberDaemon *self)
{
  self->stood_down = TRUE;
  limber_wakeup_timer_arm (self->timer, LIMBER_TIME_NEVER);
}
