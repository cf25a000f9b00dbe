/* Opening the files limber reads and keeps with care: never waiting on a
 * FIFO, never reading a device or a directory as a file, never reading
 * without bound, and (for limberd's own files) never through a symbolic
 * link. limberd's config reader and its state and history share this. */
#pragma once

#include <glib.h>

typedef enum
{
  LIMBER_FILE_FOLLOW = 0,       /* a link is followed (a limber.conf kept in
                                 * a dotfiles repository, say) */
  LIMBER_FILE_NOFOLLOW = 1 << 0 /* limberd's own files: a link is refused */
} LimberFileFlags;

/* Opens @path with @open_flags (O_RDONLY, or O_RDWR | O_APPEND | O_CREAT
 * with @mode, …) without blocking, and makes sure it is a regular file.
 * Returns the fd (O_NONBLOCK cleared), or -1 with @error set: a missing
 * file is G_FILE_ERROR_NOENT; anything else that is not a regular file is
 * G_FILE_ERROR_INVAL, saying what it is ("is a symbolic link", "is a FIFO
 * (named pipe)", …). Messages do not name the file. */
int limber_file_open (const char *path, int open_flags, int mode,
                      LimberFileFlags flags, GError **error);

/* Reads the regular file @path whole, up to @max bytes and one more, so
 * that a caller can tell a file over @max from one at it. NUL-terminated.
 * Errors as limber_file_open(). */
gboolean limber_file_read (const char *path, gsize max, LimberFileFlags flags,
                           char **data, gsize *length, GError **error);

/* What the file at @path is, for a message: "a symbolic link", "a FIFO
 * (named pipe)", …; NULL for a regular file or when it cannot be told. */
const char *limber_file_describe (const char *path);
