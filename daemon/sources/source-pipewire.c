/* "In a call", as PipeWire sees it: a capture stream (a Stream/Input/Audio
 * or Stream/Input/Video node, running) linked from a microphone (an
 * Audio/Source* node), a camera (a Video/Source* node that a device made,
 * or one that says media.role=Camera) or a shared screen. The hold names
 * the app that captures: "screen: Firefox", not the compositor.
 *
 * A shared screen is a stream a compositor or portal publishes: GNOME's
 * and KDE's casts are Stream/Output/Video nodes; xdg-desktop-portal-wlr's
 * (sway and other wlroots desktops) is a Video/Source node, but a client's
 * stream, with no device.id. A Stream/Output/Video share to a consumer
 * that is no capture stream (a filter, say) is named by its producer.
 *
 * Left out, as the field reports them: streams that only monitor (a sink's
 * monitor is an Audio/Sink, not a source; stream.monitor, which peak meters
 * set), passive nodes (filters that follow a source), and the apps on the
 * call-ignore list (EasyEffects-style filters, visualisers, meters).
 *
 * Event-driven: the PipeWire socket is one fd in GLib's main loop, and
 * nothing is asked of the server but the registry and the stream nodes'
 * info (pipewire-client.c). */
#include "busy-source.h"

#include "pipewire-client.h"

#include <glib/gi18n-lib.h>

typedef struct _SourcePipewire SourcePipewire;

typedef struct
{
  guint32 id;
  char *media_class;
  char *app;    /* application.name, else node.name */
  char *binary; /* application.process.binary, once the info says */
  char *name;   /* node.name */
  gboolean monitor;
  gboolean device;      /* made by a device (device.id): a real camera */
  gboolean camera_role; /* media.role=Camera: a virtual camera */
  gint32 state;         /* streams only, once their info says */
} Node;

typedef struct
{
  guint32 id, from, to;
} Link;

struct _SourcePipewire
{
  LimberBusySource parent;
  LimberPwClient *client;
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

static Node *
node_of (SourcePipewire *self, guint32 id)
{
  return g_hash_table_lookup (self->nodes, GUINT_TO_POINTER (id));
}

static gboolean
is_shared_screen (const Node *node)
{
  return class_is (node, "Stream/Output/Video")
         || (class_is (node, "Video/Source") && !node->device
             && !node->camera_role);
}

/* What @node, a running stream, is doing that makes a call, or NULL. */
static const char *
capture_of (SourcePipewire *self, const Node *node)
{
  GHashTableIter iter;
  Link *link;
  gboolean input = class_is (node, "Stream/Input/");
  gboolean producer = class_is (node, "Stream/Output/Video");

  if ((!input && !producer) || node->state != LIMBER_PW_NODE_RUNNING
      || ignored (self, node))
    return NULL;
  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &link))
    {
      if (input && link->to == node->id)
        {
          Node *from = node_of (self, link->from);
          if (class_is (from, "Audio/Source"))
            return N_ ("microphone");
          if (is_shared_screen (from))
            return N_ ("screen");
          if (class_is (from, "Video/Source"))
            return N_ ("camera");
        }
      /* A capture stream watching the share names itself (above). */
      if (producer && link->from == node->id
          && !class_is (node_of (self, link->to), "Stream/Input/"))
        return N_ ("screen");
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
      /* The first text in byte order, so that it does not flap. */
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

  g_free (node->media_class);
  g_free (node->app);
  g_free (node->binary);
  g_free (node->name);
  g_free (node);
}

static gboolean
is_true (const char *value)
{
  return g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "1") == 0;
}

/* Whether node.passive says the node follows what it reads (a filter on
 * a microphone): "true", or PipeWire's modes "in", "in-follow", "follow",
 * "follow-suspend", alone or in a list. */
static gboolean
passive_input (const char *value)
{
  g_auto (GStrv) modes = value ? g_strsplit (value, ",", -1) : NULL;

  if (is_true (value))
    return TRUE;
  for (gsize i = 0; modes != NULL && modes[i] != NULL; i++)
    {
      const char *mode = g_strstrip (modes[i]);
      if (g_str_has_prefix (mode, "in") || g_str_has_prefix (mode, "follow"))
        return TRUE;
    }
  return FALSE;
}

