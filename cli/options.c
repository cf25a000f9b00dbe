/* Argument handling shared by the commands. */
#include <stdio.h>

#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "terminal-text.h"

int
limber_usage_error (const char *command, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *safe = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote what was typed, which may hold control characters. */
  safe = limber_terminal_text (message, FALSE);
  g_printerr (_ ("limberctl %s: %s; see 'limberctl %s --help'\n"), command,
              safe, command);
  return LIMBER_EXIT_USAGE;
}

/* Whether @arg is "--NAME" or "-C" of an entry that takes a value, which
 * is then the next argument. */
static gboolean
takes_value (const GOptionEntry *entries, const char *arg)
{
  for (const GOptionEntry *e = entries; e != NULL && e->long_name != NULL; e++)
    {
      if (e->arg == G_OPTION_ARG_NONE)
        continue;
      if ((g_str_has_prefix (arg, "--") && g_str_equal (arg + 2, e->long_name))
          || (e->short_name != 0 && arg[0] == '-' && arg[1] == e->short_name
              && arg[2] == '\0'))
        return TRUE;
    }
  return FALSE;
}

/* The argument among @argv that GOption took for an unknown option but
 * reads as a negative number ("-5min", "-1"), or NULL. */
static const char *
find_negative (const GOptionEntry *entries, int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        break;
      if (takes_value (entries, arg))
        i++;
      else if (arg[0] == '-' && (g_ascii_isdigit (arg[1]) || arg[1] == '.'))
        return arg;
    }
  return NULL;
}

int
limber_parse_options (const char *command, const char *parameter,
                      const char *summary, const GOptionEntry *entries,
                      LimberParseFlags flags, int *argc, char ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("limberctl %s", command);
  /* GOption moves argv's pointers about: keep them as given, to explain a
   * failure. */
  g_autofree char **given = g_memdup2 (*argv, sizeof (char *) * (*argc + 1));
  int given_count = *argc;

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_autofree char *exit_status = g_strdup_printf (
      _ ("Exit status: %d success, %d failure, %d usage error, %d limberd "
         "not reachable."),
      LIMBER_EXIT_OK, LIMBER_EXIT_FAILURE, LIMBER_EXIT_USAGE,
      LIMBER_EXIT_UNREACHABLE);
  g_option_context_set_description (context, exit_status);
  g_option_context_set_strict_posix (context,
                                     (flags & LIMBER_PARSE_VALUES) != 0);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      const char *negative = NULL;

      if ((flags & (LIMBER_PARSE_DURATION | LIMBER_PARSE_RATING)) != 0
          && g_error_matches (error, G_OPTION_ERROR,
                              G_OPTION_ERROR_UNKNOWN_OPTION))
        negative = find_negative (entries, given_count, given);
      /* Only if that is what GOption stumbled on, not a mistyped option
       * before it. */
      if (negative != NULL && !g_str_has_suffix (error->message, negative))
        negative = NULL;
      if (negative != NULL && (flags & LIMBER_PARSE_RATING) != 0)
        return limber_usage_error (command,
                                   _ ("RATING is a whole number from 1 (no "
                                      "discomfort) to 10 (the worst), not "
                                      "'%s'"),
                                   negative);
      if (negative != NULL)
        return limber_usage_error (
            command, _ ("'%s' is not a duration: durations cannot be negative"),
            negative);
      return limber_usage_error (command, "%s", error->message);
    }
  /* GOption leaves the "--" that ends options ("pause -- -5min"). Where
   * options end at the first argument, only a leading "--" ends them: a
   * later one is a value ("set title --"). */
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--"))
        {
          for (int j = i; j < *argc; j++)
            (*argv)[j] = (*argv)[j + 1];
          (*argc)--;
          break;
        }
      if ((flags & LIMBER_PARSE_VALUES) != 0)
        break;
    }
  return -1;
}

/* "KEY", "KEY and VALUE", "A, B and C": the words of @parameter from the
 * @first'th on, brackets and options left out. */
static char *
missing_words (const char *parameter, int first)
{
  g_auto (GStrv) words
      = g_strsplit (parameter != NULL ? parameter : "", " ", -1);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && words[i][0] != '[' && words[i][0] != '-')
      g_ptr_array_add (names, words[i]);
  for (guint i = (guint) first; i < names->len; i++)
    {
      if (out->len > 0)
        g_string_append (out, i + 1 == names->len ? C_ ("list", " and ")
                                                  : C_ ("list", ", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
limber_check_arguments (const LimberCommand *self, int argc, char **argv)
{
  const char *command = self->name;
  const char *parameter = self->parameter;
  int min = self->min_args, max = self->max_args;
  int given = argc - 1;

  if (given > max)
    {
      g_autofree char *safe = g_utf8_make_valid (argv[max + 1], -1);
      if (max == 0)
        return limber_usage_error (
            command, _ ("unexpected argument '%s': %s takes no arguments"),
            safe, command);
      if (min == max)
        return limber_usage_error (
            command,
            g_dngettext (GETTEXT_PACKAGE,
                         "unexpected argument '%s': %s takes %d argument, %s",
                         "unexpected argument '%s': %s takes %d arguments, %s",
                         (gulong) max),
            safe, command, max, parameter);
      return limber_usage_error (
          command,
          g_dngettext (GETTEXT_PACKAGE,
                       "unexpected argument '%s': %s takes at most %d "
                       "argument, %s",
                       "unexpected argument '%s': %s takes at most %d "
                       "arguments, %s",
                       (gulong) max),
          safe, command, max, parameter);
    }
  if (given < min)
    {
      g_autofree char *missing = missing_words (parameter, given);
      if (missing[0] == '\0')
        return limber_usage_error (command, "%s", _ ("missing argument"));
      return limber_usage_error (command, _ ("missing %s"), missing);
    }
  return -1;
}
