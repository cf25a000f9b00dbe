/* The Wayland idle client (daemon/sources/wayland-idle.c) on the protocol's
 * terms, against a server made here with libwayland-server on the other
 * end of a socket pair. The e2e tests run it against real KWin and sway;
 * neither offers ext-idle-notify-v1 version 2 (input-only notifications),
 * nor can they be made to vanish mid-sentence, so those are proven here:
 * version 2 asks for get_input_idle_notification, version 1 for
 * get_idle_notification, a new lull makes a new notification, idled and
 * resumed come through once each, no idle protocol and a server gone end
 * the connection, each said as what it is. */
#include <glib-unix.h>
#include <string.h>
#include <sys/socket.h>
#include <wayland-server.h>

#include "ext-idle-notify-v1-server-protocol.h"
#include "wayland-idle.h"

#define LULL (5 * G_USEC_PER_SEC)

typedef struct
{
  /* The server. */
  struct wl_display *display;
  struct wl_client *client;
  guint server_watch;
  struct wl_resource *notification;
  const char *request; /* "input" or "plain", the last one made */
  guint32 timeout;
  guint notifications;

  /* What the client said. */
  LimberWaylandIdle *idle;
  char *ready, *lost;
  gboolean gone;
  guint idled, resumed;
  gint64 idle_usec;
} Fixture;

static void
destroy_resource (struct wl_client *client, struct wl_resource *resource)
{
  (void) client;
  wl_resource_destroy (resource);
}

static const struct ext_idle_notification_v1_interface notification_impl = {
  .destroy = destroy_resource,
};

static void
forget_notification (struct wl_resource *resource)
{
  Fixture *f = wl_resource_get_user_data (resource);

  if (f->notification == resource)
    f->notification = NULL;
}

static void
make_notification (struct wl_client *client, struct wl_resource *notifier,
                   uint32_t id, uint32_t timeout, const char *request)
{
  Fixture *f = wl_resource_get_user_data (notifier);

  f->notification
      = wl_resource_create (client, &ext_idle_notification_v1_interface,
                            wl_resource_get_version (notifier), id);
  wl_resource_set_implementation (f->notification, &notification_impl, f,
                                  forget_notification);
  f->request = request;
  f->timeout = timeout;
  f->notifications++;
}

static void
get_idle_notification (struct wl_client *client, struct wl_resource *resource,
                       uint32_t id, uint32_t timeout, struct wl_resource *seat)
{
  (void) seat;
  make_notification (client, resource, id, timeout, "plain");
}

static void
get_input_idle_notification (struct wl_client *client,
                             struct wl_resource *resource, uint32_t id,
                             uint32_t timeout, struct wl_resource *seat)
{
  (void) seat;
  make_notification (client, resource, id, timeout, "input");
}

static const struct ext_idle_notifier_v1_interface notifier_impl = {
  .destroy = destroy_resource,
  .get_idle_notification = get_idle_notification,
  .get_input_idle_notification = get_input_idle_notification,
};

static void
bind_notifier (struct wl_client *client, void *data, uint32_t version,
               uint32_t id)
{
  struct wl_resource *resource = wl_resource_create (
      client, &ext_idle_notifier_v1_interface, (int) version, id);

  wl_resource_set_implementation (resource, &notifier_impl, data, NULL);
}

static void
seat_release (struct wl_client *client, struct wl_resource *resource)
{
  (void) client;
  wl_resource_destroy (resource);
}

static const struct wl_seat_interface seat_impl = {
  .release = seat_release,
};

static void
bind_seat (struct wl_client *client, void *data, uint32_t version, uint32_t id)
{
  struct wl_resource *resource
      = wl_resource_create (client, &wl_seat_interface, (int) version, id);

  wl_resource_set_implementation (resource, &seat_impl, data, NULL);
}

static gboolean
on_server_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  Fixture *f = user_data;

  (void) fd, (void) condition;
  wl_event_loop_dispatch (wl_display_get_event_loop (f->display), 0);
  wl_display_flush_clients (f->display);
  return G_SOURCE_CONTINUE;
}

static void
on_ready (const char *protocol, gpointer user_data)
{
  Fixture *f = user_data;

  f->ready = g_strdup (protocol);
}

static void
on_idled (gint64 idle_usec, gpointer user_data)
{
  Fixture *f = user_data;

  f->idled++;
  f->idle_usec = idle_usec;
}

static void
on_resumed (gpointer user_data)
{
  Fixture *f = user_data;

  f->resumed++;
}

static void
on_lost (const char *why, gboolean gone, gpointer user_data)
{
  Fixture *f = user_data;

  f->lost = g_strdup (why);
  f->gone = gone;
}

/* A server offering a seat and, with @version > 0, ext_idle_notifier_v1
 * at @version; the client connected to it. */
