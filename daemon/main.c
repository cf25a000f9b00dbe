/* limberd: the micro-break reminder daemon. A thin main(): options, the bus
 * name's life, signals, one main loop. */
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "bus-caller.h"
#include "config.h"
#include "daemon.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-text.h"
#include "log.h"
#include "sd-notify.h"
#include "service.h"

typedef struct
{
  GMainLoop *loop;
  LimberDaemon *daemon;
  LimberService *service;
  gboolean name_acquired;
  int exit_code;
} Context;

static void
quit (Context *ctx, int exit_code)
{
  ctx->exit_code = exit_code;
  g_main_loop_quit (ctx->loop);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_info ("stopping on signal");
  quit (user_data, EXIT_SUCCESS);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_reload_signal (gpointer user_data)
{
  Context *ctx = user_data;
  g_autoptr (GError) error = NULL;

  if (!limber_daemon_reload (ctx->daemon, &error))
    g_warning ("reload failed, keeping the current configuration: %s",
               error->message);
  return G_SOURCE_CONTINUE;
}

static void
on_connection_closed (GDBusConnection *connection,
                      gboolean remote_peer_vanished, GError *error,
                      gpointer user_data)
{
  (void) connection;
  (void) remote_peer_vanished;
  Context *ctx = user_data;

  g_warning ("lost the session bus%s%s; exiting so that limberd can be "
             "restarted",
             error != NULL ? ": " : "", error != NULL ? error->message : "");
  /* At once, with the state saved: everything else here lives on the bus,
   * and GLib complains about work still under way on a dead connection. */
  limber_daemon_save_now (ctx->daemon);
  limber_sd_notify_stopping ();
  exit (EXIT_FAILURE);
}

static void
on_bus_acquired (GDBusConnection *connection, const char *name,
                 gpointer user_data)
{
  Context *ctx = user_data;
  g_autoptr (GError) error = NULL;

  (void) name;
  /* GLib's default is to raise SIGTERM when the bus goes, which would look
   * like a clean stop; exit non-zero instead so that systemd restarts us. */
  g_dbus_connection_set_exit_on_close (connection, FALSE);
  g_signal_connect (connection, "closed", G_CALLBACK (on_connection_closed),
                    ctx);
  if (!limber_service_export (ctx->service, connection, &error))
    {
      g_printerr (_ ("limberd: cannot export %s: %s\n"), LIMBER_OBJECT_PATH,
                  error->message);
      quit (ctx, EXIT_FAILURE);
    }
}

static void
on_name_acquired (GDBusConnection *connection, const char *name,
                  gpointer user_data)
{
  Context *ctx = user_data;

  (void) connection;
  ctx->name_acquired = TRUE;
  g_info ("owning %s", name);
  limber_daemon_start (ctx->daemon);
}

static void
on_name_lost (GDBusConnection *connection, const char *name, gpointer user_data)
{
  Context *ctx = user_data;
  g_autofree char *shown_address = NULL;

  if (connection == NULL || g_dbus_connection_is_closed (connection))
    {
      const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");

      if (address != NULL)
        address = shown_address
            = limber_text_visible (address, -1, LIMBER_TEXT_ONE_LINE);
      if (address != NULL)
        g_printerr (_ ("limberd: cannot reach the session bus at %s; run "
                       "limberd in your desktop session, or point "
                       "DBUS_SESSION_BUS_ADDRESS at a running bus\n"),
                    address);
      else
        g_printerr (_ ("limberd: cannot reach the session bus: "
                       "DBUS_SESSION_BUS_ADDRESS is not set and none was "
                       "found; run limberd in your desktop session\n"));
      quit (ctx, EXIT_FAILURE);
    }
  else if (!ctx->name_acquired)
    {
      g_autofree char *owner = limber_describe_bus_name (connection, name);
      g_printerr (_ ("limberd: %s is already owned by %s: limberd is "
                     "already running; use --replace to take over\n"),
                  name, owner);
      quit (ctx, EXIT_FAILURE);
    }
  else
    {
      /* At once, before anything else is saved: the successor has read
       * the state file and may have written it since. */
      limber_daemon_stand_down (ctx->daemon);
      g_message ("replaced by another limberd, which carries on from the "
                 "saved state; exiting");
      quit (ctx, EXIT_SUCCESS);
    }
}

static void
on_daemon_changed (gpointer service)
{
  limber_service_publish (service);
}

static void
on_break_started (LimberUrgency urgency, LimberBreakKind kind, gpointer service)
{
  limber_service_emit_break_started (service, urgency, kind);
}

static void
on_break_ended (LimberOutcome outcome, LimberBreakKind kind, gpointer service)
{
  limber_service_emit_break_ended (service, outcome, kind);
}

static void
on_break_recorded (LimberOutcome outcome, LimberBreakKind kind,
                   gpointer service)
{
  limber_service_emit_break_recorded (service, outcome, kind);
}

static void
on_hold_ended (guint32 id, gpointer service)
{
  limber_service_hold_ended (service, id);
}

/* At start-up there is no earlier configuration to keep: run with every
 * valid setting, and say what was left out. */
static LimberConfig *
load_config (const char *const *paths, char **problem)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  LimberConfig *config = limber_config_load_lenient (paths, problems);

  for (guint i = 0; i < problems->len; i++)
    g_warning ("%s", (char *) g_ptr_array_index (problems, i));
  *problem = limber_config_summarize (problems);
  return config;
}

