/* What clients ask of limberd's shell: the commands (each checked, then
 * fed to the scheduler as an event) and the state they read. Set() and
 * Reload() are in daemon-settings.c. */
#include "daemon-private.h"

#include "limber-duration.h"
#include "limber-error.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "status-line.h"

gboolean
limber_daemon_pause (LimberDaemon *self, guint64 seconds, GError **error)
{
  return limber_daemon_pause_for (self, seconds, NULL, NULL, error);
}

gboolean
limber_daemon_pause_for (LimberDaemon *self, guint64 seconds, const char *who,
                         const char *reason, GError **error)
{
  if (!limber_daemon_check_reason (reason, error))
    return FALSE;
  if (seconds > LIMBER_MAX_PAUSE_SECONDS)
    {
      g_autofree char *given = limber_duration_format (seconds);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("a pause of %s is longer than the 31d allowed; pause for "
                      "0 seconds to pause until resumed"),
                   given);
      return FALSE;
    }
  /* Said before the pause is published. */
  g_free (self->pause_who);
  self->pause_who = g_strdup (who ? who : "");
  g_free (self->pause_reason);
  self->pause_reason = g_strdup (reason ? reason : "");
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
  gint64 room;

  if (seconds == 0 || seconds > LIMBER_MAX_SNOOZE_SECONDS)
    {
      g_autofree char *given = limber_duration_format (seconds);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("cannot snooze for %s: give 1s to 1d"), given);
      return FALSE;
    }
  room = limber_scheduler_snooze_room (&self->scheduler, limber_clock_now ());
  if ((gint64) seconds * LIMBER_USEC_PER_SEC > room + LIMBER_USEC_PER_SEC)
    {
      g_autofree char *given = limber_duration_format (seconds);
      g_autofree char *left
          = limber_duration_format ((guint64) (room / LIMBER_USEC_PER_SEC));
      g_set_error (
          error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
          _ ("cannot snooze for %s: snoozes add up to at most 1d past the "
             "usual break, and %s is left; snooze for less, or pause"),
          given, left);
      return FALSE;
    }
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_SNOOZE,
                                           .duration = (gint64) seconds
                                                       * LIMBER_USEC_PER_SEC });
  return TRUE;
}

gboolean
limber_daemon_skip (LimberDaemon *self, GError **error)
{
  LimberSnapshot now;

  if (!limber_scheduler_has_break (&self->scheduler))
    {
      limber_daemon_snapshot (self, &now);
      g_autofree char *where
          = limber_status_line (now.state, now.now_wall, now.next_break_wall,
                                now.paused_until_wall, now.work_left);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_NO_BREAK,
                   _ ("there is no break to skip (%s); nothing was recorded"),
                   where);
      return FALSE;
    }
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_SKIP });
  return TRUE;
}

void
limber_daemon_break_now (LimberDaemon *self)
{
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_BREAK_NOW });
}

gboolean
limber_daemon_take_break (LimberDaemon *self, const char *kind, GError **error)
{
  LimberBreakKind which;

  if (!limber_kind_from_string (kind, &which))
    {
      g_autofree char *quoted = limber_error_quote (kind);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("no break is called '%s'; the kinds are micro-break, "
                      "posture-check, stretch and checkin"),
                   quoted);
      return FALSE;
    }
  limber_daemon_feed (
      self, (LimberEvent){ .type = LIMBER_EVENT_BREAK_NOW, .kind = which });
  return TRUE;
}

typedef struct
{
  LimberDaemonSavedFunc func;
  gpointer user_data;
} PopupWaiter;

void
limber_daemon_when_popup_settled (LimberDaemon *self,
                                  LimberDaemonSavedFunc func,
                                  gpointer user_data)
{
  PopupWaiter *waiter;

  if (limber_notifier_get_presence (self->notifier) != LIMBER_PRESENCE_SENDING)
    {
      limber_daemon_when_saved (self, func, user_data);
      return;
    }
  waiter = g_new (PopupWaiter, 1);
  *waiter = (PopupWaiter){ func, user_data };
  if (self->popup_waiters == NULL)
    self->popup_waiters = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->popup_waiters, waiter);
}

void
limber_daemon_settle_waiters (LimberDaemon *self)
{
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->popup_waiters);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      PopupWaiter *waiter = g_ptr_array_index (waiters, i);
      limber_daemon_when_saved (self, waiter->func, waiter->user_data);
    }
}

void
limber_daemon_when_saved (LimberDaemon *self, LimberDaemonSavedFunc func,
                          gpointer user_data)
{
  if (self->records != NULL)
    limber_records_when_saved (self->records, func, user_data);
  else
    func (user_data);
}

const char *
limber_daemon_get_storage_error (LimberDaemon *self)
{
  return self->records != NULL ? limber_records_get_error (self->records) : "";
}

GArray *
limber_daemon_get_stats (LimberDaemon *self, guint days, guint *streak,
                         guint *bad_lines)
{
  gint64 stretch
      = limber_scheduler_get_worked (&self->scheduler, limber_clock_now ())
        / LIMBER_USEC_PER_SEC;

  *streak = *bad_lines = 0;
  if (self->records == NULL)
    return NULL;
  return limber_records_stats (self->records, days, stretch, streak, bad_lines);
}

const char *
limber_daemon_get_other_reminders (LimberDaemon *self)
{
  return self->gnome_breaks != NULL
             ? limber_gnome_breaks_get_notice (self->gnome_breaks)
             : "";
}

const char *
limber_daemon_get_call_detection (LimberDaemon *self)
{
  return limber_calls_get_watching (self->calls);
}

const char *
limber_daemon_get_activity_source (LimberDaemon *self)
{
  return limber_activity_get_name (self->activity);
}

const char *
limber_daemon_get_activity_reason (LimberDaemon *self)
{
  return limber_activity_get_reason (self->activity);
}
