/* The stepper: a guided break, step by step. Pure, like the scheduler: it
 * reads no clock and does no I/O. It is fed timestamped events (start,
 * next, stop, a tick it asked for, the notification server taking the
 * pop-up down, the person walking away) and answers with what to show
 * (step N of M, its text, a countdown, a progress value) and when it wants
 * to be woken, so that a whole guided break runs in a unit test.
 *
 * A timed step runs out by itself; its countdown changes at most every
 * LIMBER_GUIDE_UPDATE_EVERY, so that the pop-up is not redrawn more often.
 * A step without a duration waits for Next, up to untimed_wait: nobody
 * pressing Next for that long has walked away. After the last step a
 * thanks screen stays for a moment. */
#pragma once

#include "routine.h"
#include "scheduler.h"

#define LIMBER_GUIDE_UPDATE_EVERY (5 * LIMBER_USEC_PER_SEC)

typedef struct
{
  gint64 thanks;       /* how long the last screen stays */
  gint64 untimed_wait; /* how long a step without a duration waits */
} LimberGuideTimings;

/* 5 s of thanks, 2 min for an untimed step. */
LimberGuideTimings limber_guide_default_timings (void);

typedef enum
{
  LIMBER_GUIDE_START, /* .routine, .first_time */
  LIMBER_GUIDE_NEXT,
  LIMBER_GUIDE_STOP,
  LIMBER_GUIDE_TICK,
  LIMBER_GUIDE_CLOSED,      /* the server took the pop-up down */
  LIMBER_GUIDE_WALKED_AWAY, /* the screen locked, the machine slept */
} LimberGuideEventType;

typedef struct
{
  LimberGuideEventType type;
  LimberTime time;
  const LimberRoutine *routine; /* START: copied */
  gboolean first_time;          /* START: the person's first guided break */
} LimberGuideEvent;

typedef enum
{
  LIMBER_GUIDE_OFF,    /* no routine */
  LIMBER_GUIDE_STEP,   /* a step on screen */
  LIMBER_GUIDE_THANKS, /* the last screen, once every step is done */
} LimberGuidePhase;

typedef enum
{
  LIMBER_ROUTINE_COMPLETED,   /* every step, by time or Next */
  LIMBER_ROUTINE_STOPPED,     /* Stop */
  LIMBER_ROUTINE_WALKED_AWAY, /* the screen locked mid-routine, or nobody
                               * pressed Next */
} LimberRoutineEnd;

typedef struct
{
  LimberGuidePhase phase;
  /* What changed: show the view (.new_popup: as a new notification, the
   * last one being gone), take the pop-up down, or the routine just ended
   * (.end says how; the break is over, even if the thanks screen stays). */
  gboolean show, new_popup, withdraw, ended;
  LimberRoutineEnd end;
  /* The view, while phase is STEP (text and cue point into the stepper's
   * routine, valid until its next event). */
  guint step, n_steps; /* step from 1 */
  const char *text;
  const char *cue;
  guint count;
  gint64 left;            /* µs left of a timed step; -1 for an untimed one */
  char countdown[24];     /* "20s left", "1:25 left"; "" when untimed */
  int value;              /* progress through the routine, 0 to 100 */
  gboolean safety;        /* the first guided break: say when to stop */
  LimberTime next_wakeup; /* LIMBER_TIME_NEVER when nothing is due */
} LimberGuideView;

typedef struct
{
  LimberGuideTimings timings;
  LimberRoutine *routine; /* a copy; NULL when off */
  LimberGuidePhase phase;
  guint index;             /* the step on screen, from 0 */
  LimberTime step_started; /* when it came on screen */
  LimberTime next_update;  /* the countdown's next change; NEVER: none */
  LimberTime thanks_until;
  LimberTime last_time;
  gboolean first_time;
  gboolean gone;    /* the server took the pop-up down */
  gboolean reshown; /* ...and this step was shown anew once */
} LimberStepper;

void limber_stepper_init (LimberStepper *self,
                          const LimberGuideTimings *timings);
void limber_stepper_clear (LimberStepper *self);

LimberGuideView limber_stepper_feed (LimberStepper *self,
                                     const LimberGuideEvent *event);

/* The current view as of @now, without changing anything (for a client
 * asking which step is on screen). */
LimberGuideView limber_stepper_view (const LimberStepper *self, LimberTime now);

gboolean limber_stepper_is_running (const LimberStepper *self);
const LimberRoutine *limber_stepper_get_routine (const LimberStepper *self);

const char *limber_routine_end_to_string (LimberRoutineEnd end);
