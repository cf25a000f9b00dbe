/* limberctl status: limberd's state, for people and for scripts. */
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "client.h"
#include "commands.h"
#include "json-output.h"
#include "limber-duration.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-time-format.h"
#include "settings-format.h"
#include "span-format.h"
#include "terminal-style.h"
#include "terminal-text.h"

typedef struct
{
  const char *version;
  const char *state;
  guint64 next_break, paused_until, worked, interval_min, interval_max;
  guint32 taken, snoozed, skipped, natural, deferred;
  GVariant *holds; /* a(sssttu), or NULL from an older limberd */
  const char *source;
  const char *reason;
  const char *config_error;
  const char *storage_error;
  const char *other_reminders;
  const char *call_detection;
  const char *popup, *popup_problem;
  GVariant *settings;
  const char *kind;   /* of the break due or on screen; "" for none */
  GVariant *upcoming; /* a{st} */
  GVariant *step;     /* a{sv} */
} Status;

static void
read_status (GVariant *all, Status *status)
{
  *status = (Status){ .version = "?",
                      .state = "?",
                      .source = "?",
                      .reason = "",
                      .config_error = "",
                      .storage_error = "",
                      .other_reminders = "",
                      .call_detection = "",
                      .kind = "",
                      .popup = "",
                      .popup_problem = "" };
  g_variant_lookup (all, "Version", "&s", &status->version);
  g_variant_lookup (all, "State", "&s", &status->state);
  g_variant_lookup (all, "NextBreak", "t", &status->next_break);
  g_variant_lookup (all, "PausedUntil", "t", &status->paused_until);
  g_variant_lookup (all, "WorkedSeconds", "t", &status->worked);
  g_variant_lookup (all, "IntervalMin", "t", &status->interval_min);
  g_variant_lookup (all, "IntervalMax", "t", &status->interval_max);
  g_variant_lookup (all, "BreaksTaken", "u", &status->taken);
  g_variant_lookup (all, "BreaksSnoozed", "u", &status->snoozed);
  g_variant_lookup (all, "BreaksSkipped", "u", &status->skipped);
  g_variant_lookup (all, "NaturalBreaks", "u", &status->natural);
  g_variant_lookup (all, "BreaksDeferred", "u", &status->deferred);
  status->holds
      = g_variant_lookup_value (all, "Holds", G_VARIANT_TYPE ("a(sssttu)"));
  g_variant_lookup (all, "ActivitySource", "&s", &status->source);
  g_variant_lookup (all, "ActivityReason", "&s", &status->reason);
  g_variant_lookup (all, "ConfigError", "&s", &status->config_error);
  g_variant_lookup (all, "StorageError", "&s", &status->storage_error);
  g_variant_lookup (all, "OtherReminders", "&s", &status->other_reminders);
  g_variant_lookup (all, "CallDetection", "&s", &status->call_detection);
  g_variant_lookup (all, "Popup", "&s", &status->popup);
  g_variant_lookup (all, "PopupProblem", "&s", &status->popup_problem);
  status->settings
      = g_variant_lookup_value (all, "Settings", G_VARIANT_TYPE_VARDICT);
  g_variant_lookup (all, "BreakKind", "&s", &status->kind);
  status->upcoming
      = g_variant_lookup_value (all, "Upcoming", G_VARIANT_TYPE ("a{st}"));
  status->step = g_variant_lookup_value (all, "Step", G_VARIANT_TYPE_VARDICT);
}

/* "Posture check", "Stretch session", "Check-in", "Break". */
static const char *
kind_label (const char *kind)
{
  if (g_str_equal (kind, "posture-check"))
    return _ ("Posture check");
  if (g_str_equal (kind, "stretch"))
    return _ ("Stretch session");
  if (g_str_equal (kind, "checkin"))
    return _ ("Check-in");
  return _ ("Break");
}

/* "posture check in 12min, stretch at 17:00, check-in Fri 16:00": what
 * comes next of the other kinds. */