static void
take_props (Node *node, const LimberPwDict *props)
{
  const char *value;

  if ((value = limber_pw_dict_lookup (props, "media.class")) != NULL)
    {
      g_free (node->media_class);
      node->media_class = g_strdup (value);
    }
  if ((value = limber_pw_dict_lookup (props, "node.name")) != NULL)
    {
      g_free (node->name);
      node->name = g_strdup (value);
    }
  if ((value = limber_pw_dict_lookup (props, "application.name")) != NULL)
    {
      g_free (node->app);
      node->app = g_strdup (value);
    }
  if ((value = limber_pw_dict_lookup (props, "application.process.binary"))
      != NULL)
    {
      g_free (node->binary);
      node->binary = g_strdup (value);
    }
  /* Each dict is whole (the registry's, then each info's): what it
   * leaves out is no longer so. */
  node->monitor
      = is_true (limber_pw_dict_lookup (props, "stream.monitor"))
        || passive_input (limber_pw_dict_lookup (props, "node.passive"));
  node->device = limber_pw_dict_lookup (props, "device.id") != NULL;
  value = limber_pw_dict_lookup (props, "media.role");
  node->camera_role
      = value != NULL && g_ascii_strcasecmp (value, "Camera") == 0;
}

static void
on_node_info (gpointer data, guint32 global, const LimberPwNodeInfo *info)
{
  SourcePipewire *self = data;
  Node *node = node_of (self, global);

  if (node == NULL)
    return;
  node->state = info->state;
  if (info->change_mask & LIMBER_PW_NODE_CHANGE_PROPS)
    take_props (node, &info->props);
  self->dirty = TRUE;
}

static guint32
id_of (const LimberPwDict *props, const char *key)
{
  const char *value = limber_pw_dict_lookup (props, key);
  guint64 id;

  if (value == NULL
      || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &id, NULL))
    return G_MAXUINT32;
  return (guint32) id;
}

static void
on_global (gpointer data, const LimberPwGlobal *global)
{
  SourcePipewire *self = data;

  if (g_str_equal (global->type, "PipeWire:Interface:Node"))
    {
      Node *node = g_new0 (Node, 1);
      node->id = global->id;
      node->state = LIMBER_PW_NODE_CREATING;
      take_props (node, &global->props);
      g_hash_table_replace (self->nodes, GUINT_TO_POINTER (global->id), node);
      /* Streams are the ones whose state matters: bound, for their info. */
      if (class_is (node, "Stream/Input/")
          || class_is (node, "Stream/Output/Video"))
        limber_pw_client_bind_node (self->client, global->id);
    }
  else if (g_str_equal (global->type, "PipeWire:Interface:Link"))
    {
      Link *link = g_new0 (Link, 1);
      link->id = global->id;
      link->from = id_of (&global->props, "link.output.node");
      link->to = id_of (&global->props, "link.input.node");
      g_hash_table_replace (self->links, GUINT_TO_POINTER (global->id), link);
    }
  else
    return;
  self->dirty = TRUE;
}

static void
on_global_remove (gpointer data, guint32 id)
{
  SourcePipewire *self = data;

  if (g_hash_table_remove (self->nodes, GUINT_TO_POINTER (id))
      || g_hash_table_remove (self->links, GUINT_TO_POINTER (id)))
    self->dirty = TRUE;
}

static void
on_settled (gpointer data)
{
  SourcePipewire *self = data;

  if (self->dirty && self->parent.available)
    evaluate (self);
}

static void
on_lost (gpointer data)
{
  SourcePipewire *self = data;

  /* PipeWire stopped: the manager drops this source and waits for
   * PipeWire to come back. */
  limber_busy_source_set_available (&self->parent, FALSE);
}

static const LimberPwEvents pw_events = {
  .global = on_global,
  .global_remove = on_global_remove,
  .node_info = on_node_info,
  .settled = on_settled,
  .lost = on_lost,
};

static void
pipewire_free (LimberBusySource *source)
{
  SourcePipewire *self = (SourcePipewire *) source;

  g_clear_pointer (&self->client, limber_pw_client_free);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_free (self);
}

static const LimberBusySourceClass pipewire_class = {
  .name = "pipewire",
  .free = pipewire_free,
};

LimberBusySource *
limber_source_pipewire_new (const LimberBusyListener *listener,
                            const char *ignored, const char *socket)
{
  static const char *const props[] = {
    "application.name", "limberd", "application.process.binary",
    "limberd",          NULL,
  };
  SourcePipewire *self = g_new0 (SourcePipewire, 1);
  g_autoptr (GError) error = NULL;

  limber_busy_source_init (&self->parent, &pipewire_class, listener, ignored);
  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, node_free);
  self->links = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->client = limber_pw_client_new (socket, props, &pw_events, self, &error);
  if (self->client == NULL)
    {
      g_info ("pipewire: cannot connect: %s", error->message);
      limber_busy_source_free (&self->parent);
      return NULL;
    }
  self->parent.available = TRUE;
  g_info ("pipewire: watching for calls");
  return &self->parent;
}
