/* The daemon's clock: CLOCK_BOOTTIME, which keeps counting while the machine
 * sleeps and never jumps, and the way from it to wall time. */
#pragma once

#include "scheduler.h"

LimberTime limber_clock_now (void);

/* Wall time (µs since the epoch) of @t, a time on the daemon's clock. */
gint64 limber_clock_to_wall (LimberTime t);

/* Notices that the machine slept, without any help from the desktop: while
 * the machine sleeps CLOCK_BOOTTIME advances and CLOCK_MONOTONIC does not. */
typedef struct
{
  gint64 offset;
} LimberSleepDetector;

void limber_sleep_detector_init (LimberSleepDetector *self);

/* How long the machine slept since the last call (or init), in µs; 0 when
 * it did not. */
gint64 limber_sleep_detector_poll (LimberSleepDetector *self);

/* When a sleep of @slept µs, noticed at @now, happened. If the wake-up timer
 * has just fired @woke_late (its deadline passed during the sleep), the
 * machine resumed just now. Otherwise nothing tells when it slept between
 * @last_event and @now: it is put right after @last_event, which errs
 * towards an earlier break rather than a later one. */
void limber_sleep_place (LimberTime last_event, LimberTime now, gint64 slept,
                         gboolean woke_late, LimberTime *suspend_at,
                         LimberTime *resume_at);
