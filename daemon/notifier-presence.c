#include "notifier-presence.h"

#include "limber-i18n.h"

const char *
limber_presence_to_string (LimberPresence presence)
{
  switch (presence)
    {
    case LIMBER_PRESENCE_SENDING:
      return "sending";
    case LIMBER_PRESENCE_ON_SCREEN:
      return "on-screen";
    case LIMBER_PRESENCE_IN_LIST:
      return "in-list";
    case LIMBER_PRESENCE_NOT_SHOWN:
      return "not-shown";
    case LIMBER_PRESENCE_NONE:
    default:
      return "";
    }
}

/* Why a call to the server failed, in the user's words. */
char *
limber_presence_describe_failure (const GError *error)
{
  g_autofree char *remote = g_dbus_error_get_remote_error (error);

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    return g_strdup (_ ("no notification server is running; the break shows "
                        "when one starts"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT))
    return g_strdup (_ ("the notification server does not answer"));
  g_autofree char *message = g_strdup (error->message);
  g_dbus_error_strip_remote_error ((GError *) error);
  return g_strdup_printf (_ ("the notification server refused it (%s)"),
                          remote != NULL ? error->message : message);
}
