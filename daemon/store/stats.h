/* limberctl stats: the history summed up per day (pure). */
#pragma once

#include "history.h"

typedef struct
{
  guint32 day; /* yyyymmdd, local time */
  guint shown, taken, snoozed, skipped, natural, deferred; /* breaks */
  guint posture;   /* posture checks shown */
  guint stretches; /* stretch sessions taken (counted in taken too) */
  guint completed; /* guided routines followed to the end */
  guint rating;    /* the day's last check-in rating; 0 for none */
  gint64 active;   /* seconds of work in the stretches that ended that day */
  gint64 longest;  /* seconds: the longest stretch without a break */
} LimberDayStats;

/* The @days days up to the local date of @now (seconds since the epoch),
 * oldest first, from @records (LimberHistoryRecord, in time order).
 * @current_stretch, the work since the last break, counts for today. */
GArray *limber_stats_by_day (const GArray *records, gint64 now, guint days,
                             gint64 current_stretch);

/* Working days in a row, up to the last one in @by_day, on which no break
 * was skipped; days without work neither count nor break the streak. */
guint limber_stats_streak (const GArray *by_day);
