/* Where the pop-up is, in words: the name of its presence that limberd
 * publishes, and why it is not shown when the server could not be asked. */
#pragma once

#include <gio/gio.h>

typedef enum
{
  LIMBER_PRESENCE_NONE,      /* no pop-up wanted */
  LIMBER_PRESENCE_SENDING,   /* asked for; the server has not answered */
  LIMBER_PRESENCE_ON_SCREEN, /* the server took it and shows it */
  LIMBER_PRESENCE_IN_LIST,   /* the banner is gone; it waits in the list */
  LIMBER_PRESENCE_NOT_SHOWN, /* no server took it: see the problem */
} LimberPresence;

/* "on-screen", "in-list", "not-shown", "sending", or "" for none. */
const char *limber_presence_to_string (LimberPresence presence);

/* The problem to show when a call to the server failed with @error. */
char *limber_presence_describe_failure (const GError *error);
