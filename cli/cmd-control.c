/* limberctl pause / resume / snooze / skip / break: one call each to
 * limberd. */
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "commands.h"
#include "limber-duration.h"
#include "limber-error.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-time-format.h"
#include "pause-while.h"
#include "span-format.h"
#include "terminal-text.h"
#include "until.h"

/* Whether @text counts months with systemd's "M", which a person may
 * well have meant as minutes. */
static gboolean
counts_months (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p == 'M' && p > text && (g_ascii_isdigit (p[-1]) || p[-1] == ' ')
        && !g_ascii_isalpha (p[1]))
      return TRUE;
  return FALSE;
}

/* Parses the DURATION in @argv[1..]: the words join into one, so that
 * "pause 1h 30min" needs no quotes. On failure returns the usage exit
 * code. */
static int
parse_duration_argument (const char *command, int argc, char **argv,
                         guint64 *seconds)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strjoinv (" ", argv + 1);

  (void) argc;
  if (!limber_duration_parse (text, seconds, &error))
    return limber_usage_error (command, "%s", error->message);
  if (*seconds == 0)
    return limber_usage_error (command,
                               _ ("the duration must be longer than 0s"));
  if (counts_months (text))
    {
      g_autofree char *length = limber_duration_format (*seconds);
      return limber_usage_error (
          command,
          _ ("'%s' is %s: M counts months; write min for minutes, or use "
             "--indefinitely or --until for a long pause"),
          text, length);
    }
  return -1;
}

/* A duration setting's value; 0 with @error set when it cannot be had. */
static guint64
setting_seconds (GDBusConnection *bus, const char *key, GError **error)
{
  g_autoptr (GVariant) value = limber_client_get_setting (bus, key, error);

  if (value == NULL)
    return 0;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64)
      || g_variant_get_uint64 (value) == 0)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   _ ("limberd sent an unusable value for %s"), key);
      return 0;
    }
  return g_variant_get_uint64 (value);
}

/* Calls @method; FALSE with @error set if it failed. */
static gboolean
call_method (GDBusConnection *bus, const char *method, GVariant *args,
             GError **error)
{
  g_autoptr (GVariant) reply = limber_client_call (bus, method, args, error);

  return reply != NULL;
}

/* An --until time that went by this long ago is refused, not taken as
 * tomorrow's. */
#define JUST_PASSED_SECONDS (10 * 60)

static GStrv pause_until;
static gboolean pause_indefinitely;
static gboolean pause_while;
static char *pause_reason;

const GOptionEntry limber_pause_options[] = {
  /* An array, to refuse a second --until rather than take the last. */
  { "until", 'u', 0, G_OPTION_ARG_STRING_ARRAY, &pause_until,
    N_ ("Pause until this time of day"), "HH:MM" },
  { "indefinitely", 'i', 0, G_OPTION_ARG_NONE, &pause_indefinitely,
    N_ ("Pause until 'limberctl resume'"), NULL },
  { "while", 'w', 0, G_OPTION_ARG_NONE, &pause_while,
    N_ ("Hold reminders while the command after -- runs"), NULL },
  { "reason", 'r', 0, G_OPTION_ARG_STRING, &pause_reason,
    N_ ("Why, as limberctl status shows it"), "TEXT" },
  { NULL },
};

/* pause --while -- CMD [ARG…]. */
static int
pause_while_running (int argc, char **argv, const char *reason)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;

  guint64 seconds;

  if (argc < 2)
    return limber_usage_error (
        "pause", _ ("--while needs a command: limberctl pause --while -- CMD "
                    "[ARG...]"));
  if (argc > 2 && limber_duration_parse (argv[1], &seconds, NULL))
    return limber_usage_error (
        "pause", _ ("--while holds reminders as long as its command runs: give "
                    "no DURATION with it"));
  if (reason == NULL)
    {
      g_autofree char *words = g_strjoinv (" ", argv + 1);
      label = g_strdup_printf (_ ("running %s"), words);
      /* Long command lines are cut on a character, within the limit. */
      if (strlen (label) > LIMBER_MAX_REASON_BYTES)
        {
          const char *end = g_utf8_find_prev_char (
              label, label + LIMBER_MAX_REASON_BYTES - 2);
          g_autofree char *cut = g_strndup (label, (gsize) (end - label));
          g_free (label);
          label = g_strconcat (cut, "…", NULL);
        }
      reason = label;
    }
  bus = limber_client_connect (&error);
  if (bus == NULL)
    limber_client_fail ("pause", error);
  return limber_pause_while (bus, reason, argv + 1);
}

