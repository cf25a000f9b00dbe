/* The Wayland idle client (see wayland-idle.h). One connection, one seat,
 * one notification at the lull. The display's fd is watched by the GLib
 * main loop; each time it is readable the events are read
 * (prepare_read / read_events) and dispatched, and requests are flushed,
 * so nothing is left queued when the loop sleeps: no timer, no wake-up
 * while nobody types. */
#include "wayland-idle.h"

#include <errno.h>
#include <glib-unix.h>
#include <string.h>
#include <wayland-client.h>

#include "ext-idle-notify-v1-client-protocol.h"
#include "idle-client-protocol.h"

/* get_input_idle_notification came with version 2. */
#define EXT_IDLE_INPUT_VERSION 2

struct _LimberWaylandIdle
{
  LimberWaylandIdleCallbacks callbacks;
  struct wl_display *display;
  struct wl_registry *registry;
  struct wl_callback *sync;
  guint fd_watch;
  gint64 lull_usec;
  gboolean idle;
  char *lost; /* why the connection is over, once it is */
  gboolean gone;

  /* The globals, by name, until bound. */
  guint32 seat_name, ext_name, kde_name;
  guint32 ext_version;
  struct wl_seat *seat;
  struct ext_idle_notifier_v1 *ext_notifier;
  struct ext_idle_notification_v1 *ext_notification;
  struct org_kde_kwin_idle *kde_idle;
  struct org_kde_kwin_idle_timeout *kde_timeout;
};

static void
drop_notification (LimberWaylandIdle *self)
{
  g_clear_pointer (&self->ext_notification, ext_idle_notification_v1_destroy);
  g_clear_pointer (&self->kde_timeout, org_kde_kwin_idle_timeout_release);
}

static void
disconnect (LimberWaylandIdle *self)
{
  g_clear_handle_id (&self->fd_watch, g_source_remove);
  drop_notification (self);
  g_clear_pointer (&self->ext_notifier, ext_idle_notifier_v1_destroy);
  g_clear_pointer (&self->kde_idle, org_kde_kwin_idle_destroy);
  g_clear_pointer (&self->seat, wl_seat_destroy);
  g_clear_pointer (&self->sync, wl_callback_destroy);
  g_clear_pointer (&self->registry, wl_registry_destroy);
  g_clear_pointer (&self->display, wl_display_disconnect);
}

/* The end of this connection. Handlers only note it: libwayland is still
 * dispatching, so the display is let go of once it returns (end()). */
static void
lose (LimberWaylandIdle *self, const char *why, gboolean gone)
{
  if (self->lost != NULL)
    return;
  self->lost = g_strdup (why);
  self->gone = gone;
}

/* Said once, then silence. */
static void
end (LimberWaylandIdle *self)
{
  disconnect (self);
  self->callbacks.lost (self->lost, self->gone, self->callbacks.user_data);
}

static void
on_idled (LimberWaylandIdle *self)
{
  /* A notification made anew at a new lull fires again for a user who
   * was already idle: the first report stands. */
  if (self->idle)
    return;
  self->idle = TRUE;
  self->callbacks.idled (self->lull_usec, self->callbacks.user_data);
}

static void
on_resumed (LimberWaylandIdle *self)
{
  if (!self->idle)
    return;
  self->idle = FALSE;
  self->callbacks.resumed (self->callbacks.user_data);
}

static void
ext_idled (void *data, struct ext_idle_notification_v1 *notification)
{
  (void) notification;
  on_idled (data);
}

static void
ext_resumed (void *data, struct ext_idle_notification_v1 *notification)
{
  (void) notification;
  on_resumed (data);
}

static const struct ext_idle_notification_v1_listener ext_listener = {
  .idled = ext_idled,
  .resumed = ext_resumed,
};

static void
kde_idle (void *data, struct org_kde_kwin_idle_timeout *timeout)
{
  (void) timeout;
  on_idled (data);
}

static void
kde_resumed (void *data, struct org_kde_kwin_idle_timeout *timeout)
{
  (void) timeout;
  on_resumed (data);
}

static const struct org_kde_kwin_idle_timeout_listener kde_listener = {
  .idle = kde_idle,
  .resumed = kde_resumed,
};

static guint32
timeout_ms (LimberWaylandIdle *self)
{
  return (guint32) CLAMP (self->lull_usec / 1000, 1000, G_MAXUINT32);
}

static void
ask_for_notification (LimberWaylandIdle *self)
{
  if (self->ext_notifier != NULL)
    {
      self->ext_notification
          = self->ext_version >= EXT_IDLE_INPUT_VERSION
                ? ext_idle_notifier_v1_get_input_idle_notification (
                    self->ext_notifier, timeout_ms (self), self->seat)
                : ext_idle_notifier_v1_get_idle_notification (
                    self->ext_notifier, timeout_ms (self), self->seat);
      ext_idle_notification_v1_add_listener (self->ext_notification,
                                             &ext_listener, self);
    }
  else if (self->kde_idle != NULL)
    {
      self->kde_timeout = org_kde_kwin_idle_get_idle_timeout (
          self->kde_idle, self->seat, timeout_ms (self));
      org_kde_kwin_idle_timeout_add_listener (self->kde_timeout, &kde_listener,
                                              self);
    }
}

static void
registry_global (void *data, struct wl_registry *registry, uint32_t name,
                 const char *interface, uint32_t version)
{
  LimberWaylandIdle *self = data;

  (void) registry;
  if (g_str_equal (interface, wl_seat_interface.name) && self->seat_name == 0)
    self->seat_name = name;
  else if (g_str_equal (interface, ext_idle_notifier_v1_interface.name))
    {
      self->ext_name = name;
      self->ext_version = MIN (version, EXT_IDLE_INPUT_VERSION);
    }
  else if (g_str_equal (interface, org_kde_kwin_idle_interface.name))
    self->kde_name = name;
}

