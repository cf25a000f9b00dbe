/* limberd's state file, $XDG_STATE_HOME/limber/state: what the scheduler
 * saves (scheduler.h) and when, so that a restart carries on. A small key
 * file; the parser trusts nothing in it. */
#pragma once

#include <glib.h>

#include "scheduler.h"

typedef struct
{
  LimberSavedState scheduler;
  gint64 saved_at; /* µs since the epoch */
  /* The same moment on the daemon's clock (CLOCK_BOOTTIME, µs), which
   * means something only on the boot named by @boot_id ("" if unknown). */
  LimberTime boot_clock;
  char boot_id[40];
} LimberStateRecord;

/* This boot's id (/proc/sys/kernel/random/boot_id), or "" if it cannot be
 * read. */
void limber_state_read_boot_id (char boot_id[40]);

/* How long ago @record was saved, as of @now_clock (CLOCK_BOOTTIME) and
 * @now_wall on the boot @boot_id: on the same boot, from the clock that
 * never jumps, so that a wall clock stepped while limberd was down neither
 * invents a break nor hides one; across a reboot (or for a file that does
 * not say), from the wall clock. Never less than 0. */
gint64 limber_state_gap (const LimberStateRecord *record, const char *boot_id,
                         LimberTime now_clock, gint64 now_wall);

/* $XDG_STATE_HOME/limber (default ~/.local/state/limber). */
char *limber_state_dir (void);

char *limber_state_to_text (const LimberStateRecord *record);

/* Parses what limber_state_to_text() wrote; anything else (missing keys,
 * values out of range, another version, not a key file) fails with
 * LIMBER_ERROR_FAILED saying what is wrong. */
gboolean limber_state_parse (const char *data, gsize length,
                             LimberStateRecord *record, GError **error);

/* Writes @record to @path: mode 0600 in a 0700 directory, through a
 * temporary file, fsync and rename, so that the file is always whole. */
gboolean limber_state_write (const char *path, const LimberStateRecord *record,
                             GError **error);

/* Reads @path: only a regular file, not through a symbolic link, at most a
 * few KiB. FALSE when there is nothing to carry on from: no file, or one
 * that does not parse or is not a regular file (a link, a FIFO…), which is
 * moved aside (to path.corrupt-TIME) and described in *@problem. */
gboolean limber_state_read (const char *path, LimberStateRecord *record,
                            char **problem);

/* Creates @dir (and parents) with mode 0700. One that exists keeps its mode
 * (the person's to set), but must be a directory, not a symbolic link:
 * nothing of limberd's is written through a link. */
gboolean limber_state_make_dir (const char *dir, GError **error);

/* Whether @dir is fit to read from: missing, or a directory that is not a
 * symbolic link. */
gboolean limber_state_check_dir (const char *dir, GError **error);
