/* What the parts of limberd's shell (daemon.c, daemon-requests.c,
 * daemon-settings.c, daemon-state.c) share:
 * its state, and the way an event goes in. Not for the rest of limberd,
 * which uses daemon.h. */
#pragma once

#include "activity.h"
#include "calls.h"
#include "dnd.h"
#include "gnome-breaks.h"
#include "clock.h"
#include "clock-watch.h"
#include "zone-watch.h"
#include "daemon.h"
#include "notifier.h"
#include "popup-guide.h"
#include "scheduler.h"
#include "records.h"
#include "stepper.h"
#include "wakeup-timer.h"

struct _LimberDaemon
{
  GStrv config_paths;
  LimberConfig *config;
  char *config_error;
  LimberScheduler scheduler;
  LimberSleepDetector sleep;
  LimberWakeupTimer *timer;
  LimberNotifier *notifier;
  LimberActivity *activity;
  guint query_idle;       /* a deferred QUERY_IDLE */
  LimberRecords *records; /* once started */
  LimberDaemonListener listener;
  LimberTime last_event;
  gboolean started;
  gboolean stood_down; /* replaced: nothing more is fed or saved */
  gboolean restoring;  /* carrying out what the saved state says */

  /* The guided break: its stepper and the stepper's own timer, armed only
   * while a routine runs. */
  LimberStepper stepper;
  LimberWakeupTimer *guide_timer;
  gboolean guide_ending;  /* the stepper is ending the break itself */
  gboolean guided_before; /* the person has followed a routine before */

  /* Times of day: the clock or time zone changed, or a kind ended. */
  LimberClockWatch *clock_watch;
  LimberZoneWatch *zone_watch;
  gboolean deadlines_stale;
  /* Who holds and why (daemon-holds.c): HoldNote by id; the pause's. */
  GHashTable *hold_notes;
  guint32 last_hold_id;
  char *pause_who, *pause_reason;
  /* Callers waiting for the pop-up to be shown or not (BreakNow). */
  GPtrArray *popup_waiters;
  /* Calls noticed by themselves, and the hold they keep. */
  LimberCalls *calls;
  guint32 call_hold;
  /* The notification server's do not disturb, once started, and the
   * hold it keeps. */
  LimberDnd *dnd;
  guint32 dnd_hold;
  /* GNOME's own break reminders, once started. */
  LimberGnomeBreaks *gnome_breaks;
};

/* Answers the callers waiting for the pop-up, once it has settled. */
void limber_daemon_settle_waiters (LimberDaemon *self);

/* The call watcher said something: the call hold follows it. */
void limber_daemon_on_calls (gpointer user_data);
/* Do not disturb came or went: the DND hold follows it. */
void limber_daemon_on_dnd (gpointer user_data);
/* Call detection by the configuration in force. */
void limber_daemon_configure_calls (LimberDaemon *self);

/* Whether @reason (may be NULL) will do for a hold's. */
gboolean limber_daemon_check_reason (const char *reason, GError **error);

/* A hold's id is gone from the scheduler: forget what was said of it. */
void limber_daemon_forget_hold (LimberDaemon *self, guint32 id);

/* Feeds @event to the scheduler, stamped now, carries out what it answers,
 * and publishes the new state. */
void limber_daemon_feed (LimberDaemon *self, LimberEvent event);

/* daemon-guide.c */
void limber_daemon_guide_init (LimberDaemon *self);
void limber_daemon_guide_clear (LimberDaemon *self);
/* Feeds the stepper, stamped now, and carries out what it answers. */
void limber_daemon_guide_feed (LimberDaemon *self, LimberGuideEventType type);
/* The break ended otherwise (a snooze, a skip, a pause): the routine
 * stops with it, silently. */
void limber_daemon_guide_abandon (LimberDaemon *self);

/* daemon-deadlines.c: the stretch and check-in times, converted from the
 * wall clock, fed to the scheduler. */
void limber_daemon_update_deadlines (LimberDaemon *self);

/* Publishes the state to the listener and to systemd. */
void limber_daemon_publish (LimberDaemon *self);
