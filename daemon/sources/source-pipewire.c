/* "In a call", as PipeWire sees it: a stream recording from a microphone
 * or a camera (a Stream/Input/Audio or Stream/Input/Video node, running,
 * linked from an Audio/Source* or Video/Source* node), or a screen being
 * shared (a Stream/Output/Video node, running, linked to a consumer: GNOME's
 * meta-screen-cast-src, the portals' streams).
 *
 * Left out, as the field reports them: streams that only monitor (a sink's
 * monitor is an Audio/Sink, not a source; stream.monitor, which peak meters
 * set), passive nodes (filters that follow a source), and the apps on the
 * call-ignore list (EasyEffects-style filters, visualisers, meters).
 *
 * Event-driven: PipeWire's loop is one more fd in GLib's main loop, and
 * nothing is asked of the server but the registry and the stream nodes'
 * info. A module of its own (source-pipewire.so), so that limberd maps
 * libpipewire only where call detection is on and PipeWire runs. */
#include "busy-source.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <pipewire/impl-module.h>
#include <pipewire/pipewire.h>
#include <spa/utils/dict.h>

typedef struct _SourcePipewire SourcePipewire;

typedef struct
{
  SourcePipewire *owner;
  guint32 id;
  char *media_class;
  char *app;    /* application.name, else node.name */
  char *binary; /* application.process.binary, once the info says */
  char *name;   /* node.name */
  gboolean monitor;
  enum pw_node_state state;
  struct pw_proxy *proxy; /* streams only: their state */
  struct spa_hook listener;
} Node;

typedef struct
{
  guint32 id, from, to;
} Link;

struct _SourcePipewire
{
  LimberBusySource parent;
  struct pw_loop *loop;
  struct pw_context *context;
  struct pw_core *core;
  struct spa_hook core_listener;
  struct pw_registry *registry;
  struct spa_hook registry_listener;
  guint fd_watch;
  GHashTable *nodes; /* id → Node */
  GHashTable *links; /* id → Link */
  gboolean dirty;
};

static gboolean
class_is (const Node *node, const char *prefix)
{
  return node != NULL && node->media_class != NULL
         && g_str_has_prefix (node->media_class, prefix);
}

static gboolean
ignored (SourcePipewire *self, const Node *node)
{
  const char *names[] = { node->app, node->binary, node->name };

  return node->monitor
         || limber_busy_source_ignores (&self->parent, names,
                                        G_N_ELEMENTS (names));
}

/* What @node, a running stream, is doing that makes a call, or NULL. */
static const char *
capture_of (SourcePipewire *self, const Node *node)
{
  GHashTableIter iter;
  Link *link;
  gboolean input = class_is (node, "Stream/Input/");
  gboolean screen = class_is (node, "Stream/Output/Video");

  if ((!input && !screen) || node->state != PW_NODE_STATE_RUNNING
      || ignored (self, node))
    return NULL;
  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &link))
    {
      if (screen && link->from == node->id)
        return "screen";
      if (input && link->to == node->id)
        {
          Node *from = g_hash_table_lookup (self->nodes,
                                            GUINT_TO_POINTER (link->from));
          if (class_is (from, "Audio/Source"))
            return N_ ("microphone");
          if (class_is (from, "Video/Source"))
            return N_ ("camera");
        }
    }
  return NULL;
}

static void
evaluate (SourcePipewire *self)
{
  GHashTableIter iter;
  Node *node;
  g_autoptr (GString) what = g_string_new (NULL);

  self->dirty = FALSE;
  g_hash_table_iter_init (&iter, self->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &node))
    {
      const char *capture = capture_of (self, node);
      if (capture == NULL)
        continue;
      /* The lowest id first, so that the text does not flap. */
      /* TRANSLATORS: why a call holds breaks back, as limberctl status
         shows it: "microphone: zoom". */
      g_autofree char *one = g_strdup_printf (_ ("%s: %s"), _ (capture),
                                              node->app    ? node->app
                                              : node->name ? node->name
                                                           : _ ("an app"));
      if (what->len == 0 || g_strcmp0 (one, what->str) < 0)
        g_string_assign (what, one);
    }
  limber_busy_source_set (&self->parent, what->len > 0, what->str);
}

