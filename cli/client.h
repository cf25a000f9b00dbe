/* limberctl's side of the bus: connecting to limberd and telling the user,
 * in one line and with the right exit code, what went wrong. */
#pragma once

#include <gio/gio.h>

#include "limber-dbus-generated.h"

/* A proxy for limberd, which the bus starts on demand if it can. Fails only
 * when there is no session bus. */
LimberDBusLimber1 *limber_client_connect (GError **error);

/* All of limberd's properties, as a{sv}. */
GVariant *limber_client_get_all (LimberDBusLimber1 *proxy, GError **error);

/* One property's value. */
GVariant *limber_client_get_property (LimberDBusLimber1 *proxy,
                                      const char *name, GError **error);

/* One entry of the Settings property. */
GVariant *limber_client_get_setting (LimberDBusLimber1 *proxy, const char *key,
                                     GError **error);

/* Prints "limberctl COMMAND: what failed and what to do" for @error and
 * returns the exit code: 3 when limberd cannot be reached, 2 when it
 * rejected an argument, 1 otherwise. */
int limber_client_fail (const char *command, const GError *error);
