/* Today's break outcomes, for the BreaksTaken… properties. Counts start over
 * when the local date changes. */
#pragma once

#include "scheduler.h"

typedef struct
{
  guint32 day; /* yyyymmdd, local time */
  guint taken, snoozed, skipped, natural, deferred;
} LimberDayCounts;

/* yyyymmdd of @wall_usec (µs since the epoch) in local time. */
guint32 limber_day_of (gint64 wall_usec);

void limber_day_counts_add (LimberDayCounts *self, guint32 day,
                            LimberOutcome outcome);

/* The counts for @day: zeros when they are from another day. */
LimberDayCounts limber_day_counts_for (const LimberDayCounts *self,
                                       guint32 day);
