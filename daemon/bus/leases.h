/* Leases: Inhibit() and Uninhibit(). Each lease is a hold of the daemon's,
 * bound to the caller's unique bus name: it ends when the caller releases
 * it, when that name goes away (watched, not polled), or at its deadline
 * (the daemon's, which then tells limber_leases_ended()). */
#pragma once

#include "daemon.h"

typedef struct _LimberLeases LimberLeases;

LimberLeases *limber_leases_new (LimberDaemon *daemon);
/* Stops watching; the holds go with the daemon. */
void limber_leases_free (LimberLeases *self);

/* A lease for @sender on @bus (@who: how status names it); its cookie, or
 * 0 with @error set. */
guint32 limber_leases_take (LimberLeases *self, GDBusConnection *bus,
                            const char *sender, const char *who,
                            const char *reason, guint64 seconds,
                            GError **error);
/* Ends @sender's lease @cookie; fails with LIMBER_ERROR_INVALID_ARGUMENT
 * when there is none, or it is another's. */
gboolean limber_leases_release (LimberLeases *self, const char *sender,
                                guint32 cookie, GError **error);
/* The daemon ended hold @id itself: if it was a lease, stop watching. */
void limber_leases_ended (LimberLeases *self, guint32 id);
