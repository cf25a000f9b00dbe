/* Routines in limber.conf, a group each:
 *
 *   [routine desk-reset]
 *   title=Desk reset
 *   step1=Stand up and walk to the window
 *   step1-duration=20s
 *   step2=Roll your shoulders back
 *   step2-count=5
 *   step2-duration=15s
 *   step2-cue=Slowly, from the shoulder blades
 *
 * A routine that cannot be shown is left out whole, with the step and the
 * reason, so that a person never follows half of one. */
#include "config.h"

#include "limber-number.h"

#include "limber-duration.h"
#include "limber-error.h"
#include "limber-i18n.h"

#include <string.h>

typedef enum
{
  FIELD_TEXT,
  FIELD_COUNT,
  FIELD_DURATION,
  FIELD_CUE,
} Field;

/* "step12-count" → 12, FIELD_COUNT; FALSE for a key that is not a step's. */
static gboolean
parse_step_key (const char *key, guint *number, Field *field)
{
  const char *p = key + strlen ("step");
  const char *end;
  guint64 n;

  if (!g_str_has_prefix (key, "step") || !g_ascii_isdigit (*p) || *p == '0')
    return FALSE;
  for (end = p; g_ascii_isdigit (*end); end++)
    ;
  g_autofree char *digits = g_strndup (p, (gsize) (end - p));
  if (!limber_parse_number (digits, 1, 999, &n))
    return FALSE;
  *number = (guint) n;
  if (*end == '\0')
    *field = FIELD_TEXT;
  else if (g_str_equal (end, "-count"))
    *field = FIELD_COUNT;
  else if (g_str_equal (end, "-duration"))
    *field = FIELD_DURATION;
  else if (g_str_equal (end, "-cue"))
    *field = FIELD_CUE;
  else
    return FALSE;
  return TRUE;
}

/* The string @key holds, unescaped; NULL with *@problem set when its
 * escapes or encoding are bad. */
static char *
read_string (GKeyFile *file, const char *group, const char *key, char **problem)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *raw = g_key_file_get_value (file, group, key, NULL);
  char *text;

  if (raw == NULL || !g_utf8_validate (raw, -1, NULL))
    {
      *problem = g_strdup_printf (_ ("%s is not valid UTF-8"), key);
      return NULL;
    }
  text = g_key_file_get_string (file, group, key, &error);
  if (error != NULL)
    {
      g_free (text);
      *problem = g_strdup_printf (_ ("%s has an invalid escape; use \\n for a "
                                     "new line and \\\\ for a backslash"),
                                  key);
      return NULL;
    }
  return text;
}

typedef struct
{
  char *text, *cue;
  guint count, seconds;
  gboolean has_text;
} StepFields;

static void
clear_fields (StepFields *fields, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free (fields[i].text);
      g_free (fields[i].cue);
    }
}

static gboolean
read_field (GKeyFile *file, const char *group, const char *key, Field field,
            StepFields *step, char **problem)
{
  g_autofree char *text = read_string (file, group, key, problem);
  g_autoptr (GError) error = NULL;
  guint64 n;

  if (text == NULL)
    return FALSE;
  switch (field)
    {
    /* The same step's field may come twice (step1 and step01, or a key
     * repeated): the last one read stands. */
    case FIELD_TEXT:
      g_free (step->text);
      step->text = g_steal_pointer (&text);
      step->has_text = TRUE;
      return TRUE;
    case FIELD_CUE:
      g_free (step->cue);
      step->cue = g_steal_pointer (&text);
      return TRUE;
    case FIELD_COUNT:
      if (!limber_parse_number (g_strstrip (text), 1, G_MAXUINT, &n))
        {
          g_autofree char *quoted = limber_error_quote (text);
          *problem = g_strdup_printf (_ ("%s: '%s' is not a count; give a "
                                         "whole number from 1 to %d"),
                                      key, quoted, LIMBER_STEP_COUNT_MAX);
          return FALSE;
        }
      step->count = (guint) n;
      return TRUE;
    case FIELD_DURATION:
      if (!limber_duration_parse (text, &n, &error))
        {
          *problem = g_strdup_printf ("%s: %s", key, error->message);
          return FALSE;
        }
      if (n == 0)
        {
          *problem = g_strdup_printf (_ ("%s: a step lasts 1s at least; leave "
                                         "the duration out for a step that "
                                         "waits for Next"),
                                      key);
          return FALSE;
        }
      step->seconds = (guint) MIN (n, (guint64) G_MAXUINT);
      return TRUE;
    }
  g_assert_not_reached ();
}

