/* The Wayland idle client, in the module source-wayland.so (the only code
 * of limberd that links libwayland-client, so that a session without a
 * Wayland display never maps it). Given a socket already connected to the
 * compositor, it asks for an idle notification at the lull, through
 * ext-idle-notify-v1 (version 2's input-only notification where offered,
 * so that a video holding an idle inhibitor does not hide that nobody
 * types) or org_kde_kwin_idle where that is all there is, and reports
 * idled and resumed. Event-driven: the connection is one fd in the GLib
 * main loop. source-wayland.c drives it. */
#pragma once

#include <glib.h>
#include <gmodule.h>

typedef struct _LimberWaylandIdle LimberWaylandIdle;

typedef struct
{
  /* The compositor offers a protocol and the notification is set:
   * @protocol says which ("ext-idle-notify-v1 version 2, input only"). */
  void (*ready) (const char *protocol, gpointer user_data);
  /* No input for @idle_usec. */
  void (*idled) (gint64 idle_usec, gpointer user_data);
  /* Input again. */
  void (*resumed) (gpointer user_data);
  /* The connection is over; nothing more is reported. @why says why;
   * @gone: the compositor went away (another may take its place), not
   * merely lacking an idle protocol. Free the client later, not from this
   * callback. */
  void (*lost) (const char *why, gboolean gone, gpointer user_data);
  gpointer user_data;
} LimberWaylandIdleCallbacks;

/* Takes @fd (a connected socket) and starts talking; the answer comes
 * through @callbacks, from the main loop. NULL when libwayland refuses
 * the fd. */
G_MODULE_EXPORT LimberWaylandIdle *
limber_wayland_idle_new (int fd, gint64 lull_usec,
                         const LimberWaylandIdleCallbacks *callbacks);
/* Asks for a notification at the new lull instead. */
G_MODULE_EXPORT void limber_wayland_idle_set_lull (LimberWaylandIdle *self,
                                                   gint64 lull_usec);
G_MODULE_EXPORT void limber_wayland_idle_free (LimberWaylandIdle *self);

/* The same, as pointers looked up in the module. */
typedef struct
{
  LimberWaylandIdle *(*create) (int fd, gint64 lull_usec,
                                const LimberWaylandIdleCallbacks *callbacks);
  void (*set_lull) (LimberWaylandIdle *self, gint64 lull_usec);
  void (*free) (LimberWaylandIdle *self);
} LimberWaylandIdleModule;
