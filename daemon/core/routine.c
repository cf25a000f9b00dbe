#include "routine.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static void
clear_step (gpointer data)
{
  LimberRoutineStep *step = data;

  g_free (step->text);
  g_free (step->cue);
}

LimberRoutine *
limber_routine_new (const char *name, const char *title)
{
  LimberRoutine *routine = g_new0 (LimberRoutine, 1);

  routine->name = g_strdup (name);
  routine->title = g_strdup (title);
  routine->steps = g_array_new (FALSE, TRUE, sizeof (LimberRoutineStep));
  g_array_set_clear_func (routine->steps, clear_step);
  return routine;
}

void
limber_routine_add_step (LimberRoutine *routine, const char *text,
                         const char *cue, guint count, guint seconds)
{
  LimberRoutineStep step = {
    .text = g_strdup (text),
    .cue = cue != NULL && cue[0] != '\0' ? g_strdup (cue) : NULL,
    .count = count,
    .seconds = seconds,
  };

  g_array_append_val (routine->steps, step);
}

LimberRoutine *
limber_routine_copy (const LimberRoutine *routine)
{
  LimberRoutine *copy = limber_routine_new (routine->name, routine->title);

  copy->builtin = routine->builtin;
  for (guint i = 0; i < routine->steps->len; i++)
    {
      const LimberRoutineStep *s = limber_routine_step (routine, i);
      limber_routine_add_step (copy, s->text, s->cue, s->count, s->seconds);
    }
  return copy;
}

void
limber_routine_free (LimberRoutine *routine)
{
  if (routine == NULL)
    return;
  g_free (routine->name);
  g_free (routine->title);
  g_array_unref (routine->steps);
  g_free (routine);
}

guint
limber_routine_n_steps (const LimberRoutine *routine)
{
  return routine->steps->len;
}

const LimberRoutineStep *
limber_routine_step (const LimberRoutine *routine, guint index)
{
  g_return_val_if_fail (index < routine->steps->len, NULL);
  return &g_array_index (routine->steps, LimberRoutineStep, index);
}

guint
limber_routine_seconds (const LimberRoutine *routine)
{
  guint total = 0;

  for (guint i = 0; i < routine->steps->len; i++)
    total += limber_routine_step (routine, i)->seconds;
  return total;
}

char *
limber_routine_name_problem (const char *name)
{
  gsize length = strlen (name);

  if (length == 0)
    return g_strdup (_ ("a routine needs a name: [routine NAME]"));
  if (length > LIMBER_ROUTINE_NAME_MAX)
    return g_strdup_printf (_ ("the name is %zu characters long; at most %d"),
                            length, LIMBER_ROUTINE_NAME_MAX);
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return g_strdup (_ ("a routine's name is made of a-z, 0-9 and '-', as in "
                          "[routine desk-reset]"));
  return NULL;
}

/* Characters (not bytes) of valid UTF-8 text. */
static glong
characters (const char *text)
{
  return g_utf8_strlen (text, -1);
}

char *
limber_routine_title_problem (const char *title)
{
  if (!g_utf8_validate (title, -1, NULL))
    return g_strdup (_ ("the title is not valid UTF-8"));
  if (strchr (title, '\n') != NULL)
    return g_strdup (_ ("the title is one line"));
  if (characters (title) > LIMBER_ROUTINE_TITLE_MAX)
    return g_strdup_printf (_ ("the title is %ld characters long; at most %d "
                               "fit a banner"),
                            characters (title), LIMBER_ROUTINE_TITLE_MAX);
  return NULL;
}

char *
limber_routine_step_problem (const LimberRoutineStep *step)
{
  const char *text = step->text != NULL ? step->text : "";
  g_autofree char *stripped = NULL;

  if (!g_utf8_validate (text, -1, NULL)
      || (step->cue != NULL && !g_utf8_validate (step->cue, -1, NULL)))
    return g_strdup (_ ("the text is not valid UTF-8"));
  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return g_strdup (_ ("the text is empty: say what to do"));
  if (strchr (text, '\n') != NULL)
    return g_strdup (_ ("the text is one line: split it into two steps, or put "
                        "the rest in the cue"));
  if (characters (text) > LIMBER_STEP_TEXT_MAX)
    return g_strdup_printf (
        _ ("the text is %ld characters long; a banner line shows about %d: "
           "shorten it, or put the rest in the cue"),
        characters (text), LIMBER_STEP_TEXT_MAX);
  if (step->cue != NULL && characters (step->cue) > LIMBER_STEP_CUE_MAX)
    return g_strdup_printf (_ ("the cue is %ld characters long; at most %d"),
                            characters (step->cue), LIMBER_STEP_CUE_MAX);
  if (step->count > LIMBER_STEP_COUNT_MAX)
    return g_strdup_printf (_ ("a count of %u is more than a break holds; at "
                               "most %d"),
                            step->count, LIMBER_STEP_COUNT_MAX);
  if (step->seconds > LIMBER_STEP_SECONDS_MAX)
    {
      g_autofree char *given = limber_routine_format_seconds (step->seconds);
      return g_strdup_printf (_ ("a step of %s is more than a break holds; at "
                                 "most 10min"),
                              given);
    }
  return NULL;
}

