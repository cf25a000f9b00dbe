/* The scheduler: limber's pure core. It reads no clock, does no I/O and knows
 * nothing of GLib's main loop. It is fed timestamped events and answers with
 * the actions to perform and the next time it wants to be woken, so that
 * whole days can be simulated in a unit test.
 *
 * Times are microseconds on one steady clock that keeps counting during
 * suspend (the daemon uses CLOCK_BOOTTIME). Events must come in time order;
 * an event stamped earlier than the one before it is taken as simultaneous. */
#pragma once

#include <glib.h>

typedef gint64 LimberTime;
#define LIMBER_TIME_NEVER G_MAXINT64

#define LIMBER_USEC_PER_SEC G_GINT64_CONSTANT (1000000)

typedef struct
{
  gint64 interval_min;  /* work before a break is due */
  gint64 interval_max;  /* work at which a due break is shown regardless */
  gint64 snooze;        /* default postponement */
  gint64 natural_break; /* time away that counts as a break */
  gint64 lull;          /* input pause that lets a due break show */
  gint64 break_length;  /* time away after a pop-up that counts as done */
} LimberTimings;

/* How the activity source lets the scheduler see a lull in typing. */
typedef enum
{
  LIMBER_LULLS_UNSEEN,  /* no input information: a due break shows at once */
  LIMBER_LULLS_PUSHED,  /* the source reports idle as it happens */
  LIMBER_LULLS_QUERIED, /* the source must be asked (QUERY_IDLE) */
} LimberLullSensing;

typedef enum
{
  LIMBER_EVENT_TICK,        /* the wake-up asked for; nothing new */
  LIMBER_EVENT_USER_ACTIVE, /* input again after being idle */
  LIMBER_EVENT_USER_IDLE,   /* no input since .since */
  LIMBER_EVENT_IDLE_TIME, /* the answer to QUERY_IDLE: no input since .since */
  LIMBER_EVENT_LOCKED,
  LIMBER_EVENT_UNLOCKED,
  LIMBER_EVENT_SUSPEND,
  LIMBER_EVENT_RESUME,
  LIMBER_EVENT_SNOOZE, /* .duration; 0 takes the configured snooze */
  LIMBER_EVENT_SKIP,
  LIMBER_EVENT_PAUSE, /* .duration; 0 pauses until resumed */
  LIMBER_EVENT_RESUME_REMINDERS,
  LIMBER_EVENT_BREAK_NOW,
  LIMBER_EVENT_BREAK_DONE,
  LIMBER_EVENT_BREAK_EXPIRED,  /* the server took the pop-up down itself */
  LIMBER_EVENT_BREAK_CLOSED,   /* the user closed the pop-up: seen, no more */
  LIMBER_EVENT_CONFIG_CHANGED, /* .timings */
  LIMBER_EVENT_SOURCE_CHANGED, /* .lulls */
} LimberEventType;

typedef struct
{
  LimberEventType type;
  LimberTime time;
  LimberTime since;             /* USER_IDLE */
  gint64 duration;              /* SNOOZE, PAUSE */
  const LimberTimings *timings; /* CONFIG_CHANGED */
  LimberLullSensing lulls;      /* SOURCE_CHANGED */
} LimberEvent;

typedef enum
{
  LIMBER_PHASE_WORKING,  /* counting toward the next break */
  LIMBER_PHASE_DUE,      /* in the window, waiting for a lull */
  LIMBER_PHASE_ON_BREAK, /* the pop-up is on screen */
  LIMBER_PHASE_PAUSED,
} LimberPhase;

typedef enum
{
  LIMBER_URGENCY_NORMAL,
  LIMBER_URGENCY_CRITICAL,
} LimberUrgency;

typedef enum
{
  LIMBER_OUTCOME_DONE,
  LIMBER_OUTCOME_SNOOZED,
  LIMBER_OUTCOME_SKIPPED,
  LIMBER_OUTCOME_NATURAL,
  LIMBER_OUTCOME_PAUSED,
  LIMBER_OUTCOME_EXPIRED, /* back after a snooze's worth of work */
  LIMBER_OUTCOME_CLOSED,  /* pop-up closed, then a snooze's worth of work */
} LimberOutcome;

typedef enum
{
  LIMBER_ACTION_SHOW_BREAK, /* .urgency */
  LIMBER_ACTION_ESCALATE,   /* the pop-up on screen turns critical */
  LIMBER_ACTION_END_BREAK,  /* withdraw the pop-up; .outcome */
  LIMBER_ACTION_RECORD,     /* a break outcome without a pop-up; .outcome */
  LIMBER_ACTION_QUERY_IDLE, /* ask the source how long input has stopped */
} LimberActionType;

typedef struct
{
  LimberActionType type;
  LimberUrgency urgency;
  LimberOutcome outcome;
  gint64 worked; /* work when it happened (before a break resets it) */
  /* When it happened; for a break noticed after the fact (walked away from,
   * or a natural break), when the work before it stopped, so that the
   * history puts an evening's last stretch on that evening. */
  LimberTime at;
} LimberAction;

