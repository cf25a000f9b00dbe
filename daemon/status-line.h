/* The one-line human status limberd gives systemd ("next break around
 * 15:42", "paused until 15:00"). It names times, not countdowns, so it stays
 * true between state changes without any periodic update. */
#pragma once

#include "scheduler.h"

/* @now_wall and the other wall times are µs since the epoch; @next_break_wall
 * and @paused_until_wall follow the scheduler's conventions (0 = none,
 * G_MAXINT64 = never). */
char *limber_status_line (const char *state, gint64 now_wall,
                          gint64 next_break_wall, gint64 paused_until_wall,
                          gint64 work_left_usec);
