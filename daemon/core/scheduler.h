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

#include "holds.h"

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
  /* How often, in work, a posture check comes; the first one half-way
   * through the work interval, so that it falls between micro-breaks. 0: no
   * posture checks. */
  gint64 posture_check;
  /* The least time between two pop-ups of different kinds. */
  gint64 spacing;
} LimberTimings;

/* What a break is. A micro-break is timed by work; a posture check is a
 * glance between micro-breaks (it is not a break, and work goes on); a
 * stretch session comes at a time of day and counts as a break; a check-in
 * asks, once a week, how the person's back is. One pop-up at a time: the
 * scheduler times them all, so that they never pile up. */
typedef enum
{
  LIMBER_KIND_MICRO_BREAK,
  LIMBER_KIND_POSTURE_CHECK,
  LIMBER_KIND_STRETCH,
  LIMBER_KIND_CHECKIN,
  LIMBER_N_KINDS
} LimberBreakKind;

/* How a break was taken. */
typedef enum
{
  LIMBER_TAKEN_DONE,        /* the person said so (Done, a check-in answer) */
  LIMBER_TAKEN_COMPLETED,   /* the guided routine ran to its end */
  LIMBER_TAKEN_STOPPED,     /* the guided routine was stopped part-way */
  LIMBER_TAKEN_WALKED_AWAY, /* away from the pop-up for break-length */
} LimberTaken;

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
  LIMBER_EVENT_BREAK_NOW,      /* .kind */
  LIMBER_EVENT_BREAK_DONE,     /* .taken */
  LIMBER_EVENT_BREAK_EXPIRED,  /* the server took the pop-up down itself */
  LIMBER_EVENT_BREAK_CLOSED,   /* the user closed the pop-up: seen, no more */
  LIMBER_EVENT_POPUP_SHOWN,    /* the pop-up reached the screen (again) */
  LIMBER_EVENT_POPUP_UNSHOWN,  /* no notification server could show it */
  LIMBER_EVENT_CONFIG_CHANGED, /* .timings */
  LIMBER_EVENT_SOURCE_CHANGED, /* .lulls */
  /* .hold (id, kind, until; not LIMBER_HOLD_PAUSE): a due break is held
   * back until the last hold ends, then offered, deferred. Beginning a hold
   * with the id of one on changes its deadline. */
  LIMBER_EVENT_HOLD_BEGIN,
  LIMBER_EVENT_HOLD_END, /* .hold.id */
  /* The times of day, converted by the shell to this clock: .stretch_at,
   * .checkin_at; LIMBER_TIME_NEVER for a kind that is off. */
  LIMBER_EVENT_DEADLINES,
  /* A guided routine started on the break on screen: until it ends
   * (BREAK_DONE, or a snooze, skip or pause), being away is the routine
   * being followed, not a walk-away, and the pop-up does not escalate. */
  LIMBER_EVENT_GUIDE_START,
} LimberEventType;

typedef struct
{
  LimberEventType type;
  LimberTime time;
  LimberTime since;             /* USER_IDLE */
  gint64 duration;              /* SNOOZE, PAUSE */
  const LimberTimings *timings; /* CONFIG_CHANGED */
  LimberLullSensing lulls;      /* SOURCE_CHANGED */
  LimberHold hold;              /* HOLD_BEGIN, HOLD_END */
  LimberBreakKind kind;         /* BREAK_NOW */
  LimberTaken taken;            /* BREAK_DONE */
  LimberTime stretch_at;        /* DEADLINES */
  LimberTime checkin_at;        /* DEADLINES */
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
  LIMBER_URGENCY_LOW, /* a posture check, a check-in */
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
  /* Held back by a hold (a call, a lease): offered when the holds end. */
  LIMBER_OUTCOME_DEFERRED,
} LimberOutcome;

typedef enum
{
  LIMBER_ACTION_SHOW_BREAK,   /* .urgency */
  LIMBER_ACTION_ESCALATE,     /* the pop-up on screen turns critical */
  LIMBER_ACTION_END_BREAK,    /* withdraw the pop-up; .outcome */
  LIMBER_ACTION_RECORD,       /* a break outcome without a pop-up; .outcome */
  LIMBER_ACTION_QUERY_IDLE,   /* ask the source how long input has stopped */
  LIMBER_ACTION_HOLD_EXPIRED, /* hold .hold_id reached its deadline */
} LimberActionType;

