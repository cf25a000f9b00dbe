/* The routine reader on one [routine NAME] group of a limber.conf: never
 * crashes; a routine it accepts has every step within the limits a banner
 * and a break hold, and a problem it reports is one line a person can
 * read. */
#include <glib.h>

#include "config.h"
#include "fuzz.h"
#include "routine.h"

static void
check_accepted (const LimberRoutine *routine)
{
  guint n = limber_routine_n_steps (routine);

  if (n == 0 || n > LIMBER_ROUTINE_STEPS_MAX
      || limber_routine_problem (routine) != NULL)
    g_error ("a routine with %u steps was accepted", n);
  for (guint i = 0; i < n; i++)
    {
      const LimberRoutineStep *step = limber_routine_step (routine, i);
      g_autofree char *problem = limber_routine_step_problem (step);
      if (problem != NULL || !g_utf8_validate (step->text, -1, NULL)
          || (step->cue != NULL && !g_utf8_validate (step->cue, -1, NULL)))
        g_error ("step %u was accepted: %s", i + 1,
                 problem != NULL ? problem : "not UTF-8");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_auto (GStrv) groups = NULL;

  if (!g_key_file_load_from_data (file, (const char *) data, size,
                                  G_KEY_FILE_NONE, NULL))
    return 0;
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *problem = NULL;
      g_autoptr (LimberRoutine) routine = NULL;

      if (!g_str_has_prefix (groups[i], "routine "))
        continue;
      routine = limber_config_read_routine (file, groups[i], &problem);
      if (routine != NULL)
        check_accepted (routine);
      else if (problem == NULL || !g_utf8_validate (problem, -1, NULL))
        g_error ("a routine was refused without a readable reason");
    }
  return 0;
}
