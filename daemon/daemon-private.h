/* What the parts of limberd's shell (daemon.c, daemon-settings.c) share:
 * its state, and the way an event goes in. Not for the rest of limberd,
 * which uses daemon.h. */
#pragma once

#include "activity.h"
#include "clock.h"
#include "daemon.h"
#include "notifier.h"
#include "scheduler.h"
#include "service.h"
#include "storage.h"
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
  LimberService *service;
  LimberActivity *activity;
  guint query_idle; /* a deferred QUERY_IDLE */
  LimberStorage *storage;
  LimberDayCounts today;
  LimberTime last_event;
  gboolean started;
  gboolean restoring; /* carrying out what the saved state says */
  guint save_timer;   /* saves the work counter while it grows */
  guint save_every;   /* s */
};

/* Feeds @event to the scheduler, stamped now, carries out what it answers,
 * and publishes the new state. */
void limber_daemon_feed (LimberDaemon *self, LimberEvent event);

/* Publishes the state on D-Bus and to systemd. */
void limber_daemon_publish (LimberDaemon *self);
