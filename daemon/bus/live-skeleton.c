#include "live-skeleton.h"

#include "limber-names.h"

struct _LimberLiveSkeleton
{
  LimberDBusLimber1Skeleton parent_instance;
  LimberDaemon *daemon;
  LimberCallers *callers; /* once exported */
};

G_DEFINE_TYPE (LimberLiveSkeleton, limber_live_skeleton,
               LIMBER_DBUS_TYPE_LIMBER1_SKELETON)

static GDBusInterfaceVTable live_vtable;
static GDBusInterfaceMethodCallFunc stored_method_call;
static GDBusInterfaceGetPropertyFunc stored_get_property;

static GVariant *
live_value (LimberDaemon *daemon, const char *property)
{
  LimberSnapshot now;

  limber_daemon_snapshot (daemon, &now);
  if (g_str_equal (property, "WorkedSeconds"))
    return g_variant_new_uint64 (now.worked);
  if (g_str_equal (property, "NextBreak"))
    return g_variant_new_uint64 (now.next_break);
  if (g_str_equal (property, "BreaksTaken"))
    return g_variant_new_uint32 (now.today.taken);
  if (g_str_equal (property, "BreaksSnoozed"))
    return g_variant_new_uint32 (now.today.snoozed);
  if (g_str_equal (property, "BreaksSkipped"))
    return g_variant_new_uint32 (now.today.skipped);
  if (g_str_equal (property, "NaturalBreaks"))
    return g_variant_new_uint32 (now.today.natural);
  if (g_str_equal (property, "BreaksDeferred"))
    return g_variant_new_uint32 (now.today.deferred);
  return NULL;
}

/* @name's value as of now (a full reference); NULL with @error if it
 * cannot be read. */
static GVariant *
property_value (LimberLiveSkeleton *self, GDBusMethodInvocation *invocation,
                const char *name, GError **error)
{
  GVariant *value = live_value (self->daemon, name);

  if (value == NULL)
    value = stored_get_property (
        g_dbus_method_invocation_get_connection (invocation),
        g_dbus_method_invocation_get_sender (invocation),
        g_dbus_method_invocation_get_object_path (invocation), LIMBER_INTERFACE,
        name, error, self);
  /* Live values are floating, stored ones not: own either once. */
  return value != NULL ? g_variant_take_ref (value) : NULL;
}

/* Properties.Get and GetAll, answered here rather than by GDBus, so that
 * they pass the same check as the methods. GDBus has checked the interface
 * and property names. */
static void
answer_property_read (LimberLiveSkeleton *self,
                      GDBusMethodInvocation *invocation)
{
  GVariant *parameters = g_dbus_method_invocation_get_parameters (invocation);
  GError *error = NULL;

  if (g_str_equal (g_dbus_method_invocation_get_method_name (invocation),
                   "Get"))
    {
      const char *name;
      g_autoptr (GVariant) value = NULL;

      g_variant_get (parameters, "(&s&s)", NULL, &name);
      value = property_value (self, invocation, name, &error);
      if (value == NULL)
        g_dbus_method_invocation_take_error (invocation, error);
      else
        g_dbus_method_invocation_return_value (invocation,
                                               g_variant_new ("(v)", value));
      return;
    }

  GDBusInterfaceInfo *info = limber_dbus_limber1_interface_info ();
  GVariantBuilder all;

  g_variant_builder_init (&all, G_VARIANT_TYPE ("a{sv}"));
  for (guint i = 0; info->properties[i] != NULL; i++)
    {
      GDBusPropertyInfo *property = info->properties[i];
      g_autoptr (GVariant) value = NULL;

      if (!(property->flags & G_DBUS_PROPERTY_INFO_FLAGS_READABLE))
        continue;
      value = property_value (self, invocation, property->name, &error);
      if (value == NULL)
        {
          g_variant_builder_clear (&all);
          g_dbus_method_invocation_take_error (invocation, error);
          return;
        }
      g_variant_builder_add (&all, "{sv}", property->name, value);
    }
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(a{sv})", &all));
}

/* A call its caller may make: to the generated skeleton, which emits the
 * handle-* signal wired below, or a property read. */
static void
serve (GDBusMethodInvocation *invocation, gpointer user_data)
{
  LimberLiveSkeleton *self = user_data;

  if (g_str_equal (g_dbus_method_invocation_get_interface_name (invocation),
                   "org.freedesktop.DBus.Properties"))
    {
      answer_property_read (self, invocation);
      return;
    }
  stored_method_call (g_dbus_method_invocation_get_connection (invocation),
                      g_dbus_method_invocation_get_sender (invocation),
                      g_dbus_method_invocation_get_object_path (invocation),
                      g_dbus_method_invocation_get_interface_name (invocation),
                      g_dbus_method_invocation_get_method_name (invocation),
                      g_dbus_method_invocation_get_parameters (invocation),
                      invocation, self);
}

/* Every call and property read, first to the check of who calls. */
static void
admit_call (GDBusConnection *connection, const char *sender,
            const char *object_path, const char *interface_name,
            const char *method_name, GVariant *parameters,
            GDBusMethodInvocation *invocation, gpointer user_data)
{
  LimberLiveSkeleton *self = user_data;

  (void) connection, (void) sender, (void) object_path, (void) interface_name;
  (void) method_name, (void) parameters;
  limber_callers_admit (self->callers, invocation, serve, self);
}

static GDBusInterfaceVTable *
live_get_vtable (GDBusInterfaceSkeleton *skeleton)
{
  GDBusInterfaceVTable *stored
      = G_DBUS_INTERFACE_SKELETON_CLASS (limber_live_skeleton_parent_class)
            ->get_vtable (skeleton);

  if (stored_method_call == NULL)
    {
      stored_method_call = stored->method_call;
      stored_get_property = stored->get_property;
      live_vtable = *stored;
      live_vtable.method_call = admit_call;
      /* No get_property: GDBus then hands Properties.Get and GetAll to
       * method_call, where they can wait for the check. */
      live_vtable.get_property = NULL;
    }
  return &live_vtable;
}

static void
limber_live_skeleton_class_init (LimberLiveSkeletonClass *klass)
{
  GDBusInterfaceSkeletonClass *skeleton_class
      = G_DBUS_INTERFACE_SKELETON_CLASS (klass);

  skeleton_class->get_vtable = live_get_vtable;
}

static void
limber_live_skeleton_init (LimberLiveSkeleton *self)
{
  (void) self;
}

LimberLiveSkeleton *
limber_live_skeleton_new (LimberDaemon *daemon)
{
  LimberLiveSkeleton *self = g_object_new (LIMBER_TYPE_LIVE_SKELETON, NULL);

  self->daemon = daemon;
  return self;
}

gboolean
limber_live_skeleton_export (LimberLiveSkeleton *self,
                             GDBusConnection *connection, GError **error)
{
  /* Following who comes and goes on the bus first, so that no caller is
   * missed. */
  if (self->callers == NULL)
    self->callers = limber_callers_new (connection);
  return g_dbus_interface_skeleton_export (
      G_DBUS_INTERFACE_SKELETON (self), connection, LIMBER_OBJECT_PATH, error);
}

void
limber_live_skeleton_unexport (LimberLiveSkeleton *self)
{
  /* Never exported when the bus could not be reached at all. */
  if (g_dbus_interface_skeleton_get_connection (
          G_DBUS_INTERFACE_SKELETON (self))
      != NULL)
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self));
  g_clear_pointer (&self->callers, limber_callers_free);
}

LimberCallers *
limber_live_skeleton_get_callers (LimberLiveSkeleton *self)
{
  return self->callers;
}