char *
limber_routine_problem (const LimberRoutine *routine)
{
  if (routine->steps->len == 0)
    return g_strdup (_ ("it has no steps: give step1=WHAT TO DO, and more as "
                        "step2=, step3=…"));
  if (routine->steps->len > LIMBER_ROUTINE_STEPS_MAX)
    return g_strdup_printf (_ ("it has %u steps; at most %d"),
                            routine->steps->len, LIMBER_ROUTINE_STEPS_MAX);
  return NULL;
}

char *
limber_routine_format_seconds (guint seconds)
{
  guint minutes = seconds / 60, rest = seconds % 60;

  if (minutes == 0)
    return g_strdup_printf ("%us", rest);
  if (rest == 0)
    return g_strdup_printf ("%umin", minutes);
  return g_strdup_printf ("%umin %us", minutes, rest);
}

char *
limber_routine_step_amount (const LimberRoutineStep *step)
{
  g_autofree char *length = limber_routine_format_seconds (step->seconds);

  if (step->count > 0 && step->seconds > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time, about %s",
                                         "%u times, about %s", step->count),
                            step->count, length);
  if (step->count > 0)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", step->count),
        step->count);
  if (step->seconds > 0)
    return g_steal_pointer (&length);
  return g_strdup ("");
}

char *
limber_routine_format_list (const LimberRoutine *routine, gboolean amounts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < routine->steps->len; i++)
    {
      const LimberRoutineStep *step = limber_routine_step (routine, i);
      g_autofree char *amount = limber_routine_step_amount (step);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "• %s", step->text);
      if (amounts && amount[0] != '\0')
        g_string_append_printf (out, " (%s)", amount);
    }
  return g_string_free (out, FALSE);
}

LimberRoutineSet *
limber_routine_set_new (void)
{
  LimberRoutineSet *set = g_new0 (LimberRoutineSet, 1);

  set->routines
      = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_routine_free);
  limber_routine_add_builtins (set->routines);
  return set;
}

LimberRoutineSet *
limber_routine_set_copy (const LimberRoutineSet *set)
{
  LimberRoutineSet *copy = g_new0 (LimberRoutineSet, 1);

  copy->routines
      = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_routine_free);
  for (guint i = 0; i < set->routines->len; i++)
    g_ptr_array_add (copy->routines, limber_routine_copy (
                                         g_ptr_array_index (set->routines, i)));
  return copy;
}

void
limber_routine_set_free (LimberRoutineSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->routines);
  g_free (set);
}

void
limber_routine_set_add (LimberRoutineSet *set, LimberRoutine *routine)
{
  for (guint i = 0; i < set->routines->len; i++)
    {
      LimberRoutine *old = g_ptr_array_index (set->routines, i);
      if (g_str_equal (old->name, routine->name))
        {
          limber_routine_free (old);
          g_ptr_array_index (set->routines, i) = routine;
          return;
        }
    }
  g_ptr_array_add (set->routines, routine);
}

const LimberRoutine *
limber_routine_set_lookup (const LimberRoutineSet *set, const char *name)
{
  for (guint i = 0; i < set->routines->len; i++)
    {
      const LimberRoutine *routine = g_ptr_array_index (set->routines, i);
      if (g_str_equal (routine->name, name))
        return routine;
    }
  return NULL;
}

char *
limber_routine_set_names (const LimberRoutineSet *set)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < set->routines->len; i++)
    {
      const LimberRoutine *routine = g_ptr_array_index (set->routines, i);
      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", routine->name);
    }
  return g_string_free (out, FALSE);
}
