#include "notifier.h"

#include "bus-peer.h"
#include "limber-i18n.h"
#include "notifier-banner.h"
#include "notifier-message.h"
#include "notifier-server.h"

#define NOTIFICATIONS_NAME  "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH  "/org/freedesktop/Notifications"
#define NOTIFICATIONS_IFACE "org.freedesktop.Notifications"

/* Long enough for a server being started by the bus; the loop never waits
 * on it. */
#define CALL_TIMEOUT_MS 5000

struct _LimberNotifier
{
  LimberNotifierCallbacks callbacks;
  GDBusConnection *bus;
  GCancellable *cancellable; /* every call of ours, until freed */
  /* Tells when a server comes and goes. */
  LimberBusPeer *server;
  guint generation; /* one per server owner: older answers are stale */
  guint action_signal, closed_signal;

  /* What the server is: known once both probes answered. */
  gboolean probed;
  guint probing; /* probes on their way */
  LimberServerInfo info;

  /* The pop-up wanted on screen, and where it is. */
  LimberPopup *wanted;
  guint32 id;        /* the server's, while it has our pop-up */
  gboolean sending;  /* a Notify on its way */
  gboolean resend;   /* and the pop-up changed since it left */
  gboolean answered; /* an action came: a close after it is tidying up */
  LimberPresence presence;
  char *problem;

  /* Where the server moves banners into its list: when ours leaves. */
  LimberBanner banner;
};

typedef struct
{
  LimberNotifier *self;
  guint generation;
} Call;

static Call *
call_new (LimberNotifier *self)
{
  Call *call = g_new (Call, 1);

  call->self = self;
  call->generation = self->generation;
  return call;
}

/* The reply to @call, or NULL with *@error set; NULL with no error when
 * the answer is stale or the notifier is gone. Frees @call. */
static GVariant *
call_finish (Call *call, GObject *source, GAsyncResult *result,
             LimberNotifier **self, GError **error)
{
  g_autoptr (GError) local = NULL;
  Call copy = *call;
  GVariant *reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                   result, &local);

  g_free (call);
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  *self = copy.self;
  if (copy.generation != copy.self->generation)
    {
      g_clear_pointer (&reply, g_variant_unref);
      return NULL;
    }
  if (reply == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return reply;
}

static void
call_server (LimberNotifier *self, const char *method, GVariant *args,
             const char *reply_type, GDBusCallFlags flags,
             GAsyncReadyCallback callback)
{
  g_dbus_connection_call (self->bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH,
                          NOTIFICATIONS_IFACE, method, args,
                          reply_type ? G_VARIANT_TYPE (reply_type) : NULL,
                          flags, CALL_TIMEOUT_MS, self->cancellable, callback,
                          callback != NULL ? call_new (self) : NULL);
}

static void
set_presence (LimberNotifier *self, LimberPresence presence,
              const char *problem)
{
  if (presence != LIMBER_PRESENCE_ON_SCREEN)
    limber_banner_stop (&self->banner);
  if (self->presence == presence
      && g_strcmp0 (self->problem, problem ? problem : "") == 0)
    return;
  if (presence == LIMBER_PRESENCE_NOT_SHOWN)
    g_warning ("the break pop-up is not shown: %s", problem);
  self->presence = presence;
  g_free (self->problem);
  self->problem = g_strdup (problem ? problem : "");
  if (self->callbacks.presence_changed != NULL)
    self->callbacks.presence_changed (self->callbacks.user_data);
}

static void on_notified (GObject *source, GAsyncResult *result,
                         gpointer user_data);
static void probe (LimberNotifier *self);
static void on_retry (LimberBusPeer *server, gpointer user_data);

static void
send_wanted (LimberNotifier *self)
{
  GVariant *message;

  if (!self->probed)
    {
      probe (self);
      return;
    }
  if (self->sending)
    {
      self->resend = TRUE;
      return;
    }

  message = limber_notify_message_popup (&self->info, self->wanted, self->id);
  if (self->presence != LIMBER_PRESENCE_ON_SCREEN
      && self->presence != LIMBER_PRESENCE_IN_LIST)
    set_presence (self, LIMBER_PRESENCE_SENDING, NULL);
  self->sending = TRUE;
  call_server (self, "Notify", message, "(u)", G_DBUS_CALL_FLAGS_NONE,
               on_notified);
}

