/* Do not disturb: whether the person has silenced notifications on the
 * server that shows limber's pop-up, told by that server's own switch and
 * followed as it changes (no polling):
 *
 *   dunst          org.dunstproject.cmd0 property "paused"
 *   KDE Plasma     org.freedesktop.Notifications property "Inhibited" (also
 *                  on while a screen is shared or a window is fullscreen)
 *   GNOME Shell    GSettings org.gnome.desktop.notifications show-banners
 *   xfce4-notifyd  xfconf channel xfce4-notifyd, property /do-not-disturb
 *
 * GNOME's and Xfce's switches are settings that outlive their desktop:
 * they count only while their own server owns org.freedesktop.Notifications,
 * and are watched only then. mako (modes) and swaync are not followed: see
 * README.md. */
#pragma once

#include <glib.h>

typedef struct _LimberDnd LimberDnd;

/* Do not disturb came, went, or is told by another server now. */
typedef void (*LimberDndFunc) (gpointer user_data);

LimberDnd *limber_dnd_new (LimberDndFunc changed, gpointer user_data);
void limber_dnd_free (LimberDnd *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDnd, limber_dnd_free)

/* Who silenced notifications ("dunst", "Plasma", "GNOME",
 * "xfce4-notifyd"), or NULL while nobody has. */
const char *limber_dnd_get_who (LimberDnd *self);