static char *
upcoming_line (const Status *status, gint64 now)
{
  static const struct
  {
    const char *kind, *name;
  } kinds[] = { { "posture-check", N_ ("posture check") },
                { "stretch", N_ ("stretch session") },
                { "checkin", N_ ("check-in") } };
  GString *out = g_string_new (NULL);

  for (gsize i = 0; status->upcoming != NULL && i < G_N_ELEMENTS (kinds); i++)
    {
      guint64 when;
      if (!g_variant_lookup (status->upcoming, kinds[i].kind, "t", &when))
        continue;
      const char *name = _ (kinds[i].name);
      if (out->len > 0)
        g_string_append (out, C_ ("list", ", "));
      if (g_str_equal (status->kind, kinds[i].kind)
          && (g_str_equal (status->state, "break")
              || g_str_equal (status->state, "closed")))
        g_string_append_printf (out, _ ("%s on screen"), name);
      else if ((gint64) when <= now)
        g_string_append_printf (out, _ ("%s due"), name);
      else if (g_str_equal (kinds[i].kind, "posture-check"))
        {
          g_autofree char *in = limber_format_span ((gint64) when - now);
          g_string_append_printf (out, _ ("%s in %s"), name, in);
        }
      else
        {
          g_autoptr (GDateTime) at
              = g_date_time_new_from_unix_local ((gint64) when);
          g_autoptr (GDateTime) today = g_date_time_new_from_unix_local (now);
          gboolean same_day
              = at != NULL && today != NULL
                && g_date_time_get_day_of_year (at)
                       == g_date_time_get_day_of_year (today)
                && g_date_time_get_year (at) == g_date_time_get_year (today);
          g_autofree char *clock
              = at != NULL
                    ? g_date_time_format (at, same_day ? "%H:%M" : "%a %H:%M")
                    : g_strdup ("?");
          g_string_append_printf (out, _ ("%s at %s"), name, clock);
        }
    }
  if (out->len == 0)
    g_string_append (out, _ ("no other kind of break is on"));
  return g_string_free (out, FALSE);
}

/* "step 2 of 4, Now roll them backward (15s left)", or NULL. */
static char *
step_line (const Status *status)
{
  const char *phase = "", *text = "", *countdown = "", *routine = "";
  guint32 number = 0, steps = 0;

  if (status->step == NULL
      || !g_variant_lookup (status->step, "phase", "&s", &phase))
    return NULL;
  g_variant_lookup (status->step, "routine", "&s", &routine);
  if (g_str_equal (phase, "thanks"))
    return g_strdup_printf (_ ("%s, every step done: thank you"), routine);
  g_variant_lookup (status->step, "step", "u", &number);
  g_variant_lookup (status->step, "steps", "u", &steps);
  g_variant_lookup (status->step, "text", "&s", &text);
  g_variant_lookup (status->step, "countdown", "&s", &countdown);
  return g_strdup_printf (_ ("%s, step %u of %u: %s%s%s%s"), routine, number,
                          steps, text, countdown[0] ? " (" : "", countdown,
                          countdown[0] ? ")" : "");
}

static char *
headline (const Status *status, gint64 now)
{
  const char *state = status->state;
  g_autofree char *next_clock
      = limber_format_clock (now, (gint64) status->next_break);
  g_autofree char *next_in
      = limber_format_span ((gint64) status->next_break - now);

  if (g_str_equal (state, "paused"))
    {
      if (status->paused_until == LIMBER_PAUSED_INDEFINITELY)
        return g_strdup (_ ("Paused until resumed (limberctl resume)."));
      g_autofree char *until
          = limber_format_clock (now, (gint64) status->paused_until);
      g_autofree char *left
          = limber_format_span ((gint64) status->paused_until - now);
      return g_strdup_printf (_ ("Paused until %s (%s from now)."), until,
                              left);
    }
  if (g_str_equal (state, "due"))
    return g_strdup (_ ("Break due: it shows at the next pause in typing."));
  if (g_str_equal (state, "held"))
    {
      if (status->next_break != 0 && (gint64) status->next_break <= now)
        return g_strdup_printf (
            _ ("Held: a break came due at %s; it is offered "
               "when the holds below end."),
            next_clock);
      return g_strdup_printf (_ ("Held: a break due meanwhile (in %s, around "
                                 "%s) waits until the holds below end."),
                              next_in, next_clock);
    }
  if (g_str_equal (state, "break") || g_str_equal (state, "overdue"))
    {
      const char *which = g_str_equal (state, "overdue")
                              ? _ ("Break overdue")
                              : kind_label (status->kind);
      if (g_str_equal (status->popup, "not-shown"))
        {
          g_autofree char *problem
              = limber_terminal_text (status->popup_problem, FALSE);
          return g_strdup_printf (_ ("%s due since %s, but not on screen: %s."),
                                  which, next_clock, problem);
        }
      if (g_str_equal (status->popup, "in-list"))
        return g_strdup_printf (_ ("%s since %s: its banner is gone, it is "
                                   "waiting in the notification list."),
                                which, next_clock);
      return g_strdup_printf (_ ("%s on screen since %s."), which, next_clock);
    }
  if (g_str_equal (state, "closed"))
    {
      guint64 length = 0;
      if (status->settings != NULL)
        g_variant_lookup (status->settings, "break-length", "t", &length);
      g_autofree char *away = limber_duration_format (length);
      return g_strdup_printf (
          _ ("Break seen (the pop-up was closed): step away "
             "for %s and it counts as done."),
          away);
    }
  if (g_str_equal (state, "idle"))
    {
      /* As --json says it: a snooze moves the break. */
      guint64 left = status->next_break > (guint64) now
                         ? status->next_break - (guint64) now
                         : 0;
      g_autofree char *work_left = limber_format_span ((gint64) left);
      return g_strdup_printf (_ ("Idle: %s of work until the next break."),
                              work_left);
    }
  return g_strdup_printf (_ ("%s: next break in %s (around %s)."),
                          g_str_equal (state, "snoozed") ? _ ("Snoozed")
                                                         : _ ("Active"),
                          next_in, next_clock);
}

