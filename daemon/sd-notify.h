/* What limberd tells systemd: readiness, a human STATUS= line that follows
 * the state, and that it is stopping. Silent when not under systemd. */
#pragma once

#include <glib.h>

void limber_sd_notify_ready (void);
void limber_sd_notify_stopping (void);
/* Sends STATUS=@line unless it is the line sent last. */
void limber_sd_notify_status (const char *line);

/* Under WatchdogSec=, sends WATCHDOG=1 from the main loop at half the
 * interval (so a stalled loop gets limberd restarted); returns the source
 * id, or 0 when there is no watchdog. */
guint limber_sd_watchdog_start (void);
