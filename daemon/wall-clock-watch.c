#include "wall-clock-watch.h"

#include <errno.h>
#include <glib-unix.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

struct _LimberWallClockWatch
{
  int fd;
  guint source_id;
  GSourceFunc func;
  gpointer user_data;
};

/* Far ahead (the kernel takes anything past its range as the end of it),
 * so that it never expires; it is there to be cancelled. */
static gboolean
arm (int fd)
{
  struct itimerspec spec = {
    .it_value = { .tv_sec = sizeof (time_t) > 4 ? (time_t) (G_MAXINT64 / 4)
                                                : (time_t) G_MAXINT32 },
  };

  return timerfd_settime (fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                          &spec, NULL)
         == 0;
}

static gboolean
on_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  LimberWallClockWatch *self = user_data;
  guint64 expirations;

  (void) condition;
  /* ECANCELED: the clock was set. Either way (an expiry too, had the clock
   * reached the end of time) the timer must be armed again to hear of the
   * next time. */
  if (read (fd, &expirations, sizeof expirations) < 0 && errno != ECANCELED)
    return G_SOURCE_CONTINUE;
  if (!arm (fd))
    g_debug ("cannot re-arm the wall-clock watch: %s", g_strerror (errno));
  g_info ("the wall clock was set");
  self->func (self->user_data);
  return G_SOURCE_CONTINUE;
}

LimberWallClockWatch *
limber_wall_clock_watch_new (GSourceFunc func, gpointer user_data)
{
  LimberWallClockWatch *self;
  int fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);

  if (fd < 0 || !arm (fd))
    {
      g_debug ("no wall-clock watch: %s", g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  self = g_new0 (LimberWallClockWatch, 1);
  self->fd = fd;
  self->func = func;
  self->user_data = user_data;
  self->source_id = g_unix_fd_add (fd, G_IO_IN, on_readable, self);
  return self;
}

void
limber_wall_clock_watch_free (LimberWallClockWatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->source_id, g_source_remove);
  close (self->fd);
  g_free (self);
}
