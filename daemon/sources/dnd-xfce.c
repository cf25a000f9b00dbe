/* Xfce's do not disturb: xfce4-notifyd's /do-not-disturb in xfconf. */
#include "dnd-watch.h"

#include "bus-peer.h"

#define XFCONF_NAME  "org.xfce.Xfconf"
#define XFCONF_PATH  "/org/xfce/Xfconf"
#define XFCONF_IFACE "org.xfce.Xfconf"
#define CHANNEL      "xfce4-notifyd"
#define PROPERTY     "/do-not-disturb"

struct _LimberDndXfce
{
  LimberDndWatchFunc changed;
  gpointer user_data;
  LimberBusPeer *peer;
  gboolean silenced;
};

static void
set_silenced (LimberDndXfce *self, GVariant *value)
{
  /* Anything but a true boolean (xfce4-notifyd writes one) is not on. */
  gboolean silenced = value != NULL
                      && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
                      && g_variant_get_boolean (value);

  if (silenced == self->silenced)
    return;
  self->silenced = silenced;
  self->changed (self->user_data);
}

static void
on_property (GObject *bus, GAsyncResult *result, gpointer user_data)
{
  gboolean cancelled;
  /* An error (PropertyNotFound) means never set: off. */
  g_autoptr (GVariant) reply
      = limber_bus_peer_finish (bus, result, "dnd: xfconf", &cancelled);
  g_autoptr (GVariant) value = NULL;

  if (cancelled)
    return;
  if (reply != NULL)
    g_variant_get (reply, "(v)", &value);
  set_silenced (user_data, value);
}

static void
on_property_changed (GDBusConnection *bus, const char *sender, const char *path,
                     const char *iface, const char *signal, GVariant *params,
                     gpointer user_data)
{
  const char *property;
  g_autoptr (GVariant) value = NULL;

  (void) bus, (void) sender, (void) path, (void) iface;
  if (g_str_equal (signal, "PropertyRemoved")
      && g_variant_is_of_type (params, G_VARIANT_TYPE ("(ss)")))
    {
      g_variant_get (params, "(&s&s)", NULL, &property);
      if (g_str_equal (property, PROPERTY))
        set_silenced (user_data, NULL);
    }
  else if (g_str_equal (signal, "PropertyChanged")
           && g_variant_is_of_type (params, G_VARIANT_TYPE ("(ssv)")))
    {
      g_variant_get (params, "(&s&sv)", NULL, &property, &value);
      if (g_str_equal (property, PROPERTY))
        set_silenced (user_data, value);
    }
}

static void
on_appeared (LimberBusPeer *peer, gpointer user_data)
{
  /* Subscribed before asking: no change is lost in between. The channel
   * is the first argument of both signals. */
  limber_bus_peer_subscribe (peer, XFCONF_IFACE, NULL, XFCONF_PATH, CHANNEL,
                             on_property_changed, user_data);
  limber_bus_peer_call (peer, XFCONF_PATH, XFCONF_IFACE, "GetProperty",
                        g_variant_new ("(ss)", CHANNEL, PROPERTY), "(v)",
                        on_property, user_data);
}

static void
on_vanished (LimberBusPeer *peer, gpointer user_data)
{
  (void) peer;
  set_silenced (user_data, NULL);
}

LimberDndXfce *
limber_dnd_xfce_new (LimberDndWatchFunc changed, gpointer user_data)
{
  LimberDndXfce *self = g_new0 (LimberDndXfce, 1);

  self->changed = changed;
  self->user_data = user_data;
  /* Not started by limberd: xfce4-notifyd reads its settings from xfconfd,
   * so it runs wherever xfce4-notifyd does. */
  self->peer = limber_bus_peer_new (G_BUS_TYPE_SESSION, XFCONF_NAME,
                                    on_appeared, on_vanished, self);
  return self;
}

void
limber_dnd_xfce_free (LimberDndXfce *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->peer, limber_bus_peer_free);
  g_free (self);
}

gboolean
limber_dnd_xfce_get_silenced (LimberDndXfce *self)
{
  return self->silenced;
}
