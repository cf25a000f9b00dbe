/* Wall-clock times for people: "15:42" today, "Thu 15:42" within the week,
 * "27 Nov 15:42" beyond. Shared by limberd's status line and limberctl. */
#pragma once

#include <glib.h>

/* @now and @then are seconds since the epoch. */
char *limber_format_clock (gint64 now, gint64 then);
