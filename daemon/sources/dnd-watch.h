/* The watchers behind dnd.c, one per kind of switch; each tells
 * @changed when its value may have changed, and is read with its getter.
 * Private to dnd.c. */
#pragma once

#include <glib.h>

typedef void (*LimberDndWatchFunc) (gpointer user_data);

/* dnd-server.c: the notification server itself, whoever it is: its name
 * (GetServerInformation), dunst's "paused" and the "Inhibited" property
 * (KDE), both followed through PropertiesChanged. */
typedef struct _LimberDndServer LimberDndServer;
LimberDndServer *limber_dnd_server_new (LimberDndWatchFunc changed,
                                        gpointer user_data);
void limber_dnd_server_free (LimberDndServer *self);
/* The name it gives, or NULL while none answers. */
const char *limber_dnd_server_get_name (LimberDndServer *self);
gboolean limber_dnd_server_get_paused (LimberDndServer *self);
gboolean limber_dnd_server_get_inhibited (LimberDndServer *self);

/* dnd-gnome.c: show-banners, where the schema is installed (else never
 * silenced: GLib aborts on a schema that is not). */
typedef struct _LimberDndGnome LimberDndGnome;
LimberDndGnome *limber_dnd_gnome_new (LimberDndWatchFunc changed,
                                      gpointer user_data);
void limber_dnd_gnome_free (LimberDndGnome *self);
gboolean limber_dnd_gnome_get_silenced (LimberDndGnome *self);

/* dnd-xfce.c: /do-not-disturb of the xfce4-notifyd channel, from xfconfd
 * (org.xfce.Xfconf) while it runs. */
typedef struct _LimberDndXfce LimberDndXfce;
LimberDndXfce *limber_dnd_xfce_new (LimberDndWatchFunc changed,
                                    gpointer user_data);
void limber_dnd_xfce_free (LimberDndXfce *self);
gboolean limber_dnd_xfce_get_silenced (LimberDndXfce *self);
