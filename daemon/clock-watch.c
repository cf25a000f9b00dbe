#include "clock-watch.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <unistd.h>

struct _LimberClockWatch
{
  int fd;
  guint source;
  LimberClockChangedFunc func;
  gpointer user_data;
};

/* Armed at the largest time there is: it never fires, it is only
 * cancelled. */
static gboolean
arm (LimberClockWatch *self)
{
  struct itimerspec spec = { .it_value = { .tv_sec = INT32_MAX } };

  return timerfd_settime (self->fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                          &spec, NULL)
         == 0;
}

static gboolean
on_readable (int fd, GIOCondition condition, gpointer user_data)
{
  LimberClockWatch *self = user_data;
  guint64 expirations;

  (void) condition;
  /* ECANCELED: the clock was set. Anything else read is no change. */
  if (read (fd, &expirations, sizeof expirations) < 0 && errno == ECANCELED)
    {
      arm (self);
      g_info ("the wall clock was set: times of day are converted again");
      self->func (self->user_data);
    }
  return G_SOURCE_CONTINUE;
}

LimberClockWatch *
limber_clock_watch_new (LimberClockChangedFunc func, gpointer user_data)
{
  LimberClockWatch *self = g_new0 (LimberClockWatch, 1);

  self->fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  self->func = func;
  self->user_data = user_data;
  if (self->fd < 0 || !arm (self))
    {
      g_debug ("cannot watch the wall clock: %s", g_strerror (errno));
      limber_clock_watch_free (self);
      return NULL;
    }
  self->source = g_unix_fd_add (self->fd, G_IO_IN, on_readable, self);
  return self;
}

void
limber_clock_watch_free (LimberClockWatch *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->source, g_source_remove);
  if (self->fd >= 0)
    g_close (self->fd, NULL);
  g_free (self);
}
