/* limberctl monitor: follow limberd's state changes and breaks live, as
 * events or as a status bar's line. */
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "bar-format.h"
#include "client.h"
#include "json-output.h"
#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "settings-format.h"
#include "terminal-text.h"

typedef enum
{
  FORMAT_EVENTS, /* one line per event, or --json */
  FORMAT_WAYBAR, /* waybar's JSON, one object per line */
  FORMAT_TEXT,   /* the bar's text alone, one line per change */
} Format;

typedef struct
{
  gboolean json;
  Format format;
  GMainLoop *loop;
  gboolean appeared; /* limberd has run since monitor started */
  int exit_code;
  char *state;        /* the state last shown */
  GVariant *settings; /* the settings last seen, to name what changed */
  /* The bar formats: limberd's properties as last received, when the work
   * counters came, the line last printed, and the timer that redraws the
   * countdown when its text would change. */
  gboolean running;
  GVariantDict *properties;
  gint64 next_break_received, worked_received;
  char *bar_line;
  guint redraw;
  char *step; /* the routine's step last shown */
} Monitor;

static void show_bar (Monitor *self);

static gboolean
on_redraw (gpointer user_data)
{
  Monitor *self = user_data;

  self->redraw = 0;
  show_bar (self);
  return G_SOURCE_REMOVE;
}

/* Prints the bar's line when it differs from the last, and arms the timer
 * for when the countdown's text changes by itself: never more than once a
 * minute, and not at all while nothing counts down. */
static void
show_bar (Monitor *self)
{
  gint64 now_usec = g_get_real_time ();
  gint64 now = now_usec / G_USEC_PER_SEC;
  LimberBarInput input = { .running = self->running };
  LimberBarLine line;
  g_autofree char *text = NULL;

  if (self->running)
    {
      GVariantDict *p = self->properties;
      g_variant_dict_lookup (p, "State", "&s", &input.state);
      g_variant_dict_lookup (p, "NextBreak", "t", &input.next_break);
      g_variant_dict_lookup (p, "PausedUntil", "t", &input.paused_until);
      g_variant_dict_lookup (p, "WorkedSeconds", "t", &input.worked);
      g_variant_dict_lookup (p, "IntervalMin", "t", &input.interval_min);
      g_variant_dict_lookup (p, "BreaksTaken", "u", &input.taken);
      g_variant_dict_lookup (p, "BreaksSnoozed", "u", &input.snoozed);
      g_variant_dict_lookup (p, "BreaksSkipped", "u", &input.skipped);
      g_variant_dict_lookup (p, "NaturalBreaks", "u", &input.natural);
      g_variant_dict_lookup (p, "BreaksDeferred", "u", &input.deferred);
    }
  /* The work done counts on from when limberd said it; the work left, from
   * when it said when the break comes. */
  input.received = self->worked_received;
  limber_bar_line_compute (&input, now, &line);
  if (self->running && g_strcmp0 (input.state, "idle") == 0)
    {
      /* Idle: what is left stands still, as of limberd's last word. */
      LimberBarLine idle;
      input.received = self->next_break_received;
      limber_bar_line_compute (&input, now, &idle);
      g_free (line.text);
      g_free (line.tooltip);
      line.text = g_steal_pointer (&idle.text);
      line.tooltip = g_steal_pointer (&idle.tooltip);
    }

  text = self->format == FORMAT_WAYBAR ? limber_bar_line_to_waybar (&line)
                                       : g_strdup (line.text);
  if (g_strcmp0 (text, self->bar_line) != 0)
    {
      printf ("%s\n", text);
      fflush (stdout);
      g_free (self->bar_line);
      self->bar_line = g_steal_pointer (&text);
    }

  g_clear_handle_id (&self->redraw, g_source_remove);
  if (line.next_change != G_MAXINT64)
    {
      /* A moment past the second, so that the new text is there. */
      gint64 delay_ms
          = (line.next_change * G_USEC_PER_SEC - now_usec) / 1000 + 50;
      self->redraw = g_timeout_add_full (G_PRIORITY_DEFAULT,
                                         (guint) CLAMP (delay_ms, 0, G_MAXINT),
                                         on_redraw, self, NULL);
    }
  limber_bar_line_clear (&line);
}

