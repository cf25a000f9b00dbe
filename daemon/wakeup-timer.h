/* The daemon's one timer, armed for the scheduler's next wake-up. It runs on
 * CLOCK_BOOTTIME, so a wake-up that falls while the machine sleeps fires as
 * soon as it resumes. */
#pragma once

#include "scheduler.h"

typedef struct _LimberWakeupTimer LimberWakeupTimer;

/* Called with the deadline the timer was armed for; the time it actually
 * fires may be later, after a sleep. */
typedef void (*LimberWakeupFunc) (LimberTime deadline, gpointer user_data);

LimberWakeupTimer *limber_wakeup_timer_new (LimberWakeupFunc func,
                                            gpointer user_data);
void limber_wakeup_timer_free (LimberWakeupTimer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberWakeupTimer, limber_wakeup_timer_free)

/* Arms the timer for @at, replacing any earlier arming; LIMBER_TIME_NEVER
 * disarms it. */
void limber_wakeup_timer_arm (LimberWakeupTimer *self, LimberTime at);

/* How often the timer has fired; for tests and the benchmark. */
guint64 limber_wakeup_timer_get_fired (const LimberWakeupTimer *self);
