/* limberctl start: have the session bus start limberd, once. */
#include <stdio.h>

#include "client.h"
#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"

/* org.freedesktop.DBus.StartServiceByName's answers. */
#define DBUS_START_REPLY_SUCCESS         1
#define DBUS_START_REPLY_ALREADY_RUNNING 2

/* Through the bus's activation file rather than by running limberd: where
 * a systemd user manager runs, the bus hands the start to limberd.service
 * (SystemdService=), so that this and the unit can never make two; where
 * none runs, the bus starts limberd itself, and only once however many ask
 * at the same time. A limberd already there is left alone. */
int
limber_cmd_start (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  guint32 result;

  (void) argc;
  (void) argv;
  bus = limber_client_connect (&error);
  if (bus == NULL)
    return limber_client_fail ("start", error);
  /* Activation may take a while where systemd starts the unit. */
  reply = g_dbus_connection_call_sync (
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "StartServiceByName",
      g_variant_new ("(su)", LIMBER_BUS_NAME, 0), G_VARIANT_TYPE ("(u)"),
      G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);
  if (reply == NULL)
    return limber_client_fail ("start", error);
  g_variant_get (reply, "(u)", &result);
  printf ("%s\n", result == DBUS_START_REPLY_ALREADY_RUNNING
                      ? _ ("limberd is already running.")
                      : _ ("limberd started."));
  return LIMBER_EXIT_OK;
}
