/* A routine: a named list of steps that a guided break walks through.
 * Plain data, GLib alone: the built-in routines ship as this data
 * (routine-builtin.c), the user's come from limber.conf
 * (config/config-routines.c), and the stepper (stepper.c) walks one. */
#pragma once

#include <glib.h>

/* A step's text is one line of a notification banner: GNOME Shell shows
 * about 55 characters of it. */
#define LIMBER_STEP_TEXT_MAX     50
#define LIMBER_STEP_CUE_MAX      120
#define LIMBER_STEP_COUNT_MAX    100
#define LIMBER_STEP_SECONDS_MAX  (10 * 60)
#define LIMBER_ROUTINE_STEPS_MAX 20
#define LIMBER_ROUTINE_NAME_MAX  32
#define LIMBER_ROUTINE_TITLE_MAX 60

typedef struct
{
  char *text;    /* what to do, in one line */
  char *cue;     /* how, in a line or two; NULL for none */
  guint count;   /* times to do it; 0 when it is not counted */
  guint seconds; /* how long the step lasts; 0: until Next */
} LimberRoutineStep;

typedef struct
{
  char *name;       /* [a-z0-9-], as in [routine NAME] */
  char *title;      /* the pop-up's title when the break is offered */
  gboolean builtin; /* shipped with limber, not from limber.conf */
  GArray *steps;    /* LimberRoutineStep */
} LimberRoutine;

LimberRoutine *limber_routine_new (const char *name, const char *title);
LimberRoutine *limber_routine_copy (const LimberRoutine *routine);
void limber_routine_free (LimberRoutine *routine);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberRoutine, limber_routine_free)

/* Appends a step; @cue may be NULL. The values are taken as they are:
 * check them with limber_routine_step_problem(). */
void limber_routine_add_step (LimberRoutine *routine, const char *text,
                              const char *cue, guint count, guint seconds);

guint limber_routine_n_steps (const LimberRoutine *routine);
const LimberRoutineStep *limber_routine_step (const LimberRoutine *routine,
                                              guint index);
/* The seconds of its timed steps added up. */
guint limber_routine_seconds (const LimberRoutine *routine);

/* What is wrong with @name as a routine's name, or NULL. */
char *limber_routine_name_problem (const char *name);
/* What is wrong with @title, or NULL. */
char *limber_routine_title_problem (const char *title);
/* What is wrong with @step, or NULL: text that is empty, too long for a
 * banner line or more than one line; a cue too long; a count or a duration
 * beyond what a break holds. Markup and control characters are no
 * problem: they are shown as they are. */
char *limber_routine_step_problem (const LimberRoutineStep *step);
/* What is wrong with the routine as a whole (no steps, too many), or
 * NULL. */
char *limber_routine_problem (const LimberRoutine *routine);

/* "5 times, about 20s", "30s", "5 times", or "" for a step with neither:
 * how much of it there is, for a list. */
char *limber_routine_step_amount (const LimberRoutineStep *step);

/* The whole routine at once, a step a line ("• Text (5 times, about 20s)",
 * or without the amounts unless @amounts), for notification servers that
 * cannot be updated in place, or a glance. */
char *limber_routine_format_list (const LimberRoutine *routine,
                                  gboolean amounts);

/* "1min 25s": seconds for people, without the time-span parser (which is
 * not in the core). */
char *limber_routine_format_seconds (guint seconds);

/* Routines by name: the built-in ones, and the user's over them. */
typedef struct
{
  GPtrArray *routines; /* LimberRoutine, built-in first, then the user's */
} LimberRoutineSet;

/* The built-in routines alone. */
LimberRoutineSet *limber_routine_set_new (void);
LimberRoutineSet *limber_routine_set_copy (const LimberRoutineSet *set);
void limber_routine_set_free (LimberRoutineSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberRoutineSet, limber_routine_set_free)

/* Adds @routine (taken), replacing one of the same name: a user's routine
 * named after a built-in one takes its place. */
void limber_routine_set_add (LimberRoutineSet *set, LimberRoutine *routine);
const LimberRoutine *limber_routine_set_lookup (const LimberRoutineSet *set,
                                                const char *name);
/* The names, in order, for error messages: "micro-break, posture-check". */
char *limber_routine_set_names (const LimberRoutineSet *set);

/* routine-builtin.c: the routines limber ships, from the guide. */
#define LIMBER_ROUTINE_MICRO_BREAK   "micro-break"
#define LIMBER_ROUTINE_POSTURE_CHECK "posture-check"
#define LIMBER_ROUTINE_STRETCH       "stretch"

/* A new copy of each built-in routine, appended to @routines. */
void limber_routine_add_builtins (GPtrArray *routines);