static void
banner_gone (gpointer user_data)
{
  LimberNotifier *self = user_data;

  set_presence (self, LIMBER_PRESENCE_IN_LIST, NULL);
}

/* On servers that move banners into their list: a banner on screen that
 * is not critical leaves it (notifier-banner.c). */
static void
follow_banner (LimberNotifier *self)
{
  limber_banner_follow (
      &self->banner, self->info.traits,
      self->presence == LIMBER_PRESENCE_ON_SCREEN && self->wanted != NULL
          && limber_notify_urgency (&self->info, self->wanted) != 2);
}

static void
close_on_server (LimberNotifier *self, guint32 id)
{
  GVariantBuilder hints;

  /* Never starts a server just to close something it does not have. */
  if (!self->info.traits->keeps_closed_bubble)
    {
      call_server (self, "CloseNotification", g_variant_new ("(u)", id), NULL,
                   G_DBUS_CALL_FLAGS_NO_AUTO_START, NULL);
      return;
    }
  /* An empty update that expires at once takes the bubble down, and, being
   * transient, the notification with it. */
  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&hints, "{sv}", "transient",
                         g_variant_new_boolean (TRUE));
  call_server (self, "Notify",
               g_variant_new ("(susss@asa{sv}i)", "limber", id, "", "", "",
                              g_variant_new_strv (NULL, 0), &hints, 1),
               NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, NULL);
}

static void
on_notified (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LimberNotifier *self = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = call_finish (user_data, source, result, &self, &error);

  if (self == NULL)
    return;
  self->sending = FALSE;
  if (reply == NULL && error == NULL)
    return; /* from a server since gone */
  if (reply == NULL)
    {
      g_autofree char *problem = limber_presence_describe_failure (error);
      self->resend = FALSE;
      if (self->wanted == NULL)
        return;
      set_presence (self, LIMBER_PRESENCE_NOT_SHOWN, problem);
      /* A server that just took its name may not answer yet. */
      limber_bus_peer_retry (self->server, on_retry);
      return;
    }

  g_variant_get (reply, "(u)", &self->id);
  self->answered = FALSE;
  limber_bus_peer_reset_retries (self->server);
  if (self->wanted == NULL)
    {
      /* Withdrawn while it was on its way. */
      close_on_server (self, self->id);
      self->id = 0;
      return;
    }
  if (self->resend)
    {
      self->resend = FALSE;
      send_wanted (self);
      return;
    }
  /* An update puts a banner back on screen. */
  limber_banner_shown (&self->banner);
  set_presence (self, LIMBER_PRESENCE_ON_SCREEN, NULL);
  follow_banner (self);
}

static void
probe_done (LimberNotifier *self)
{
  if (--self->probing > 0)
    return;
  if (!self->probed)
    return; /* a probe failed: said, and tried again */
  if (self->wanted != NULL && self->id == 0)
    send_wanted (self);
}

static void
probe_failed (LimberNotifier *self, const GError *error)
{
  g_autofree char *problem = limber_presence_describe_failure (error);

  self->probed = FALSE;
  if (self->wanted != NULL)
    set_presence (self, LIMBER_PRESENCE_NOT_SHOWN, problem);
  limber_bus_peer_retry (self->server, on_retry);
}

static void
on_capabilities (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LimberNotifier *self = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = call_finish (user_data, source, result, &self, &error);
  g_autofree const char **caps = NULL;

  if (self == NULL)
    return;
  if (reply == NULL && error != NULL)
    probe_failed (self, error);
  else if (reply != NULL)
    {
      g_variant_get (reply, "(^a&s)", &caps);
      limber_server_info_read_capabilities (&self->info, caps);
    }
  probe_done (self);
}

