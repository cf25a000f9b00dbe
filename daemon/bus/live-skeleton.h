/* The generated skeleton answers property reads from stored values. This
 * subclass answers the continuously changing ones from the daemon at the
 * moment of the read, so no timer has to keep them fresh. Every call and
 * property read goes first to the check of who calls (callers.c). */
#pragma once

#include "callers.h"
#include "daemon.h"
#include "limber-dbus-generated.h"

#define LIMBER_TYPE_LIVE_SKELETON (limber_live_skeleton_get_type ())
G_DECLARE_FINAL_TYPE (LimberLiveSkeleton, limber_live_skeleton, LIMBER,
                      LIVE_SKELETON, LimberDBusLimber1Skeleton)

/* @daemon's interface, not on the bus yet. */
LimberLiveSkeleton *limber_live_skeleton_new (LimberDaemon *daemon);

/* Exports it on @connection at limber's object path. */
gboolean limber_live_skeleton_export (LimberLiveSkeleton *self,
                                      GDBusConnection *connection,
                                      GError **error);
/* Takes it off the bus, if it was on, and forgets the callers. */
void limber_live_skeleton_unexport (LimberLiveSkeleton *self);

/* Who calls, on the bus it is exported on; NULL before. */
LimberCallers *limber_live_skeleton_get_callers (LimberLiveSkeleton *self);
