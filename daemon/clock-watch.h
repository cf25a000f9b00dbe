/* Tells when the wall clock is set (by NTP, by hand, on resume): times of
 * day converted to the daemon's clock must then be converted again. A
 * timerfd armed far ahead with TFD_TIMER_CANCEL_ON_SET: the kernel wakes
 * it only when the clock changes, so it costs nothing while idle. */
#pragma once

#include <glib.h>

typedef struct _LimberClockWatch LimberClockWatch;

typedef void (*LimberClockChangedFunc) (gpointer user_data);

/* NULL when the kernel cannot tell (the times are then converted again at
 * each event instead). */
LimberClockWatch *limber_clock_watch_new (LimberClockChangedFunc func,
                                          gpointer user_data);
void limber_clock_watch_free (LimberClockWatch *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberClockWatch, limber_clock_watch_free)
