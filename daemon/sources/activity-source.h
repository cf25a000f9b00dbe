/* One small interface for every way the desktop can tell limberd about the
 * user: idle and active again, the screen locked and unlocked, the machine
 * going to sleep and resuming. Each source lives in its own file
 * (source-*.c), watches for its service to come and go, and turns what the
 * desktop says into scheduler events. activity.c picks which sources to
 * listen to.
 *
 * A new source implements this class and is added to the list in
 * activity.c. */
#pragma once

#include <gio/gio.h>
#include <gmodule.h>

#include "scheduler.h"

/* What a source can tell. */
typedef enum
{
  LIMBER_SENSES_NOTHING = 0,
  LIMBER_SENSES_IDLE = 1 << 0,  /* idle, and active again */
  LIMBER_SENSES_LOCK = 1 << 1,  /* screen locked and unlocked */
  LIMBER_SENSES_SLEEP = 1 << 2, /* suspend and resume */
} LimberSenses;

typedef struct _LimberActivitySource LimberActivitySource;

typedef struct
{
  const char *name;
  /* What it is, for `limberctl status`, unless its detail says more. */
  const char *about;
  /* How it lets the scheduler see a lull in typing. */
  LimberLullSensing lulls;
  /* Starts watching for the desktop service; reports availability. */
  void (*start) (LimberActivitySource *self);
  /* Reports the current state of what it now reports (the manager has
   * just told the scheduler that the source changed). */
  void (*replay) (LimberActivitySource *self);
  /* LIMBER_LULLS_QUERIED: answer with an IDLE_TIME event, soon. */
  void (*query_idle) (LimberActivitySource *self);
  /* The lull, for sources that watch for it. */
  void (*set_lull) (LimberActivitySource *self);
  void (*free) (LimberActivitySource *self);
} LimberActivitySourceClass;

typedef struct
{
  /* The source came or went, or what it senses changed. */
  void (*changed) (LimberActivitySource *source, gpointer user_data);
  /* @type with, for USER_IDLE and IDLE_TIME, how long input has stopped. */
  void (*event) (LimberActivitySource *source, LimberEventType type,
                 gint64 idle_usec, gpointer user_data);
  gpointer user_data;
} LimberActivityListener;

struct _LimberActivitySource
{
  const LimberActivitySourceClass *klass;
  const LimberActivityListener *listener;
  gboolean available;
  LimberSenses senses;    /* what it can tell now */
  LimberSenses reporting; /* what the manager listens to it for */
  gint64 lull;            /* µs */
  /* For `limberctl status`: what it uses, or why it is not there (NULL
   * when there is nothing to say). */
  char *detail;
  /* It has found out, once, whether its service is there and answers:
   * the first choice waits for this. */
  gboolean settled;
};

/* For the sources. */
void limber_activity_source_init (LimberActivitySource *self,
                                  const LimberActivitySourceClass *klass,
                                  const LimberActivityListener *listener);
void limber_activity_source_set_available (LimberActivitySource *self,
                                           gboolean available,
                                           LimberSenses senses);
/* @idle_ms, as a desktop service reports it, in µs: a nonsensical
 * answer (more than 64 bits of µs hold) is held at the largest, never
 * overflowed into a small or negative idle time. */
gint64 limber_idle_ms_to_usec (gint64 idle_ms);
/* A new detail (see above); tells the manager when it changed. */
void limber_activity_source_set_detail (LimberActivitySource *self,
                                        const char *detail);
/* The source knows, for the first time, what it can tell (its service
 * answered, or is not there, or stopped answering). Later comings and
 * goings are set_available()'s. */
void limber_activity_source_settle (LimberActivitySource *self);
/* Passes @type on if the manager listens to this source for it. */
void limber_activity_source_emit (LimberActivitySource *self,
                                  LimberEventType type, gint64 idle_usec);

/* For the manager. */
void limber_activity_source_start (LimberActivitySource *self);
void limber_activity_source_replay (LimberActivitySource *self);
void limber_activity_source_query_idle (LimberActivitySource *self);
void limber_activity_source_set_lull (LimberActivitySource *self, gint64 lull);
void limber_activity_source_free (LimberActivitySource *self);

/* The sources. Each returns a source not yet started. */
LimberActivitySource *
limber_source_logind_new (const LimberActivityListener *listener);
LimberActivitySource *
limber_source_mutter_new (const LimberActivityListener *listener);
LimberActivitySource *
limber_source_screensaver_new (const LimberActivityListener *listener);
/* Watches for the Wayland display; the client itself is a module. */
LimberActivitySource *
limber_source_wayland_new (const LimberActivityListener *listener);
/* In a module of its own, loaded by source-module.c. */
G_MODULE_EXPORT LimberActivitySource *
limber_source_xsync_new (const LimberActivityListener *listener);