static void
on_server_information (GObject *source, GAsyncResult *result,
                       gpointer user_data)
{
  LimberNotifier *self = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply
      = call_finish (user_data, source, result, &self, &error);
  const char *name = NULL;

  if (self == NULL)
    return;
  if (reply == NULL && error != NULL)
    probe_failed (self, error);
  else if (reply != NULL)
    {
      g_variant_get (reply, "(&s&s&s&s)", &name, NULL, NULL, NULL);
      limber_server_info_read_name (&self->info, name);
    }
  probe_done (self);
}

/* Asks the server what it is and can do; the wanted pop-up follows. May
 * start a server the bus knows how to start. */
static void
probe (LimberNotifier *self)
{
  if (self->probing > 0)
    return;
  if (self->presence == LIMBER_PRESENCE_NONE && self->wanted != NULL)
    set_presence (self, LIMBER_PRESENCE_SENDING, NULL);
  self->probed = TRUE; /* unless a probe fails */
  self->probing = 2;
  call_server (self, "GetCapabilities", NULL, "(as)", G_DBUS_CALL_FLAGS_NONE,
               on_capabilities);
  call_server (self, "GetServerInformation", NULL, "(ssss)",
               G_DBUS_CALL_FLAGS_NONE, on_server_information);
}

static const char *
action_of (LimberNotifier *self, const char *key)
{
  if (g_str_equal (key, "default"))
    return self->wanted->default_action;
  return key;
}

static void
on_action_invoked (GDBusConnection *bus, const char *sender, const char *path,
                   const char *iface, const char *signal, GVariant *params,
                   gpointer user_data)
{
  LimberNotifier *self = user_data;
  guint32 id;
  const char *key;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(us)")))
    return;
  g_variant_get (params, "(u&s)", &id, &key);
  if (id == 0 || id != self->id || self->wanted == NULL)
    return;
  key = action_of (self, key);
  if (key == NULL || limber_popup_get_label (self->wanted, key) == NULL)
    return; /* not one we offered */
  g_autofree char *chosen = g_strdup (key);
  /* A NotificationClosed after an action is the server tidying up, not a
   * dismissal. */
  self->answered = TRUE;
  self->callbacks.action (chosen, self->callbacks.user_data);
}

static void
on_notification_closed (GDBusConnection *bus, const char *sender,
                        const char *path, const char *iface, const char *signal,
                        GVariant *params, gpointer user_data)
{
  LimberNotifier *self = user_data;
  guint32 id, reason;

  (void) bus, (void) sender, (void) path, (void) iface, (void) signal;
  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(uu)")))
    return;
  g_variant_get (params, "(uu)", &id, &reason);
  if (id == 0 || id != self->id)
    return;
  g_debug ("the pop-up was closed by the server, reason %u", reason);
  self->id = 0;
  if (self->answered || self->wanted == NULL)
    return;
  /* Not put back when a server comes back: the user or the server decided. */
  g_clear_pointer (&self->wanted, limber_popup_free);
  set_presence (self, LIMBER_PRESENCE_NONE, NULL);
  if (reason < LIMBER_CLOSED_EXPIRED || reason > LIMBER_CLOSED_OTHER)
    reason = LIMBER_CLOSED_OTHER;
  self->callbacks.closed (
      (LimberClosedReason) reason,
      reason == LIMBER_CLOSED_DISMISSED
          || (reason == LIMBER_CLOSED_EXPIRED
              && limber_server_info_uses_own_timeout (&self->info)),
      self->callbacks.user_data);
}

static void
on_server_appeared (LimberBusPeer *server, gpointer user_data)
{
  LimberNotifier *self = user_data;

  (void) server;
  if (self->wanted != NULL && self->id == 0)
    {
      g_message ("a notification server is there: showing the break");
      probe (self);
    }
}

static void
on_server_vanished (LimberBusPeer *server, gpointer user_data)
{
  LimberNotifier *self = user_data;

  (void) server;
  /* Its notifications went with it, and what it said of itself. */
  self->generation++;
  self->probed = FALSE;
  self->probing = 0;
  self->sending = self->resend = FALSE;
  self->id = 0;
  if (self->wanted != NULL)
    set_presence (self, LIMBER_PRESENCE_NOT_SHOWN,
                  _ ("the notification server went away; the break shows "
                     "again when one starts"));
}

