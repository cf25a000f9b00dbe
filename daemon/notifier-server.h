/* What the notification server is, as far as the pop-up goes: what it says
 * it can do (GetCapabilities), and what some servers do that no capability
 * says, known by the name they give (GetServerInformation). */
#pragma once

#include <glib.h>

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
} LimberServerTraits;

typedef struct
{
  gboolean can_actions, can_markup, can_persist, can_icons;
  const LimberServerTraits *traits;
} LimberServerInfo;

/* A server not heard from yet: it can do nothing, and has no traits. */
void limber_server_info_init (LimberServerInfo *info);
/* Takes in GetCapabilities' answer. */
void limber_server_info_read_capabilities (LimberServerInfo *info,
                                           const char *const *caps);
/* Takes in the name GetServerInformation gives: a known server's traits,
 * or none. */
void limber_server_info_read_name (LimberServerInfo *info, const char *name);

/* Whether the server shows each notification for a while of its own. */
gboolean limber_server_info_uses_own_timeout (const LimberServerInfo *info);
