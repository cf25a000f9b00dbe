/* limberctl pause --while -- CMD [ARG…]: a lease held exactly as long as
 * CMD runs. */
#pragma once

#include <gio/gio.h>

/* Takes a lease on @bus (NULL: limberd could not be reached, and @command
 * runs without one) labelled @reason, runs @command with limberctl's
 * standard streams, releases the lease when it ends, and returns its exit
 * status: its own, 128 + N when signal N ended it, 127 when it could not
 * be found, 126 when it could not be run; or limberctl's exit code when the
 * lease was refused (the command does not run then). */
int limber_pause_while (GDBusConnection *bus, const char *reason,
                        char **command);
