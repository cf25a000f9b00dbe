#include "notifier.h"

#include "bus-peer.h"
#include "limber-duration.h"
#include "limber-names.h"

#include <libnotify/notify.h>

/* The spec's NotificationClosed reason for "dismissed by the user". */
#define CLOSED_DISMISSED 2

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"

struct _LimberNotifier
{
  NotifyNotification *shown; /* on the server now */
  gulong closed_handler;
  guint response_idle;
  LimberResponse response;
  LimberResponseFunc func;
  gpointer user_data;
  /* While a break should be on screen: what to show, so that it can be
   * shown again when a notification server comes (back). */
  LimberConfig *wanted;
  LimberUrgency wanted_urgency;
  /* libnotify talks to the server; this tells when one comes and goes, and
   * tries again one not answering yet. */
  LimberBusPeer *server;
  /* What the server said it can do, the last time it answered. */
  gboolean server_actions, server_markup;
};

static void display (LimberNotifier *self);
static void drop_shown (LimberNotifier *self);

static void
on_server_appeared (LimberBusPeer *server, gpointer user_data)
{
  LimberNotifier *self = user_data;

  (void) server;
  if (self->wanted != NULL && self->shown == NULL)
    {
      g_message ("a notification server is back: showing the break again");
      display (self);
    }
}

static void
on_server_vanished (LimberBusPeer *server, gpointer user_data)
{
  LimberNotifier *self = user_data;

  (void) server;
  /* Its notifications went with it. */
  if (self->shown != NULL)
    g_warning ("the notification server is gone; the break comes back with "
               "it");
  drop_shown (self);
}

LimberNotifier *
limber_notifier_new (LimberResponseFunc func, gpointer user_data)
{
  LimberNotifier *self = g_new0 (LimberNotifier, 1);

  self->func = func;
  self->user_data = user_data;
  notify_init ("limber");
  self->server
      = limber_bus_peer_new (G_BUS_TYPE_SESSION, NOTIFICATIONS_NAME,
                             on_server_appeared, on_server_vanished, self);
  return self;
}

/* Forgets the pop-up without telling the server. */
static void
drop_shown (LimberNotifier *self)
{
  if (self->shown == NULL)
    return;
  g_clear_signal_handler (&self->closed_handler, self->shown);
  notify_notification_clear_actions (self->shown);
  g_clear_object (&self->shown);
}

void
limber_notifier_free (LimberNotifier *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->response_idle, g_source_remove);
  g_clear_pointer (&self->server, limber_bus_peer_free);
  limber_notifier_withdraw (self);
  g_free (self);
  notify_uninit ();
}

static gboolean
deliver_response (gpointer user_data)
{
  LimberNotifier *self = user_data;

  self->response_idle = 0;
  self->func (self->response, self->user_data);
  return G_SOURCE_REMOVE;
}

static void
on_action (NotifyNotification *notification, char *action, gpointer user_data)
{
  LimberNotifier *self = user_data;

  if (g_str_equal (action, "snooze"))
    self->response = LIMBER_RESPONSE_SNOOZE;
  else if (g_str_equal (action, "skip"))
    self->response = LIMBER_RESPONSE_SKIP;
  else
    self->response = LIMBER_RESPONSE_DONE; /* "done", or the default action */

  /* A NotificationClosed after an action is the server tidying up, not a
   * dismissal. */
  g_clear_signal_handler (&self->closed_handler, notification);
  /* libnotify still uses the notification after this callback returns, so
   * the daemon withdraws (and unrefs) it from an idle. */
  if (self->response_idle == 0)
    self->response_idle = g_idle_add (deliver_response, self);
}

static void
on_closed (NotifyNotification *notification, gpointer user_data)
{
  LimberNotifier *self = user_data;
  int reason = notify_notification_get_closed_reason (notification);

  g_debug ("notification closed by the server, reason %d", reason);
  drop_shown (self);
  /* Closed by the user: not to be put back when a server comes back. */
  if (reason == CLOSED_DISMISSED)
    g_clear_pointer (&self->wanted, limber_config_free);
  /* Dismissed by the user, or expired (despite asking for no timeout) or
   * closed for a reason of the server's own. */
  self->func (reason == CLOSED_DISMISSED ? LIMBER_RESPONSE_DISMISSED
                                         : LIMBER_RESPONSE_EXPIRED,
              self->user_data);
}

static gboolean
has_capability (GList *caps, const char *name)
{
  return g_list_find_custom (caps, name, (GCompareFunc) g_strcmp0) != NULL;
}

/* FALSE if the server gave no capabilities at all. */
static gboolean
get_server_caps (gboolean *actions, gboolean *markup)
{
  GList *caps = notify_get_server_caps ();

  *actions = has_capability (caps, "actions");
  *markup = has_capability (caps, "body-markup");
  g_list_free_full (caps, g_free);
  return caps != NULL;
}