#define LIMBER_MAX_ACTIONS 8

typedef struct
{
  guint n_actions;
  LimberAction actions[LIMBER_MAX_ACTIONS];
  LimberTime next_wakeup; /* LIMBER_TIME_NEVER when nothing is due */
} LimberStep;

/* The scheduler's whole state; plain data, copyable. Read it through the
 * accessors below. */
typedef struct
{
  LimberTimings timings;
  LimberLullSensing lulls;
  LimberTime query_at; /* next QUERY_IDLE; NEVER when none is wanted */
  gboolean query_pending;

  LimberPhase phase;
  gboolean snoozed; /* the window was moved by a snooze */
  LimberTime paused_until;

  /* Presence: any of these makes the user away. */
  gboolean idle, locked, suspended;
  LimberTime idle_since;
  LimberTime away_since;
  LimberTime present_since;
  gboolean away_counted; /* this away period already ended a break */

  /* Work since the last break, settled up to @settled_at. */
  gint64 worked;
  LimberTime settled_at;
  LimberTime accruing_since; /* start of the current run of counted work */

  /* The break window, in work time. */
  gint64 window_start, window_end;

  LimberTime due_at; /* when the phase became DUE or ON_BREAK */
  LimberTime shown_at;
  /* The user closed the pop-up (seen): stepping away still counts as the
   * break done, until a snooze's worth of work past @closed_worked. */
  gboolean closed;
  gint64 closed_worked;
  LimberUrgency urgency;
} LimberScheduler;

void limber_scheduler_init (LimberScheduler *self, const LimberTimings *timings,
                            LimberTime now);

/* What of the scheduler outlives limberd (the state file): the work
 * counter, the break window, a pause, a break due or on screen. Presence is
 * not kept: the sources tell it again. */
typedef struct
{
  gint64 worked;     /* µs */
  gboolean accruing; /* work was being counted when saved */
  gint64 window_start, window_end;
  gboolean snoozed;
  LimberPhase phase;
  gint64 pause_left; /* µs left of a pause; -1 until resumed; 0 none */
} LimberSavedState;

void limber_scheduler_save (const LimberScheduler *self, LimberTime now,
                            LimberSavedState *saved);

/* Carries on, in a scheduler just initialised at @now, from @saved,
 * written @gap µs of clock time ago. Longer than natural-break: the user had
 * a break (a natural break is recorded if there was work) and the interval
 * starts over. Shorter: work goes on from where it was, the gap counting as
 * work if work was being counted. A pause still running carries on either
 * way. The step's actions put a break that was on screen back. */
LimberStep limber_scheduler_restore (LimberScheduler *self,
                                     const LimberSavedState *saved, gint64 gap,
                                     LimberTime now);

LimberStep limber_scheduler_feed (LimberScheduler *self,
                                  const LimberEvent *event);

LimberPhase limber_scheduler_get_phase (const LimberScheduler *self);
LimberUrgency limber_scheduler_get_urgency (const LimberScheduler *self);
gboolean limber_scheduler_is_away (const LimberScheduler *self);
/* Whether work is being counted: present, and not paused. */
gboolean limber_scheduler_accrues (const LimberScheduler *self);

/* Work since the last break, as of @now (which must not precede the last
 * event). */
gint64 limber_scheduler_get_worked (const LimberScheduler *self,
                                    LimberTime now);

/* Work left before the next break is due; 0 when it is. */
gint64 limber_scheduler_get_work_left (const LimberScheduler *self,
                                       LimberTime now);

/* When the next break will show if the user works on without pause;
 * LIMBER_TIME_NEVER when paused until resumed. While a break is due or on
 * screen: when it became due. */
LimberTime limber_scheduler_get_next_break (const LimberScheduler *self,
                                            LimberTime now);

/* Snoozes stack, but put a break at most this much work past where the
 * usual window would end from the work done so far (worked + interval-max):
 * one snooze of a day is always taken; more is a pause, not a snooze. */
#define LIMBER_SNOOZE_AHEAD_MAX                                                \
  (G_GINT64_CONSTANT (86400) * LIMBER_USEC_PER_SEC)

/* How much longer a snooze may put the break off, as of @now: a longer one
 * is cut to this. */
gint64 limber_scheduler_snooze_room (const LimberScheduler *self,
                                     LimberTime now);

/* End of the pause: 0 when not paused, LIMBER_TIME_NEVER until resumed. */
LimberTime limber_scheduler_get_paused_until (const LimberScheduler *self);

/* The state name published on D-Bus: "active", "idle", "due", "break",
 * "overdue", "snoozed" or "paused". */
const char *limber_scheduler_get_state_name (const LimberScheduler *self);

/* Whether a break is there to skip: on screen, due, or snoozed. */
gboolean limber_scheduler_has_break (const LimberScheduler *self);

const char *limber_outcome_to_string (LimberOutcome outcome);
const char *limber_urgency_to_string (LimberUrgency urgency);