typedef struct
{
  LimberActionType type;
  LimberUrgency urgency;
  LimberOutcome outcome;
  LimberBreakKind kind; /* of the break shown, ended or recorded */
  LimberTaken taken;    /* how a break ended DONE was taken */
  gint64 worked;        /* work when it happened (before a break resets it) */
  /* When it happened; for a break noticed after the fact (walked away from,
   * or a natural break), when the work before it stopped, so that the
   * history puts an evening's last stretch on that evening. */
  LimberTime at;
  /* SHOW_BREAK: a break held back, offered now that the holds are over;
   * .at is when it came due. */
  gboolean deferred;
  /* END_BREAK "deferred" of a break deferred before: in the history once. */
  gboolean repeated;
  guint32 hold_id; /* HOLD_EXPIRED */
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
  LimberTime paused_since;

  /* What holds breaks back (not the pause), and when the break that came
   * due under them did (LIMBER_TIME_NEVER: none). */
  LimberHolds holds;
  LimberTime held_due_at;
  gboolean deferred_counted; /* this break is in the history as deferred */

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
  /* The pop-up could not be shown: walking away is no break taken, until
   * it is (only time away for natural-break is). */
  gboolean unseen;
  LimberUrgency urgency;

  /* Kinds. */
  LimberBreakKind kind; /* of the break due or on screen */
  gboolean guided;      /* a guided routine runs on the break on screen */
  gint64 posture_at;    /* work at which the posture check is due */
  LimberTime stretch_at, checkin_at; /* deadlines; NEVER: none */
  gboolean stretch_due, checkin_due;
  LimberTime held_until;  /* a snoozed stretch or check-in waits till then */
  LimberTime quiet_until; /* no posture check, stretch or check-in before */
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
  /* The break on screen was closed by the user (seen), at this much work:
   * it stays closed, not shown again. */
  gboolean closed;
  gint64 closed_worked; /* µs */
} LimberSavedState;

void limber_scheduler_save (const LimberScheduler *self, LimberTime now,
                            LimberSavedState *saved);

/* Carries on, in a scheduler just initialised at @now, from @saved,
 * written @gap µs of clock time ago. Longer than natural-break: the user had
 * a break (a natural break is recorded if there was work) and the interval
 * starts over. Shorter: work goes on from where it was, the gap counting as
 * work if work was being counted. A pause still running carries on either
 * way. The step's actions put a break that was on screen back; one the
 * user had closed stays closed, and off the screen. */
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
 * "overdue", "closed", "snoozed", "held" or "paused". A posture check,
 * stretch or check-in on screen is a "break" too
 * (limber_scheduler_get_kind()). */
const char *limber_scheduler_get_state_name (const LimberScheduler *self);

/* The holds on, oldest first; the pause, if any, comes first, as a hold
 * of kind LIMBER_HOLD_PAUSE and id 0. Returns how many were written to
 * @out (at most @max). */
guint limber_scheduler_list_holds (const LimberScheduler *self, LimberHold *out,
                                   guint max);
/* Whether anything holds breaks back (the pause aside). */
gboolean limber_scheduler_is_held (const LimberScheduler *self);

/* Whether a break is there to skip: on screen, due, or snoozed. */
gboolean limber_scheduler_has_break (const LimberScheduler *self);

/* The kind of the break due or on screen. */
LimberBreakKind limber_scheduler_get_kind (const LimberScheduler *self);
gboolean limber_scheduler_is_guided (const LimberScheduler *self);

/* When @kind comes next, as of @now: LIMBER_TIME_NEVER when it is off or
 * cannot be told (paused until resumed); @now when it is due and waiting
 * (for the person, a quiet moment, the end of a snooze). A posture check's
 * time assumes work goes on without pause; a micro-break's is
 * limber_scheduler_get_next_break(). */
LimberTime limber_scheduler_get_next (const LimberScheduler *self,
                                      LimberBreakKind kind, LimberTime now);

const char *limber_outcome_to_string (LimberOutcome outcome);
/* "micro-break", "posture-check", "stretch", "checkin" */
const char *limber_kind_to_string (LimberBreakKind kind);
/* The kind named @name; FALSE if there is none. */
gboolean limber_kind_from_string (const char *name, LimberBreakKind *kind);
/* "done", "completed", "stopped", "walked-away" */
const char *limber_taken_to_string (LimberTaken taken);
const char *limber_urgency_to_string (LimberUrgency urgency);
