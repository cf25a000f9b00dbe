#include "limber-file.h"

#include "limber-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *
describe_mode (mode_t mode)
{
  if (S_ISREG (mode))
    return NULL;
  if (S_ISLNK (mode))
    return N_ ("a symbolic link");
  if (S_ISDIR (mode))
    return N_ ("a directory");
  if (S_ISFIFO (mode))
    return N_ ("a FIFO (named pipe)");
  if (S_ISSOCK (mode))
    return N_ ("a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return N_ ("a device");
  return N_ ("not a regular file");
}

const char *
limber_file_describe (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return NULL;
  return describe_mode (st.st_mode);
}

static int
fail_errno (GError **error, const char *what)
{
  int saved_errno = errno;

  /* Whole sentences, for translations. */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               g_str_equal (what, "open") ? _ ("cannot open it: %s")
                                          : _ ("cannot read it: %s"),
               g_strerror (saved_errno));
  return -1;
}

static int
refuse (GError **error, const char *what)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               _ ("is %s, not a regular file"), _ (what));
  return -1;
}

int
limber_file_open (const char *path, int open_flags, int mode,
                  LimberFileFlags flags, GError **error)
{
  gboolean nofollow = (flags & LIMBER_FILE_NOFOLLOW) != 0;
  struct stat st;
  int fd;

  /* Non-blocking, so that opening a FIFO does not wait for a writer; no
   * controlling terminal from a tty. */
  fd = g_open (path,
               open_flags | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
                   | (nofollow ? O_NOFOLLOW : 0),
               mode);
  if (fd < 0)
    {
      /* O_NOFOLLOW fails with ELOOP on a link, dangling or not: say so. */
      if (nofollow && errno == ELOOP)
        {
          const char *what = limber_file_describe (path);
          if (what != NULL)
            return refuse (error, what);
        }
      return fail_errno (error, "open");
    }
  if (fstat (fd, &st) != 0)
    {
      fail_errno (error, "read");
      close (fd);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return refuse (error, describe_mode (st.st_mode));
    }
  /* A regular file never blocks; what follows may rely on plain I/O. */
  if (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK) != 0)
    {
      fail_errno (error, "open");
      close (fd);
      return -1;
    }
  return fd;
}

gboolean
limber_file_read (const char *path, gsize max, LimberFileFlags flags,
                  char **data, gsize *length, GError **error)
{
  g_autofree char *buffer = NULL;
  gsize filled = 0;
  int fd = limber_file_open (path, O_RDONLY, 0, flags, error);

  if (fd < 0)
    return FALSE;
  /* One byte over the limit is enough to tell that a file is too large. */
  buffer = g_malloc (max + 2);
  while (filled < max + 1)
    {
      gssize n = read (fd, buffer + filled, max + 1 - filled);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          fail_errno (error, "read");
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      filled += (gsize) n;
    }
  close (fd);
  buffer[filled] = '\0';
  *data = g_steal_pointer (&buffer);
  *length = filled;
  return TRUE;
}
