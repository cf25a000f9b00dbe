/* Hears of the wall clock being set (by hand, by NTP stepping it, by a
 * time-zone-less RTC at boot): what limberd publishes in wall time
 * (PausedUntil, NextBreak, today's counts) is published again. Without
 * polling: a CLOCK_REALTIME timerfd armed far ahead with
 * TFD_TIMER_CANCEL_ON_SET, which the kernel wakes when the clock jumps. */
#pragma once

#include <glib.h>

typedef struct _LimberWallClockWatch LimberWallClockWatch;

/* NULL (with a debug message) where the kernel cannot tell. */
LimberWallClockWatch *limber_wall_clock_watch_new (GSourceFunc func,
                                                   gpointer user_data);
void limber_wall_clock_watch_free (LimberWallClockWatch *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberWallClockWatch,
                               limber_wall_clock_watch_free)
