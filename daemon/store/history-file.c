#include "history-file.h"

#include "limber-file.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
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
fail_open (GError **error, const char *path, GError *cause)
{
  if (cause->code == G_FILE_ERROR_INVAL)
    g_set_error (error, G_FILE_ERROR, cause->code,
                 _ ("%s %s; limberd keeps its history only in a regular file "
                    "of its own: move it away"),
                 path, cause->message);
  else
    g_set_error (error, G_FILE_ERROR, cause->code, "%s %s", path,
                 cause->message);
  g_error_free (cause);
  return FALSE;
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
  GError *open_error = NULL;
  struct stat st;
  off_t size, whole;
  int fd;

  if (self->pending->len == 0)
    return TRUE;
  /* Ours alone: not through a link (whose target is someone else's), not a
   * FIFO or a device. */
  fd = limber_file_open (self->path, O_RDWR | O_APPEND | O_CREAT, 0600,
                         LIMBER_FILE_NOFOLLOW, &open_error);
  if (fd < 0)
    return fail_open (error, self->path, open_error);
  /* A hard link's other name is someone else's file as much as a
   * symbolic link's target is. */
  if (fstat (fd, &st) == 0 && st.st_nlink > 1)
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _ ("%s has other hard links; limberd keeps its history "
                      "only in a regular file of its own: move it away"),
                   self->path);
      return FALSE;
    }
  size = lseek (fd, 0, SEEK_END);
  whole = end_of_whole_lines (fd);
  /* 0600 even if someone made it otherwise (the file is ours: no link
   * was followed); a torn last line goes, so that what follows it is not
   * glued onto it. */
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

/* Calls @line for each line of the file (without its newline; a last one
 * without a newline is passed with @whole FALSE), reading it a chunk at a
 * time. */
typedef void (*LineFunc) (const char *line, gsize length, gboolean whole,
                          gpointer user_data);

static gboolean
read_lines (LimberHistoryFile *self, LineFunc func, gpointer user_data,
            GError **error)
{
  g_autoptr (GError) open_error = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 256 * 1024, filled = 0;
  struct stat st;
  int fd = limber_file_open (self->path, O_RDONLY, 0, LIMBER_FILE_NOFOLLOW,
                             &open_error);

  if (fd < 0)
    {
      if (g_error_matches (open_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      return fail_open (error, self->path, g_steal_pointer (&open_error));
    }
  if (fstat (fd, &st) != 0)
    {
      fail (error, "read", self->path);
      close (fd);
      return FALSE;
    }
  if (st.st_size > LIMBER_HISTORY_MAX_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _ ("%s is %d MiB, more than the %d MiB limberd reads; it "
                      "was left alone: move it away"),
                   self->path, (int) MIN (st.st_size >> 20, G_MAXINT),
                   (int) (LIMBER_HISTORY_MAX_BYTES >> 20));
      close (fd);
      return FALSE;
    }

  buffer = g_malloc (size);
  for (;;)
    {
      gssize n = read (fd, buffer + filled, size - filled);
      char *p = buffer, *end, *newline;

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          fail (error, "read", self->path);
          close (fd);
          return FALSE;
        }
      end = buffer + filled + n;
      if (n == 0)
        {
          if (end > buffer)
            func (buffer, (gsize) (end - buffer), FALSE, user_data);
          break;
        }
      while ((newline = memchr (p, '\n', (gsize) (end - p))) != NULL)
        {
          func (p, (gsize) (newline - p), TRUE, user_data);
          p = newline + 1;
        }
      filled = (gsize) (end - p);
      memmove (buffer, p, filled);
      /* A line longer than the buffer is damage: it is passed on in
       * pieces, each of which fails to parse. */
      if (filled == size)
        {
          func (buffer, filled, TRUE, user_data);
          filled = 0;
        }
    }
  close (fd);
  return TRUE;
}

typedef struct
{
  LimberHistoryVisitor visit;
  gpointer user_data;
  LimberHistoryScan *scan;
} ScanContext;

static void
scan_line (const char *line, gsize length, gboolean whole, gpointer user_data)
{
  ScanContext *ctx = user_data;
  LimberHistoryRecord record;
  LimberHistoryLine kind
      = whole ? limber_history_parse_line (line, length, &record)
              : LIMBER_HISTORY_LINE_DAMAGED;

  switch (kind)
    {
    case LIMBER_HISTORY_LINE_RECORD:
      ctx->scan->records++;
      ctx->scan->oldest = MIN (ctx->scan->oldest, record.time);
      ctx->visit (&record, ctx->user_data);
      break;
    case LIMBER_HISTORY_LINE_FOREIGN:
      ctx->scan->foreign_lines++;
      ctx->scan->oldest = MIN (ctx->scan->oldest, record.time);
      break;
    case LIMBER_HISTORY_LINE_DAMAGED:
    default:
      /* An empty line is no damage, but a torn one is. */
      if (length > 0 || !whole)
        ctx->scan->bad_lines++;
      break;
    }
}

gboolean
limber_history_file_scan (LimberHistoryFile *self, LimberHistoryVisitor visit,
                          gpointer user_data, LimberHistoryScan *scan,
                          GError **error)
{
  ScanContext ctx = { visit, user_data, scan };

  *scan = (LimberHistoryScan){ .oldest = G_MAXINT64 };
  if (!read_lines (self, scan_line, &ctx, error))
    return FALSE;
  for (guint i = 0; i < self->pending_records->len; i++)
    visit (&g_array_index (self->pending_records, LimberHistoryRecord, i),
           user_data);
  return TRUE;
}

static void
collect (const LimberHistoryRecord *record, gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, *record);
}

GArray *
limber_history_file_read (LimberHistoryFile *self, guint *bad_lines,
                          GError **error)
{
  GArray *records = g_array_new (FALSE, FALSE, sizeof (LimberHistoryRecord));
  LimberHistoryScan scan;

  if (!limber_history_file_scan (self, collect, records, &scan, error))
    {
      g_array_unref (records);
      return NULL;
    }
  *bad_lines = scan.bad_lines;
  return records;
}

typedef struct
{
  GString *kept;
  gint64 before;
} CompactContext;

static void
keep_line (const char *line, gsize length, gboolean whole, gpointer user_data)
{
  CompactContext *ctx = user_data;
  LimberHistoryRecord record;

  if (!whole
      || limber_history_parse_line (line, length, &record)
             == LIMBER_HISTORY_LINE_DAMAGED
      || record.time < ctx->before)
    return;
  g_string_append_len (ctx->kept, line, (gssize) length);
  g_string_append_c (ctx->kept, '\n');
}

gboolean
limber_history_file_compact (LimberHistoryFile *self, gint64 before,
                             GError **error)
{
  g_autoptr (GString) kept = g_string_new (NULL);
  CompactContext ctx = { kept, before };

  if (!limber_history_file_flush (self, error)
      || !read_lines (self, keep_line, &ctx, error))
    return FALSE;
  /* A temporary file renamed over it: a link there would be replaced, not
   * followed, but read_lines() has refused one already. */
  return g_file_set_contents_full (self->path, kept->str, (gssize) kept->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                       | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
