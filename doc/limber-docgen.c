/* Fills the documentation's templates from the settings and command
 * tables, so that the man pages and the shell completions list exactly
 * the keys, defaults, limits and commands that limberd and limberctl use.
 *
 *   limber-docgen TEMPLATE > OUTPUT
 *
 * A template is the file itself with @NAME@ where a list goes (see
 * `fillers` below). A man page template may also say more about a key than
 * the table's one line, in a block that the list then places under it:
 *
 *   @about interval-min
 *   <TAB>Text, as scdoc, each line indented by a tab.
 *
 * A block about a key the table lacks is an error, as is a @NAME@ this
 * program does not know: the build fails rather than ship stale text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "limber-duration.h"
#include "routine.h"
#include "limber-settings.h"
#include "settings-format.h"

/* The blocks of "@about KEY", by key. */
static GHashTable *about;

/* @text for scdoc: its formatting characters taken literally. */
static char *
scd_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '*' || *p == '_')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The default as limber.conf would say it: "30min", or text escaped as
 * the file writes it. */
static char *
default_text (const LimberSetting *setting)
{
  if (setting->kind == LIMBER_SETTING_DURATION)
    return limber_setting_format_seconds (setting, setting->default_seconds);
  return limber_setting_escape (setting->default_text);
}

/* What a value looks like and where it may lie, in words. */
static char *
value_rule (const LimberSetting *setting)
{
  if (setting->kind == LIMBER_SETTING_DURATION)
    {
      g_autofree char *lo = limber_duration_format (setting->min);
      g_autofree char *hi = limber_duration_format (setting->max);
      return g_strdup_printf ("A duration from %s to %s%s.", lo, hi,
                              setting->can_be_off ? ", or *off*" : "");
    }
  if (setting->kind == LIMBER_SETTING_ROUTINE_NAME)
    return g_strdup ("The name of a routine: a built-in one or a *[routine "
                     "NAME]* group (ROUTINES below).");
  if (setting->kind == LIMBER_SETTING_TIME)
    return g_strdup ("A time of day, _HH:MM_, or *off*.");
  if (setting->kind == LIMBER_SETTING_WEEKLY)
    return g_strdup ("A day of the week and a time, as *Fri 16:00*, or "
                     "*off*. The day may be written in English or in the "
                     "words of your locale, as *limberctl status* shows it "
                     "(*Fr 16:00* in German); it is saved in English.");
  if (setting->kind == LIMBER_SETTING_CHOICE)
    {
      GString *out = g_string_new ("One of ");
      for (gsize i = 0; setting->choices[i] != NULL; i++)
        g_string_append_printf (out, "%s*%s*",
                                i == 0                            ? ""
                                : setting->choices[i + 1] == NULL ? " or "
                                                                  : ", ",
                                setting->choices[i]);
      g_string_append_c (out, '.');
      return g_string_free (out, FALSE);
    }
  return g_strdup_printf (
      "Text, not only white space, at most %" G_GUINT64_FORMAT
      " bytes; *\\\\n* is a line break.",
      setting->max);
}

/* Words a shell may offer as @setting's value: a choice's words, else its
 * default and "off" where it takes that; nothing for free text, nor a
 * value of two words ("Fri 16:00"), which a shell would offer as two. */
static char *
suggested_values (const LimberSetting *setting)
{
  g_autofree char *value = NULL;
  gboolean takes_off;

  if (setting->kind == LIMBER_SETTING_CHOICE)
    return g_strjoinv (" ", (char **) setting->choices);
  if (setting->kind == LIMBER_SETTING_TEXT)
    return NULL;
  value = default_text (setting);
  takes_off = setting->can_be_off || setting->kind == LIMBER_SETTING_TIME
              || setting->kind == LIMBER_SETTING_WEEKLY;
  if (strchr (value, ' ') != NULL)
    return takes_off ? g_strdup ("off") : NULL;
  if (takes_off && !g_str_equal (value, "off"))
    return g_strdup_printf ("%s off", value);
  return g_steal_pointer (&value);
}

/* limber.conf(5)'s list: each key, its meaning, values and default, and
 * what the template says about it. */
static void
fill_man_settings (GString *out)
{
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      const LimberSetting *setting = &limber_settings[i];
      g_autofree char *rule = value_rule (setting);
      g_autofree char *value = default_text (setting);
      g_autofree char *shown = scd_escape (value);
      const char *more = g_hash_table_lookup (about, setting->key);

      g_string_append_printf (out, "*%s*\n\t%s. %s\n\n\tDefault: *%s*\n\n",
                              setting->key, setting->description, rule, shown);
      if (more != NULL)
        g_string_append_printf (out, "%s\n", more);
    }
}

