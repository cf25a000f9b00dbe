/* The break pop-up, through libnotify and the desktop's notification
 * server. */
#pragma once

#include "config.h"
#include "scheduler.h"

typedef enum
{
  LIMBER_RESPONSE_DONE,
  LIMBER_RESPONSE_SNOOZE,
  LIMBER_RESPONSE_SKIP,
  LIMBER_RESPONSE_DISMISSED,
  LIMBER_RESPONSE_EXPIRED, /* the server closed it for its own reasons */
} LimberResponse;

typedef void (*LimberResponseFunc) (LimberResponse response,
                                    gpointer user_data);

typedef struct _LimberNotifier LimberNotifier;

/* @func is told what the user did with the pop-up. */
LimberNotifier *limber_notifier_new (LimberResponseFunc func,
                                     gpointer user_data);
void limber_notifier_free (LimberNotifier *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberNotifier, limber_notifier_free)

/* Shows the pop-up, or updates the one on screen (to escalate it). Failing
 * to reach the server is logged, not fatal. */
void limber_notifier_show (LimberNotifier *self, const LimberConfig *config,
                           LimberUrgency urgency);

/* Takes the pop-up off the screen, if one is there. */
void limber_notifier_withdraw (LimberNotifier *self);
