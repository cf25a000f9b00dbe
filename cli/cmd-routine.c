/* limberctl routine: the routines limberd knows, step by step, the
 * guide's safety rules, and a guided break started, moved on or stopped
 * from the command line. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "commands.h"
#include "json-output.h"
#include "limber-duration.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-safety.h"
#include "terminal-text.h"

static gboolean routine_json;

const GOptionEntry limber_routine_options[] = {
  { "json", 'j', 0, G_OPTION_ARG_NONE, &routine_json,
    N_ ("Print JSON, for scripts (list, show)"), NULL },
  { NULL },
};

/* "micro-breaks, posture checks": what the kinds in @used_by call it. */
static char *
describe_use (GVariant *info)
{
  g_autofree const char **kinds = NULL;
  gboolean builtin = FALSE;
  GString *out = g_string_new (NULL);

  g_variant_lookup (info, "builtin", "b", &builtin);
  g_string_append (out, builtin ? _ ("built in") : _ ("yours"));
  if (g_variant_lookup (info, "used-by", "^a&s", &kinds))
    for (guint i = 0; kinds[i] != NULL; i++)
      {
        const char *kind = kinds[i];
        const char *name
            = g_str_equal (kind, "micro-break")     ? _ ("micro-breaks")
              : g_str_equal (kind, "posture-check") ? _ ("posture checks")
              : g_str_equal (kind, "stretch")       ? _ ("the stretch session")
                                                    : kind;
        g_string_append_printf (out, i == 0 ? _ (", for %s") : _ (" and %s"),
                                name);
      }
  return g_string_free (out, FALSE);
}

static void
add_routine_members (JsonBuilder *builder, GVariant *info)
{
  const char *name = "", *title = "";
  gboolean builtin = FALSE;
  guint32 steps = 0, seconds = 0;
  g_autofree const char **kinds = NULL;

  g_variant_lookup (info, "name", "&s", &name);
  g_variant_lookup (info, "title", "&s", &title);
  g_variant_lookup (info, "builtin", "b", &builtin);
  g_variant_lookup (info, "steps", "u", &steps);
  g_variant_lookup (info, "seconds", "u", &seconds);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "builtin");
  json_builder_add_boolean_value (builder, builtin);
  json_builder_set_member_name (builder, "steps");
  json_builder_add_int_value (builder, steps);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_int_value (builder, seconds);
  json_builder_set_member_name (builder, "used_by");
  json_builder_begin_array (builder);
  if (g_variant_lookup (info, "used-by", "^a&s", &kinds))
    for (guint i = 0; kinds[i] != NULL; i++)
      json_builder_add_string_value (builder, kinds[i]);
  json_builder_end_array (builder);
}

static int
run_list (GDBusConnection *bus, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = limber_client_call (bus, "ListRoutines", NULL, &error);
  g_autoptr (GVariant) list = NULL;

  if (reply == NULL)
    return limber_client_fail ("routine", error);
  list = g_variant_get_child_value (reply, 0);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (gsize i = 0; i < g_variant_n_children (list); i++)
        {
          g_autoptr (GVariant) info = g_variant_get_child_value (list, i);
          json_builder_begin_object (builder);
          add_routine_members (builder, info);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      limber_print_json (builder, TRUE);
      return LIMBER_EXIT_OK;
    }

  printf (_ ("Routines ('limberctl routine show NAME' for the steps):\n"));
  for (gsize i = 0; i < g_variant_n_children (list); i++)
    {
      g_autoptr (GVariant) info = g_variant_get_child_value (list, i);
      const char *name = "";
      guint32 steps = 0, seconds = 0;
      g_variant_lookup (info, "name", "&s", &name);
      g_variant_lookup (info, "steps", "u", &steps);
      g_variant_lookup (info, "seconds", "u", &seconds);
      g_autofree char *shown = limber_terminal_text (name, FALSE);
      g_autofree char *length = limber_duration_format (seconds);
      g_autofree char *size = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u step, %s", "%u steps, %s", steps),
          steps, length);
      g_autofree char *use = describe_use (info);
      /* Padded in characters: printf pads bytes. */
      int pad = 20 - (int) g_utf8_strlen (size, -1);
      printf ("  %-16s %s%*s %s\n", shown, size, MAX (pad, 0), "", use);
    }
  return LIMBER_EXIT_OK;
}

