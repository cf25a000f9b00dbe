/* GNOME's own break reminders (GNOME 48 and later, schema
 * org.gnome.desktop.break-reminders): whether its movement breaks are on,
 * so that limberd can say so and nobody is reminded twice. The schema is
 * looked up before it is read: GLib aborts on a schema that is not
 * installed, as on GNOME before 48. */
#pragma once

#include <glib.h>

typedef struct _LimberGnomeBreaks LimberGnomeBreaks;

/* @changed runs when the notice changes. */
LimberGnomeBreaks *limber_gnome_breaks_new (void (*changed) (gpointer),
                                            gpointer user_data);
void limber_gnome_breaks_free (LimberGnomeBreaks *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberGnomeBreaks, limber_gnome_breaks_free)

/* "" while GNOME's movement breaks are off (or GNOME has none); else what
 * to tell the user, with how to turn one of the two off. */
const char *limber_gnome_breaks_get_notice (LimberGnomeBreaks *self);
