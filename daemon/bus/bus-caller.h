/* Who is behind a bus name, for people to read: "limberctl (pid 4242)". */
#pragma once

#include <gio/gio.h>

/* Asks the bus for @name's process; "another process" when it cannot
 * tell. */
char *limber_describe_bus_name (GDBusConnection *connection, const char *name);
