/* limberd's shell around the scheduler: it turns D-Bus calls, pop-up
 * responses and the one wake-up timer into scheduler events, and carries out
 * what the scheduler answers. */
#pragma once

#include <gio/gio.h>

#include "config.h"
#include "day-counts.h"
#include "scheduler.h"
#include "stepper.h"

typedef struct _LimberDaemon LimberDaemon;

/* What the daemon tells whoever publishes it (the D-Bus service, which
 * main.c wires in): it knows nothing of the bus itself. */
typedef struct
{
  /* The state changed: publish it again (limber_daemon_snapshot()). */
  void (*changed) (gpointer user_data);
  void (*break_started) (LimberUrgency urgency, LimberBreakKind kind,
                         gpointer user_data);
  void (*break_ended) (LimberOutcome outcome, LimberBreakKind kind,
                       gpointer user_data);
  /* A break went into the history with no pop-up to end (a natural
   * break, a skip or snooze ahead of the pop-up). */
  void (*break_recorded) (LimberOutcome outcome, LimberBreakKind kind,
                          gpointer user_data);
  /* Hold @id ended by itself, at its deadline (a lease that expired). */
  void (*hold_ended) (guint32 id, gpointer user_data);
  gpointer user_data;
} LimberDaemonListener;

typedef void (*LimberDaemonSavedFunc) (gpointer user_data);

/* Takes @config, the configuration loaded from @config_paths; @config_error
 * says what was wrong with those files, or is NULL. */
LimberDaemon *limber_daemon_new (LimberConfig *config,
                                 const char *const *config_paths,
                                 const char *config_error);
void limber_daemon_free (LimberDaemon *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDaemon, limber_daemon_free)

/* Who hears of changes; NULL for nobody. */
void limber_daemon_set_listener (LimberDaemon *self,
                                 const LimberDaemonListener *listener);
/* Starts counting; call once the bus name is ours. */
void limber_daemon_start (LimberDaemon *self);

/* What clients may ask for. Bad arguments fail with LIMBER_ERROR_*. */
gboolean limber_daemon_pause (LimberDaemon *self, guint64 seconds,
                              GError **error);
/* As limber_daemon_pause(), saying who paused (may be NULL) and why (may
 * be NULL or ""), for the list of holds. */
gboolean limber_daemon_pause_for (LimberDaemon *self, guint64 seconds,
                                  const char *who, const char *reason,
                                  GError **error);
void limber_daemon_resume (LimberDaemon *self);

/* Holds (daemon-holds.c): a hold of @kind (not LIMBER_HOLD_PAUSE) keeps
 * breaks back for @seconds (0: until released), held by @who for @reason.
 * Returns its id (never 0), or 0 with @error set: a reason too long, a
 * deadline too far, too many holds. */
guint32 limber_daemon_hold (LimberDaemon *self, LimberHoldKind kind,
                            const char *who, const char *reason,
                            guint64 seconds, GError **error);
/* Ends hold @id; nothing if it is over already. */
void limber_daemon_release (LimberDaemon *self, guint32 id);
/* Says why hold @id holds, when that changes (a call moves to the camera). */
void limber_daemon_hold_set_reason (LimberDaemon *self, guint32 id,
                                    const char *reason);
/* Says who holds @id, when that changes (another server's do not disturb). */
void limber_daemon_hold_set_who (LimberDaemon *self, guint32 id,
                                 const char *who);

typedef struct
{
  guint32 id; /* 0 for the pause */
  LimberHoldKind kind;
  const char *who;    /* "limberctl (pid 4242)", "PipeWire"; "" unknown */
  const char *reason; /* as given; "" when none was */
  gint64 since_wall;  /* µs since the epoch */
  gint64 until_wall;  /* µs since the epoch; 0 until it is ended */
} LimberHoldInfo;

/* The holds on, the pause first, then oldest first: LimberHoldInfo, whose
 * strings last until the next change. */
GArray *limber_daemon_list_holds (LimberDaemon *self);
gboolean limber_daemon_snooze (LimberDaemon *self, guint64 seconds,
                               GError **error);
/* Fails with LIMBER_ERROR_NO_BREAK when no break is there to skip. */
gboolean limber_daemon_skip (LimberDaemon *self, GError **error);
void limber_daemon_break_now (LimberDaemon *self);
/* Shows a break of @kind ("micro-break", "posture-check", "stretch",
 * "checkin") now; fails with LIMBER_ERROR_INVALID_ARGUMENT for another
 * word. */
gboolean limber_daemon_take_break (LimberDaemon *self, const char *kind,
                                   GError **error);

