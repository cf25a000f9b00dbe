/* limberctl --help: the commands and the settings, from their tables. */
#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-settings.h"

#define HELP_WIDTH  78
#define USAGE_WIDTH 26

/* "interval-min, …, pause-default (durations); title, routine (text);
 * activity-source (auto, …, none).": the keys by kind, a choice with its
 * words. */
static char *
settings_summary (void)
{
  GString *out = g_string_new (NULL);
  const LimberSettingKind listed[]
      = { LIMBER_SETTING_DURATION, LIMBER_SETTING_TEXT,
          LIMBER_SETTING_ROUTINE_NAME, LIMBER_SETTING_TIME,
          LIMBER_SETTING_WEEKLY };

  for (gsize k = 0; k < G_N_ELEMENTS (listed); k++)
    {
      gboolean any = FALSE;
      for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
        if (limber_settings[i].kind == listed[k])
          {
            g_string_append_printf (out, "%s%s", any ? C_ ("list", ", ") : "",
                                    limber_settings[i].key);
            any = TRUE;
          }
      if (any)
        g_string_append_printf (out, " (%s); ",
                                _ (limber_setting_kind_name (listed[k])));
    }
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    if (limber_settings[i].kind == LIMBER_SETTING_CHOICE)
      {
        g_autofree char *words
            = g_strjoinv (", ", (char **) limber_settings[i].choices);
        g_string_append_printf (out, "%s (%s); ", limber_settings[i].key,
                                words);
      }
  /* The last "; " ends the sentence. */
  g_string_truncate (out, out->len - 2);
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

/* Prints @text after @lead and a space, broken at spaces into lines of at most
 * HELP_WIDTH, the later ones indented by two. */
static void
print_wrapped (FILE *out, const char *lead, const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  glong column = g_utf8_strlen (lead, -1);

  fputs (lead, out);
  for (gsize i = 0; words[i] != NULL; i++)
    {
      glong length = g_utf8_strlen (words[i], -1);
      if (column + 1 + length > HELP_WIDTH)
        {
          fputs ("\n  ", out);
          column = 2;
        }
      else
        {
          fputc (' ', out);
          column++;
        }
      fputs (words[i], out);
      column += length;
    }
  fputc ('\n', out);
}

void
limber_print_help (FILE *out)
{
  fprintf (out, "%s",
           _ ("Usage: limberctl [COMMAND] [ARGUMENTS…]\n\n"
              "Control limberd, the micro-break reminder.\n\n"
              "Commands:\n"));
  for (gsize i = 0; i < limber_n_commands; i++)
    {
      const LimberCommand *command = &limber_commands[i];
      g_autofree char *usage
          = command->synopsis != NULL
                ? g_strjoin (" ", command->name, command->synopsis, NULL)
                : g_strdup (command->name);
      glong length = g_utf8_strlen (usage, -1);
      /* Padded in characters ("KEY…"): printf pads bytes. */
      if (length > USAGE_WIDTH)
        fprintf (out, "  %s\n  %-*s  %s\n", usage, USAGE_WIDTH, "",
                 _ (command->summary));
      else
        fprintf (out, "  %s%*s  %s\n", usage, (int) (USAGE_WIDTH - length), "",
                 _ (command->summary));
    }

  g_autofree char *settings = settings_summary ();
  fprintf (out, "\n%s\n",
           _ ("DURATION is a time span such as 90s, 5min, 1h 30min or "
              "1h30m."));
  print_wrapped (out, _ ("Settings:"), settings);
  fprintf (out,
           _ ("Exit status: %d success, %d failure, %d usage error, %d "
              "limberd not reachable.\n"
              "Run 'limberctl COMMAND --help' for a command's options.\n"),
           LIMBER_EXIT_OK, LIMBER_EXIT_FAILURE, LIMBER_EXIT_USAGE,
           LIMBER_EXIT_UNREACHABLE);
}