/* Takes in @changed properties (a{sv}) for the bar. */
static void
take_properties (Monitor *self, GVariant *changed)
{
  GVariantIter iter;
  const char *name;
  GVariant *value;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_variant_iter_init (&iter, changed);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_variant_dict_insert_value (self->properties, name, value);
      if (g_str_equal (name, "NextBreak"))
        self->next_break_received = now;
      else if (g_str_equal (name, "WorkedSeconds"))
        self->worked_received = now;
      g_variant_unref (value);
    }
  show_bar (self);
}

/* One line per event: "15:42:06 break-started low posture-check", or a
 * JSON object {"time": …, "event": …, "value": …, "kind": …} per line.
 * @note, when not NULL, follows the value in the human form only; @kind,
 * when not NULL, follows the value (in the human form, unless it is a
 * micro-break). */
static void
emit_full (Monitor *self, const char *event, const char *value,
           const char *kind, const char *note)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (self->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autofree char *iso = g_date_time_format_iso8601 (now);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, iso);
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, event);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value);
      if (kind != NULL)
        {
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind);
        }
      json_builder_end_object (builder);
      limber_print_json (builder, FALSE);
    }
  else
    {
      g_autofree char *clock = g_date_time_format (now, "%H:%M:%S");
      g_autofree char *shown = limber_terminal_text (value, FALSE);
      /* A micro-break is the break: only the other kinds are named. */
      if (g_strcmp0 (kind, "micro-break") == 0)
        kind = NULL;
      printf ("%s %s %s%s%s%s%s\n", clock, event, shown, kind ? " " : "",
              kind ? kind : "", note ? " " : "", note ? note : "");
    }
  fflush (stdout);
}

static void
emit_with_note (Monitor *self, const char *event, const char *value,
                const char *note)
{
  emit_full (self, event, value, NULL, note);
}

static void
emit (Monitor *self, const char *event, const char *value)
{
  emit_with_note (self, event, value, NULL);
}

/* The routine's step, as it changes: "step 2/4 Now roll them backward
 * (15s left)"; its countdown alone is not an event. */
static void
show_step (Monitor *self, GVariant *step)
{
  const char *phase = "", *text = "", *countdown = "", *routine = "";
  guint32 number = 0, steps = 0;
  g_autofree char *line = NULL;
  g_autofree char *key = NULL;

  g_variant_lookup (step, "phase", "&s", &phase);
  g_variant_lookup (step, "routine", "&s", &routine);
  g_variant_lookup (step, "step", "u", &number);
  g_variant_lookup (step, "steps", "u", &steps);
  g_variant_lookup (step, "text", "&s", &text);
  g_variant_lookup (step, "countdown", "&s", &countdown);
  if (phase[0] == '\0')
    key = g_strdup ("");
  else
    key = g_strdup_printf ("%s %s %u", routine, phase, number);
  if (g_strcmp0 (key, self->step) == 0)
    return;
  g_free (self->step);
  self->step = g_steal_pointer (&key);
  if (phase[0] == '\0')
    return;
  if (g_str_equal (phase, "thanks"))
    line = g_strdup_printf (_ ("%s done, thank you"), routine);
  else
    line = g_strdup_printf ("%u/%u %s%s%s%s", number, steps, text,
                            countdown[0] ? " (" : "", countdown,
                            countdown[0] ? ")" : "");
  emit (self, "step", line);
}

/* A state, once: and the end of a pause said as such. */
static void
show_state (Monitor *self, const char *state)
{
  if (g_strcmp0 (state, self->state) == 0)
    return;
  if (g_strcmp0 (self->state, "paused") == 0)
    emit (self, "pause-ended", state);
  g_free (self->state);
  self->state = g_strdup (state);
  emit (self, "state", state);
}

/* Each setting that differs from the last seen: "settings lull=3s". */
static void
show_settings (Monitor *self, GVariant *settings)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT))
    return;
  g_variant_iter_init (&iter, settings);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr (GVariant) before
          = self->settings != NULL
                ? g_variant_lookup_value (self->settings, key, NULL)
                : NULL;
      if (self->settings != NULL
          && (before == NULL || !g_variant_equal (before, value)))
        {
          g_autofree char *text = limber_setting_to_text (key, value);
          g_autofree char *escaped = limber_setting_escape (text);
          g_autofree char *line = g_strdup_printf ("%s=%s", key, escaped);
          emit (self, "settings", line);
        }
      g_variant_unref (value);
    }
  g_clear_pointer (&self->settings, g_variant_unref);
  self->settings = g_variant_ref (settings);
}

