/* Argument handling shared by the commands. */
#include <stdio.h>

#include "commands.h"
#include "limber-names.h"

int
limber_usage_error (const char *command, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("limberctl %s: %s; see 'limberctl %s --help'\n", command, message,
              command);
  return LIMBER_EXIT_USAGE;
}

int
limber_parse_options (const char *command, const char *parameter,
                      const char *summary, const GOptionEntry *entries,
                      int *argc, char ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("limberctl %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (
      context, "Exit status: 0 success, 1 failure, 2 usage error, 3 limberd "
               "not reachable.");
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    return limber_usage_error (command, "%s", error->message);
  /* GOption leaves the "--" that ends options ("pause -- -5min"). */
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        for (int j = i; j < *argc; j++)
          (*argv)[j] = (*argv)[j + 1];
        (*argc)--;
        break;
      }
  return -1;
}

int
limber_check_arguments (const char *command, int argc, char **argv, int min,
                        int max)
{
  int given = argc - 1;

  if (given > max)
    {
      g_autofree char *safe = g_utf8_make_valid (argv[max + 1], -1);
      return limber_usage_error (command, "unexpected argument '%s'", safe);
    }
  if (given < min)
    return limber_usage_error (command, "missing argument");
  return -1;
}
