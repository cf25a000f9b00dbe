/* io.github.limber.Limber1 on the session bus: the generated skeleton wired
 * to the daemon's API. Properties follow the daemon's state (main.c makes
 * the service the daemon's listener); the ones that change continuously
 * (work done, today's counts) are computed when read. */
#pragma once

#include "daemon.h"
#include "scheduler.h"

typedef struct _LimberService LimberService;

LimberService *limber_service_new (LimberDaemon *daemon);
void limber_service_free (LimberService *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberService, limber_service_free)

gboolean limber_service_export (LimberService *self,
                                GDBusConnection *connection, GError **error);

/* Refreshes every property from the daemon; changes go out as one
 * PropertiesChanged. */
void limber_service_publish (LimberService *self);

void limber_service_emit_break_started (LimberService *self,
                                        LimberUrgency urgency,
                                        LimberBreakKind kind);
void limber_service_emit_break_ended (LimberService *self,
                                      LimberOutcome outcome,
                                      LimberBreakKind kind);
void limber_service_emit_break_recorded (LimberService *self,
                                         LimberOutcome outcome,
                                         LimberBreakKind kind);
/* Hold @id ended by itself (a lease's deadline). */
void limber_service_hold_ended (LimberService *self, guint32 id);
