#include "history-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
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

  g_string_append (self->pending, line);
  g_array_append_val (self->pending_records, *record);
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

/* Whether the file is empty or ends its last line. */
static gboolean
ends_cleanly (int fd)
{
  off_t size = lseek (fd, 0, SEEK_END);
  char last;

  if (size <= 0)
    return TRUE;
  return pread (fd, &last, 1, size - 1) == 1 && last == '\n';
}

gboolean
limber_history_file_flush (LimberHistoryFile *self, GError **error)
{
  const char *data;
  gsize left;
  int fd;

  if (self->pending->len == 0)
    return TRUE;
  fd = g_open (self->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail (error, "open", self->path);
  /* After a crash in the middle of a line, start on a line of our own. */
  if (!ends_cleanly (fd))
    g_string_prepend_c (self->pending, '\n');

  data = self->pending->str;
  left = self->pending->len;
  while (left > 0)
    {
      ssize_t written = write (fd, data, left);
      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          fail (error, "write", self->path);
          close (fd);
          return FALSE;
        }
      data += written;
      left -= (gsize) written;
    }
  if (fdatasync (fd) != 0)
    {
      fail (error, "sync", self->path);
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
  g_autoptr (GArray) records = NULL;
  g_autoptr (GString) kept = g_string_new (NULL);
  guint bad_lines;

  if (!limber_history_file_flush (self, error))
    return FALSE;
  records = limber_history_file_read (self, &bad_lines, error);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      const LimberHistoryRecord *r
          = &g_array_index (records, LimberHistoryRecord, i);
      if (r->time >= before)
        {
          g_autofree char *line = limber_history_format (r);
          g_string_append (kept, line);
        }
    }
  return g_file_set_contents_full (self->path, kept->str, (gssize) kept->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                       | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