/* What limberd is at now, as monitor starts following it. */
static void
on_current (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  Monitor *self = user_data;
  g_autoptr (GVariant) reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (bus), result, NULL);
  g_autoptr (GVariant) properties = NULL;
  g_autoptr (GVariant) settings = NULL;
  const char *state;

  if (reply == NULL)
    return;
  properties = g_variant_get_child_value (reply, 0);
  if (self->format != FORMAT_EVENTS)
    {
      self->running = TRUE;
      take_properties (self, properties);
      return;
    }
  settings = g_variant_lookup_value (properties, "Settings", NULL);
  if (settings != NULL)
    show_settings (self, settings);
  if (g_variant_lookup (properties, "State", "&s", &state))
    show_state (self, state);
  g_autoptr (GVariant) step = g_variant_lookup_value (properties, "Step", NULL);
  if (step != NULL)
    show_step (self, step);
}

static void
on_signal (GDBusConnection *connection, const char *sender, const char *path,
           const char *interface, const char *signal, GVariant *parameters,
           gpointer user_data)
{
  Monitor *self = user_data;
  const char *value, *kind;

  (void) connection;
  (void) sender;
  (void) path;
  (void) interface;

  if (self->format != FORMAT_EVENTS)
    {
      /* The properties say all a bar shows, breaks included. */
      if (g_str_equal (signal, "PropertiesChanged") && self->running)
        {
          g_autoptr (GVariant) changed = NULL;
          g_variant_get (parameters, "(&s@a{sv}@as)", NULL, &changed, NULL);
          take_properties (self, changed);
        }
      return;
    }
  if (g_str_equal (signal, "BreakStarted")
      && g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ss)")))
    {
      g_variant_get (parameters, "(&s&s)", &value, &kind);
      emit_full (self, "break-started", value, kind, NULL);
    }
  else if (g_str_equal (signal, "BreakEnded")
           && g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ss)")))
    {
      g_variant_get (parameters, "(&s&s)", &value, &kind);
      emit_full (self, "break-ended", value, kind, NULL);
    }
  else if (g_str_equal (signal, "BreakRecorded")
           && g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ss)")))
    {
      g_variant_get (parameters, "(&s&s)", &value, &kind);
      emit_full (self, "break-recorded", value, kind,
                 g_str_equal (value, "natural")
                     ? _ ("(you were away: the interval starts over)")
                     : NULL);
    }
  else if (g_str_equal (signal, "PropertiesChanged"))
    {
      g_autoptr (GVariant) changed = NULL;
      const char *state;
      g_variant_get (parameters, "(&s@a{sv}@as)", NULL, &changed, NULL);
      if (g_variant_lookup (changed, "State", "&s", &state))
        show_state (self, state);
      g_autoptr (GVariant) settings
          = g_variant_lookup_value (changed, "Settings", NULL);
      if (settings != NULL)
        show_settings (self, settings);
      g_autoptr (GVariant) step
          = g_variant_lookup_value (changed, "Step", NULL);
      if (step != NULL)
        show_step (self, step);
    }
}

static void
on_name_appeared (GDBusConnection *connection, const char *name,
                  const char *owner, gpointer user_data)
{
  Monitor *self = user_data;

  (void) name;
  self->appeared = TRUE;
  if (self->format == FORMAT_EVENTS)
    emit (self, "limberd", owner);
  /* Told after the subscription, so that no change falls in between. */
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->settings, g_variant_unref);
  g_dbus_connection_call (
      connection, owner, LIMBER_OBJECT_PATH, "org.freedesktop.DBus.Properties",
      "GetAll", g_variant_new ("(s)", LIMBER_BUS_NAME),
      G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL,
      on_current, self);
}

/* Also called once at the start when limberd is not running. monitor
 * then waits on: the bus can start limberd again, and the next one is
 * followed as the last was. */
