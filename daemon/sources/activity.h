/* Which activity sources limberd listens to. The best one available
 * (Mutter's IdleMonitor, then the Wayland compositor's idle protocol, then
 * org.freedesktop.ScreenSaver, then the X server's idle counter, then
 * logind) tells idle and lulls; logind adds
 * what that one cannot (the lock screen, sleep). The choice follows the
 * sources as their bus names come and go; the activity-source setting can
 * force one, or none. */
#pragma once

#include "activity-source.h"

typedef struct _LimberActivity LimberActivity;

typedef struct
{
  /* The set of sources changed: tell the scheduler (SOURCE_CHANGED with
   * limber_activity_get_lulls()) before the sources replay their state. */
  void (*changed) (gpointer user_data);
  /* @type happened; for USER_IDLE and IDLE_TIME, input stopped @idle_usec
   * ago. */
  void (*event) (LimberEventType type, gint64 idle_usec, gpointer user_data);
  /* Only the reason (limber_activity_get_reason()) changed. */
  void (*described) (gpointer user_data);
  /* Only what limber_activity_get_name() says changed (choosing ended). */
  void (*renamed) (gpointer user_data);
  gpointer user_data;
} LimberActivityCallbacks;

LimberActivity *limber_activity_new (const LimberActivityCallbacks *callbacks,
                                     const char *forced, gint64 lull);
void limber_activity_free (LimberActivity *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberActivity, limber_activity_free)

/* Starts watching for every source. */
void limber_activity_start (LimberActivity *self);

void limber_activity_set_forced (LimberActivity *self, const char *forced);
void limber_activity_set_lull (LimberActivity *self, gint64 lull);

/* "mutter+logind", "logind", "none"…; "choosing" at start, until every
 * source that could change the choice has said whether it is there. */
const char *limber_activity_get_name (LimberActivity *self);
/* Why: what the sources in use use, or why the better ones are missing
 * ("ext-idle-notify-v1 version 1 on wayland-0; logind tells the lock
 * screen and sleep"). */
const char *limber_activity_get_reason (LimberActivity *self);
LimberLullSensing limber_activity_get_lulls (LimberActivity *self);
/* Whether a source tells suspend and resume. */
gboolean limber_activity_senses_sleep (LimberActivity *self);
/* Asks the source that sees lulls how long input has stopped; the answer
 * comes as an IDLE_TIME event. */
void limber_activity_query_idle (LimberActivity *self);
