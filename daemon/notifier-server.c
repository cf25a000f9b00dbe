#include "notifier-server.h"

static const LimberServerTraits known_servers[] = {
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

static const LimberServerTraits unknown_server = { .name = NULL };

void
limber_server_info_init (LimberServerInfo *info)
{
  *info = (LimberServerInfo){ .traits = &unknown_server };
}

static gboolean
has_string (const char *const *list, const char *item)
{
  return list != NULL && g_strv_contains (list, item);
}

void
limber_server_info_read_capabilities (LimberServerInfo *info,
                                      const char *const *caps)
{
  info->can_actions = has_string (caps, "actions");
  info->can_markup = has_string (caps, "body-markup");
  info->can_persist = has_string (caps, "persistence");
  info->can_icons
      = has_string (caps, "icon-static") || has_string (caps, "icon-multi");
  g_debug ("the notification server can: actions %d, markup %d, "
           "persistence %d, icons %d",
           info->can_actions, info->can_markup, info->can_persist,
           info->can_icons);
}

void
limber_server_info_read_name (LimberServerInfo *info, const char *name)
{
  info->traits = &unknown_server;
  for (guint i = 0; i < G_N_ELEMENTS (known_servers); i++)
    if (g_str_equal (name, known_servers[i].name))
      info->traits = &known_servers[i];
  g_debug ("the notification server is %s", name);
}

/* A server that can neither keep a notification nor have it answered shows
 * each for a while of its own: one that never expires gets nothing better
 * there (notify-osd turns it into a dialog that can never be taken down),
 * so it gets the server's own timeout, and when that runs out the pop-up
 * has been seen. */
gboolean
limber_server_info_uses_own_timeout (const LimberServerInfo *info)
{
  return !info->can_actions && !info->can_persist;
}
