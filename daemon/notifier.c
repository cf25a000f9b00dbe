#include "notifier.h"

#include "bus-peer.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-text.h"

#define NOTIFICATIONS_NAME  "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH  "/org/freedesktop/Notifications"
#define NOTIFICATIONS_IFACE "org.freedesktop.Notifications"

/* Long enough for a server being started by the bus; the loop never waits
 * on it. */
#define CALL_TIMEOUT_MS 5000

/* What some servers do that no capability says, by the name they give in
 * GetServerInformation. */
typedef struct
{
  const char *name;
  /* It draws no button for the "default" action (a click on the pop-up
   * does it), so that action needs a button of its own. Elsewhere the
   * default action may become a button, so it *is* that button there:
   * never the same label twice. */
  gboolean hides_default_action;
  /* A normal-urgency banner leaves the screen for the notification list
   * this long after it was shown to a user at the keyboard (0: it
   * stays)… */
  gint64 banner_usec;
  /* …or this long after the user comes back to one shown while away. */
  gint64 banner_return_usec;
  /* CloseNotification forgets the notification but leaves its bubble on
   * screen. */
  gboolean keeps_closed_bubble;
  /* With a "value" hint it draws a gauge alone: no text, no buttons. */
  gboolean value_is_gauge;
} ServerTraits;

static const ServerTraits known_servers[] = {
  /* GNOME Shell 43 (js/ui/messageTray.js): a banner shown to an active
   * user hides 4 s after its 0.2 s slide-in; one shown to an idle user
   * stays until input comes, then hides 2 s later; critical ones stay.
   * The slide-out takes 0.2 s more, and a busy shell draws late: "in the
   * list" once it is surely gone, never while it is still there. */
  { .name = "gnome-shell",
    .hides_default_action = TRUE,
    .banner_usec = 5000 * G_TIME_SPAN_MILLISECOND,
    .banner_return_usec = 3000 * G_TIME_SPAN_MILLISECOND },
  /* notification-daemon 3.20 draws the other actions as buttons, and
   * "default" as a click on the bubble. Its CloseNotification leaves the
   * bubble up ("FIXME: withdraw currently showing bubbles", nd-queue.c). */
  { .name = "Notification Daemon",
    .hides_default_action = TRUE,
    .keeps_closed_bubble = TRUE },
  { .name = "Plasma", .hides_default_action = TRUE },
  /* xfce4-notifyd 0.7 shows a notification with a value as a volume-like
   * gauge. */
  { .name = "Xfce Notify Daemon", .value_is_gauge = TRUE },
};

static const ServerTraits unknown_server = { .name = NULL };

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
  gboolean can_actions, can_markup, can_persist, can_icons;
  const ServerTraits *traits;

  /* The pop-up wanted on screen, and where it is. */
  LimberPopup *wanted;
  guint32 id;        /* the server's, while it has our pop-up */
  gboolean sending;  /* a Notify on its way */
  gboolean resend;   /* and the pop-up changed since it left */
  gboolean answered; /* an action came: a close after it is tidying up */
  LimberPresence presence;
  char *problem;

  gboolean user_active;
  gboolean shown_away; /* the banner came while the user was away */
  guint banner_timer;
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

