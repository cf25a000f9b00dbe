/* limberctl: a thin D-Bus client for limberd. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "limber-names.h"

static const LimberCommand commands[] = {
  { "status", "[--json]", "Show the state and the next break (the default)",
    limber_cmd_status },
  { "pause", "[DURATION | --until HH:MM | --indefinitely]",
    "Silence reminders, for pause-default (1h) unless told", limber_cmd_pause },
  { "resume", "", "End a pause", limber_cmd_resume },
  { "snooze", "[DURATION]", "Postpone the break, by snooze (5min) unless told",
    limber_cmd_snooze },
  { "skip", "", "Skip the break and start a new work interval",
    limber_cmd_skip },
  { "break", "", "Take a break now", limber_cmd_break },
  { "set", "KEY VALUE", "Change a setting and save it", limber_cmd_set },
  { "get", "[KEY] [--json]", "Show the settings, or one setting's value",
    limber_cmd_get },
  { "reload", "", "Read the configuration files again", limber_cmd_reload },
  { "stats", "[--days N] [--json]", "Breaks and work per day, and the streak",
    limber_cmd_stats },
  { "monitor", "[--json]", "Follow limberd's state and breaks as they happen",
    limber_cmd_monitor },
};

static void
print_help (FILE *out)
{
  fprintf (out, "Usage: limberctl [COMMAND] [ARGUMENTS…]\n\n"
                "Control limberd, the micro-break reminder.\n\n"
                "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage
          = commands[i].synopsis[0] != '\0'
                ? g_strjoin (" ", commands[i].name, commands[i].synopsis, NULL)
                : g_strdup (commands[i].name);
      if (g_utf8_strlen (usage, -1) > 26)
        fprintf (out, "  %s\n  %-26s  %s\n", usage, "", commands[i].summary);
      else
        fprintf (out, "  %-26s  %s\n", usage, commands[i].summary);
    }
  fprintf (out,
           "\nDURATION is a time span such as 90s, 5min, 1h 30min or 1h30m.\n"
           "Settings: interval-min, interval-max, snooze, natural-break, "
           "lull,\n  break-length, pause-default (durations); title, routine "
           "(text);\n  activity-source (auto, mutter, screensaver, xsync, "
           "logind, none).\n"
           "Exit status: 0 success, 1 failure, 2 usage error, 3 limberd not "
           "reachable.\n"
           "Run 'limberctl COMMAND --help' for a command's options.\n");
}

int
main (int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : "status";

  setlocale (LC_ALL, "");
  g_set_prgname ("limberctl");

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h")
      || g_str_equal (name, "help"))
    {
      print_help (stdout);
      return LIMBER_EXIT_OK;
    }
  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      printf ("limberctl %s\n", LIMBER_VERSION);
      return LIMBER_EXIT_OK;
    }
  /* "limberctl --json" is "limberctl status --json". */
  if (name[0] == '-')
    {
      g_autofree char **args = g_new0 (char *, (gsize) argc + 1);
      args[0] = (char *) "status";
      for (int i = 1; i < argc; i++)
        args[i] = argv[i];
      return limber_cmd_status (argc, args);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      {
        if (argc < 2)
          {
            char *args[] = { (char *) name, NULL };
            return commands[i].run (1, args);
          }
        return commands[i].run (argc - 1, argv + 1);
      }

  g_autofree char *safe = g_utf8_make_valid (name, -1);
  fprintf (stderr,
           "limberctl: unknown command '%s'; see 'limberctl --help' for the "
           "commands\n",
           safe);
  return LIMBER_EXIT_USAGE;
}
