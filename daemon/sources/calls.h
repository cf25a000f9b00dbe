/* "In a call", noticed by itself: the PipeWire watcher (a module, loaded
 * only when call detection is on and PipeWire is there, or when it comes)
 * and the /dev/video* watcher, combined and debounced: capture that
 * flickers at a stream's start is not a call, and a stream that ends for a
 * moment (a device switched) does not end one. */
#pragma once

#include <glib.h>

typedef struct _LimberCalls LimberCalls;

/* The debounced state changed, or what it is about, or what is watched. */
typedef void (*LimberCallsFunc) (gpointer user_data);

LimberCalls *limber_calls_new (LimberCallsFunc func, gpointer user_data);
void limber_calls_free (LimberCalls *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberCalls, limber_calls_free)

/* Watches (or stops watching) by the settings call-detection and
 * call-ignore (space-separated app names). */
void limber_calls_configure (LimberCalls *self, gboolean enabled,
                             const char *ignored);

gboolean limber_calls_is_busy (LimberCalls *self);
/* Who tells ("PipeWire", "/dev/video*") and what ("microphone: Firefox"),
 * while busy. */
const char *limber_calls_get_who (LimberCalls *self);
const char *limber_calls_get_what (LimberCalls *self);
/* What is watched: "pipewire+camera", "camera", or "off". */
const char *limber_calls_get_watching (LimberCalls *self);