int
limber_cmd_pause (int argc, char **argv)
{
  g_auto (GStrv) until = g_steal_pointer (&pause_until);
  g_autofree char *reason = g_steal_pointer (&pause_reason);
  gboolean until_tomorrow = FALSE;
  gboolean indefinitely = pause_indefinitely;
  gboolean running = pause_while;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  guint64 seconds = 0;
  int code;
  if (until != NULL && g_strv_length (until) > 1)
    return limber_usage_error ("pause",
                               _ ("give --until once, with one HH:MM"));
  if (reason != NULL && !g_utf8_validate (reason, -1, NULL))
    return limber_usage_error ("pause", _ ("the --reason is not valid UTF-8"));
  if (reason != NULL && strlen (reason) > LIMBER_MAX_REASON_BYTES)
    return limber_usage_error ("pause",
                               _ ("the --reason is %zu bytes long; at most %d "
                                  "are allowed"),
                               strlen (reason), LIMBER_MAX_REASON_BYTES);
  if (running && (until != NULL || indefinitely))
    return limber_usage_error ("pause", _ ("--while holds reminders as long as "
                                           "its command runs: give it without "
                                           "--until or --indefinitely"));
  if (running)
    return pause_while_running (argc, argv, reason);
  if (argc - 1 > LIMBER_DURATION_WORDS)
    {
      LimberCommand words = *limber_command_lookup ("pause");
      words.max_args = LIMBER_DURATION_WORDS;
      return limber_check_arguments (&words, argc, argv);
    }
  if ((argc >= 2) + (until != NULL) + indefinitely > 1)
    return limber_usage_error (
        "pause", _ ("give one of DURATION, --until and --indefinitely"));

  if (argc >= 2
      && (code = parse_duration_argument ("pause", argc, argv, &seconds)) >= 0)
    return code;
  if (until != NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      gint64 ago;
      if (!limber_seconds_until (until[0], now, &seconds, &ago, &error))
        return limber_usage_error ("pause", "%s", error->message);
      /* A time that has just gone by was meant for today, not tomorrow. */
      if (ago >= 0 && ago < JUST_PASSED_SECONDS)
        {
          g_autofree char *span = limber_format_span (ago);
          return limber_usage_error (
              "pause",
              _ ("%s was %s ago: that would pause until tomorrow; give a later "
                 "time, or a DURATION"),
              until[0], span);
        }
      if (ago >= 0)
        until_tomorrow = TRUE;
    }
  if (seconds > LIMBER_MAX_PAUSE_SECONDS)
    return limber_usage_error ("pause", _ ("a pause can last 31d at most; use "
                                           "--indefinitely for longer"));

  bus = limber_client_connect (&error);
  if (bus == NULL)
    return limber_client_fail ("pause", error);
  if (argc == 1 && until == NULL && !indefinitely)
    {
      seconds = setting_seconds (bus, "pause-default", &error);
      if (seconds == 0)
        return limber_client_fail ("pause", error);
    }
  if (!call_method (bus, "PauseWithReason",
                    g_variant_new ("(ts)", seconds, reason ? reason : ""),
                    &error))
    return limber_client_fail ("pause", error);

  if (seconds == 0)
    printf (_ ("Paused until 'limberctl resume'.\n"));
  else
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      g_autofree char *end = limber_format_clock (now, now + (gint64) seconds);
      g_autofree char *length = limber_duration_format (seconds);
      g_autofree char *note
          = until_tomorrow
                ? g_strdup_printf (_ (" (%s has passed today)"), until[0])
                : g_strdup ("");
      printf (_ ("Paused for %s, until %s%s; 'limberctl resume' ends it "
                 "sooner.\n"),
              length, end, note);
    }
  return LIMBER_EXIT_OK;
}

