/* The break pop-up on the desktop's notification server
 * (org.freedesktop.Notifications), spoken to over GDBus without ever
 * waiting for it: a server that hangs or is gone delays nothing else.
 *
 * One pop-up at a time, kept up to date in place, put back when a server
 * comes (back), and an honest account of where it is: on screen, waiting
 * in the server's notification list, or not shown and why. */
#pragma once

#include "notifier-presence.h"
#include "popup.h"

/* The spec's reasons for NotificationClosed. */
typedef enum
{
  LIMBER_CLOSED_EXPIRED = 1,
  LIMBER_CLOSED_DISMISSED = 2, /* by the user */
  LIMBER_CLOSED_BY_CALL = 3,
  LIMBER_CLOSED_OTHER = 4,
} LimberClosedReason;

typedef struct
{
  /* The user chose @action_id (a LimberPopupAction's id) on the pop-up. */
  void (*action) (const char *action_id, gpointer user_data);
  /* The server took the pop-up away itself: it is not put back. @seen: the
   * person had it in front of them (they closed it, or its time ran out on
   * a server that shows every pop-up only for a while). */
  void (*closed) (LimberClosedReason reason, gboolean seen, gpointer user_data);
  /* limber_notifier_get_presence() changed. */
  void (*presence_changed) (gpointer user_data);
  gpointer user_data;
} LimberNotifierCallbacks;

typedef struct _LimberNotifier LimberNotifier;

LimberNotifier *limber_notifier_new (const LimberNotifierCallbacks *callbacks);
void limber_notifier_free (LimberNotifier *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberNotifier, limber_notifier_free)

/* Shows @popup (taking it), or puts it in place of the one shown. */
void limber_notifier_show (LimberNotifier *self, LimberPopup *popup);
/* Takes the pop-up down, if one is there or on its way. */
void limber_notifier_withdraw (LimberNotifier *self);

/* A passing notice ("Reminders are back"): shown once where a server is
 * running, never kept, never answered. */
void limber_notifier_notice (LimberNotifier *self, const char *title,
                             const char *body);

/* Whether the user is at the keyboard: some servers take a banner off the
 * screen a few seconds after the user is active. */
void limber_notifier_set_user_active (LimberNotifier *self, gboolean active);

LimberPresence limber_notifier_get_presence (LimberNotifier *self);
/* Why the pop-up is not shown ("" otherwise). */
const char *limber_notifier_get_problem (LimberNotifier *self);
