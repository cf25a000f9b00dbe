#include "history-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

struct _LimberHistoryFile
{
  char *path;
  GString *pending;
  GArray *pending_records;
};

LimberHistoryFile *
limber_history_file_new (const char *path)
{
  LimberHistoryFile *self = g_new0 (LimberHistoryFile, 1);

  self->path = g_strdup (path);
  self->pending = g_string_new (NULL);
  self->pending_records
      = g_array_new (FALSE, FALSE, sizeof (LimberHistoryRecord));
  return self;
}

void
limber_history_file_free (LimberHistoryFile *self)
{
  if (self == NULL)
    return;
  g_string_free (self->pending, TRUE);
  g_array_unref (self->pending_records);
  g_free (self->path);
  g_free (self);
}

void
limber_history_file_add (LimberHistoryFile *self,
                         const LimberHistoryRecord *record)
{
  g_autofree char *line = limber_history_format (record);
  LimberHistoryRecord kept = *record;

  g_string_append (self->pending, line);
  /* The note is in the line; records read back have none. */
  kept.note = NULL;
  g_array_append_val (self->pending_records, kept);
}

gboolean
limber_history_file_has_pending (LimberHistoryFile *self)
{
  return self->pending->len > 0;
}

static gboolean
fail (GError **error, const char *what, const char *path)
{
  int saved_errno = errno;

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "cannot %s %s: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

/* Where the file's last whole line ends (its size when it ends cleanly);
 * -1 on error. A line without its newline was cut short by a crash before
 * it was synced, so no client ever heard it was kept. */
static off_t
end_of_whole_lines (int fd)
{
  off_t end = lseek (fd, 0, SEEK_END);
  char chunk[512];

  while (end > 0)
    {
      off_t from = MAX ((off_t) 0, end - (off_t) sizeof chunk);
      ssize_t got = pread (fd, chunk, (size_t) (end - from), from);

      if (got != end - from)
        {
          if (got >= 0)
            errno = EIO;
          return -1;
        }
      for (ssize_t i = got; i > 0; i--)
        if (chunk[i - 1] == '\n')
          return from + i;
      end = from;
    }
  return end;
}

static gboolean
write_all (int fd, const char *data, gsize left)
{
  while (left > 0)
    {
      ssize_t written = write (fd, data, left);
      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          if (written == 0)
            errno = EIO;
          return FALSE;
        }
      data += written;
      left -= (gsize) written;
    }
  return TRUE;
}

gboolean
limber_history_file_flush (LimberHistoryFile *self, GError **error)
{
  off_t size, whole;
  int fd;

  if (self->pending->len == 0)
    return TRUE;
  fd = g_open (self->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail (error, "open", self->path);
  size = lseek (fd, 0, SEEK_END);
  whole = end_of_whole_lines (fd);
  /* 0600 even if someone made it otherwise; a torn last line goes, so that
   * what follows it is not glued onto it. */
  if (size < 0 || whole < 0 || fchmod (fd, 0600) != 0
      || (whole != size && ftruncate (fd, whole) != 0))
    {
      fail (error, "prepare", self->path);
      close (fd);
      return FALSE;
    }

  if (!write_all (fd, self->pending->str, self->pending->len)
      || fdatasync (fd) != 0)
    {
      /* Nothing half-written stays behind: the records are still pending,
       * and the next flush writes them whole. */
      fail (error, "write", self->path);
      if (ftruncate (fd, whole) != 0)
        g_debug ("cannot take back a failed write to %s", self->path);
      close (fd);
      return FALSE;
    }
  close (fd);
  g_string_truncate (self->pending, 0);
  g_array_set_size (self->pending_records, 0);
  return TRUE;
}

GArray *
limber_history_file_read (LimberHistoryFile *self, guint *bad_lines,
                          GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length = 0;
  GArray *records;

  if (!g_file_get_contents (self->path, &data, &length, &local_error)
      && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  records = limber_history_parse (data != NULL ? data : "", length, bad_lines);
  g_array_append_vals (records, self->pending_records->data,
                       self->pending_records->len);
  return records;
}

gboolean
limber_history_file_compact (LimberHistoryFile *self, gint64 before,
                             GError **error)
{
  g_autoptr (GString) kept = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;

  if (!limber_history_file_flush (self, error))
    return FALSE;
  if (!g_file_get_contents (self->path, &data, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      data = g_strdup ("");
    }
  /* Lines are kept as they are (a check-in's note is not read back into
   * a record), the damaged and the old left out. */
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint bad;
      g_autofree char *line = g_strconcat (lines[i], "\n", NULL);
      g_autoptr (GArray) one = limber_history_parse (line, strlen (line), &bad);
      if (one->len == 1
          && g_array_index (one, LimberHistoryRecord, 0).time >= before)
        g_string_append (kept, line);
    }
  return g_file_set_contents_full (self->path, kept->str, (gssize) kept->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                       | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
