/* Appending to and reading the history file. Appends are buffered until
 * flushed (write, then fdatasync), so that a burst of events costs one
 * write; a crash in the middle of one leaves a torn last line, which the
 * reader skips and the next append cuts off. A write that fails is taken
 * back whole. */
#pragma once

#include "history.h"

typedef struct _LimberHistoryFile LimberHistoryFile;

LimberHistoryFile *limber_history_file_new (const char *path);
void limber_history_file_free (LimberHistoryFile *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberHistoryFile, limber_history_file_free)

void limber_history_file_add (LimberHistoryFile *self,
                              const LimberHistoryRecord *record);
gboolean limber_history_file_has_pending (LimberHistoryFile *self);

/* Appends what was added; mode 0600. On failure the records stay pending,
 * to be written by the next flush. */
gboolean limber_history_file_flush (LimberHistoryFile *self, GError **error);

/* Every record, the pending ones included. A missing file is empty. */
GArray *limber_history_file_read (LimberHistoryFile *self, guint *bad_lines,
                                  GError **error);

/* Rewrites the file (atomically) without the records before @before
 * (seconds since the epoch) and without lines that do not parse. */
gboolean limber_history_file_compact (LimberHistoryFile *self, gint64 before,
                                      GError **error);
