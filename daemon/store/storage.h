/* What limberd keeps on disk, in $XDG_STATE_HOME/limber: the state file and
 * the history, and when they are written. A change a client asked for is
 * on disk before the client hears back: replies wait for the next flush,
 * which a burst of calls shares. The work counter alone, which changes all
 * the time, is written at most every few minutes. */
#pragma once

#include <glib.h>

#include "history-file.h"
#include "state-file.h"

typedef struct _LimberStorage LimberStorage;

typedef void (*LimberSavedFunc) (gpointer user_data);

/* @error_changed is called when the storage error changes. */
LimberStorage *limber_storage_new (const char *dir,
                                   LimberSavedFunc error_changed,
                                   gpointer user_data);
void limber_storage_free (LimberStorage *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberStorage, limber_storage_free)

/* The saved state, if there is one to carry on from; a file that does not
 * parse is moved aside and reported. */
gboolean limber_storage_load_state (LimberStorage *self,
                                    LimberStateRecord *record);

/* Calls @visit for each of the history's records (those not yet written
 * included), reading the file once; FALSE (and a warning saying why) if it
 * cannot be read. Then the file is compacted if it has damaged lines or
 * lines dated before the horizon (limber_history_horizon()): lines of a
 * kind this limber does not know are kept. */
gboolean limber_storage_load_history (LimberStorage *self,
                                      LimberHistoryVisitor visit,
                                      gpointer user_data, guint *bad_lines);

/* The scheduler's state now. Written at the next flush if it changed in a
 * way that matters, else within a few minutes. */
void limber_storage_set_state (LimberStorage *self,
                               const LimberStateRecord *record);
/* The state as limberd stops (or must stop): written now, work counter
 * included, since a restart takes the time since it was saved as time
 * away. */
void limber_storage_save_state_now (LimberStorage *self,
                                    const LimberStateRecord *record);
void limber_storage_add_history (LimberStorage *self,
                                 const LimberHistoryRecord *record);

/* Calls @func once what is pending is written (at once if nothing is):
 * a D-Bus reply waits for it, so that what a client was told is on disk. */
void limber_storage_when_saved (LimberStorage *self, LimberSavedFunc func,
                                gpointer user_data);

/* Writes what is pending now, and tells those waiting for it. */
void limber_storage_flush (LimberStorage *self);

/* What went wrong the last time something was written; "" if nothing. */
const char *limber_storage_get_error (LimberStorage *self);