static void
node_free (gpointer data)
{
  Node *node = data;

  if (node->proxy != NULL)
    {
      spa_hook_remove (&node->listener);
      pw_proxy_destroy (node->proxy);
    }
  g_free (node->media_class);
  g_free (node->app);
  g_free (node->binary);
  g_free (node->name);
  g_free (node);
}

static void
take_props (Node *node, const struct spa_dict *props)
{
  const char *value;

  if (props == NULL)
    return;
  if ((value = spa_dict_lookup (props, PW_KEY_MEDIA_CLASS)) != NULL)
    {
      g_free (node->media_class);
      node->media_class = g_strdup (value);
    }
  if ((value = spa_dict_lookup (props, PW_KEY_NODE_NAME)) != NULL)
    {
      g_free (node->name);
      node->name = g_strdup (value);
    }
  if ((value = spa_dict_lookup (props, PW_KEY_APP_NAME)) != NULL)
    {
      g_free (node->app);
      node->app = g_strdup (value);
    }
  if ((value = spa_dict_lookup (props, PW_KEY_APP_PROCESS_BINARY)) != NULL)
    {
      g_free (node->binary);
      node->binary = g_strdup (value);
    }
  if ((value = spa_dict_lookup (props, PW_KEY_STREAM_MONITOR)) != NULL)
    node->monitor = g_str_equal (value, "true") || g_str_equal (value, "1");
  if ((value = spa_dict_lookup (props, PW_KEY_NODE_PASSIVE)) != NULL
      && (g_str_equal (value, "true") || g_str_equal (value, "1")))
    node->monitor = TRUE;
}

static void
on_node_info (void *data, const struct pw_node_info *info)
{
  Node *node = data;

  node->state = info->state;
  if (info->change_mask & PW_NODE_CHANGE_MASK_PROPS)
    take_props (node, info->props);
  node->owner->dirty = TRUE;
}

static const struct pw_node_events node_events = {
  PW_VERSION_NODE_EVENTS,
  .info = on_node_info,
};

static guint32
id_of (const struct spa_dict *props, const char *key)
{
  const char *value = props ? spa_dict_lookup (props, key) : NULL;
  guint64 id;

  if (value == NULL
      || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &id, NULL))
    return SPA_ID_INVALID;
  return (guint32) id;
}

static void
on_global (void *data, uint32_t id, uint32_t permissions, const char *type,
           uint32_t version, const struct spa_dict *props)
{
  SourcePipewire *self = data;

  (void) permissions, (void) version;
  if (g_str_equal (type, PW_TYPE_INTERFACE_Node))
    {
      Node *node = g_new0 (Node, 1);
      node->owner = self;
      node->id = id;
      take_props (node, props);
      /* Streams are the ones whose state matters: bound, for their info. */
      if (class_is (node, "Stream/Input/")
          || class_is (node, "Stream/Output/Video"))
        {
          node->proxy
              = pw_registry_bind (self->registry, id, type, PW_VERSION_NODE, 0);
          if (node->proxy != NULL)
            pw_proxy_add_object_listener (node->proxy, &node->listener,
                                          &node_events, node);
        }
      g_hash_table_replace (self->nodes, GUINT_TO_POINTER (id), node);
    }
  else if (g_str_equal (type, PW_TYPE_INTERFACE_Link))
    {
      Link *link = g_new0 (Link, 1);
      link->id = id;
      link->from = id_of (props, PW_KEY_LINK_OUTPUT_NODE);
      link->to = id_of (props, PW_KEY_LINK_INPUT_NODE);
      g_hash_table_replace (self->links, GUINT_TO_POINTER (id), link);
    }
  else
    return;
  self->dirty = TRUE;
}

static void
on_global_remove (void *data, uint32_t id)
{
  SourcePipewire *self = data;

  if (g_hash_table_remove (self->nodes, GUINT_TO_POINTER (id))
      || g_hash_table_remove (self->links, GUINT_TO_POINTER (id)))
    self->dirty = TRUE;
}

