/* A service limberd talks to on the bus (Mutter's IdleMonitor, logind, the
 * screen saver, the notification server): its name watched, its owner
 * followed, and what was asked of one owner never answered by the next.
 *
 * While the name has an owner, calls go to that owner's unique name, with
 * NO_AUTO_START (limberd follows the desktop, it does not start it) and a
 * cancellable of that owner's: when the owner goes or changes, pending calls
 * end as cancelled and every signal subscription made through the peer is
 * dropped, before vanished() (and then appeared(), for a new owner) runs.
 *
 * The ordering rule: subscribe to a state's change signals *before* calling
 * to read that state. Read first, and a change made between the answer and
 * the subscription is lost for good; subscribed first, a change signal and
 * the answer both come from the owner in order, so whichever arrives later
 * is the newer. */
#pragma once

#include <gio/gio.h>

typedef struct _LimberBusPeer LimberBusPeer;

/* appeared: @peer has a (new) owner; vanished: it has none now. A retry's
 * probe is called the same way. */
typedef void (*LimberBusPeerFunc) (LimberBusPeer *peer, gpointer user_data);

/* Starts watching @name on @bus_type. @appeared and @vanished may be NULL. */
LimberBusPeer *limber_bus_peer_new (GBusType bus_type, const char *name,
                                    LimberBusPeerFunc appeared,
                                    LimberBusPeerFunc vanished,
                                    gpointer user_data);
/* Stops watching, cancels pending calls and retries, drops subscriptions.
 * Neither callback runs. */
void limber_bus_peer_free (LimberBusPeer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberBusPeer, limber_bus_peer_free)

/* Whether the name has an owner now. */
gboolean limber_bus_peer_has_owner (LimberBusPeer *self);

/* Calls @method on the current owner; @callback (may be NULL) gets
 * @user_data. Without an owner it does nothing (and @callback never runs):
 * callers are expected to ask only while the peer is there. */
void limber_bus_peer_call (LimberBusPeer *self, const char *path,
                           const char *iface, const char *method,
                           GVariant *args, const char *reply_type,
                           GAsyncReadyCallback callback, gpointer user_data);

/* For @callback of limber_bus_peer_call(): the reply, or NULL. A failure is
 * logged at debug, prefixed with @what; a cancelled call is not, and sets
 * *@cancelled (may be NULL) — then the owner changed or the peer was freed,
 * so the caller's user_data may be gone: return without touching it. */
GVariant *limber_bus_peer_finish (GObject *bus, GAsyncResult *result,
                                  const char *what, gboolean *cancelled);

/* Subscribes to signals from the current owner (any of @iface, @member,
 * @path, @arg0 may be NULL for any). Returns 0 without an owner. The
 * subscription is dropped when the owner goes. */
guint limber_bus_peer_subscribe (LimberBusPeer *self, const char *iface,
                                 const char *member, const char *path,
                                 const char *arg0, GDBusSignalCallback callback,
                                 gpointer user_data);
/* Drops the subscription *@id, if still there, and sets *@id to 0. */
void limber_bus_peer_unsubscribe (LimberBusPeer *self, guint *id);

/* An owner may take its name before it answers (it happens): @probe runs
 * again after 0.25 s, then twice as long each time, five times at most.
 * FALSE when the tries are used up or there is no owner (then nothing is
 * scheduled). TRUE when a retry is scheduled or already pending. The count
 * starts again with each owner. */
gboolean limber_bus_peer_retry (LimberBusPeer *self, LimberBusPeerFunc probe);
/* Forgets a pending retry and starts the count again. */
void limber_bus_peer_reset_retries (LimberBusPeer *self);
