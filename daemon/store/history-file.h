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

/* Appends what was added to the file, created with mode 0600; only to a
 * regular file, never through a symbolic link. On failure the records stay
 * pending, to be written by the next flush. */
gboolean limber_history_file_flush (LimberHistoryFile *self, GError **error);

/* The file is read in one pass, without holding it in memory; a larger one
 * is refused (a year of heavy use is a few MiB). */
#define LIMBER_HISTORY_MAX_BYTES (G_GINT64_CONSTANT (64) << 20)

typedef void (*LimberHistoryVisitor) (const LimberHistoryRecord *record,
                                      gpointer user_data);

typedef struct
{
  guint records, foreign_lines, bad_lines;
  gint64 oldest; /* of the records and foreign lines; G_MAXINT64 if none */
} LimberHistoryScan;

/* Calls @visit for every record in the file, in file order, then for the
 * pending ones. A missing file is empty. Only a regular file is read, and
 * not through a symbolic link. */
gboolean limber_history_file_scan (LimberHistoryFile *self,
                                   LimberHistoryVisitor visit,
                                   gpointer user_data, LimberHistoryScan *scan,
                                   GError **error);

/* Every record, the pending ones included (limber_history_file_scan()). */
GArray *limber_history_file_read (LimberHistoryFile *self, guint *bad_lines,
                                  GError **error);

/* Rewrites the file (atomically) without the lines dated before @before
 * (seconds since the epoch) and without damaged lines; lines of a kind
 * this limber does not know are kept. */
gboolean limber_history_file_compact (LimberHistoryFile *self, gint64 before,
                                      GError **error);
