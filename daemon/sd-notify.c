#include "sd-notify.h"

#include <systemd/sd-daemon.h>

static char *last_status;

static void
notify (const char *message)
{
  int r = sd_notify (0, message);

  if (r < 0)
    g_debug ("sd_notify(%s) failed: %s", message, g_strerror (-r));
}

void
limber_sd_notify_ready (void)
{
  notify ("READY=1");
}

void
limber_sd_notify_stopping (void)
{
  notify ("STOPPING=1\nSTATUS=stopping");
  g_clear_pointer (&last_status, g_free);
}

void
limber_sd_notify_status (const char *line)
{
  if (g_strcmp0 (line, last_status) == 0)
    return;
  g_free (last_status);
  last_status = g_strdup (line);

  g_autofree char *message = g_strconcat ("STATUS=", line, NULL);
  notify (message);
}

static gboolean
on_watchdog (gpointer user_data)
{
  (void) user_data;
  notify ("WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

guint
limber_sd_watchdog_start (void)
{
  guint64 usec = 0;

  if (sd_watchdog_enabled (0, &usec) <= 0 || usec == 0)
    return 0;
  /* Seconds, so that GLib can coalesce it with other wake-ups. */
  return g_timeout_add_seconds (
      (guint) MAX (G_GUINT64_CONSTANT (1), usec / G_USEC_PER_SEC / 2),
      on_watchdog, NULL);
}