/* The labels of the lines under the headline, whose values line up. */
static const char *const field_labels[]
    = { N_ ("Worked:"), N_ ("Interval:"), N_ ("Today:"), N_ ("Activity:"),
        N_ ("Next:"),   N_ ("Routine:"),  N_ ("Holds:"), N_ ("Config:"),
        N_ ("Saving:"), N_ ("Calls:"),    N_ ("Also:") };

/* "  Worked:    18min since the last break": @label padded to the widest
 * label, in characters (a translation's labels may be longer, and printf
 * pads bytes). */
static void
print_field (const char *label, const char *value)
{
  glong width = 10;

  for (gsize i = 0; i < G_N_ELEMENTS (field_labels); i++)
    width = MAX (width, g_utf8_strlen (_ (field_labels[i]), -1));
  printf ("  %s%*s %s\n", label, (int) (width - g_utf8_strlen (label, -1)), "",
          value);
}

/* "pause ", "lease ", "call  ", "dnd   ": a hold's kind (a name on the
 * bus), as people call it, padded so that the reasons line up. */
static char *
hold_kind_label (const char *kind)
{
  static const struct
  {
    const char *kind, *label;
  } labels[] = { { "pause", N_ ("pause") },
                 { "lease", N_ ("lease") },
                 { "call", N_ ("call") },
                 /* TRANSLATORS: do not disturb, a hold on reminders. */
                 { "dnd", N_ ("dnd") } };
  const char *label = kind;
  glong width = 5;

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      width = MAX (width, g_utf8_strlen (_ (labels[i].label), -1));
      if (g_str_equal (kind, labels[i].kind))
        label = _ (labels[i].label);
    }
  return g_strdup_printf ("%s%*s ", label,
                          (int) MAX (0, width - g_utf8_strlen (label, -1)), "");
}

/* One line a hold: "lease  “running zoom”, by limberctl (pid 42), since
 * 14:05, until 15:00". */
static void
print_holds (GVariant *holds, gint64 now)
{
  GVariantIter iter;
  const char *kind, *who, *reason;
  guint64 since, until;
  guint32 id;
  gboolean first = TRUE;

  if (holds == NULL)
    return;
  g_variant_iter_init (&iter, holds);
  while (g_variant_iter_next (&iter, "(&s&s&sttu)", &kind, &who, &reason,
                              &since, &until, &id))
    {
      g_autofree char *safe_who = limber_terminal_text (who, FALSE);
      g_autofree char *safe_reason = limber_terminal_text (reason, FALSE);
      g_autofree char *from = limber_format_clock (now, (gint64) since);
      g_autofree char *to
          = until != 0 ? limber_format_clock (now, (gint64) until) : NULL;
      g_autoptr (GString) line = g_string_new (NULL);

      g_autofree char *kind_shown = hold_kind_label (kind);
      g_string_append (line, kind_shown);
      /* "dnd    do not disturb (dunst), since 14:05": the server's switch
       * is what holds, not a person's reason. */
      if (g_str_equal (kind, "dnd"))
        g_string_append_printf (line, _ (" do not disturb (%s),"),
                                who[0] != '\0' ? safe_who
                                               : _ ("notification server"));
      else if (reason[0] != '\0')
        g_string_append_printf (line, " “%s”,", safe_reason);
      if (who[0] != '\0' && !g_str_equal (kind, "dnd"))
        g_string_append_printf (line, _ (" by %s,"), safe_who);
      g_string_append_printf (line, _ (" since %s"), from);
      if (to != NULL)
        g_string_append_printf (line, _ (", until %s"), to);
      print_field (first ? _ ("Holds:") : "", line->str);
      first = FALSE;
    }
}

