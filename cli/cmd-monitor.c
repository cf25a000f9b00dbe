/* limberctl monitor: follow limberd's state changes and breaks live. */
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "client.h"
#include "json-output.h"
#include "commands.h"
#include "limber-names.h"
#include "settings-format.h"
#include "terminal-text.h"

typedef struct
{
  gboolean json;
  GMainLoop *loop;
  gboolean appeared; /* limberd has run since monitor started */
  int exit_code;
  char *state;        /* the state last shown */
  GVariant *settings; /* the settings last seen, to name what changed */
  char *step;         /* the routine's step last shown */
} Monitor;

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
    line = g_strdup_printf ("%s done, thank you", routine);
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

  (void) connection;
  (void) sender;
  (void) path;
  (void) interface;
  const char *value, *kind;

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
                     ? "(you were away: the interval starts over)"
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
  (void) name;
  /* The bus itself went (GLib then passes no connection): on_closed says
   * so, and that ends monitor. */
  if (connection == NULL || g_dbus_connection_is_closed (connection))
    return;
  emit_with_note (user_data, "limberd", "gone",
                  ((Monitor *) user_data)->appeared
                      ? "(waiting for it to start again)"
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
  g_printerr ("limberctl monitor: lost the connection to the session bus\n");
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

const GOptionEntry limber_monitor_options[] = {
  { "json", 'j', 0, G_OPTION_ARG_NONE, &monitor_json,
    "Print one JSON object per line", NULL },
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

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    return limber_client_fail ("monitor", error);
  /* GLib would raise SIGTERM when the bus goes, which reads as a normal
   * stop (exit 0); the loss is a failure to report instead. */
  g_dbus_connection_set_exit_on_close (bus, FALSE);

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
  g_free (self.state);
  g_free (self.step);
  g_clear_pointer (&self.settings, g_variant_unref);
  return self.exit_code;
}