/* Text as the user wrote it, control characters included: those are shown
 * as ^X rather than acted on or dropped. */
static char *
visible_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        g_string_append_printf (out, "^%c", c == 0x7f ? '?' : c + 0x40);
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

static char *
compose_body (const LimberConfig *config, gboolean markup, gboolean actions)
{
  g_autofree char *routine = visible_text (config->routine);
  g_autoptr (GString) body = g_string_new (routine);

  if (!actions)
    {
      g_autofree char *length = limber_duration_format (config->break_length);
      g_string_append_printf (body,
                              "\n\nStep away for %s and it counts as done. "
                              "To postpone: limberctl snooze; to skip: "
                              "limberctl skip.",
                              length);
    }
  if (markup)
    return g_markup_escape_text (body->str, (gssize) body->len);
  return g_strdup (body->str);
}

static void
on_retry (LimberBusPeer *server, gpointer user_data)
{
  LimberNotifier *self = user_data;

  (void) server;
  if (self->wanted != NULL && self->shown == NULL)
    display (self);
}

/* A server that is there but not yet answering (it happens just after it
 * takes its name) is tried again in a moment, a few times. */
static gboolean
retry_later (LimberNotifier *self)
{
  return limber_bus_peer_retry (self->server, on_retry);
}

/* Puts the wanted break on the server: a new notification, or an update of
 * the one there. */
static void
display (LimberNotifier *self)
{
  const LimberConfig *config = self->wanted;
  g_autoptr (GError) error = NULL;
  gboolean actions, markup;

  /* No capabilities is a server not answering rather than one without
   * actions: shown without buttons, the break could not be answered. */
  if (get_server_caps (&actions, &markup))
    {
      self->server_actions = actions;
      self->server_markup = markup;
    }
  else if (self->shown == NULL && retry_later (self))
    {
      g_debug ("the notification server does not answer yet");
      return;
    }
  else
    {
      actions = self->server_actions;
      markup = self->server_markup;
    }

  g_autofree char *body = compose_body (config, markup, actions);
  g_autofree char *title = visible_text (config->title);

  if (self->shown == NULL)
    {
      self->shown = notify_notification_new (title, body, NULL);
      self->closed_handler = g_signal_connect (self->shown, "closed",
                                               G_CALLBACK (on_closed), self);
    }
  else
    notify_notification_update (self->shown, title, body, NULL);

  NotifyNotification *n = self->shown;
  notify_notification_set_app_name (n, "limber");
  notify_notification_set_category (n, "x-limber.break");
  notify_notification_set_hint_string (n, "desktop-entry", LIMBER_DESKTOP_ID);
  /* Stays until the user acts on it or the break ends; we withdraw it. */
  notify_notification_set_timeout (n, NOTIFY_EXPIRES_NEVER);
  notify_notification_set_hint (n, "resident", g_variant_new_boolean (TRUE));
  notify_notification_set_urgency (n, self->wanted_urgency
                                              == LIMBER_URGENCY_CRITICAL
                                          ? NOTIFY_URGENCY_CRITICAL
                                          : NOTIFY_URGENCY_NORMAL);
  notify_notification_clear_actions (n);
  if (actions)
    {
      g_autofree char *snooze = limber_duration_format (config->snooze);
      g_autofree char *snooze_label = g_strdup_printf ("Snooze %s", snooze);
      notify_notification_add_action (n, "default", "Done", on_action, self,
                                      NULL);
      notify_notification_add_action (n, "done", "Done", on_action, self, NULL);
      notify_notification_add_action (n, "snooze", snooze_label, on_action,
                                      self, NULL);
      notify_notification_add_action (n, "skip", "Skip", on_action, self, NULL);
    }

  if (!notify_notification_show (n, &error))
    {
      /* Shown again when a server appears, or in a moment. */
      g_warning ("cannot show the break notification: %s", error->message);
      drop_shown (self);
      retry_later (self);
    }
  else
    limber_bus_peer_reset_retries (self->server);
}

void
limber_notifier_show (LimberNotifier *self, const LimberConfig *config,
                      LimberUrgency urgency)
{
  g_clear_pointer (&self->wanted, limber_config_free);
  self->wanted = limber_config_copy (config);
  self->wanted_urgency = urgency;
  display (self);
}

void
limber_notifier_withdraw (LimberNotifier *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->wanted, limber_config_free);
  if (self->shown == NULL)
    return;
  g_clear_signal_handler (&self->closed_handler, self->shown);
  if (!notify_notification_close (self->shown, &error))
    g_debug ("cannot withdraw the break notification: %s", error->message);
  drop_shown (self);
}