/* limberctl(1)'s short list: key (default) and the table's one line. */
static void
fill_man_settings_short (GString *out)
{
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      const LimberSetting *setting = &limber_settings[i];
      g_autofree char *value = default_text (setting);
      g_autofree char *shown = scd_escape (value);

      if (setting->kind == LIMBER_SETTING_TEXT)
        g_string_append_printf (out, "*%s*\n\t%s.\n\n", setting->key,
                                setting->description);
      else if (setting->kind == LIMBER_SETTING_CHOICE)
        {
          g_autofree char *rule = value_rule (setting);
          g_string_append_printf (out, "*%s* (%s)\n\t%s. %s\n\n", setting->key,
                                  shown, setting->description, rule);
        }
      else
        g_string_append_printf (out, "*%s* (%s)\n\t%s.\n\n", setting->key,
                                shown, setting->description);
    }
}

static void
fill_man_rules (GString *out)
{
  for (gsize i = 0; i < limber_n_setting_rules; i++)
    g_string_append_printf (out, "- *%s* must not be longer than *%s*.\n",
                            limber_setting_rules[i].shorter,
                            limber_setting_rules[i].longer);
}

/* A whole limber.conf that sets every key to its default, for an scdoc
 * literal block (where a backslash still escapes). */
static void
fill_example (GString *out)
{
  g_string_append (out, "[limber]\n");
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      g_autofree char *value = default_text (&limber_settings[i]);
      g_autoptr (GString) line = g_string_new (value);
      g_string_replace (line, "\\", "\\\\", 0);
      g_string_append_printf (out, "%s=%s\n", limber_settings[i].key,
                              line->str);
    }
}

static void
fill_keys (GString *out)
{
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", limber_settings[i].key);
}

static void
fill_commands (GString *out)
{
  for (gsize i = 0; i < limber_n_commands; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", limber_commands[i].name);
}

/* The summary as a shell's description: no trailing " (the default)". */
static char *
summary_of (const LimberCommand *command)
{
  char *text = g_strdup (command->summary);
  char *aside = strstr (text, " (the default)");

  if (aside != NULL)
    *aside = '\0';
  return text;
}

/* @text inside single quotes, for zsh and fish. */
static char *
single_quoted (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
fill_zsh_commands (GString *out)
{
  for (gsize i = 0; i < limber_n_commands; i++)
    {
      g_autofree char *summary = summary_of (&limber_commands[i]);
      g_autofree char *quoted = single_quoted (summary);
      g_string_append_printf (out, "  '%s:%s'\n", limber_commands[i].name,
                              quoted);
    }
}

static void
fill_fish_commands (GString *out)
{
  for (gsize i = 0; i < limber_n_commands; i++)
    {
      g_autofree char *summary = summary_of (&limber_commands[i]);
      g_autofree char *quoted = single_quoted (summary);
      g_string_append_printf (out,
                              "complete -c limberctl -n __limberctl_needs_"
                              "command -a %s -d '%s'\n",
                              limber_commands[i].name, quoted);
    }
}

/* "KEY) values='…' ;;" for bash's and zsh's case on the key. */
static void
fill_value_cases (GString *out)
{
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      g_autofree char *values = suggested_values (&limber_settings[i]);
      if (values != NULL)
        g_string_append_printf (out, "    %s) values='%s' ;;\n",
                                limber_settings[i].key, values);
    }
}

static void
fill_fish_values (GString *out)
{
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      g_autofree char *values = suggested_values (&limber_settings[i]);
      if (values != NULL)
        g_string_append_printf (
            out,
            "complete -c limberctl -n '__limberctl_value_of "
            "%s' -a '%s'\n",
            limber_settings[i].key, values);
    }
}

/* The routines limber ships, each with its title and steps. */
static void
fill_builtin_routines (GString *out)
{
  g_autoptr (GPtrArray) routines
      = g_ptr_array_new_with_free_func ((GDestroyNotify) limber_routine_free);

  limber_routine_add_builtins (routines);
  for (guint i = 0; i < routines->len; i++)
    {
      const LimberRoutine *routine = g_ptr_array_index (routines, i);
      g_autofree char *title = scd_escape (routine->title);
      g_autofree char *list = limber_routine_format_list (routine, TRUE);
      g_auto (GStrv) lines = g_strsplit (list, "\n", -1);

      g_string_append_printf (out, "*%s*: %s\n\n", routine->name, title);
      for (gsize j = 0; lines[j] != NULL; j++)
        {
          /* "• Step (5 times)": the list's own bullet instead. */
          const char *step = g_str_has_prefix (lines[j], "• ")
                                 ? lines[j] + strlen ("• ")
                                 : lines[j];
          g_autofree char *line = scd_escape (step);
          g_string_append_printf (out, "- %s\n", line);
        }
      g_string_append_c (out, '\n');
    }
}