static void
registry_global_remove (void *data, struct wl_registry *registry, uint32_t name)
{
  LimberWaylandIdle *self = data;

  (void) registry;
  if (name == self->seat_name
      || (self->ext_notifier != NULL && name == self->ext_name)
      || (self->kde_idle != NULL && name == self->kde_name))
    lose (self, "the compositor withdrew the seat or the idle protocol", FALSE);
}

static const struct wl_registry_listener registry_listener = {
  .global = registry_global,
  .global_remove = registry_global_remove,
};

/* Every global has been announced: bind what is best. */
static void
on_globals_done (void *data, struct wl_callback *callback, uint32_t serial)
{
  LimberWaylandIdle *self = data;
  g_autofree char *protocol = NULL;

  (void) serial;
  g_clear_pointer (&self->sync, wl_callback_destroy);
  (void) callback;
  if (self->ext_name == 0 && self->kde_name == 0)
    {
      lose (self,
            "the compositor offers no idle protocol (neither "
            "ext-idle-notify-v1 nor org_kde_kwin_idle)",
            FALSE);
      return;
    }
  if (self->seat_name == 0)
    {
      lose (self, "the compositor offers no seat", FALSE);
      return;
    }
  self->seat = wl_registry_bind (self->registry, self->seat_name,
                                 &wl_seat_interface, 1);
  if (self->ext_name != 0)
    {
      self->ext_notifier = wl_registry_bind (self->registry, self->ext_name,
                                             &ext_idle_notifier_v1_interface,
                                             self->ext_version);
      protocol = g_strdup_printf ("ext-idle-notify-v1 version %u (%s)",
                                  self->ext_version,
                                  self->ext_version >= EXT_IDLE_INPUT_VERSION
                                      ? "input only"
                                      : "idle inhibitors hold it off");
    }
  else
    {
      self->kde_idle = wl_registry_bind (self->registry, self->kde_name,
                                         &org_kde_kwin_idle_interface, 1);
      protocol = g_strdup ("org_kde_kwin_idle");
    }
  ask_for_notification (self);
  self->callbacks.ready (protocol, self->callbacks.user_data);
}

static const struct wl_callback_listener sync_listener = {
  .done = on_globals_done,
};

static void
lose_to_errno (LimberWaylandIdle *self, int error)
{
  int protocol_error = wl_display_get_error (self->display);
  g_autofree char *why = NULL;

  if (protocol_error == EPROTO)
    why = g_strdup ("the compositor ended the connection (protocol error)");
  else if (error == EPIPE || error == ECONNRESET || error == 0)
    why = g_strdup ("the compositor went away");
  else
    why = g_strdup_printf ("the connection to the compositor failed: %s",
                           g_strerror (error));
  lose (self, why, TRUE);
}

static void
flush (LimberWaylandIdle *self)
{
  /* EAGAIN: the socket is full; what is left goes with the next flush. */
  if (wl_display_flush (self->display) < 0 && errno != EAGAIN)
    lose_to_errno (self, errno);
}

static gboolean
on_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  LimberWaylandIdle *self = user_data;

  (void) fd, (void) condition;
  /* Nothing else reads this display, so the queue is empty: read, then
   * dispatch what came. */
  if (wl_display_prepare_read (self->display) == 0
      && wl_display_read_events (self->display) < 0)
    lose_to_errno (self, errno);
  else if (wl_display_dispatch_pending (self->display) < 0)
    lose_to_errno (self, errno);
  else if (self->lost == NULL)
    flush (self);
  if (self->lost == NULL)
    return G_SOURCE_CONTINUE;
  self->fd_watch = 0;
  end (self);
  return G_SOURCE_REMOVE;
}

LimberWaylandIdle *
limber_wayland_idle_new (int fd, gint64 lull_usec,
                         const LimberWaylandIdleCallbacks *callbacks)
{
  LimberWaylandIdle *self;
  struct wl_display *display = wl_display_connect_to_fd (fd);

  if (display == NULL)
    return NULL;
  self = g_new0 (LimberWaylandIdle, 1);
  self->callbacks = *callbacks;
  self->lull_usec = lull_usec;
  self->display = display;
  self->registry = wl_display_get_registry (display);
  wl_registry_add_listener (self->registry, &registry_listener, self);
  /* Its answer comes after every global: no round trip that would block
   * the main loop on a compositor still starting. */
  self->sync = wl_display_sync (display);
  wl_callback_add_listener (self->sync, &sync_listener, self);
  self->fd_watch
      = g_unix_fd_add (wl_display_get_fd (display),
                       G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, self);
  /* A failure shows as the fd's hang-up, in the main loop. */
  wl_display_flush (display);
  return self;
}

void
limber_wayland_idle_set_lull (LimberWaylandIdle *self, gint64 lull_usec)
{
  if (self->lost != NULL || self->lull_usec == lull_usec)
    return;
  self->lull_usec = lull_usec;
  if (self->ext_notification == NULL && self->kde_timeout == NULL)
    return;
  drop_notification (self);
  ask_for_notification (self);
  flush (self);
  if (self->lost != NULL)
    end (self);
}

void
limber_wayland_idle_free (LimberWaylandIdle *self)
{
  if (self == NULL)
    return;
  disconnect (self);
  g_free (self->lost);
  g_free (self);
}