static void
start (Fixture *f, int version)
{
  int fds[2];
  LimberWaylandIdleCallbacks callbacks = {
    .ready = on_ready,
    .idled = on_idled,
    .resumed = on_resumed,
    .lost = on_lost,
    .user_data = f,
  };

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
  f->display = wl_display_create ();
  wl_global_create (f->display, &wl_seat_interface, 1, f, bind_seat);
  if (version > 0)
    wl_global_create (f->display, &ext_idle_notifier_v1_interface, version, f,
                      bind_notifier);
  f->client = wl_client_create (f->display, fds[0]);
  f->server_watch = g_unix_fd_add (
      wl_event_loop_get_fd (wl_display_get_event_loop (f->display)), G_IO_IN,
      on_server_readable, f);
  f->idle = limber_wayland_idle_new (fds[1], LULL, &callbacks);
  g_assert_nonnull (f->idle);
}

static void
stop (Fixture *f)
{
  limber_wayland_idle_free (f->idle);
  g_clear_handle_id (&f->server_watch, g_source_remove);
  if (f->display != NULL)
    {
      wl_display_destroy_clients (f->display);
      wl_display_destroy (f->display);
    }
  g_free (f->ready);
  g_free (f->lost);
}

static gboolean
keep_going (gpointer user_data)
{
  (void) user_data;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until *@flag is set (or fails after a while). */
static void
run_until (gconstpointer flag, gsize size)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  static const guint8 zero[16];
  /* So that the deadline is checked when nothing comes. */
  guint tick = g_timeout_add (100, keep_going, NULL);

  while (memcmp (flag, zero, size) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

/* The same, until *@count reaches @target. */
static void
run_until_count (const guint *count, guint target)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (100, keep_going, NULL);

  while (*count < target)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static void
send_and_flush (Fixture *f, void (*send) (struct wl_resource *))
{
  g_assert_nonnull (f->notification);
  send (f->notification);
  wl_display_flush_clients (f->display);
}

static void
test_version_2_asks_for_input_only (void)
{
  Fixture f = { 0 };

  start (&f, 2);
  run_until (&f.ready, sizeof f.ready);
  run_until (&f.notifications, sizeof f.notifications);
  g_assert_cmpstr (f.ready, ==, "ext-idle-notify-v1 version 2 (input only)");
  g_assert_cmpstr (f.request, ==, "input");
  g_assert_cmpuint (f.timeout, ==, LULL / 1000);

  send_and_flush (&f, ext_idle_notification_v1_send_idled);
  run_until (&f.idled, sizeof f.idled);
  g_assert_cmpint (f.idle_usec, ==, LULL);
  send_and_flush (&f, ext_idle_notification_v1_send_resumed);
  run_until (&f.resumed, sizeof f.resumed);
  g_assert_cmpuint (f.idled, ==, 1);
  g_assert_null (f.lost);
  stop (&f);
}

static void
test_version_1_asks_for_the_plain_one (void)
{
  Fixture f = { 0 };

  start (&f, 1);
  run_until (&f.notifications, sizeof f.notifications);
  g_assert_cmpstr (
      f.ready, ==,
      "ext-idle-notify-v1 version 1 (idle inhibitors hold it off)");
  g_assert_cmpstr (f.request, ==, "plain");
  stop (&f);
}

static void
test_new_lull_new_notification (void)
{
  Fixture f = { 0 };

  start (&f, 2);
  run_until (&f.notifications, sizeof f.notifications);
  send_and_flush (&f, ext_idle_notification_v1_send_idled);
  run_until (&f.idled, sizeof f.idled);

  limber_wayland_idle_set_lull (f.idle, 2 * G_USEC_PER_SEC);
  run_until_count (&f.notifications, 2);
  g_assert_cmpuint (f.timeout, ==, 2000);
  g_assert_cmpstr (f.request, ==, "input");
  /* The new notification, idle too, is not a second report. */
  send_and_flush (&f, ext_idle_notification_v1_send_idled);
  send_and_flush (&f, ext_idle_notification_v1_send_resumed);
  run_until (&f.resumed, sizeof f.resumed);
  g_assert_cmpuint (f.idled, ==, 1);
  stop (&f);
}

static void
test_no_idle_protocol (void)
{
  Fixture f = { 0 };

  start (&f, 0);
  run_until (&f.lost, sizeof f.lost);
  g_assert_false (f.gone);
  g_assert_nonnull (strstr (f.lost, "no idle protocol"));
  g_assert_null (f.ready);
  stop (&f);
}

static void
test_server_gone (void)
{
  Fixture f = { 0 };

  start (&f, 2);
  run_until (&f.ready, sizeof f.ready);
  g_clear_handle_id (&f.server_watch, g_source_remove);
  /* The compositor exits: its end of the socket closes. */
  wl_client_destroy (f.client);
  g_clear_pointer (&f.display, wl_display_destroy);
  run_until (&f.lost, sizeof f.lost);
  g_assert_true (f.gone);
  g_assert_cmpstr (f.lost, ==, "the compositor went away");
  stop (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wayland-idle/version-2-asks-for-input-only",
                   test_version_2_asks_for_input_only);
  g_test_add_func ("/wayland-idle/version-1-asks-for-the-plain-one",
                   test_version_1_asks_for_the_plain_one);
  g_test_add_func ("/wayland-idle/new-lull-new-notification",
                   test_new_lull_new_notification);
  g_test_add_func ("/wayland-idle/no-idle-protocol", test_no_idle_protocol);
  g_test_add_func ("/wayland-idle/server-gone", test_server_gone);
  return g_test_run ();
}
