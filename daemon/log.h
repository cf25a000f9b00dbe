/* Where limberd's messages go: GLib's structured logging, to the journal
 * under systemd and to stderr otherwise. Under the journal, break events
 * (info) are kept, for 'journalctl --user -u limberd'; on a terminal only
 * warnings show, unless --verbose. */
#pragma once

#include <glib.h>

void limber_log_init (gboolean verbose);