static void
set_presence (LimberNotifier *self, LimberPresence presence,
              const char *problem)
{
  if (presence != LIMBER_PRESENCE_ON_SCREEN)
    g_clear_handle_id (&self->banner_timer, g_source_remove);
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

/* Why a call to the server failed, in the user's words. */
static char *
describe_failure (const GError *error)
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

/* Text as the user (or a config file) wrote it, shown rather than acted
 * on: controls, bidi overrides and bytes that are not UTF-8 become visible
 * marks. The body keeps its line breaks and tabs; the title is one line. */
static char *
visible_text (const char *text)
{
  return limber_text_visible (
      text, -1, LIMBER_TEXT_KEEP_NEWLINES | LIMBER_TEXT_KEEP_TABS);
}

static char *
visible_title (const char *text)
{
  return limber_text_visible (text, -1, LIMBER_TEXT_ONE_LINE);
}

static char *
compose_body (LimberNotifier *self, const LimberPopup *popup)
{
  g_autofree char *text = visible_text (popup->body);
  g_autoptr (GString) body = g_string_new (text);

  if (!self->can_actions && popup->without_actions != NULL)
    g_string_append_printf (body, "\n\n%s", popup->without_actions);
  if (self->can_markup)
    return g_markup_escape_text (body->str, (gssize) body->len);
  return g_strdup (body->str);
}

static void
add_actions (LimberNotifier *self, const LimberPopup *popup,
             GVariantBuilder *actions)
{
  const char *fold = NULL;

  if (!self->can_actions)
    return;
  if (popup->default_action != NULL)
    {
      if (self->traits->hides_default_action)
        g_variant_builder_add (actions, "s", "default"),
            g_variant_builder_add (actions, "s", "");
      else
        fold = popup->default_action;
    }
  for (guint i = 0; i < popup->n_actions; i++)
    {
      const LimberPopupAction *action = &popup->actions[i];
      gboolean is_default = g_strcmp0 (action->id, fold) == 0;
      g_variant_builder_add (actions, "s", is_default ? "default" : action->id);
      g_variant_builder_add (actions, "s", action->label);
    }
}

/* A server that can neither keep a notification nor have it answered shows
 * each for a while of its own: one that never expires gets nothing better
 * there (notify-osd turns it into a dialog that can never be taken down),
 * so it gets the server's own timeout, and when that runs out the pop-up
 * has been seen. */
static gboolean
uses_own_timeout (LimberNotifier *self)
{
  return !self->can_actions && !self->can_persist;
}

/* The spec's urgency: 0 low, 1 normal, 2 critical. A routine being
 * followed is critical where the server would take a normal banner off the
 * screen (GNOME Shell, seconds after the user is active): its step must
 * stay as long as it lasts. */
static guint8
urgency_byte (LimberNotifier *self, const LimberPopup *popup)
{
  if (popup->urgency == LIMBER_URGENCY_CRITICAL
      || (popup->keep_on_screen && self->traits->banner_usec > 0))
    return 2;
  return popup->urgency == LIMBER_URGENCY_LOW ? 0 : 1;
}

static void on_notified (GObject *source, GAsyncResult *result,
                         gpointer user_data);
static void probe (LimberNotifier *self);
static void on_retry (LimberBusPeer *server, gpointer user_data);

static void
send_wanted (LimberNotifier *self)
{
  const LimberPopup *popup = self->wanted;
  GVariantBuilder actions, hints;

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

  g_autofree char *title = visible_title (popup->title);
  g_autofree char *body = compose_body (self, popup);
  g_variant_builder_init (&actions, G_VARIANT_TYPE ("as"));
  add_actions (self, popup, &actions);
  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&hints, "{sv}", "urgency",
                         g_variant_new_byte (urgency_byte (self, popup)));
  g_variant_builder_add (&hints, "{sv}", "category",
                         g_variant_new_string ("x-limber.break"));
  g_variant_builder_add (&hints, "{sv}", "desktop-entry",
                         g_variant_new_string (LIMBER_DESKTOP_ID));
  /* Stays until answered or withdrawn, and past an answer until we take it
   * down. */
  g_variant_builder_add (&hints, "{sv}", "resident",
                         g_variant_new_boolean (TRUE));
  /* Progress, where it comes with the text. */
  if (popup->value >= 0 && !self->traits->value_is_gauge)
    g_variant_builder_add (&hints, "{sv}", "value",
                           g_variant_new_int32 (popup->value));

  if (self->presence != LIMBER_PRESENCE_ON_SCREEN
      && self->presence != LIMBER_PRESENCE_IN_LIST)
    set_presence (self, LIMBER_PRESENCE_SENDING, NULL);
  self->sending = TRUE;
  call_server (self, "Notify",
               g_variant_new ("(susssasa{sv}i)", "limber", self->id,
                              self->can_icons ? LIMBER_ICON_NAME : "", title,
                              body, &actions, &hints,
                              uses_own_timeout (self) ? -1 : 0),
               "(u)", G_DBUS_CALL_FLAGS_NONE, on_notified);
}

