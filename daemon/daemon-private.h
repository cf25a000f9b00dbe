/* What the parts of limberd's shell (daemon.c, daemon-requests.c,
 * daemon-settings.c, daemon-state.c) share:
 * its state, and the way an event goes in. Not for the rest of limberd,
 * which uses daemon.h. */
#pragma once

#include "activity.h"
#include "clock.h"
#include "daemon.h"
#include "notifier.h"
#include "scheduler.h"
#include "records.h"
#include "wakeup-timer.h"
#include "wall-clock-watch.h"

struct _LimberDaemon
{
  GStrv config_paths;
  LimberConfig *config;
  char *config_error;
  LimberScheduler scheduler;
  LimberSleepDetector sleep;
  LimberWakeupTimer *timer;
  LimberWallClockWatch *wall_clock; /* publishes again when it is set */
  LimberNotifier *notifier;
  LimberActivity *activity;
  guint query_idle;       /* a deferred QUERY_IDLE */
  LimberRecords *records; /* once started */
  LimberDaemonListener listener;
  LimberTime last_event;
  gboolean started;
  gboolean restoring; /* carrying out what the saved state says */
};

/* Feeds @event to the scheduler, stamped now, carries out what it answers,
 * and publishes the new state. */
void limber_daemon_feed (LimberDaemon *self, LimberEvent event);

/* Publishes the state to the listener and to systemd. */
void limber_daemon_publish (LimberDaemon *self);