LimberRoutine *
limber_config_read_routine (GKeyFile *file, const char *group, char **problem)
{
  const char *name = group + strlen (LIMBER_ROUTINE_GROUP_PREFIX);
  g_auto (GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);
  StepFields steps[LIMBER_ROUTINE_STEPS_MAX + 1] = { 0 };
  g_autofree char *title = NULL;
  g_autoptr (LimberRoutine) routine = NULL;
  guint highest = 0;
  char *why;

  *problem = NULL;
  why = limber_routine_name_problem (name);
  if (why != NULL)
    {
      *problem = why;
      return NULL;
    }

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      guint number;
      Field field;

      if (g_str_equal (keys[i], "title"))
        {
          /* A repeated title: the last one stands. */
          g_free (title);
          title = read_string (file, group, keys[i], problem);
          if (title == NULL)
            goto fail;
          why = limber_routine_title_problem (title);
          if (why != NULL)
            {
              *problem = why;
              goto fail;
            }
          continue;
        }
      if (!parse_step_key (keys[i], &number, &field))
        {
          g_autofree char *quoted = limber_error_quote (keys[i]);
          *problem = g_strdup_printf (
              _ ("unknown key '%s'; a routine has title, and for each step N "
                 "stepN (what to do), stepN-count, stepN-duration and "
                 "stepN-cue"),
              quoted);
          goto fail;
        }
      if (number > LIMBER_ROUTINE_STEPS_MAX)
        {
          *problem = g_strdup_printf (_ ("step %u: a routine has at most %d "
                                         "steps"),
                                      number, LIMBER_ROUTINE_STEPS_MAX);
          goto fail;
        }
      if (!read_field (file, group, keys[i], field, &steps[number], problem))
        goto fail;
      highest = MAX (highest, number);
    }

  routine = limber_routine_new (name, title);
  for (guint n = 1; n <= highest; n++)
    {
      LimberRoutineStep step;

      if (!steps[n].has_text)
        {
          *problem
              = steps[n].count || steps[n].seconds || steps[n].cue
                    ? g_strdup_printf (_ ("step %u: step%u= is missing: say "
                                          "what to do"),
                                       n, n)
                    : g_strdup_printf (_ ("step %u is missing: steps are "
                                          "numbered from 1 without gaps"),
                                       n);
          goto fail;
        }
      step = (LimberRoutineStep){ steps[n].text, steps[n].cue, steps[n].count,
                                  steps[n].seconds };
      why = limber_routine_step_problem (&step);
      if (why != NULL)
        {
          *problem = g_strdup_printf ("step %u: %s", n, why);
          g_free (why);
          goto fail;
        }
      limber_routine_add_step (routine, steps[n].text, steps[n].cue,
                               steps[n].count, steps[n].seconds);
    }
  why = limber_routine_problem (routine);
  if (why != NULL)
    {
      *problem = why;
      goto fail;
    }
  clear_fields (steps, G_N_ELEMENTS (steps));
  return g_steal_pointer (&routine);

fail:
  clear_fields (steps, G_N_ELEMENTS (steps));
  return NULL;
}

gboolean
limber_config_check_routine_name (const LimberConfig *config, const char *key,
                                  const char *name, GError **error)
{
  if (limber_routine_set_lookup (config->routines, name) != NULL)
    return TRUE;

  g_autofree char *quoted = limber_error_quote (name);
  g_autofree char *names = limber_routine_set_names (config->routines);
  if (key != NULL)
    g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                 _ ("%s: there is no routine '%s'; the routines are: %s"), key,
                 quoted, names);
  else
    g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                 _ ("there is no routine '%s'; the routines are: %s"), quoted,
                 names);
  return FALSE;
}
