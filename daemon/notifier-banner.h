/* When the pop-up's banner leaves the screen for the notification list, on
 * servers that move banners there (GNOME Shell 43: LimberServerTraits'
 * banner_usec and banner_return_usec); the pop-up is then "in the list". */
#pragma once

#include "notifier-server.h"

typedef struct
{
  gboolean user_active;
  gboolean shown_away; /* the banner came while the user was away */
  guint timer;
  void (*gone) (gpointer user_data); /* the banner left the screen */
  gpointer user_data;
} LimberBanner;

/* A user at the keyboard, no banner. */
void limber_banner_init (LimberBanner *self, void (*gone) (gpointer user_data),
                         gpointer user_data);
/* The banner came (back) on screen: an update puts it back. */
void limber_banner_shown (LimberBanner *self);
/* Starts the clock on @server, once, if the banner is one that leaves
 * (@may_leave: on screen, and not critical). */
void limber_banner_follow (LimberBanner *self, const LimberServerTraits *server,
                           gboolean may_leave);
void limber_banner_set_user_active (LimberBanner *self, gboolean active);
/* No banner on screen any more: the clock stops. */
void limber_banner_stop (LimberBanner *self);
