/* limberctl checkin: the weekly check-in's answer, from the command line
 * (the pop-up offers a few quick choices where the server has actions). */
#include <stdio.h>

#include "limber-number.h"

#include "client.h"
#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "terminal-text.h"

static char *checkin_note;

const GOptionEntry limber_checkin_options[] = {
  { "note", 'n', 0, G_OPTION_ARG_STRING, &checkin_note,
    N_ ("A few words to keep with the rating"), "TEXT" },
  { NULL },
};

int
limber_cmd_checkin (int argc, char **argv)
{
  g_autofree char *note = g_steal_pointer (&checkin_note);
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *advice = "";
  guint64 rating;

  (void) argc;
  if (!limber_parse_number (argv[1], 1, 10, &rating))
    {
      g_autofree char *safe = g_utf8_make_valid (argv[1], -1);
      return limber_usage_error ("checkin",
                                 _ ("RATING is a whole number from 1 (no "
                                    "discomfort) to 10 (the worst), not '%s'"),
                                 safe);
    }
  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    return limber_usage_error ("checkin", _ ("the note must be UTF-8"));

  bus = limber_client_connect (&error);
  if (bus != NULL)
    reply = limber_client_call (
        bus, "CheckIn",
        g_variant_new ("(us)", (guint32) rating, note != NULL ? note : ""),
        &error);
  if (reply == NULL)
    return limber_client_fail ("checkin", error);
  g_variant_get (reply, "(&s)", &advice);
  if (note != NULL && note[0] != '\0')
    printf (_ ("Noted: %u out of 10, with your note. 'limberctl stats' shows "
               "your ratings beside your breaks.\n"),
            (guint) rating);
  else
    printf (_ ("Noted: %u out of 10. 'limberctl stats' shows your ratings "
               "beside your breaks.\n"),
            (guint) rating);
  if (advice[0] != '\0')
    {
      g_autofree char *shown = limber_terminal_text (advice, FALSE);
      printf ("%s\n", shown);
    }
  return LIMBER_EXIT_OK;
}