/* The routines' limits, from routine.h. */
static void
fill_number (GString *out, guint number)
{
  g_string_append_printf (out, "%u", number);
}
static void
fill_step_text_max (GString *out)
{
  fill_number (out, LIMBER_STEP_TEXT_MAX);
}
static void
fill_step_cue_max (GString *out)
{
  fill_number (out, LIMBER_STEP_CUE_MAX);
}
static void
fill_step_count_max (GString *out)
{
  fill_number (out, LIMBER_STEP_COUNT_MAX);
}
static void
fill_step_seconds_max (GString *out)
{
  g_autofree char *text = limber_duration_format (LIMBER_STEP_SECONDS_MAX);
  g_string_append (out, text);
}
static void
fill_routine_steps_max (GString *out)
{
  fill_number (out, LIMBER_ROUTINE_STEPS_MAX);
}
static void
fill_routine_name_max (GString *out)
{
  fill_number (out, LIMBER_ROUTINE_NAME_MAX);
}
static void
fill_routine_title_max (GString *out)
{
  fill_number (out, LIMBER_ROUTINE_TITLE_MAX);
}

typedef struct
{
  const char *name;
  void (*fill) (GString *out);
} Filler;

static const Filler fillers[] = {
  { "@MAN_SETTINGS@", fill_man_settings },
  { "@MAN_SETTINGS_SHORT@", fill_man_settings_short },
  { "@MAN_RULES@", fill_man_rules },
  { "@EXAMPLE@", fill_example },
  { "@KEYS@", fill_keys },
  { "@COMMANDS@", fill_commands },
  { "@ZSH_COMMANDS@", fill_zsh_commands },
  { "@FISH_COMMANDS@", fill_fish_commands },
  { "@VALUE_CASES@", fill_value_cases },
  { "@FISH_VALUES@", fill_fish_values },
  { "@BUILTIN_ROUTINES@", fill_builtin_routines },
  { "@STEP_TEXT_MAX@", fill_step_text_max },
  { "@STEP_CUE_MAX@", fill_step_cue_max },
  { "@STEP_COUNT_MAX@", fill_step_count_max },
  { "@STEP_SECONDS_MAX@", fill_step_seconds_max },
  { "@ROUTINE_STEPS_MAX@", fill_routine_steps_max },
  { "@ROUTINE_NAME_MAX@", fill_routine_name_max },
  { "@ROUTINE_TITLE_MAX@", fill_routine_title_max },
};

/* Takes the "@about KEY" blocks out of @lines into `about`. */
static GString *
take_about_blocks (char **lines, const char *template)
{
  GString *rest = g_string_new (NULL);

  for (gsize i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "@about "))
        {
          g_string_append_printf (rest, "%s%s", lines[i],
                                  lines[i + 1] != NULL ? "\n" : "");
          continue;
        }
      const char *key = lines[i] + strlen ("@about ");
      if (limber_settings_lookup (key) == NULL)
        {
          fprintf (stderr,
                   "%s:%zu: @about names '%s', which the settings table "
                   "(include/limber-settings.c) lacks\n",
                   template, i + 1, key);
          exit (1);
        }
      GString *block = g_string_new (NULL);
      while (lines[i + 1] != NULL
             && (lines[i + 1][0] == '\t'
                 || (lines[i + 1][0] == '\0' && lines[i + 2] != NULL
                     && lines[i + 2][0] == '\t')))
        g_string_append_printf (block, "%s\n", lines[++i]);
      g_hash_table_insert (about, g_strdup (key), g_string_free (block, FALSE));
    }
  return rest;
}

int
main (int argc, char **argv)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) out = NULL;
  const char *unknown;

  if (argc != 2)
    {
      fprintf (stderr, "usage: limber-docgen TEMPLATE > OUTPUT\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, NULL, &error))
    {
      fprintf (stderr, "limber-docgen: %s\n", error->message);
      return 1;
    }
  about = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (text, "\n", -1);
  out = take_about_blocks (lines, argv[1]);

  for (gsize i = 0; i < G_N_ELEMENTS (fillers); i++)
    if (strstr (out->str, fillers[i].name) != NULL)
      {
        g_autoptr (GString) filled = g_string_new (NULL);
        fillers[i].fill (filled);
        /* A list that stands on its own line replaces the line. */
        g_autofree char *line = g_strdup_printf ("%s\n", fillers[i].name);
        if (filled->len > 0 && filled->str[filled->len - 1] == '\n')
          g_string_replace (out, line, filled->str, 0);
        g_string_replace (out, fillers[i].name, filled->str, 0);
      }
  if ((unknown = strstr (out->str, "@")) != NULL)
    for (const char *p = unknown; p != NULL; p = strchr (p + 1, '@'))
      {
        const char *end = p + 1;
        while (g_ascii_isupper (*end) || *end == '_')
          end++;
        if (*end == '@' && end > p + 1)
          {
            fprintf (stderr, "%s: unknown list %.*s\n", argv[1],
                     (int) (end - p + 1), p);
            return 1;
          }
      }
  fputs (out->str, stdout);
  g_hash_table_unref (about);
  return 0;
}
