/* limberctl: a thin D-Bus client for limberd. */
#include <stdio.h>

#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"

int
main (int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : "status";
  const LimberCommand *command;

  limber_i18n_init ();
  g_set_prgname ("limberctl");

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h")
      || g_str_equal (name, "help"))
    {
      limber_print_help (stdout);
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
      return limber_command_dispatch (limber_command_lookup ("status"), argc,
                                      args);
    }

  command = limber_command_lookup (name);
  if (command != NULL)
    {
      if (argc < 2)
        {
          char *args[] = { (char *) name, NULL };
          return limber_command_dispatch (command, 1, args);
        }
      return limber_command_dispatch (command, argc - 1, argv + 1);
    }

  g_autofree char *safe = g_utf8_make_valid (name, -1);
  fprintf (stderr,
           _ ("limberctl: unknown command '%s'; see 'limberctl --help' for "
              "the commands\n"),
           safe);
  return LIMBER_EXIT_USAGE;
}
