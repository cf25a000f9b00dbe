/* Where limberd's messages go: GLib's structured logging, to the journal
 * under systemd and to stderr otherwise. Under the journal, break events
 * (info) are kept, for 'journalctl --user -u limberd'; on a terminal only
 * warnings show, unless --verbose. Every message is made visible on one
 * line (limber_text_visible()): it may quote what a client sent. */
#pragma once

#include <glib.h>

void limber_log_init (gboolean verbose);
