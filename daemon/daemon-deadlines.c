/* The times of day of the break kinds: the daily stretch (stretch-at) and
 * the weekly check-in (checkin-at), from the settings and the history,
 * converted from the wall clock to the scheduler's, and converted again
 * when the clock is set or a kind is done with. */
#include "daemon-private.h"

#include "limber-time-of-day.h"

#define DAY (G_GINT64_CONSTANT (86400))

/* The next time (µs since the epoch) at @weekday (0: any) and @minutes,
 * at or after @after_s (seconds since the epoch); G_MAXINT64 for off. */
static gint64
next_at (gint64 after_s, int weekday, int minutes)
{
  g_autoptr (GDateTime) after = NULL;
  g_autoptr (GDateTime) at = NULL;

  if (minutes < 0)
    return G_MAXINT64;
  after = g_date_time_new_from_unix_local (after_s);
  at = after != NULL ? limber_next_local_time (after, weekday, minutes) : NULL;
  return at != NULL ? g_date_time_to_unix (at) * G_USEC_PER_SEC : G_MAXINT64;
}

/* Today's stretch, unless one ended since its time; a time missed by up
 * to half a day (limberd started late) still comes. */
static gint64
stretch_wall (LimberDaemon *self, gint64 now_s)
{
  int minutes;

  if (!limber_time_of_day_parse (self->config->stretch_at, &minutes, NULL))
    return G_MAXINT64;
  gint64 last = limber_records_last_ended (self->records, LIMBER_KIND_STRETCH);
  return next_at (MAX (now_s - DAY / 2, last + 1), 0, minutes);
}

/* Once a week, from the first routine followed to its end; not again
 * within six days of a check-in. */
static gint64
checkin_wall (LimberDaemon *self, gint64 now_s)
{
  int weekday, minutes;
  gint64 advised_at;
  gboolean completed;

  if (!limber_weekly_parse (self->config->checkin_at, &weekday, &minutes, NULL)
      || minutes < 0)
    return G_MAXINT64;
  /* Only whether a routine was ever completed is wanted here. */
  g_autoptr (GArray) ratings
      = limber_records_ratings (self->records, 1, &advised_at, &completed);
  (void) ratings;
  if (!completed)
    return G_MAXINT64;
  gint64 last = limber_records_last_ended (self->records, LIMBER_KIND_CHECKIN);
  return next_at (MAX (now_s - DAY / 2, last + 6 * DAY), weekday, minutes);
}

static LimberTime
to_clock (gint64 wall, gint64 now_wall, LimberTime now)
{
  if (wall == G_MAXINT64)
    return LIMBER_TIME_NEVER;
  return now + (wall - now_wall);
}

void
limber_daemon_update_deadlines (LimberDaemon *self)
{
  LimberTime now = limber_clock_now ();
  gint64 now_wall = g_get_real_time ();

  self->deadlines_stale = FALSE;
  if (self->records == NULL)
    return;
  gint64 stretch = stretch_wall (self, now_wall / G_USEC_PER_SEC);
  gint64 checkin = checkin_wall (self, now_wall / G_USEC_PER_SEC);
  limber_daemon_feed (self, (LimberEvent){
                                .type = LIMBER_EVENT_DEADLINES,
                                .stretch_at = to_clock (stretch, now_wall, now),
                                .checkin_at = to_clock (checkin, now_wall, now),
                            });
}
