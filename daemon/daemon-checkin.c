/* The weekly check-in's answer, and the guide's two-week advice drawn
 * from the ratings and the breaks taken. */
#include "daemon-private.h"

#include "advice.h"
#include "limber-error.h"
#include "limber-i18n.h"
#include "stats.h"

#include <string.h>

/* Ratings far enough back for the two-week rule to find its baseline. */
#define RATING_DAYS 28

gboolean
limber_daemon_checkin (LimberDaemon *self, guint rating, const char *note,
                       char **advice, GError **error)
{
  *advice = NULL;
  if (rating < LIMBER_RATING_MIN || rating > LIMBER_RATING_MAX)
    {
      g_set_error (
          error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
          _ ("a rating is 1 (no discomfort) to 10 (the worst), not %u"),
          rating);
      return FALSE;
    }
  if (note != NULL
      && (!g_utf8_validate (note, -1, NULL)
          || strlen (note) > LIMBER_HISTORY_NOTE_MAX))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("a note is UTF-8 text of at most %d bytes"),
                   LIMBER_HISTORY_NOTE_MAX);
      return FALSE;
    }
  if (self->records == NULL)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   _ ("limberd has not started yet"));
      return FALSE;
    }
  g_info ("check-in: %u", rating);
  limber_records_checkin (self->records, rating,
                          note != NULL && note[0] != '\0' ? note : NULL);
  /* Answered: the check-in on screen has done its job. */
  if (limber_scheduler_get_phase (&self->scheduler) == LIMBER_PHASE_ON_BREAK
      && limber_scheduler_get_kind (&self->scheduler) == LIMBER_KIND_CHECKIN)
    limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_BREAK_DONE });
  self->deadlines_stale = TRUE;
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_TICK });
  *advice = limber_daemon_take_advice (self);
  return TRUE;
}

char *
limber_daemon_take_advice (LimberDaemon *self)
{
  gint64 advised_at;
  gboolean completed;
  guint streak;
  guint taken[LIMBER_ADVICE_DAYS];

  if (self->records == NULL)
    return g_strdup ("");
  g_autoptr (GArray) ratings = limber_records_ratings (
      self->records, RATING_DAYS, &advised_at, &completed);
  g_autoptr (GArray) days = limber_records_stats (
      self->records, LIMBER_ADVICE_DAYS, 0, &streak, NULL);
  if (ratings == NULL || days == NULL)
    return g_strdup ("");
  for (guint i = 0; i < LIMBER_ADVICE_DAYS; i++)
    taken[i] = g_array_index (days, LimberDayStats, i).taken;
  if (!limber_advice_due ((const LimberRating *) (gpointer) ratings->data,
                          ratings->len, taken, LIMBER_ADVICE_DAYS,
                          g_get_real_time () / G_USEC_PER_SEC, advised_at))
    return g_strdup ("");
  g_info ("two weeks without improvement: advising a physical therapist");
  limber_records_advised (self->records);
  return g_strdup (_ (LIMBER_ADVICE_TEXT));
}
