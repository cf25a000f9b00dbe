/* limberctl's side of the bus: calling limberd and telling the user, in one
 * line and with the right exit code, what went wrong.
 *
 * Calls go straight over the connection to the bus name, which the bus
 * starts on demand where it can: connecting and one call are all a command
 * costs, as for busctl. Reply types come from the interface description
 * that gdbus-codegen compiled in, so limberctl and the XML cannot drift. */
#pragma once

#include <gio/gio.h>

/* The session bus; fails only when there is none. */
GDBusConnection *limber_client_connect (GError **error);

/* Calls @method of io.github.limber.Limber1 with @args (floating, or NULL);
 * the reply, of the type the interface gives it. */
GVariant *limber_client_call (GDBusConnection *bus, const char *method,
                              GVariant *args, GError **error);

/* All of limberd's properties, as a{sv}. */
GVariant *limber_client_get_all (GDBusConnection *bus, GError **error);

/* One property's value. */
GVariant *limber_client_get_property (GDBusConnection *bus, const char *name,
                                      GError **error);

/* One entry of the Settings property. */
GVariant *limber_client_get_setting (GDBusConnection *bus, const char *key,
                                     GError **error);

/* Prints "limberctl COMMAND: what failed and what to do" for @error and
 * returns the exit code: 3 when limberd cannot be reached, 2 when it
 * rejected an argument, 1 otherwise. */
int limber_client_fail (const char *command, const GError *error);
