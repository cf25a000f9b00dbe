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
