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

/* The history summed up per local day, kept up to date as records come,
 * so that stats over a year cost a few hundred look-ups whatever the
 * history's length. A record's local date is worked out once per day, not
 * once per record: the table remembers where the last day it saw begins
 * and ends. */
typedef struct _LimberDayTable LimberDayTable;

LimberDayTable *limber_day_table_new (void);
void limber_day_table_free (LimberDayTable *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberDayTable, limber_day_table_free)

void limber_day_table_add (LimberDayTable *self,
                           const LimberHistoryRecord *record);

/* The local date of @unix_seconds as a Julian day number (GDate's); 0 when
 * it is out of range. */
guint32 limber_day_table_julian (LimberDayTable *self, gint64 unix_seconds);

/* The @days days up to the local date of @now (seconds since the epoch),
 * oldest first. @current_stretch, the work since the last break, counts
 * for today. */
GArray *limber_day_table_stats (LimberDayTable *self, gint64 now, guint days,
                                gint64 current_stretch);

/* limber_day_table_stats() of @records (LimberHistoryRecord, any order). */
GArray *limber_stats_by_day (const GArray *records, gint64 now, guint days,
                             gint64 current_stretch);

/* Working days in a row, up to the last one in @by_day, on which no break
 * was skipped; days without work neither count nor break the streak. */
guint limber_stats_streak (const GArray *by_day);
