#include "wakeup-timer.h"

#include <errno.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/timerfd.h>
#include <unistd.h>

struct _LimberWakeupTimer
{
  int fd;
  guint source_id;
  LimberTime armed_for;
  guint64 fired;
  LimberWakeupFunc func;
  gpointer user_data;
};

static gboolean
on_timer_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  LimberWakeupTimer *self = user_data;
  guint64 expirations;

  (void) condition;
  /* EAGAIN: re-armed between expiry and this read; nothing to do. */
  if (read (fd, &expirations, sizeof expirations) != sizeof expirations)
    return G_SOURCE_CONTINUE;

  LimberTime deadline = self->armed_for;
  self->armed_for = LIMBER_TIME_NEVER;
  self->fired++;
  self->func (deadline, self->user_data);
  return G_SOURCE_CONTINUE;
}

LimberWakeupTimer *
limber_wakeup_timer_new (LimberWakeupFunc func, gpointer user_data)
{
  LimberWakeupTimer *self = g_new0 (LimberWakeupTimer, 1);

  self->fd = timerfd_create (CLOCK_BOOTTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->fd < 0)
    g_error ("cannot create a CLOCK_BOOTTIME timer: %s", g_strerror (errno));
  self->armed_for = LIMBER_TIME_NEVER;
  self->func = func;
  self->user_data = user_data;
  self->source_id = g_unix_fd_add (self->fd, G_IO_IN, on_timer_readable, self);
  return self;
}

void
limber_wakeup_timer_free (LimberWakeupTimer *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->source_id, g_source_remove);
  close (self->fd);
  g_free (self);
}

void
limber_wakeup_timer_arm (LimberWakeupTimer *self, LimberTime at)
{
  struct itimerspec spec;

  if (at == self->armed_for)
    return;
  memset (&spec, 0, sizeof spec);
  if (at != LIMBER_TIME_NEVER)
    {
      /* it_value of zero would disarm: a deadline at 0 is long past. */
      at = MAX (at, 1);
      spec.it_value.tv_sec = at / LIMBER_USEC_PER_SEC;
      spec.it_value.tv_nsec = (at % LIMBER_USEC_PER_SEC) * 1000;
    }
  if (timerfd_settime (self->fd, TFD_TIMER_ABSTIME, &spec, NULL) != 0)
    g_error ("cannot arm the wake-up timer: %s", g_strerror (errno));
  self->armed_for = at;
}

guint64
limber_wakeup_timer_get_fired (const LimberWakeupTimer *self)
{
  return self->fired;
}