static void
print_human (const Status *status)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *line = headline (status, now);
  g_autofree char *worked = limber_format_span ((gint64) status->worked);
  g_autofree char *min = limber_duration_format (status->interval_min);
  g_autofree char *max = limber_duration_format (status->interval_max);
  /* Text from limberd: the config error quotes the file, escape sequences
   * and all. */
  g_autofree char *source = limber_terminal_text (status->source, FALSE);
  g_autofree char *reason = limber_terminal_text (status->reason, FALSE);
  g_autofree char *config_error
      = limber_terminal_text (status->config_error, FALSE);
  g_autofree char *storage_error
      = limber_terminal_text (status->storage_error, FALSE);

  LimberStyle style = g_str_equal (status->state, "active") ? LIMBER_STYLE_GOOD
                      : g_str_equal (status->state, "overdue")
                          ? LIMBER_STYLE_URGENT
                          : LIMBER_STYLE_WAITING;
  g_autofree char *styled = limber_terminal_style (stdout, style, line);

  printf ("%s\n", styled);
  g_autofree char *worked_line
      = g_strdup_printf (_ ("%s since the last break"), worked);
  print_field (_ ("Worked:"), worked_line);
  g_autofree char *interval
      = g_strdup_printf (_ ("a break after %s to %s of work"), min, max);
  print_field (_ ("Interval:"), interval);
  g_autofree char *counts = g_strdup_printf (
      _ ("%u taken, %u snoozed, %u skipped, %u natural"), status->taken,
      status->snoozed, status->skipped, status->natural);
  g_autofree char *today
      = status->deferred > 0
            ? g_strdup_printf (_ ("%s, %u deferred"), counts, status->deferred)
            : g_strdup (counts);
  print_field (_ ("Today:"), today);
  g_autofree char *activity
      = g_str_equal (status->source, "choosing")
            ? g_strdup (_ ("choosing… (the desktop's services are answering)"))
        : g_str_equal (status->source, "none")
            ? g_strdup_printf (_ ("%s (counting wall time)"), source)
            : g_strdup (source);
  print_field (_ ("Activity:"), activity);
  if (reason[0] != '\0')
    print_field ("", reason);
  g_autofree char *next = upcoming_line (status, now);
  print_field (_ ("Next:"), next);
  g_autofree char *step = step_line (status);
  if (step != NULL)
    {
      g_autofree char *shown = limber_terminal_text (step, FALSE);
      print_field (_ ("Routine:"), shown);
    }
  if (g_str_equal (status->call_detection, "pipewire+camera"))
    print_field (_ ("Calls:"),
                 _ ("watched (PipeWire, and cameras opened directly)"));
  else if (g_str_equal (status->call_detection, "camera"))
    print_field (_ ("Calls:"), _ ("watched (cameras opened directly; "
                                  "PipeWire is not running)"));
  else if (g_str_equal (status->call_detection, "off"))
    print_field (_ ("Calls:"), _ ("not watched (call-detection is off)"));
  print_holds (status->holds, now);
  if (config_error[0] != '\0')
    {
      g_autofree char *red
          = limber_terminal_style (stdout, LIMBER_STYLE_URGENT, config_error);
      print_field (_ ("Config:"), red);
    }
  if (status->other_reminders[0] != '\0')
    {
      g_autofree char *other
          = limber_terminal_text (status->other_reminders, FALSE);
      g_autofree char *styled_other
          = limber_terminal_style (stdout, LIMBER_STYLE_WAITING, other);
      print_field (_ ("Also:"), styled_other);
    }
  if (storage_error[0] != '\0')
    {
      g_autofree char *red
          = limber_terminal_style (stdout, LIMBER_STYLE_URGENT, storage_error);
      print_field (_ ("Saving:"), red);
    }
}