static const struct pw_registry_events registry_events = {
  PW_VERSION_REGISTRY_EVENTS,
  .global = on_global,
  .global_remove = on_global_remove,
};

static void
on_core_error (void *data, uint32_t id, int seq, int res, const char *message)
{
  SourcePipewire *self = data;

  (void) seq;
  g_info ("pipewire: error on %u: %s (%s)", id, message, g_strerror (-res));
  /* The connection is gone (PipeWire stopped): the manager drops this
   * source and waits for PipeWire to come back. */
  if (id == PW_ID_CORE && res == -EPIPE)
    limber_busy_source_set_available (&self->parent, FALSE);
}

static const struct pw_core_events core_events = {
  PW_VERSION_CORE_EVENTS,
  .error = on_core_error,
};

static gboolean
on_loop_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  SourcePipewire *self = user_data;

  (void) fd, (void) condition;
  pw_loop_iterate (self->loop, 0);
  if (self->dirty && self->parent.available)
    evaluate (self);
  return G_SOURCE_CONTINUE;
}

static void
pipewire_free (LimberBusySource *source)
{
  SourcePipewire *self = (SourcePipewire *) source;

  g_clear_handle_id (&self->fd_watch, g_source_remove);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  if (self->registry != NULL)
    {
      spa_hook_remove (&self->registry_listener);
      pw_proxy_destroy ((struct pw_proxy *) self->registry);
    }
  if (self->core != NULL)
    {
      spa_hook_remove (&self->core_listener);
      pw_core_disconnect (self->core);
    }
  if (self->context != NULL)
    pw_context_destroy (self->context);
  if (self->loop != NULL)
    {
      pw_loop_leave (self->loop);
      pw_loop_destroy (self->loop);
    }
  g_free (self);
}

static const LimberBusySourceClass pipewire_class = {
  .name = "pipewire",
  .free = pipewire_free,
};

LimberBusySource *
limber_source_pipewire_new (const LimberBusyListener *listener,
                            const char *ignored)
{
  SourcePipewire *self = g_new0 (SourcePipewire, 1);

  limber_busy_source_init (&self->parent, &pipewire_class, listener, ignored);
  pw_init (NULL, NULL);
  /* PipeWire's warnings about a client without its modules or realtime
   * threads are not limberd's to show; PIPEWIRE_DEBUG still decides. */
  if (g_getenv ("PIPEWIRE_DEBUG") == NULL)
    pw_log_set_level (SPA_LOG_LEVEL_ERROR);
  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, node_free);
  self->links = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->loop = pw_loop_new (NULL);
  if (self->loop != NULL)
    {
      pw_loop_enter (self->loop);
      /* No client.conf: of its modules only the protocol is needed to
       * watch, and each would be mapped for nothing; nor D-Bus, which
       * PipeWire's clients use for realtime priority only. */
      self->context = pw_context_new (
          self->loop,
          pw_properties_new (PW_KEY_CONFIG_NAME, "null", PW_KEY_APP_NAME,
                             "limberd", "support.dbus", "false", NULL),
          0);
    }
  if (self->context != NULL
      && pw_context_load_module (
             self->context, "libpipewire-module-protocol-native", NULL, NULL)
             != NULL)
    self->core = pw_context_connect (self->context, NULL, 0);
  if (self->core == NULL)
    {
      g_info ("pipewire: cannot connect: %s", g_strerror (errno));
      limber_busy_source_free (&self->parent);
      return NULL;
    }
  pw_core_add_listener (self->core, &self->core_listener, &core_events, self);
  self->registry = pw_core_get_registry (self->core, PW_VERSION_REGISTRY, 0);
  pw_registry_add_listener (self->registry, &self->registry_listener,
                            &registry_events, self);
  self->fd_watch = g_unix_fd_add (pw_loop_get_fd (self->loop), G_IO_IN,
                                  on_loop_readable, self);
  self->parent.available = TRUE;
  g_info ("pipewire: watching for calls");
  return &self->parent;
}