static gboolean
banner_gone (gpointer user_data)
{
  LimberNotifier *self = user_data;

  self->banner_timer = 0;
  set_presence (self, LIMBER_PRESENCE_IN_LIST, NULL);
  return G_SOURCE_REMOVE;
}

/* On servers that move banners into their list, the clock starts when the
 * banner comes to a user at the keyboard, or when the user comes back to
 * it. */
static void
follow_banner (LimberNotifier *self)
{
  gint64 usec = self->shown_away ? self->traits->banner_return_usec
                                 : self->traits->banner_usec;

  if (self->presence != LIMBER_PRESENCE_ON_SCREEN || usec == 0
      || self->wanted == NULL || urgency_byte (self, self->wanted) == 2
      || !self->user_active || self->banner_timer != 0)
    return;
  self->banner_timer = g_timeout_add ((guint) (usec / 1000), banner_gone, self);
}

static void
close_on_server (LimberNotifier *self, guint32 id)
{
  GVariantBuilder hints;

  /* Never starts a server just to close something it does not have. */
  if (!self->traits->keeps_closed_bubble)
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
      g_autofree char *problem = describe_failure (error);
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
  g_clear_handle_id (&self->banner_timer, g_source_remove);
  self->shown_away = !self->user_active;
  set_presence (self, LIMBER_PRESENCE_ON_SCREEN, NULL);
  follow_banner (self);
}

static gboolean
has_string (const char *const *list, const char *item)
{
  return list != NULL && g_strv_contains (list, item);
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
  g_autofree char *problem = describe_failure (error);

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
      self->can_actions = has_string (caps, "actions");
      self->can_markup = has_string (caps, "body-markup");
      self->can_persist = has_string (caps, "persistence");
      self->can_icons
          = has_string (caps, "icon-static") || has_string (caps, "icon-multi");
      g_debug ("the notification server can: actions %d, markup %d, "
               "persistence %d, icons %d",
               self->can_actions, self->can_markup, self->can_persist,
               self->can_icons);
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
      self->traits = &unknown_server;
      for (guint i = 0; i < G_N_ELEMENTS (known_servers); i++)
        if (g_str_equal (name, known_servers[i].name))
          self->traits = &known_servers[i];
      g_debug ("the notification server is %s", name);
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
          || (reason == LIMBER_CLOSED_EXPIRED && uses_own_timeout (self)),
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
  self->traits = &unknown_server;
  self->user_active = TRUE;
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
  g_clear_handle_id (&self->banner_timer, g_source_remove);
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
  GVariantBuilder hints;

  /* Only to a server already there: a notice is not worth starting one. */
  if (self->bus == NULL || !limber_bus_peer_has_owner (self->server))
    return;
  g_autofree char *shown_title = visible_title (title);
  g_autofree char *visible_body = visible_text (body);
  g_autofree char *escaped = self->can_markup
                                 ? g_markup_escape_text (visible_body, -1)
                                 : g_strdup (visible_body);
  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&hints, "{sv}", "urgency", g_variant_new_byte (0));
  g_variant_builder_add (&hints, "{sv}", "transient",
                         g_variant_new_boolean (TRUE));
  g_variant_builder_add (&hints, "{sv}", "category",
                         g_variant_new_string ("x-limber.notice"));
  g_variant_builder_add (&hints, "{sv}", "desktop-entry",
                         g_variant_new_string (LIMBER_DESKTOP_ID));
  call_server (self, "Notify",
               g_variant_new ("(susss@asa{sv}i)", "limber", 0,
                              self->can_icons ? LIMBER_ICON_NAME : "",
                              shown_title, escaped,
                              g_variant_new_strv (NULL, 0), &hints, -1),
               NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, NULL);
}

void
limber_notifier_set_user_active (LimberNotifier *self, gboolean active)
{
  self->user_active = active;
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