static void
add_time (JsonBuilder *builder, const char *member, guint64 unix_seconds)
{
  json_builder_set_member_name (builder, member);
  if (unix_seconds == 0 || unix_seconds == LIMBER_PAUSED_INDEFINITELY
      || unix_seconds > (guint64) G_MAXINT64)
    {
      json_builder_add_null_value (builder);
      return;
    }
  g_autoptr (GDateTime) time
      = g_date_time_new_from_unix_local ((gint64) unix_seconds);
  g_autofree char *iso = time ? g_date_time_format_iso8601 (time) : NULL;
  if (iso != NULL)
    json_builder_add_string_value (builder, iso);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder, const char *member, gint64 value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_holds_json (JsonBuilder *builder, GVariant *holds)
{
  GVariantIter iter;
  const char *kind, *who, *reason;
  guint64 since, until;
  guint32 id;

  json_builder_set_member_name (builder, "holds");
  json_builder_begin_array (builder);
  if (holds != NULL)
    {
      g_variant_iter_init (&iter, holds);
      while (g_variant_iter_next (&iter, "(&s&s&sttu)", &kind, &who, &reason,
                                  &since, &until, &id))
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind);
          json_builder_set_member_name (builder, "who");
          json_builder_add_string_value (builder, who);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, reason);
          add_time (builder, "since", since);
          add_time (builder, "until", until);
          add_int (builder, "id", id);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

static void
print_json (const Status *status)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean paused = g_str_equal (status->state, "paused");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, status->version);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, status->state);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, paused);
  add_time (builder, "paused_until", status->paused_until);
  add_time (builder, "next_break", status->next_break);
  json_builder_set_member_name (builder, "next_break_in_seconds");
  if (status->next_break == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder,
                                MAX (0, (gint64) status->next_break - now));
  add_int (builder, "worked_seconds", (gint64) status->worked);
  add_int (builder, "interval_min_seconds", (gint64) status->interval_min);
  add_int (builder, "interval_max_seconds", (gint64) status->interval_max);
  json_builder_set_member_name (builder, "today");
  json_builder_begin_object (builder);
  add_int (builder, "taken", status->taken);
  add_int (builder, "snoozed", status->snoozed);
  add_int (builder, "skipped", status->skipped);
  add_int (builder, "natural", status->natural);
  add_int (builder, "deferred", status->deferred);
  json_builder_end_object (builder);
  add_holds_json (builder, status->holds);
  json_builder_set_member_name (builder, "activity_source");
  json_builder_add_string_value (builder, status->source);
  json_builder_set_member_name (builder, "activity_reason");
  json_builder_add_string_value (builder, status->reason);
  json_builder_set_member_name (builder, "config_error");
  if (status->config_error[0] != '\0')
    json_builder_add_string_value (builder, status->config_error);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "storage_error");
  if (status->storage_error[0] != '\0')
    json_builder_add_string_value (builder, status->storage_error);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "popup");
  if (status->popup[0] != '\0')
    json_builder_add_string_value (builder, status->popup);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "popup_problem");
  if (status->popup_problem[0] != '\0')
    json_builder_add_string_value (builder, status->popup_problem);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "break_kind");
  if (status->kind[0] != '\0')
    json_builder_add_string_value (builder, status->kind);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "upcoming");
  json_builder_begin_object (builder);
  if (status->upcoming != NULL)
    {
      GVariantIter iter;
      const char *kind;
      guint64 when;
      g_variant_iter_init (&iter, status->upcoming);
      while (g_variant_iter_next (&iter, "{&st}", &kind, &when))
        add_time (builder, kind, when);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "step");
  if (status->step != NULL && g_variant_n_children (status->step) > 0)
    {
      g_autoptr (JsonNode) node = json_gvariant_serialize (status->step);
      json_builder_add_value (builder, g_steal_pointer (&node));
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "call_detection");
  json_builder_add_string_value (builder, status->call_detection);
  json_builder_set_member_name (builder, "other_reminders");
  if (status->other_reminders[0] != '\0')
    json_builder_add_string_value (builder, status->other_reminders);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "settings");
  limber_settings_add_json (builder, status->settings);
  json_builder_end_object (builder);
  limber_print_json (builder, TRUE);
}

static gboolean status_json;

const GOptionEntry limber_status_options[] = {
  { "json", 'j', 0, G_OPTION_ARG_NONE, &status_json,
    N_ ("Print JSON, for scripts"), NULL },
  { NULL },
};

int
limber_cmd_status (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) all = NULL;
  g_autoptr (GError) error = NULL;
  Status status;

  (void) argc;
  (void) argv;

  bus = limber_client_connect (&error);
  if (bus != NULL)
    all = limber_client_get_all (bus, &error);
  if (all == NULL)
    return limber_client_fail ("status", error);

  read_status (all, &status);
  if (status_json)
    print_json (&status);
  else
    print_human (&status);
  g_clear_pointer (&status.settings, g_variant_unref);
  g_clear_pointer (&status.upcoming, g_variant_unref);
  g_clear_pointer (&status.step, g_variant_unref);
  g_clear_pointer (&status.holds, g_variant_unref);
  return LIMBER_EXIT_OK;
}