int
main (int argc, char **argv)
{
  gboolean replace = FALSE, verbose = FALSE, version = FALSE;
  const GOptionEntry entries[] = {
    { "replace", 'r', 0, G_OPTION_ARG_NONE, &replace,
      N_ ("Replace the limberd already running"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_ ("Log what happens, for debugging"), NULL },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &version,
      N_ ("Print the version and exit"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) config_paths = NULL;
  g_autofree char *config_problem = NULL;
  LimberConfig *config;
  Context ctx = { 0 };
  guint owner_id, watchdog_id, signal_ids[3];

  limber_i18n_init ();
  g_set_prgname ("limberd");

  options = g_option_context_new (NULL);
  g_option_context_set_summary (
      options, _ ("Reminds you to take micro-breaks while you work; "
                  "controlled with limberctl."));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr (_ ("limberd: %s; see limberd --help\n"), error->message);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (_ ("limberd: unexpected argument '%s'; see limberd "
                     "--help\n"),
                  argv[1]);
      return 2;
    }
  if (version)
    {
      printf ("limberd %s\n", LIMBER_VERSION);
      return EXIT_SUCCESS;
    }
  limber_log_init (verbose);

  ctx.loop = g_main_loop_new (NULL, FALSE);
  /* First, so that GDBus connects in its thread while we load the rest;
   * the callbacks come from the main loop, once all is ready. */
  owner_id = g_bus_own_name (
      G_BUS_TYPE_SESSION, LIMBER_BUS_NAME,
      G_BUS_NAME_OWNER_FLAGS_ALLOW_REPLACEMENT
          | (replace ? G_BUS_NAME_OWNER_FLAGS_REPLACE : 0),
      on_bus_acquired, on_name_acquired, on_name_lost, &ctx, NULL);

  config_paths = limber_config_default_paths ();
  config = load_config ((const char *const *) config_paths, &config_problem);
  ctx.daemon = limber_daemon_new (config, (const char *const *) config_paths,
                                  config_problem);
  /* The daemon knows nothing of D-Bus: the service publishes what it
   * says, and hands it what clients ask. */
  ctx.service = limber_service_new (ctx.daemon);
  limber_daemon_set_listener (ctx.daemon,
                              &(LimberDaemonListener){
                                  .changed = on_daemon_changed,
                                  .break_started = on_break_started,
                                  .break_ended = on_break_ended,
                                  .break_recorded = on_break_recorded,
                                  .hold_ended = on_hold_ended,
                                  .user_data = ctx.service,
                              });

  signal_ids[0] = g_unix_signal_add (SIGTERM, on_quit_signal, &ctx);
  signal_ids[1] = g_unix_signal_add (SIGINT, on_quit_signal, &ctx);
  signal_ids[2] = g_unix_signal_add (SIGHUP, on_reload_signal, &ctx);
  watchdog_id = limber_sd_watchdog_start ();

  g_main_loop_run (ctx.loop);

  limber_sd_notify_stopping ();
  g_bus_unown_name (owner_id);
  for (gsize i = 0; i < G_N_ELEMENTS (signal_ids); i++)
    g_source_remove (signal_ids[i]);
  if (watchdog_id != 0)
    g_source_remove (watchdog_id);
  /* The daemon saves as it goes; the service only unexports. */
  g_clear_pointer (&ctx.daemon, limber_daemon_free);
  g_clear_pointer (&ctx.service, limber_service_free);
  g_main_loop_unref (ctx.loop);
  return ctx.exit_code;
}
