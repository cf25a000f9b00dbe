/* Where limberd's messages go, through GLib's structured logging:
 *
 * - under systemd (stderr is the journal's stream): the journal, break
 *   events (info) included, for 'journalctl --user -u limberd';
 * - with --verbose: stderr, limberd's own info and debug too;
 * - run in the foreground of a terminal, or with stderr sent to a file or
 *   a pipe: warnings to stderr;
 * - a background job of a terminal ('limberd &'): nothing on the
 *   terminal; warnings to the journal where there is one.
 * Break events go to the journal where there is one. GLib's and other
 * libraries' info and debug (GDBus' "this will deadlock if…" among them)
 * show only where G_MESSAGES_DEBUG asks for them, --verbose or not.
 * Every message is made visible on one line (limber_text_visible()): it
 * may quote what a client sent. */
#pragma once

#include <glib.h>

void limber_log_init (gboolean verbose);
