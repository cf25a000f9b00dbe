/* The notification server's own do-not-disturb switches, and its name. */
#include "dnd-watch.h"

#include "bus-peer.h"

#define NOTIFICATIONS_NAME  "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH  "/org/freedesktop/Notifications"
#define NOTIFICATIONS_IFACE "org.freedesktop.Notifications"
#define DUNST_IFACE         "org.dunstproject.cmd0"
#define PROPERTIES_IFACE    "org.freedesktop.DBus.Properties"

struct _LimberDndServer
{
  LimberDndWatchFunc changed;
  gpointer user_data;
  LimberBusPeer *peer;
  char *name;
  gboolean paused, inhibited;
};

static void
set_flag (LimberDndServer *self, gboolean *flag, gboolean value)
{
  if (*flag == value)
    return;
  *flag = value;
  self->changed (self->user_data);
}

/* A boolean property's value; FALSE where the server has no such property
 * (any server but dunst has no "paused", any but Plasma no "Inhibited"). */
static gboolean
boolean_of (GVariant *value)
{
  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
         && g_variant_get_boolean (value);
}

static void
on_paused (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply
      = limber_bus_peer_finish (bus, result, "dnd: dunst's paused", &cancelled);
  g_autoptr (GVariant) value = NULL;

  if (cancelled)
    return;
  if (reply != NULL)
    g_variant_get (reply, "(v)", &value);
  set_flag (user_data, &((LimberDndServer *) user_data)->paused,
            boolean_of (value));
}

static void
on_inhibited (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  g_autoptr (GVariant) reply = limber_bus_peer_finish (
      bus, result, "dnd: the server's Inhibited", &cancelled);
  g_autoptr (GVariant) value = NULL;

  if (cancelled)
    return;
  if (reply != NULL)
    g_variant_get (reply, "(v)", &value);
  set_flag (user_data, &((LimberDndServer *) user_data)->inhibited,
            boolean_of (value));
}

static void
get_property (LimberDndServer *self, const char *iface, const char *name,
              GAsyncReadyCallback callback)
{
  limber_bus_peer_call (self->peer, NOTIFICATIONS_PATH, PROPERTIES_IFACE, "Get",
                        g_variant_new ("(ss)", iface, name), "(v)", callback,
                        self);
}

/* What changed is applied as it comes: a change signal and a Get's answer
 * come from the server in order, so the later one is the newer. */
static void
on_properties_changed (GDBusConnection *bus, const char *sender,
                       const char *path, const char *iface, const char *signal,
                       GVariant *params, gpointer user_data)
{
  LimberDndServer *self = user_data;
  const char *changed_iface;
  g_autoptr (GVariant) changed = NULL;
  g_autofree const char **invalidated = NULL;
  gboolean value;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(sa{sv}as)")))
    return;
  g_variant_get (params, "(&s@a{sv}^a&s)", &changed_iface, &changed,
                 &invalidated);
  if (g_str_equal (changed_iface, DUNST_IFACE))
    {
      if (g_variant_lookup (changed, "paused", "b", &value))
        set_flag (self, &self->paused, value);
      else if (g_strv_contains (invalidated, "paused"))
        get_property (self, DUNST_IFACE, "paused", on_paused);
    }
  else if (g_str_equal (changed_iface, NOTIFICATIONS_IFACE))
    {
      if (g_variant_lookup (changed, "Inhibited", "b", &value))
        set_flag (self, &self->inhibited, value);
      else if (g_strv_contains (invalidated, "Inhibited"))
        get_property (self, NOTIFICATIONS_IFACE, "Inhibited", on_inhibited);
    }
}

static void ask_name (LimberBusPeer *peer, gpointer user_data);

static void
on_server_information (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  LimberDndServer *self = user_data;
  gboolean cancelled;
  g_autoptr (GVariant) reply = limber_bus_peer_finish (
      bus, result, "dnd: the server's name", &cancelled);
  const char *name;

  if (cancelled)
    return;
  if (reply == NULL)
    {
      /* A server may own its name a moment before it answers. */
      limber_bus_peer_retry (self->peer, ask_name);
      return;
    }
  g_variant_get (reply, "(&s&s&s&s)", &name, NULL, NULL, NULL);
  if (g_strcmp0 (name, self->name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  self->changed (self->user_data);
}

static void
ask_name (LimberBusPeer *peer, gpointer user_data)
{
  limber_bus_peer_call (peer, NOTIFICATIONS_PATH, NOTIFICATIONS_IFACE,
                        "GetServerInformation", NULL, "(ssss)",
                        on_server_information, user_data);
}

static void
on_appeared (LimberBusPeer *peer, gpointer user_data)
{
  LimberDndServer *self = user_data;

  /* Subscribed before asking: no change is lost in between. */
  limber_bus_peer_subscribe (peer, PROPERTIES_IFACE, "PropertiesChanged",
                             NOTIFICATIONS_PATH, NULL, on_properties_changed,
                             self);
  ask_name (peer, self);
  get_property (self, DUNST_IFACE, "paused", on_paused);
  get_property (self, NOTIFICATIONS_IFACE, "Inhibited", on_inhibited);
}

static void
on_vanished (LimberBusPeer *peer, gpointer user_data)
{
  LimberDndServer *self = user_data;

  (void) peer;
  /* Its switches went with it. */
  g_clear_pointer (&self->name, g_free);
  self->paused = self->inhibited = FALSE;
  self->changed (self->user_data);
}

LimberDndServer *
limber_dnd_server_new (LimberDndWatchFunc changed, gpointer user_data)
{
  LimberDndServer *self = g_new0 (LimberDndServer, 1);

  self->changed = changed;
  self->user_data = user_data;
  self->peer = limber_bus_peer_new (G_BUS_TYPE_SESSION, NOTIFICATIONS_NAME,
                                    on_appeared, on_vanished, self);
  return self;
}

void
limber_dnd_server_free (LimberDndServer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->peer, limber_bus_peer_free);
  g_free (self->name);
  g_free (self);
}

const char *
limber_dnd_server_get_name (LimberDndServer *self)
{
  return self->name;
}

gboolean
limber_dnd_server_get_paused (LimberDndServer *self)
{
  return self->paused;
}

gboolean
limber_dnd_server_get_inhibited (LimberDndServer *self)
{
  return self->inhibited;
}
