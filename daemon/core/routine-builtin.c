/* The routines limber ships. Their facts (what to do, how many times, how
 * long) follow the upper-back guide limber is built from; the words are
 * ours. Each text fits one banner line (LIMBER_STEP_TEXT_MAX), in every
 * translation too: the contexts "step", "cue" and "routine title" tell
 * translators, and the translations check holds them, to routine.h's
 * limits. */
#include "routine.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  const char *text;
  const char *cue;
  guint count;
  guint seconds;
} StepData;

typedef struct
{
  const char *name;
  const char *title;
  StepData steps[LIMBER_ROUTINE_STEPS_MAX];
} RoutineData;

static const RoutineData builtins[] = {
  /* The guide's micro-break, every 30 to 45 minutes: stand up; 5 shoulder
   * rolls, forward and backward; 3 deep breaths with a shoulder-blade
   * squeeze; 30 seconds of gentle neck stretches. */
  {
      .name = LIMBER_ROUTINE_MICRO_BREAK,
      .title = NC_ ("routine title", "Time for a micro-break"),
      .steps = {
          { NC_ ("step", "Stand up, roll your shoulders forward"),
            NC_ ("cue", "5 slow circles from the shoulder blades, arms relaxed"), 5, 20 },
          { NC_ ("step", "Now roll them backward"),
            NC_ ("cue", "5 slow circles, the other way round"), 5, 15 },
          { NC_ ("step", "3 deep breaths, squeeze your shoulder blades"),
            NC_ ("cue", "Draw them together as you breathe in, let go as you breathe out"),
            3, 20 },
          { NC_ ("step", "Gentle neck stretches"),
            NC_ ("cue", "Ear toward shoulder, side to side, slowly; never force it"), 0,
            30 },
      },
  },
  /* The guide's workstation check, every 30 minutes: a glance, not a
   * break. */
  {
      .name = LIMBER_ROUTINE_POSTURE_CHECK,
      .title = NC_ ("routine title", "Posture check"),
      .steps = {
          { NC_ ("step", "Chin slightly tucked"), NULL, 0, 5 },
          { NC_ ("step", "Shoulders down and relaxed, not up by your ears"), NULL, 0, 5 },
          { NC_ ("step", "Top third of the screen at eye level"), NULL, 0, 5 },
          { NC_ ("step", "Elbows at 90° as you type"), NULL, 0, 5 },
      },
  },
  /* The guide's daily stretches: the rhomboid stretch and the modified
   * child's pose (each held 15 to 30 s, 2 to 4 times), then the shoulder
   * roll sequence (4 circles each way). */
  {
      .name = LIMBER_ROUTINE_STRETCH,
      .title = NC_ ("routine title", "Time for your stretch session"),
      .steps = {
          { NC_ ("step", "Rhomboid stretch: round your upper back"),
            NC_ ("cue", "Hands clasped forward, chin down, shoulder blades apart; hold "
            "about 20s, 3 times"),
            3, 90 },
          { NC_ ("step", "Child's pose: sit back, arms forward on the floor"),
            NC_ ("cue", "Forehead between your arms, chest toward the floor; hold about "
            "20s, 3 times"),
            3, 90 },
          { NC_ ("step", "Shoulder circles: up, back, down, forward"),
            NC_ ("cue", "Chin slightly tucked; the motion comes from the shoulder blades"),
            4, 20 },
          { NC_ ("step", "Now the other way: down, back, up, forward"),
            NC_ ("cue", "Keep your head still and your arms relaxed"), 4, 20 },
      },
  },
};

void
limber_routine_add_builtins (GPtrArray *routines)
{
  for (gsize i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      const RoutineData *data = &builtins[i];
      /* In the user's language: the texts are marked NC_() above. */
      LimberRoutine *routine = limber_routine_new (
          data->name,
          g_dpgettext2 (GETTEXT_PACKAGE, "routine title", data->title));

      routine->builtin = TRUE;
      for (gsize s = 0; s < G_N_ELEMENTS (data->steps); s++)
        if (data->steps[s].text != NULL)
          limber_routine_add_step (
              routine,
              g_dpgettext2 (GETTEXT_PACKAGE, "step", data->steps[s].text),
              data->steps[s].cue != NULL
                  ? g_dpgettext2 (GETTEXT_PACKAGE, "cue", data->steps[s].cue)
                  : NULL,
              data->steps[s].count, data->steps[s].seconds);
      g_ptr_array_add (routines, routine);
    }
}