int
limber_cmd_snooze (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  guint64 seconds = 0;
  int code;

  if (argc >= 2
      && (code = parse_duration_argument ("snooze", argc, argv, &seconds)) >= 0)
    return code;
  if (seconds > LIMBER_MAX_SNOOZE_SECONDS)
    return limber_usage_error ("snooze", _ ("a snooze can last 1d at most"));

  bus = limber_client_connect (&error);
  if (bus == NULL)
    return limber_client_fail ("snooze", error);
  if (seconds == 0)
    {
      seconds = setting_seconds (bus, "snooze", &error);
      if (seconds == 0)
        return limber_client_fail ("snooze", error);
    }
  if (!call_method (bus, "Snooze", g_variant_new ("(t)", seconds), &error))
    return limber_client_fail ("snooze", error);

  /* Say when the break now comes, which is not always @seconds from now:
   * snoozing ahead of time moves a break that was still some way off. */
  g_autoptr (GVariant) next
      = limber_client_get_property (bus, "NextBreak", NULL);
  g_autofree char *length = limber_duration_format (seconds);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  if (next == NULL || g_variant_get_uint64 (next) == 0)
    printf (_ ("Snoozed by %s.\n"), length);
  else
    {
      gint64 when = (gint64) g_variant_get_uint64 (next);
      g_autofree char *clock = limber_format_clock (now, when);
      g_autofree char *in = limber_format_span (when - now);
      printf (_ ("Snoozed by %s: the next break comes in %s (around %s).\n"),
              length, in, clock);
    }
  return LIMBER_EXIT_OK;
}

/* The commands that take no argument and make one call. */
static int
run_simple (const char *command, const char *method, const char *done)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;

  bus = limber_client_connect (&error);
  if (bus == NULL || !call_method (bus, method, NULL, &error))
    return limber_client_fail (command, error);
  printf ("%s\n", done);
  return LIMBER_EXIT_OK;
}

int
limber_cmd_resume (int argc, char **argv)
{
  (void) argc;
  return run_simple (argv[0], "Resume", _ ("Reminders are on."));
}

int
limber_cmd_skip (int argc, char **argv)
{
  (void) argc;
  return run_simple (argv[0], "Skip",
                     _ ("Skipped: a new work interval starts now."));
}

int
limber_cmd_break (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) all = NULL;
  g_autoptr (GError) error = NULL;
  const char *popup = "", *problem = "";
  const char *kind = argc >= 2 ? argv[1] : "micro-break";
  gboolean micro = g_str_equal (kind, "micro-break");

  bus = limber_client_connect (&error);
  /* BreakNow and TakeBreak answer once the server took the pop-up, or did
   * not. */
  if (bus == NULL
      || !(argc < 2 ? call_method (bus, "BreakNow", NULL, &error)
                    : call_method (bus, "TakeBreak",
                                   g_variant_new ("(s)", kind), &error))
      || (all = limber_client_get_all (bus, &error)) == NULL)
    return limber_client_fail (argv[0], error);
  g_variant_lookup (all, "Popup", "&s", &popup);
  g_variant_lookup (all, "PopupProblem", "&s", &problem);
  if (g_str_equal (popup, "not-shown"))
    {
      g_autofree char *why = limber_terminal_text (problem, FALSE);
      if (micro)
        g_printerr (_ ("limberctl break: the break is due but not on screen: "
                       "%s.\nIt stays due; 'limberctl skip' drops it.\n"),
                    why);
      else
        g_printerr (_ ("limberctl break: the %s is due but not on screen: "
                       "%s.\nIt stays due; 'limberctl skip' drops it.\n"),
                    kind, why);
      return LIMBER_EXIT_FAILURE;
    }
  if (popup[0] == '\0')
    printf (_ ("The break is already over.\n"));
  else if (!micro)
    printf ("%s: %s.\n", kind,
            g_str_equal (popup, "in-list")
                ? _ ("waiting in the notification list")
                : _ ("on screen now"));
  else if (g_str_equal (popup, "in-list"))
    printf (
        _ ("Break time: the routine is waiting in the notification list.\n"));
  else
    printf (
        _ ("Break time: the routine is on screen ('limberctl routine start' "
           "walks you through it).\n"));
  return LIMBER_EXIT_OK;
}
