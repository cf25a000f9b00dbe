/* Sources that tell when the user is busy in a way a pop-up must not
 * interrupt: a microphone or camera recording, a screen shared. Each says
 * busy or not and what ("microphone: Firefox"); calls.c combines them,
 * debounces, and the daemon turns the result into a hold of kind call.
 */
#pragma once

#include <gio/gio.h>
#include <gmodule.h>

typedef struct _LimberBusySource LimberBusySource;

typedef struct
{
  /* Busy or not, what, or available, changed. */
  void (*changed) (LimberBusySource *source, gpointer user_data);
  gpointer user_data;
} LimberBusyListener;

typedef struct
{
  const char *name;
  void (*free) (LimberBusySource *self);
} LimberBusySourceClass;

struct _LimberBusySource
{
  const LimberBusySourceClass *klass;
  const LimberBusyListener *listener;
  /* Connected to what it watches; a source that is not (PipeWire went
   * away) is dropped and made again when it comes back. */
  gboolean available;
  gboolean busy;
  char *what;    /* "microphone: Firefox"; "" when not busy */
  GStrv ignored; /* app names, lower case, whose capture is no call */
};

/* For the sources. @ignored: space-separated names. */
void limber_busy_source_init (LimberBusySource *self,
                              const LimberBusySourceClass *klass,
                              const LimberBusyListener *listener,
                              const char *ignored);
/* Says busy (with @what) or not, and tells the listener on a change. */
void limber_busy_source_set (LimberBusySource *self, gboolean busy,
                             const char *what);
void limber_busy_source_set_available (LimberBusySource *self,
                                       gboolean available);
/* Whether an app of any of these names is on the ignore list (NULLs
 * skipped); matches whole names, case aside. */
gboolean limber_busy_source_ignores (LimberBusySource *self,
                                     const char *const names[], gsize n);

/* For the manager: frees the base and calls the class's free. */
void limber_busy_source_free (LimberBusySource *self);

/* The /dev/video* watcher (source-camera.c). */
LimberBusySource *limber_source_camera_new (const LimberBusyListener *listener,
                                            const char *ignored);
/* The PipeWire watcher, on the socket at @socket; NULL when PipeWire
 * cannot be reached there. */
LimberBusySource *
limber_source_pipewire_new (const LimberBusyListener *listener,
                            const char *ignored, const char *socket);
