/* limberctl's commands: one table (command-table.c) says each command's
 * name, arguments, options and help; the dispatcher parses the options and
 * checks the arguments from it, then runs the command, which returns an
 * exit code. */
#pragma once

#include <glib.h>
#include <stdio.h>

/* @argv[0] is the command's name; options are parsed and gone, and there
 * are as many arguments as the table allows. */
typedef int (*LimberCommandFunc) (int argc, char **argv);

int limber_cmd_status (int argc, char **argv);
int limber_cmd_pause (int argc, char **argv);
int limber_cmd_resume (int argc, char **argv);
int limber_cmd_snooze (int argc, char **argv);
int limber_cmd_skip (int argc, char **argv);
int limber_cmd_break (int argc, char **argv);
int limber_cmd_set (int argc, char **argv);
int limber_cmd_get (int argc, char **argv);
int limber_cmd_reload (int argc, char **argv);
int limber_cmd_reset (int argc, char **argv);
int limber_cmd_monitor (int argc, char **argv);
int limber_cmd_stats (int argc, char **argv);
int limber_cmd_start (int argc, char **argv);
int limber_cmd_routine (int argc, char **argv);
int limber_cmd_checkin (int argc, char **argv);

typedef enum
{
  LIMBER_PARSE_DEFAULT = 0,
  /* Options end at the first argument, so that a VALUE may begin with '-'
   * ("set title -hello"). */
  LIMBER_PARSE_VALUES = 1 << 0,
  /* An unknown "option" such as "-5min" is a negative DURATION, and the
   * error says so. */
  LIMBER_PARSE_DURATION = 1 << 1,
  /* Likewise for a RATING ("-1"). */
  LIMBER_PARSE_RATING = 1 << 2,
} LimberParseFlags;

/* A DURATION may be several words: "pause 1h 30min", "pause 1 hour". */
#define LIMBER_DURATION_WORDS 8

typedef struct
{
  const char *name;
  const char *synopsis;  /* arguments and options, for limberctl --help */
  const char *parameter; /* the arguments alone, or NULL: "KEY VALUE" */
  int min_args, max_args;
  const char *summary; /* one line, for limberctl --help */
  const char *help;    /* for limberctl COMMAND --help */
  const GOptionEntry *options;
  LimberParseFlags flags;
  LimberCommandFunc run;
} LimberCommand;

/* command-table.c: every command, in the order of the help. */
extern const LimberCommand limber_commands[];
extern const gsize limber_n_commands;

/* @name's row, or NULL. */
const LimberCommand *limber_command_lookup (const char *name);

/* Parses @command's options, checks its arguments' count and runs it;
 * @argv[0] is the command's name. Returns the exit code. */
int limber_command_dispatch (const LimberCommand *command, int argc,
                             char **argv);

/* help.c: "limberctl --help", from the command and settings tables. */
void limber_print_help (FILE *out);

/* The commands' options, whose values the commands read. */
extern const GOptionEntry limber_status_options[];
extern const GOptionEntry limber_pause_options[];
extern const GOptionEntry limber_get_options[];
extern const GOptionEntry limber_reset_options[];
extern const GOptionEntry limber_stats_options[];
extern const GOptionEntry limber_monitor_options[];
extern const GOptionEntry limber_routine_options[];
extern const GOptionEntry limber_checkin_options[];

/* Parses a command's options with @entries; --help is built in. Returns
 * -1 when parsing succeeded, else the exit code (0 after --help). */
int limber_parse_options (const char *command, const char *parameter,
                          const char *summary, const GOptionEntry *entries,
                          LimberParseFlags flags, int *argc, char ***argv);

/* Prints "limberctl COMMAND: MESSAGE; see 'limberctl COMMAND --help'" and
 * returns the usage exit code. */
int limber_usage_error (const char *command, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

/* Checks that @command's min_args to max_args positional arguments follow
 * its name (argv[0]); returns -1 when they do, else the usage exit code.
 * The error names what is missing from its parameter ("KEY VALUE"), or how
 * many the command takes. */
int limber_check_arguments (const LimberCommand *command, int argc,
                            char **argv);
