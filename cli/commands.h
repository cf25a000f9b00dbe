/* limberctl's commands: one table, from which the help is generated; each
 * command parses its own arguments and returns an exit code. */
#pragma once

#include <glib.h>

typedef int (*LimberCommandFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *synopsis; /* arguments, for the help */
  const char *summary;
  LimberCommandFunc run;
} LimberCommand;

int limber_cmd_status (int argc, char **argv);
int limber_cmd_pause (int argc, char **argv);
int limber_cmd_resume (int argc, char **argv);
int limber_cmd_snooze (int argc, char **argv);
int limber_cmd_skip (int argc, char **argv);
int limber_cmd_break (int argc, char **argv);
int limber_cmd_set (int argc, char **argv);
int limber_cmd_get (int argc, char **argv);
int limber_cmd_reload (int argc, char **argv);
int limber_cmd_monitor (int argc, char **argv);
int limber_cmd_stats (int argc, char **argv);

typedef enum
{
  LIMBER_PARSE_DEFAULT = 0,
  /* Options end at the first argument, so that a VALUE may begin with '-'
   * ("set title -hello"). */
  LIMBER_PARSE_VALUES = 1 << 0,
  /* An unknown "option" such as "-5min" is a negative DURATION, and the
   * error says so. */
  LIMBER_PARSE_DURATION = 1 << 1,
} LimberParseFlags;

/* Parses a command's options with @entries; --help is built in. Returns
 * -1 when parsing succeeded, else the exit code (0 after --help). */
int limber_parse_options (const char *command, const char *parameter,
                          const char *summary, const GOptionEntry *entries,
                          LimberParseFlags flags, int *argc, char ***argv);

/* Prints "limberctl COMMAND: MESSAGE; see 'limberctl COMMAND --help'" and
 * returns the usage exit code. */
int limber_usage_error (const char *command, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

/* Checks that exactly @min to @max positional arguments follow the command
 * (argv[0]); returns -1 when they do, else the usage exit code. The error
 * names what is missing from @parameter ("KEY VALUE"), or how many the
 * command takes. */
int limber_check_arguments (const char *command, const char *parameter,
                            int argc, char **argv, int min, int max);