static void
on_retry (LimberBusPeer *server, gpointer user_data)
{
  LimberNotifier *self = user_data;

  (void) server;
  if (self->wanted != NULL && self->id == 0 && !self->sending)
    send_wanted (self);
}

LimberNotifier *
limber_notifier_new (const LimberNotifierCallbacks *callbacks)
{
  LimberNotifier *self = g_new0 (LimberNotifier, 1);
  g_autoptr (GError) error = NULL;

  self->callbacks = *callbacks;
  self->cancellable = g_cancellable_new ();
  limber_server_info_init (&self->info);
  limber_banner_init (&self->banner, banner_gone, self);
  self->problem = g_strdup ("");
  /* The connection limberd owns its name on. */
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->bus == NULL)
    g_warning ("no session bus for the pop-up: %s", error->message);
  else
    {
      /* By the well-known name: the bus delivers only its owner's. */
      self->action_signal = g_dbus_connection_signal_subscribe (
          self->bus, NOTIFICATIONS_NAME, NOTIFICATIONS_IFACE, "ActionInvoked",
          NOTIFICATIONS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_action_invoked,
          self, NULL);
      self->closed_signal = g_dbus_connection_signal_subscribe (
          self->bus, NOTIFICATIONS_NAME, NOTIFICATIONS_IFACE,
          "NotificationClosed", NOTIFICATIONS_PATH, NULL,
          G_DBUS_SIGNAL_FLAGS_NONE, on_notification_closed, self, NULL);
    }
  self->server
      = limber_bus_peer_new (G_BUS_TYPE_SESSION, NOTIFICATIONS_NAME,
                             on_server_appeared, on_server_vanished, self);
  return self;
}

void
limber_notifier_free (LimberNotifier *self)
{
  if (self == NULL)
    return;
  /* Its owner is going too: tell it nothing more. */
  self->callbacks.presence_changed = NULL;
  limber_notifier_withdraw (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->server, limber_bus_peer_free);
  if (self->bus != NULL)
    {
      g_dbus_connection_signal_unsubscribe (self->bus, self->action_signal);
      g_dbus_connection_signal_unsubscribe (self->bus, self->closed_signal);
    }
  limber_banner_stop (&self->banner);
  g_clear_object (&self->bus);
  g_clear_object (&self->cancellable);
  g_free (self->problem);
  g_free (self);
}

void
limber_notifier_show (LimberNotifier *self, LimberPopup *popup)
{
  g_clear_pointer (&self->wanted, limber_popup_free);
  self->wanted = popup;
  if (self->bus == NULL)
    {
      set_presence (self, LIMBER_PRESENCE_NOT_SHOWN,
                    _ ("there is no session bus"));
      return;
    }
  send_wanted (self);
}

void
limber_notifier_withdraw (LimberNotifier *self)
{
  g_clear_pointer (&self->wanted, limber_popup_free);
  self->resend = FALSE;
  /* One still on its way is closed when its id comes back. */
  if (self->id != 0)
    close_on_server (self, self->id);
  self->id = 0;
  set_presence (self, LIMBER_PRESENCE_NONE, NULL);
}

void
limber_notifier_notice (LimberNotifier *self, const char *title,
                        const char *body)
{
  /* Only to a server already there: a notice is not worth starting one. */
  if (self->bus == NULL || !limber_bus_peer_has_owner (self->server))
    return;
  call_server (self, "Notify",
               limber_notify_message_notice (&self->info, title, body), NULL,
               G_DBUS_CALL_FLAGS_NO_AUTO_START, NULL);
}

void
limber_notifier_set_user_active (LimberNotifier *self, gboolean active)
{
  limber_banner_set_user_active (&self->banner, active);
  follow_banner (self);
}

LimberPresence
limber_notifier_get_presence (LimberNotifier *self)
{
  return self->presence;
}

const char *
limber_notifier_get_problem (LimberNotifier *self)
{
  return self->problem;
}
