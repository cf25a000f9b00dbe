#include "client.h"

#include "limber-dbus-generated.h"

#include "limber-error.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "terminal-text.h"

#define CALL_TIMEOUT_MS 10000

GDBusConnection *
limber_client_connect (GError **error)
{
  /* Registers our error names, so that limberd's errors arrive in our
   * domain rather than as generic D-Bus errors. */
  (void) LIMBER_ERROR;
  return g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
}

/* "(…)" of @method's out arguments in the compiled-in interface. */
static GVariantType *
reply_type (const char *method)
{
  GDBusMethodInfo *info = g_dbus_interface_info_lookup_method (
      limber_dbus_limber1_interface_info (), method);
  g_autoptr (GString) type = g_string_new ("(");

  g_return_val_if_fail (info != NULL, NULL);
  for (guint i = 0; info->out_args != NULL && info->out_args[i] != NULL; i++)
    g_string_append (type, info->out_args[i]->signature);
  g_string_append_c (type, ')');
  return g_variant_type_new (type->str);
}

static GVariant *
call (GDBusConnection *bus, const char *interface, const char *method,
      GVariant *args, const GVariantType *type, GError **error)
{
  return g_dbus_connection_call_sync (
      bus, LIMBER_BUS_NAME, LIMBER_OBJECT_PATH, interface, method, args, type,
      G_DBUS_CALL_FLAGS_NONE, CALL_TIMEOUT_MS, NULL, error);
}

GVariant *
limber_client_call (GDBusConnection *bus, const char *method, GVariant *args,
                    GError **error)
{
  g_autoptr (GVariantType) type = reply_type (method);

  return call (bus, LIMBER_INTERFACE, method, args, type, error);
}

GVariant *
limber_client_get_all (GDBusConnection *bus, GError **error)
{
  g_autoptr (GVariant) reply
      = call (bus, "org.freedesktop.DBus.Properties", "GetAll",
              g_variant_new ("(s)", LIMBER_INTERFACE),
              G_VARIANT_TYPE ("(a{sv})"), error);

  if (reply == NULL)
    return NULL;
  return g_variant_get_child_value (reply, 0);
}

GVariant *
limber_client_get_property (GDBusConnection *bus, const char *name,
                            GError **error)
{
  g_autoptr (GVariant) reply
      = call (bus, "org.freedesktop.DBus.Properties", "Get",
              g_variant_new ("(ss)", LIMBER_INTERFACE, name),
              G_VARIANT_TYPE ("(v)"), error);
  GVariant *value;

  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "(v)", &value);
  return value;
}

GVariant *
limber_client_get_setting (GDBusConnection *bus, const char *key,
                           GError **error)
{
  g_autoptr (GVariant) settings
      = limber_client_get_property (bus, "Settings", error);
  GVariant *value;

  if (settings == NULL)
    return NULL;
  value = g_variant_lookup_value (settings, key, NULL);
  if (value == NULL)
    g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                 _ ("limberd has no setting '%s'"), key);
  return value;
}

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
         || g_error_matches (error, G_DBUS_ERROR,
                             G_DBUS_ERROR_NAME_HAS_NO_OWNER)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED)
         || g_error_matches (error, G_DBUS_ERROR,
                             G_DBUS_ERROR_SPAWN_CHILD_EXITED)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

int
limber_client_fail (const char *command, const GError *error)
{
  g_autoptr (GError) copy = g_error_copy (error);

  g_dbus_error_strip_remote_error (copy);
  /* limberd's errors quote config files and values: show their control
   * characters rather than send them to the terminal. */
  g_autofree char *message = limber_terminal_text (copy->message, FALSE);

  if (copy->domain == G_IO_ERROR
      && !g_error_matches (copy, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      && !g_error_matches (copy, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR))
    {
      g_printerr (
          _ ("limberctl %s: cannot connect to the session bus (%s); run "
             "limberctl in your desktop session\n"),
          command, message);
      return LIMBER_EXIT_UNREACHABLE;
    }
  if (is_unreachable (copy))
    {
      g_printerr (_ ("limberctl %s: limberd is not reachable (%s); start it "
                     "with 'systemctl --user start limberd' or run limberd\n"),
                  command, message);
      return LIMBER_EXIT_UNREACHABLE;
    }
  if (g_error_matches (copy, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT)
      || g_error_matches (copy, LIMBER_ERROR, LIMBER_ERROR_UNKNOWN_KEY)
      || g_error_matches (copy, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS))
    {
      g_printerr ("limberctl %s: %s\n", command, message);
      return LIMBER_EXIT_USAGE;
    }
  g_printerr ("limberctl %s: %s\n", command, message);
  return LIMBER_EXIT_FAILURE;
}