/* daemon-guide.c: a guided break. Start walks through the routine of the
 * break on screen (showing a micro-break first when none is); Next and
 * Stop fail with LIMBER_ERROR_NO_ROUTINE when none runs. */
gboolean limber_daemon_routine_start (LimberDaemon *self, GError **error);
gboolean limber_daemon_routine_next (LimberDaemon *self, GError **error);
gboolean limber_daemon_routine_stop (LimberDaemon *self, GError **error);
/* The guided routine's view as of now (phase OFF when none runs); its
 * text is valid until the next event. */
LimberGuideView limber_daemon_get_step (LimberDaemon *self);
/* The routine being followed, or NULL. */
const LimberRoutine *limber_daemon_get_guided_routine (LimberDaemon *self);

/* daemon-checkin.c: a weekly check-in's answer: @rating 1 to 10 and a
 * @note (may be NULL); *@advice is the two-week advice if it is due now,
 * else "". Bad values fail with LIMBER_ERROR_INVALID_ARGUMENT. */
gboolean limber_daemon_checkin (LimberDaemon *self, guint rating,
                                const char *note, char **advice,
                                GError **error);
/* The two-week advice if it is due (it is then recorded as given, so that
 * it is said once), else "". */
char *limber_daemon_take_advice (LimberDaemon *self);
/* Calls @func once the pop-up is shown or known not to be (and what the
 * calls so far changed is on disk). */
void limber_daemon_when_popup_settled (LimberDaemon *self,
                                       LimberDaemonSavedFunc func,
                                       gpointer user_data);
gboolean limber_daemon_set (LimberDaemon *self, const char *key,
                            GVariant *value, GError **error);
gboolean limber_daemon_reload (LimberDaemon *self, GError **error);
/* Puts @keys (NULL or empty: every key) back to their defaults, out of the
 * user's file. */
gboolean limber_daemon_reset (LimberDaemon *self, const char *const *keys,
                              GError **error);

/* Calls @func once what the calls so far changed is on disk, so that a
 * client hears back only then. */
void limber_daemon_when_saved (LimberDaemon *self, LimberDaemonSavedFunc func,
                               gpointer user_data);

/* Writes the state and history now: as limberd exits when the bus is gone,
 * and every so often while the work counter grows. */
void limber_daemon_save_now (LimberDaemon *self);

/* Another limberd took the bus name over and carries on from the state
 * file: from now on this one feeds nothing to the scheduler and saves
 * nothing, not even as it stops, so that it never overwrites what its
 * successor wrote. */
void limber_daemon_stand_down (LimberDaemon *self);

/* What went wrong saving state or history; "" when nothing. */
const char *limber_daemon_get_storage_error (LimberDaemon *self);

/* LimberDayStats for the last @days days, oldest first; *@streak: working
 * days in a row with every break taken; *@bad_lines: damaged history lines
 * skipped. NULL when the history cannot be read. */
GArray *limber_daemon_get_stats (LimberDaemon *self, guint days, guint *streak,
                                 guint *bad_lines);

/* The published state, as of now. */
typedef struct
{
  const char *state;
  guint64 next_break;   /* s since the epoch; 0 when paused until resumed */
  guint64 paused_until; /* s since the epoch; 0, or G_MAXUINT64 */
  guint64 worked;       /* s */
  LimberDayCounts today;
  gint64 now_wall; /* µs since the epoch */
  gint64 next_break_wall, paused_until_wall, work_left; /* µs */
  /* The kind of the break due or on screen; "" when none is. */
  const char *kind;
  /* When each kind comes next (µs since the epoch); G_MAXINT64 when it is
   * off or cannot be told. */
  gint64 next_wall[LIMBER_N_KINDS];
  const char *popup;         /* limber_presence_to_string() */
  const char *popup_problem; /* why it is not shown; "" */
} LimberSnapshot;

void limber_daemon_snapshot (LimberDaemon *self, LimberSnapshot *snapshot);
const LimberConfig *limber_daemon_get_config (LimberDaemon *self);
/* What is wrong with the configuration files; "" when nothing is. */
const char *limber_daemon_get_config_error (LimberDaemon *self);
const char *limber_daemon_get_activity_source (LimberDaemon *self);
/* Another break reminder that is on as well (GNOME's own), and how to turn
 * one off; "" when none is. */
const char *limber_daemon_get_other_reminders (LimberDaemon *self);
/* What call detection watches: "pipewire+camera", "camera" or "off". */
const char *limber_daemon_get_call_detection (LimberDaemon *self);
/* Why that source: what it uses, or why better ones are missing. */
const char *limber_daemon_get_activity_reason (LimberDaemon *self);