static int
run_show (GDBusConnection *bus, const char *name, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = limber_client_call (
      bus, "GetRoutine", g_variant_new ("(s)", name), &error);
  g_autoptr (GVariant) info = NULL;
  g_autoptr (GVariant) steps = NULL;
  const char *title = "";
  guint32 seconds = 0;

  if (reply == NULL)
    return limber_client_fail ("routine", error);
  g_variant_get (reply, "(@a{sv}@aa{sv})", &info, &steps);
  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      add_routine_members (builder, info);
      json_builder_set_member_name (builder, "step_list");
      json_builder_begin_array (builder);
      for (gsize i = 0; i < g_variant_n_children (steps); i++)
        {
          g_autoptr (GVariant) step = g_variant_get_child_value (steps, i);
          const char *text = "", *cue = "";
          guint32 count = 0, length = 0;
          g_variant_lookup (step, "text", "&s", &text);
          g_variant_lookup (step, "cue", "&s", &cue);
          g_variant_lookup (step, "count", "u", &count);
          g_variant_lookup (step, "seconds", "u", &length);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, text);
          json_builder_set_member_name (builder, "cue");
          json_builder_add_string_value (builder, cue);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, count);
          json_builder_set_member_name (builder, "seconds");
          json_builder_add_int_value (builder, length);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      limber_print_json (builder, TRUE);
      return LIMBER_EXIT_OK;
    }

  g_variant_lookup (info, "title", "&s", &title);
  g_variant_lookup (info, "seconds", "u", &seconds);
  g_autofree char *shown_name = limber_terminal_text (name, FALSE);
  g_autofree char *shown_title = limber_terminal_text (title, FALSE);
  g_autofree char *use = describe_use (info);
  g_autofree char *length = limber_duration_format (seconds);
  printf ("%s: \"%s\" (%s), %s\n", shown_name, shown_title, use, length);
  for (gsize i = 0; i < g_variant_n_children (steps); i++)
    {
      g_autoptr (GVariant) step = g_variant_get_child_value (steps, i);
      const char *text = "", *cue = "";
      guint32 count = 0, step_seconds = 0;
      g_variant_lookup (step, "text", "&s", &text);
      g_variant_lookup (step, "cue", "&s", &cue);
      g_variant_lookup (step, "count", "u", &count);
      g_variant_lookup (step, "seconds", "u", &step_seconds);
      g_autofree char *shown = limber_terminal_text (text, FALSE);
      g_autofree char *how_long = limber_duration_format (step_seconds);
      g_autofree char *amount
          = count > 0 && step_seconds > 0 ? g_strdup_printf (
                g_dngettext (GETTEXT_PACKAGE, "%u time, about %s",
                             "%u times, about %s", count),
                count, how_long)
            : count > 0 ? g_strdup_printf (
                  g_dngettext (GETTEXT_PACKAGE, "%u time, until Next",
                               "%u times, until Next", count),
                  count)
            : step_seconds > 0 ? g_strdup (how_long)
                               : g_strdup (_ ("until Next"));
      printf ("  %2zu. %s  (%s)\n", i + 1, shown, amount);
      if (cue[0] != '\0')
        {
          g_autofree char *shown_cue = limber_terminal_text (cue, FALSE);
          printf ("      %s\n", shown_cue);
        }
    }
  printf (_ ("%s More: limberctl routine safety\n"), _ (LIMBER_SAFETY_LINE));
  return LIMBER_EXIT_OK;
}

