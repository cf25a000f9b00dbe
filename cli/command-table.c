/* limberctl's commands: what each is called, takes and says about itself.
 * The main help, each command's --help and the argument checks all come
 * from here. */
#include "commands.h"

#include "limber-i18n.h"
#include "limber-settings.h"

const LimberCommand limber_commands[] = {
  {
      .name = "status",
      .synopsis = "[--json]",
      .summary = N_ ("Show the state and the next break (the default)"),
      .help = N_ ("Show limberd's state and the next break."),
      .options = limber_status_options,
      .run = limber_cmd_status,
  },
  {
      .name = "pause",
      .synopsis = "[DURATION | --until HH:MM | --indefinitely | --while -- "
                  "CMD…] [--reason TEXT]",
      .parameter = "[DURATION | -- CMD [ARG…]]",
      /* DURATION takes up to LIMBER_DURATION_WORDS; a command, any. */
      .max_args = G_MAXINT - 1,
      .summary = N_ ("Silence reminders, for pause-default (1h) unless told"),
      .help
      = N_ ("Silence reminders, for a meeting or a talk. With no argument, "
            "for\npause-default (1h), so that nobody forgets to resume. "
            "--reason labels\nthe pause in limberctl status. --while -- "
            "CMD runs CMD and holds\nreminders exactly as long as it runs "
            "(the exit status is CMD's); a break\nthat comes due meanwhile "
            "is offered when it ends.\n\n"
            "Examples: limberctl pause 90min\n"
            "          limberctl pause --until 15:00 --reason standup\n"
            "          limberctl pause --while -- zoom"),
      .options = limber_pause_options,
      .flags = LIMBER_PARSE_DURATION,
      .run = limber_cmd_pause,
  },
  {
      .name = "resume",
      .summary = N_ ("End a pause"),
      .help = N_ ("End a pause: reminders start again."),
      .run = limber_cmd_resume,
  },
  {
      .name = "snooze",
      .synopsis = "[DURATION]",
      .parameter = "[DURATION]",
      .max_args = LIMBER_DURATION_WORDS,
      .summary = N_ ("Postpone the break, by snooze (5min) unless told"),
      .help
      = N_ ("Postpone the break on screen, or the next one, by DURATION of "
            "work\n(the snooze setting, 5min, unless told)."),
      .flags = LIMBER_PARSE_DURATION,
      .run = limber_cmd_snooze,
  },
  {
      .name = "skip",
      .summary = N_ ("Skip the break and start a new work interval"),
      .help
      = N_ ("Skip the break that is on screen, due or snoozed, and start a "
            "new work interval. With no such break (working toward the "
            "next one, or paused) nothing is recorded and it exits 1."),
      .run = limber_cmd_skip,
  },
  {
      .name = "break",
      .synopsis = "[KIND]",
      .parameter = "[KIND]",
      .max_args = 1,
      .summary = N_ ("Take a break now: a micro-break, or another KIND"),
      .help
      = N_ ("Show a break now (this ends a pause): a micro-break, or KIND: "
            "micro-break,\nposture-check, stretch (the stretch session) or "
            "checkin (the weekly\ncheck-in)."),
      .run = limber_cmd_break,
  },
  {
      .name = "routine",
      .synopsis = "[list | show NAME | safety | start | next | stop] [--json]",
      .parameter = "[ACTION] [NAME]",
      .max_args = 2,
      .summary = N_ ("The routines, step by step; a guided break"),
      .help
      = N_ ("list (the default) shows the routines limberd knows, built in "
            "and yours;\nshow NAME their steps; safety when to stop and "
            "see someone. start walks\nyou through the break on screen (a "
            "micro-break when none is), next moves\non a step, stop ends "
            "it; the break counts as taken."),
      .options = limber_routine_options,
      .run = limber_cmd_routine,
  },
  {
      .name = "checkin",
      .synopsis = "RATING [--note TEXT]",
      .parameter = "RATING",
      .min_args = 1,
      .max_args = 1,
      .summary = N_ ("Rate your discomfort this week, 1 to 10"),
      .help = N_ ("Answer the weekly check-in: RATING is your discomfort this "
                  "week, from 1\n(none) to 10 (the worst). 'limberctl stats' "
                  "shows the ratings beside\nyour breaks."),
      .options = limber_checkin_options,
      .flags = LIMBER_PARSE_RATING,
      .run = limber_cmd_checkin,
  },
  {
      .name = "set",
      .synopsis = "KEY VALUE",
      .parameter = "KEY VALUE",
      .min_args = 2,
      .max_args = 2,
      .summary = N_ ("Change a setting and save it"),
      .help = N_ ("Change a setting now and save it in your limber.conf.\n\n"
                  "Durations take a time span (40min, 1h 30min); title and "
                  "routine take\ntext, where \\n is a line break.\n"
                  "Example: limberctl set interval-min 40min"),
      .flags = LIMBER_PARSE_VALUES,
      .run = limber_cmd_set,
  },
  {
      .name = "get",
      .synopsis = "[KEY] [--json]",
      .parameter = "[KEY]",
      .max_args = 1,
      .summary = N_ ("Show the settings, or one setting's value"),
      .help = N_ ("Show the settings in force, or just the value of KEY."),
      .options = limber_get_options,
      .run = limber_cmd_get,
  },
  {
      .name = "reset",
      .synopsis = "KEY… | --all",
      .parameter = "[KEY…]",
      .max_args = LIMBER_N_SETTINGS,
      .summary = N_ ("Put settings back to their defaults"),
      .help
      = N_ ("Put settings back to their defaults: remove them from your "
            "limber.conf\n(its other lines and comments stay), so that "
            "the site-wide value or the\nbuilt-in default applies again.\n"
            "Example: limberctl reset interval-min interval-max"),
      .options = limber_reset_options,
      .run = limber_cmd_reset,
  },
  {
      .name = "reload",
      .summary = N_ ("Read the configuration files again"),
      .help
      = N_ ("Read the configuration files again; when one is invalid, say "
            "why and keep the current settings."),
      .run = limber_cmd_reload,
  },
  {
      .name = "stats",
      .synopsis = "[--days N] [--json]",
      .summary = N_ ("Breaks and work per day, and the streak"),
      .help
      = N_ ("Breaks taken, snoozed, skipped and natural, work and the "
            "longest stretch\nwithout a break, per day; and the streak of "
            "working days with every\nbreak taken."),
      .options = limber_stats_options,
      .run = limber_cmd_stats,
  },
  {
      .name = "start",
      .summary = N_ ("Start limberd if it is not running"),
      .help = N_ ("Have the session bus start limberd if it is not running: "
                  "through\nlimberd.service where a systemd user manager runs, "
                  "else directly. Never\nstarts a second one. For window "
                  "managers' startup files (exec limberctl start)."),
      .run = limber_cmd_start,
  },
  {
      .name = "monitor",
      .synopsis = "[--json | --format waybar|text]",
      .summary = N_ ("Follow limberd's state and breaks as they happen"),
      .help
      = N_ ("Print limberd's state changes and breaks as they happen, until "
            "interrupted.\nEvents: limberd (its bus name or 'gone'), state "
            "(first the current one),\nbreak-started, break-ended, "
            "break-recorded (a natural break), pause-ended,\nsettings (each "
            "key changed, as KEY=VALUE).\nWhen limberd stops, "
            "waits for it to start again; when the session bus goes,\nexits "
            "with status 3.\n\n"
            "--format waybar prints waybar's JSON and --format text one "
            "line, for a\nstatus bar: a line on every change, and the "
            "countdown once a minute."),
      .options = limber_monitor_options,
      .run = limber_cmd_monitor,
  },
};
const gsize limber_n_commands = G_N_ELEMENTS (limber_commands);

const LimberCommand *
limber_command_lookup (const char *name)
{
  for (gsize i = 0; i < limber_n_commands; i++)
    if (g_str_equal (limber_commands[i].name, name))
      return &limber_commands[i];
  return NULL;
}

int
limber_command_dispatch (const LimberCommand *command, int argc, char **argv)
{
  int code;

  code = limber_parse_options (command->name, command->parameter,
                               _ (command->help), command->options,
                               command->flags, &argc, &argv);
  if (code >= 0)
    return code;
  if ((code = limber_check_arguments (command, argc, argv)) >= 0)
    return code;
  return command->run (argc, argv);
}
