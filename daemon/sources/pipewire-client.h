/* A connection to PipeWire that watches its graph: the registry's globals
 * as they come and go, and the info (state, props) of the nodes one binds.
 * The socket is one fd in GLib's main loop: nothing is read, written or
 * woken while the graph does not change. Speaks the native protocol
 * through pipewire-wire.h; libpipewire, with its context's data-loop
 * thread, cost limberd 1.5 MiB to do the same. */
#pragma once

#include "pipewire-wire.h"

typedef struct _LimberPwClient LimberPwClient;

typedef struct
{
  void (*global) (gpointer data, const LimberPwGlobal *global);
  void (*global_remove) (gpointer data, guint32 id);
  /* A bound node's info; @global is the id it was bound by. */
  void (*node_info) (gpointer data, guint32 global,
                     const LimberPwNodeInfo *info);
  /* After the events of one read: a time to act on them together. */
  void (*settled) (gpointer data);
  /* The connection is gone (PipeWire stopped): no more events come. */
  void (*lost) (gpointer data);
} LimberPwEvents;

/* Connects to the socket at @path and asks for the registry; NULL with
 * @error if it cannot connect. */
LimberPwClient *limber_pw_client_new (const char *path,
                                      const char *const *props,
                                      const LimberPwEvents *events,
                                      gpointer data, GError **error);
/* Asks for the info of node @global, now and on every change. */
void limber_pw_client_bind_node (LimberPwClient *self, guint32 global);
void limber_pw_client_free (LimberPwClient *self);
