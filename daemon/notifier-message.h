/* The pop-up as a Notify call, on the server at hand: its text made
 * visible (and escaped where the server reads markup), its answers as
 * actions, its hints and urgency; and a passing notice the same way. */
#pragma once

#include "notifier-server.h"
#include "popup.h"

/* Notify's arguments for @popup on @server, in place of notification @id
 * (0: a new one); a floating reference. */
GVariant *limber_notify_message_popup (const LimberServerInfo *server,
                                       const LimberPopup *popup, guint32 id);
/* Notify's arguments for a passing notice: low urgency, transient, no
 * answers; a floating reference. */
GVariant *limber_notify_message_notice (const LimberServerInfo *server,
                                        const char *title, const char *body);

/* The urgency hint @popup gets on @server: 0 low, 1 normal, 2 critical. */
guint8 limber_notify_urgency (const LimberServerInfo *server,
                              const LimberPopup *popup);