static void
on_name_vanished (GDBusConnection *connection, const char *name,
                  gpointer user_data)
{
  Monitor *self = user_data;

  (void) name;
  /* The bus itself went (GLib then passes no connection): on_closed says
   * so, and that ends monitor. */
  if (connection == NULL || g_dbus_connection_is_closed (connection))
    return;
  if (self->format != FORMAT_EVENTS)
    {
      self->running = FALSE;
      g_variant_dict_unref (self->properties);
      self->properties = g_variant_dict_new (NULL);
      show_bar (self);
      return;
    }
  emit_with_note (self, "limberd", "gone",
                  self->appeared ? "(waiting for it to start again)"
                                 : "(not running; waiting for it to start)");
}

static void
on_closed (GDBusConnection *connection, gboolean remote_peer_vanished,
           GError *error, gpointer user_data)
{
  Monitor *self = user_data;

  (void) connection;
  (void) remote_peer_vanished;
  (void) error;
  g_printerr (
      _ ("limberctl monitor: lost the connection to the session bus\n"));
  self->exit_code = LIMBER_EXIT_UNREACHABLE;
  g_main_loop_quit (self->loop);
}

static gboolean
on_quit (gpointer user_data)
{
  g_main_loop_quit (((Monitor *) user_data)->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean monitor_json;
static char *monitor_format;

const GOptionEntry limber_monitor_options[] = {
  { "json", 'j', 0, G_OPTION_ARG_NONE, &monitor_json,
    N_ ("Print one JSON object per line"), NULL },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &monitor_format,
    N_ ("For a status bar: waybar (its JSON) or text (one line), a line per "
        "change"),
    "FORMAT" },
  { NULL },
};

int
limber_cmd_monitor (int argc, char **argv)
{
  Monitor self = { .json = monitor_json };
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  guint subscription, watch, sigint, sigterm;
  gulong closed;

  (void) argc;
  (void) argv;
  if (monitor_format != NULL)
    {
      if (g_str_equal (monitor_format, "waybar"))
        self.format = FORMAT_WAYBAR;
      else if (g_str_equal (monitor_format, "text"))
        self.format = FORMAT_TEXT;
      else
        {
          g_autofree char *shown = g_utf8_make_valid (monitor_format, -1);
          return limber_usage_error (
              "monitor", _ ("unknown format '%s'; use waybar or text"), shown);
        }
      if (monitor_json)
        return limber_usage_error (
            "monitor",
            _ ("give --json (events) or --format (a bar), not both"));
    }

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    return limber_client_fail ("monitor", error);
  /* GLib would raise SIGTERM when the bus goes, which reads as a normal
   * stop (exit 0); the loss is a failure to report instead. */
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  self.properties = g_variant_dict_new (NULL);

  self.loop = g_main_loop_new (NULL, FALSE);
  closed = g_signal_connect (bus, "closed", G_CALLBACK (on_closed), &self);
  /* Gone before the handler was there, when "closed" may not come. */
  if (g_dbus_connection_is_closed (bus))
    on_closed (bus, TRUE, NULL, &self);
  subscription = g_dbus_connection_signal_subscribe (
      bus, LIMBER_BUS_NAME, NULL, NULL, LIMBER_OBJECT_PATH, NULL,
      G_DBUS_SIGNAL_FLAGS_NONE, on_signal, &self, NULL);
  watch = g_bus_watch_name_on_connection (
      bus, LIMBER_BUS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE, on_name_appeared,
      on_name_vanished, &self, NULL);
  sigint = g_unix_signal_add (SIGINT, on_quit, &self);
  sigterm = g_unix_signal_add (SIGTERM, on_quit, &self);

  if (self.exit_code == LIMBER_EXIT_OK)
    g_main_loop_run (self.loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_bus_unwatch_name (watch);
  g_dbus_connection_signal_unsubscribe (bus, subscription);
  g_signal_handler_disconnect (bus, closed);
  g_main_loop_unref (self.loop);
  g_clear_handle_id (&self.redraw, g_source_remove);
  g_free (self.bar_line);
  g_variant_dict_unref (self.properties);
  g_free (self.state);
  g_free (self.step);
  g_clear_pointer (&self.settings, g_variant_unref);
  return self.exit_code;
}