/* "Step 2 of 4: Now roll them backward (15s left)", from the Step
 * property. */
static void
print_step (GDBusConnection *bus, const char *lead)
{
  g_autoptr (GVariant) step = limber_client_get_property (bus, "Step", NULL);
  const char *phase = "", *text = "", *countdown = "";
  guint32 number = 0, steps = 0;

  if (step == NULL || !g_variant_lookup (step, "phase", "&s", &phase))
    {
      printf (_ ("%sthe routine is over; the break counts as taken.\n"), lead);
      return;
    }
  if (g_str_equal (phase, "thanks"))
    {
      printf (_ ("%severy step done: thank you, the break counts as "
                 "taken.\n"),
              lead);
      return;
    }
  g_variant_lookup (step, "step", "u", &number);
  g_variant_lookup (step, "steps", "u", &steps);
  g_variant_lookup (step, "text", "&s", &text);
  g_variant_lookup (step, "countdown", "&s", &countdown);
  g_autofree char *shown = limber_terminal_text (text, FALSE);
  printf (_ ("%sstep %u of %u, %s%s%s%s\n"), lead, number, steps, shown,
          countdown[0] != '\0' ? " (" : "", countdown,
          countdown[0] != '\0' ? ")" : "");
}

static int
run_guide (GDBusConnection *bus, const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *method = g_str_equal (action, "start")  ? "StartRoutine"
                       : g_str_equal (action, "next") ? "NextStep"
                                                      : "StopRoutine";

  g_autoptr (GVariant) before = limber_client_get_property (bus, "Step", NULL);
  const char *phase = "";
  if (before != NULL)
    g_variant_lookup (before, "phase", "&s", &phase);
  gboolean thanking = g_str_equal (phase, "thanks");

  reply = limber_client_call (bus, method, NULL, &error);
  if (reply == NULL)
    return limber_client_fail ("routine", error);
  if (g_str_equal (action, "stop"))
    printf ("%s\n", thanking ? _ ("Routine closed: every step was done, "
                                  "thank you.")
                             : _ ("Routine stopped; the break counts as "
                                  "taken."));
  else
    print_step (bus, g_str_equal (action, "start") ? _ ("Routine started: ")
                                                   : _ ("Next: "));
  return LIMBER_EXIT_OK;
}

int
limber_cmd_routine (int argc, char **argv)
{
  gboolean json = routine_json;
  const char *action = argc >= 2 ? argv[1] : "list";
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  gboolean named = g_str_equal (action, "show");

  if (!g_strv_contains ((const char *const[]){ "list", "show", "safety",
                                               "start", "next", "stop", NULL },
                        action))
    {
      g_autofree char *safe = g_utf8_make_valid (action, -1);
      return limber_usage_error ("routine",
                                 _ ("unknown action '%s'; the actions are "
                                    "list, show NAME, safety, start, next "
                                    "and stop"),
                                 safe);
    }
  if (named && argc < 3)
    return limber_usage_error ("routine",
                               _ ("missing NAME: which routine to show "
                                  "('limberctl routine list')"));
  if (!named && argc > 2)
    {
      g_autofree char *safe = g_utf8_make_valid (argv[2], -1);
      return limber_usage_error ("routine",
                                 _ ("unexpected argument '%s': %s takes none"),
                                 safe, action);
    }
  if (json && !g_str_equal (action, "list") && !named)
    return limber_usage_error ("routine", _ ("--json goes with list and show"));

  /* The rules are there even when limberd is not. */
  if (g_str_equal (action, "safety"))
    {
      fputs (_ (LIMBER_SAFETY_TEXT), stdout);
      return LIMBER_EXIT_OK;
    }
  bus = limber_client_connect (&error);
  if (bus == NULL)
    return limber_client_fail ("routine", error);
  if (g_str_equal (action, "list"))
    return run_list (bus, json);
  if (named)
    return run_show (bus, argv[2], json);
  return run_guide (bus, action);
}
