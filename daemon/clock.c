#include "clock.h"

#include <time.h>

/* Below this, a difference between the clocks is noise, not sleep. */
#define SLEEP_THRESHOLD LIMBER_USEC_PER_SEC

static gint64
read_clock (clockid_t id)
{
  struct timespec ts;

  if (clock_gettime (id, &ts) != 0)
    g_error ("clock_gettime(%d) failed", (int) id);
  return (gint64) ts.tv_sec * LIMBER_USEC_PER_SEC + ts.tv_nsec / 1000;
}

LimberTime
limber_clock_now (void)
{
  return read_clock (CLOCK_BOOTTIME);
}

gint64
limber_clock_to_wall (LimberTime t)
{
  return g_get_real_time () + (t - limber_clock_now ());
}

static gint64
current_offset (void)
{
  return read_clock (CLOCK_BOOTTIME) - read_clock (CLOCK_MONOTONIC);
}

void
limber_sleep_detector_init (LimberSleepDetector *self)
{
  self->offset = current_offset ();
}

gint64
limber_sleep_detector_poll (LimberSleepDetector *self)
{
  gint64 offset = current_offset ();
  gint64 slept = offset - self->offset;

  if (slept < SLEEP_THRESHOLD)
    return 0;
  self->offset = offset;
  return slept;
}

void
limber_sleep_place (LimberTime last_event, LimberTime now, gint64 slept,
                    gboolean woke_late, LimberTime *suspend_at,
                    LimberTime *resume_at)
{
  slept = CLAMP (slept, 0, MAX (0, now - last_event));
  if (woke_late)
    {
      *resume_at = now;
      *suspend_at = now - slept;
    }
  else
    {
      *suspend_at = last_event;
      *resume_at = last_event + slept;
    }
}
