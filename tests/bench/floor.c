/* The floor: the least any break reminder on limber's stack can cost. A
 * GLib main loop with libnotify initialised, a name owned on the session
 * bus and one long timer, doing nothing. It says READY=1 (sd_notify) at its
 * first main-loop iteration, the moment limberd's start is measured
 * against; with --ready-on-name, once the bus name is its own, as limberd
 * does, which shows what the bus's round trips cost on their own. */
#include <gio/gio.h>
#include <glib-unix.h>
#include <libnotify/notify.h>
#include <systemd/sd-daemon.h>

static gboolean
on_first_iteration (gpointer user_data)
{
  (void) user_data;
  sd_notify (0, "READY=1");
  return G_SOURCE_REMOVE;
}

static void
on_name_acquired (GDBusConnection *connection, const char *name,
                  gpointer user_data)
{
  (void) connection, (void) name, (void) user_data;
  sd_notify (0, "READY=1");
}

static gboolean
on_timer (gpointer user_data)
{
  (void) user_data;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_term (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  gboolean ready_on_name = argc > 1 && g_str_equal (argv[1], "--ready-on-name");
  GMainLoop *loop = g_main_loop_new (NULL, FALSE);
  guint owner;

  notify_init ("limber-floor");
  owner = g_bus_own_name (
      G_BUS_TYPE_SESSION, "io.github.limber.Floor", G_BUS_NAME_OWNER_FLAGS_NONE,
      NULL, ready_on_name ? on_name_acquired : NULL, NULL, NULL, NULL);
  g_timeout_add_seconds (3600, on_timer, NULL);
  if (!ready_on_name)
    g_idle_add (on_first_iteration, NULL);
  g_unix_signal_add (SIGTERM, on_term, loop);
  g_main_loop_run (loop);
  g_bus_unown_name (owner);
  notify_uninit ();
  g_main_loop_unref (loop);
  return 0;
}
