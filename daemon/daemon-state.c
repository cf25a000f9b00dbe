/* The state limberd publishes: a snapshot for the D-Bus properties and
 * the STATUS= line systemd shows, both read from the scheduler at the
 * moment they are asked for. */
#include "daemon-private.h"

#include "limber-names.h"
#include "sd-notify.h"
#include "status-line.h"

void
limber_daemon_snapshot (LimberDaemon *self, LimberSnapshot *snapshot)
{
  const LimberScheduler *scheduler = &self->scheduler;
  LimberTime now = limber_clock_now ();
  gint64 now_wall = g_get_real_time ();
  LimberTime next = limber_scheduler_get_next_break (scheduler, now);
  LimberTime paused = limber_scheduler_get_paused_until (scheduler);

  LimberPhase phase = limber_scheduler_get_phase (scheduler);

  *snapshot = (LimberSnapshot){
    .state = limber_scheduler_get_state_name (scheduler),
    .kind = phase == LIMBER_PHASE_ON_BREAK || phase == LIMBER_PHASE_DUE
                ? limber_kind_to_string (limber_scheduler_get_kind (scheduler))
                : "",
    .worked = (guint64) limber_scheduler_get_worked (scheduler, now)
              / LIMBER_USEC_PER_SEC,
    .today = self->records != NULL
                 ? limber_records_today (self->records, now_wall)
                 : (LimberDayCounts){ .day = limber_day_of (now_wall) },
    .now_wall = now_wall,
    .next_break_wall
    = next == LIMBER_TIME_NEVER ? G_MAXINT64 : now_wall + (next - now),
    .paused_until_wall = paused == LIMBER_TIME_NEVER ? G_MAXINT64
                         : paused == 0               ? 0
                                       : now_wall + (paused - now),
    .work_left = limber_scheduler_get_work_left (scheduler, now),
    .popup
    = limber_presence_to_string (limber_notifier_get_presence (self->notifier)),
    .popup_problem = limber_notifier_get_problem (self->notifier),
  };
  for (guint k = 0; k < LIMBER_N_KINDS; k++)
    {
      LimberTime at = limber_scheduler_get_next (scheduler, k, now);
      snapshot->next_wall[k]
          = at == LIMBER_TIME_NEVER ? G_MAXINT64 : now_wall + (at - now);
    }
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
limber_daemon_publish (LimberDaemon *self)
{
  LimberSnapshot now;

  if (self->listener.changed != NULL)
    self->listener.changed (self->listener.user_data);
  limber_daemon_snapshot (self, &now);
  g_autofree char *line
      = limber_status_line (now.state, now.now_wall, now.next_break_wall,
                            now.paused_until_wall, now.work_left);
  limber_sd_notify_status (line);
}
