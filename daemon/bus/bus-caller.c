#include "bus-caller.h"

#include "limber-text.h"

char *
limber_describe_bus_name (GDBusConnection *connection, const char *name)
{
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *comm_path = NULL;
  g_autofree char *comm = NULL;
  guint32 pid;

  reply = g_dbus_connection_call_sync (
      connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "GetConnectionUnixProcessID",
      g_variant_new ("(s)", name), G_VARIANT_TYPE ("(u)"),
      G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (reply == NULL)
    return g_strdup ("another process");
  g_variant_get (reply, "(u)", &pid);
  comm_path = g_strdup_printf ("/proc/%u/comm", pid);
  /* Another program's name, as it chose it. */
  if (g_file_get_contents (comm_path, &comm, NULL, NULL))
    {
      g_autofree char *shown
          = limber_text_visible (g_strstrip (comm), -1, LIMBER_TEXT_ONE_LINE);
      return g_strdup_printf ("%s (pid %u)", shown, pid);
    }
  return g_strdup_printf ("pid %u", pid);
}
