#include "service.h"

#include "bus-caller.h"
#include "callers.h"
#include "leases.h"
#include "limber-dbus-generated.h"
#include "limber-error.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-text.h"
#include "stats.h"

/* The generated skeleton answers property reads from stored values. This
 * subclass answers the continuously changing ones from the daemon at the
 * moment of the read, so no timer has to keep them fresh. */
#define LIMBER_TYPE_LIVE_SKELETON (limber_live_skeleton_get_type ())
G_DECLARE_FINAL_TYPE (LimberLiveSkeleton, limber_live_skeleton, LIMBER,
                      LIVE_SKELETON, LimberDBusLimber1Skeleton)

struct _LimberLiveSkeleton
{
  LimberDBusLimber1Skeleton parent_instance;
  LimberDaemon *daemon;
  LimberCallers *callers; /* once exported */
};

G_DEFINE_TYPE (LimberLiveSkeleton, limber_live_skeleton,
               LIMBER_DBUS_TYPE_LIMBER1_SKELETON)

struct _LimberService
{
  LimberLiveSkeleton *skeleton;
  LimberDaemon *daemon;
  LimberLeases *leases;
};

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

/* Answers @invocation with @error (taken). Its message may quote what the
 * caller sent or a file holds: it goes back made visible, one line, so
 * that no raw escape sequence reaches the terminal that shows it. */
static void
return_error (GDBusMethodInvocation *invocation, GError *error)
{
  char *shown = limber_text_visible (error->message, -1, LIMBER_TEXT_ONE_LINE);

  g_free (error->message);
  error->message = shown;
  g_dbus_method_invocation_take_error (invocation, error);
}

/* Method handlers: each hands the call to the daemon and answers. */

static void
return_nothing (gpointer invocation)
{
  g_dbus_method_invocation_return_value (invocation, NULL);
}

/* The error, or success once the change is on disk. */
static gboolean
reply (LimberService *self, GDBusMethodInvocation *invocation, GError *error)
{
  if (error != NULL)
    return_error (invocation, error);
  else
    limber_daemon_when_saved (self->daemon, return_nothing, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_pause (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
              guint64 seconds, LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_pause (self->daemon, seconds, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_pause_with_reason (LimberDBusLimber1 *iface,
                          GDBusMethodInvocation *invocation, guint64 seconds,
                          const char *reason, LimberService *self)
{
  GError *error = NULL;
  g_autofree char *who = limber_callers_describe (
      self->skeleton->callers,
      g_dbus_method_invocation_get_sender (invocation));

  (void) iface;
  limber_daemon_pause_for (self->daemon, seconds, who, reason, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_inhibit (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                const char *reason, guint64 seconds, LimberService *self)
{
  GError *error = NULL;
  const char *sender = g_dbus_method_invocation_get_sender (invocation);
  g_autofree char *who
      = limber_callers_describe (self->skeleton->callers, sender);
  guint32 cookie = limber_leases_take (
      self->leases, g_dbus_method_invocation_get_connection (invocation),
      sender, who, reason, seconds, &error);

  if (cookie == 0)
    return_error (invocation, error);
  else
    limber_dbus_limber1_complete_inhibit (iface, invocation, cookie);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_uninhibit (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                  guint32 cookie, LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_leases_release (self->leases,
                         g_dbus_method_invocation_get_sender (invocation),
                         cookie, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_resume (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
               LimberService *self)
{
  (void) iface;
  limber_daemon_resume (self->daemon);
  return reply (self, invocation, NULL);
}

static gboolean
handle_snooze (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
               guint64 seconds, LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_snooze (self->daemon, seconds, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_skip (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
             LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_skip (self->daemon, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_break_now (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                  LimberService *self)
{
  (void) iface;
  limber_daemon_break_now (self->daemon);
  /* The caller hears whether the break could be shown. */
  limber_daemon_when_popup_settled (self->daemon, return_nothing, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_take_break (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                   const char *kind, LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_take_break (self->daemon, kind, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_start_routine (LimberDBusLimber1 *iface,
                      GDBusMethodInvocation *invocation, LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_routine_start (self->daemon, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_next_step (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                  LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_routine_next (self->daemon, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_stop_routine (LimberDBusLimber1 *iface,
                     GDBusMethodInvocation *invocation, LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_routine_stop (self->daemon, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_check_in (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                 guint rating, const char *note, LimberService *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *advice = NULL;

  if (!limber_daemon_checkin (self->daemon, rating, note, &advice, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  limber_dbus_limber1_complete_check_in (iface, invocation, advice);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The kinds whose setting names @routine. */
static GVariant *
used_by (const LimberConfig *config, const LimberRoutine *routine)
{
  GVariantBuilder kinds;

  g_variant_builder_init (&kinds, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint k = 0; k < LIMBER_N_KINDS; k++)
    if (limber_config_routine_for (config, k) == routine)
      g_variant_builder_add (&kinds, "s", limber_kind_to_string (k));
  return g_variant_builder_end (&kinds);
}

static GVariant *
routine_to_variant (const LimberConfig *config, const LimberRoutine *routine)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "name", "s", routine->name);
  g_variant_dict_insert (&dict, "title", "s",
                         routine->title != NULL ? routine->title : "");
  g_variant_dict_insert (&dict, "builtin", "b", routine->builtin);
  g_variant_dict_insert (&dict, "steps", "u", limber_routine_n_steps (routine));
  g_variant_dict_insert (&dict, "seconds", "u",
                         limber_routine_seconds (routine));
  g_variant_dict_insert_value (&dict, "used-by", used_by (config, routine));
  return g_variant_dict_end (&dict);
}

static gboolean
handle_list_routines (LimberDBusLimber1 *iface,
                      GDBusMethodInvocation *invocation, LimberService *self)
{
  const LimberConfig *config = limber_daemon_get_config (self->daemon);
  GVariantBuilder list;

  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < config->routines->routines->len; i++)
    g_variant_builder_add_value (
        &list, routine_to_variant (
                   config, g_ptr_array_index (config->routines->routines, i)));
  limber_dbus_limber1_complete_list_routines (iface, invocation,
                                              g_variant_builder_end (&list));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_routine (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                    const char *name, LimberService *self)
{
  const LimberConfig *config = limber_daemon_get_config (self->daemon);
  const LimberRoutine *routine
      = limber_routine_set_lookup (config->routines, name);
  g_autoptr (GError) error = NULL;
  GVariantBuilder steps;

  if (routine == NULL)
    {
      limber_config_check_routine_name (config, NULL, name, &error);
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  g_variant_builder_init (&steps, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < limber_routine_n_steps (routine); i++)
    {
      const LimberRoutineStep *step = limber_routine_step (routine, i);
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "text", "s", step->text);
      g_variant_dict_insert (&dict, "cue", "s",
                             step->cue != NULL ? step->cue : "");
      g_variant_dict_insert (&dict, "count", "u", step->count);
      g_variant_dict_insert (&dict, "seconds", "u", step->seconds);
      g_variant_builder_add_value (&steps, g_variant_dict_end (&dict));
    }
  limber_dbus_limber1_complete_get_routine (
      iface, invocation, routine_to_variant (config, routine),
      g_variant_builder_end (&steps));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_set (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
            const char *key, GVariant *value, LimberService *self)
{
  GError *error = NULL;
  g_autoptr (GVariant) inner = g_variant_get_variant (value);

  (void) iface;
  limber_daemon_set (self->daemon, key, inner, &error);
  return reply (self, invocation, error);
}

static GVariant *
day_to_variant (const LimberDayStats *d)
{
  GVariantDict dict;
  g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", d->day / 10000,
                                           d->day / 100 % 100, d->day % 100);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "date", "s", date);
  g_variant_dict_insert (&dict, "shown", "u", d->shown);
  g_variant_dict_insert (&dict, "taken", "u", d->taken);
  g_variant_dict_insert (&dict, "snoozed", "u", d->snoozed);
  g_variant_dict_insert (&dict, "skipped", "u", d->skipped);
  g_variant_dict_insert (&dict, "natural", "u", d->natural);
  g_variant_dict_insert (&dict, "stretches", "u", d->stretches);
  g_variant_dict_insert (&dict, "posture-checks", "u", d->posture);
  g_variant_dict_insert (&dict, "completed", "u", d->completed);
  g_variant_dict_insert (&dict, "rating", "u", d->rating);
  g_variant_dict_insert (&dict, "deferred", "u", d->deferred);
  g_variant_dict_insert (&dict, "active", "t", (guint64) d->active);
  g_variant_dict_insert (&dict, "longest", "t", (guint64) d->longest);
  return g_variant_dict_end (&dict);
}

static gboolean
handle_get_stats (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
                  guint days, LimberService *self)
{
  g_autoptr (GArray) by_day = NULL;
  GVariantBuilder list;
  GVariantDict summary;
  guint streak, bad_lines;

  if (days < 1 || days > 366)
    {
      g_dbus_method_invocation_return_error (
          invocation, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
          _ ("stats cover 1 to 366 days, not %u"), days);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  by_day = limber_daemon_get_stats (self->daemon, days, &streak, &bad_lines);
  if (by_day == NULL)
    {
      g_dbus_method_invocation_return_error (
          invocation, LIMBER_ERROR, LIMBER_ERROR_FAILED,
          _ ("the break history cannot be read (see the log)"));
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < by_day->len; i++)
    g_variant_builder_add_value (
        &list, day_to_variant (&g_array_index (by_day, LimberDayStats, i)));
  g_variant_dict_init (&summary, NULL);
  g_variant_dict_insert (&summary, "streak", "u", streak);
  g_variant_dict_insert (&summary, "damaged-lines", "u", bad_lines);
  g_autofree char *advice = limber_daemon_take_advice (self->daemon);
  g_variant_dict_insert (&summary, "advice", "s", advice);
  limber_dbus_limber1_complete_get_stats (iface, invocation,
                                          g_variant_builder_end (&list),
                                          g_variant_dict_end (&summary));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_reset (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
              const char *const *keys, LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_reset (self->daemon, keys, &error);
  return reply (self, invocation, error);
}

static gboolean
handle_reload (LimberDBusLimber1 *iface, GDBusMethodInvocation *invocation,
               LimberService *self)
{
  GError *error = NULL;

  (void) iface;
  limber_daemon_reload (self->daemon, &error);
  return reply (self, invocation, error);
}

LimberService *
limber_service_new (LimberDaemon *daemon)
{
  LimberService *self = g_new0 (LimberService, 1);

  self->daemon = daemon;
  self->skeleton = g_object_new (LIMBER_TYPE_LIVE_SKELETON, NULL);
  self->skeleton->daemon = daemon;
  self->leases = limber_leases_new (daemon);

  g_signal_connect (self->skeleton, "handle-pause", G_CALLBACK (handle_pause),
                    self);
  g_signal_connect (self->skeleton, "handle-resume", G_CALLBACK (handle_resume),
                    self);
  g_signal_connect (self->skeleton, "handle-pause-with-reason",
                    G_CALLBACK (handle_pause_with_reason), self);
  g_signal_connect (self->skeleton, "handle-inhibit",
                    G_CALLBACK (handle_inhibit), self);
  g_signal_connect (self->skeleton, "handle-uninhibit",
                    G_CALLBACK (handle_uninhibit), self);
  g_signal_connect (self->skeleton, "handle-snooze", G_CALLBACK (handle_snooze),
                    self);
  g_signal_connect (self->skeleton, "handle-skip", G_CALLBACK (handle_skip),
                    self);
  g_signal_connect (self->skeleton, "handle-break-now",
                    G_CALLBACK (handle_break_now), self);
  g_signal_connect (self->skeleton, "handle-set", G_CALLBACK (handle_set),
                    self);
  g_signal_connect (self->skeleton, "handle-reload", G_CALLBACK (handle_reload),
                    self);
  g_signal_connect (self->skeleton, "handle-reset", G_CALLBACK (handle_reset),
                    self);
  g_signal_connect (self->skeleton, "handle-get-stats",
                    G_CALLBACK (handle_get_stats), self);
  g_signal_connect (self->skeleton, "handle-take-break",
                    G_CALLBACK (handle_take_break), self);
  g_signal_connect (self->skeleton, "handle-list-routines",
                    G_CALLBACK (handle_list_routines), self);
  g_signal_connect (self->skeleton, "handle-get-routine",
                    G_CALLBACK (handle_get_routine), self);
  g_signal_connect (self->skeleton, "handle-start-routine",
                    G_CALLBACK (handle_start_routine), self);
  g_signal_connect (self->skeleton, "handle-next-step",
                    G_CALLBACK (handle_next_step), self);
  g_signal_connect (self->skeleton, "handle-stop-routine",
                    G_CALLBACK (handle_stop_routine), self);
  g_signal_connect (self->skeleton, "handle-check-in",
                    G_CALLBACK (handle_check_in), self);

  limber_dbus_limber1_set_version (LIMBER_DBUS_LIMBER1 (self->skeleton),
                                   LIMBER_VERSION);
  limber_service_publish (self);
  return self;
}

void
limber_service_free (LimberService *self)
{
  if (self == NULL)
    return;
  /* Never exported when the bus could not be reached at all. */
  if (g_dbus_interface_skeleton_get_connection (
          G_DBUS_INTERFACE_SKELETON (self->skeleton))
      != NULL)
    g_dbus_interface_skeleton_unexport (
        G_DBUS_INTERFACE_SKELETON (self->skeleton));
  g_clear_pointer (&self->skeleton->callers, limber_callers_free);
  g_clear_object (&self->skeleton);
  g_clear_pointer (&self->leases, limber_leases_free);
  g_free (self);
}

gboolean
limber_service_export (LimberService *self, GDBusConnection *connection,
                       GError **error)
{
  /* Following who comes and goes on the bus first, so that no caller is
   * missed. */
  if (self->skeleton->callers == NULL)
    self->skeleton->callers = limber_callers_new (connection);
  return g_dbus_interface_skeleton_export (
      G_DBUS_INTERFACE_SKELETON (self->skeleton), connection,
      LIMBER_OBJECT_PATH, error);
}

static GVariant *
upcoming_to_variant (const LimberSnapshot *now)
{
  GVariantBuilder upcoming;

  g_variant_builder_init (&upcoming, G_VARIANT_TYPE ("a{st}"));
  /* To the nearest second: a time of day converted from the boot clock
   * comes back a few µs early, and 23:59 must not read 23:58. */
  for (guint k = 0; k < LIMBER_N_KINDS; k++)
    if (now->next_wall[k] != G_MAXINT64)
      g_variant_builder_add (
          &upcoming, "{st}", limber_kind_to_string (k),
          ((guint64) MAX (0, now->next_wall[k]) + G_USEC_PER_SEC / 2)
              / G_USEC_PER_SEC);
  return g_variant_builder_end (&upcoming);
}

static GVariant *
step_to_variant (LimberDaemon *daemon)
{
  LimberGuideView view = limber_daemon_get_step (daemon);
  const LimberRoutine *routine = limber_daemon_get_guided_routine (daemon);
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  if (view.phase != LIMBER_GUIDE_OFF && routine != NULL)
    {
      g_variant_dict_insert (&dict, "routine", "s", routine->name);
      g_variant_dict_insert (&dict, "phase", "s",
                             view.phase == LIMBER_GUIDE_THANKS ? "thanks"
                                                               : "step");
      g_variant_dict_insert (&dict, "step", "u", view.step);
      g_variant_dict_insert (&dict, "steps", "u", view.n_steps);
      g_variant_dict_insert (&dict, "text", "s",
                             view.text != NULL ? view.text : "");
      g_variant_dict_insert (&dict, "cue", "s",
                             view.cue != NULL ? view.cue : "");
      g_variant_dict_insert (&dict, "count", "u", view.count);
      if (view.left >= 0)
        g_variant_dict_insert (
            &dict, "left", "u",
            (guint32) ((view.left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
      g_variant_dict_insert (&dict, "countdown", "s", view.countdown);
      g_variant_dict_insert (&dict, "value", "i", view.value);
      g_variant_dict_insert (&dict, "safety", "b", view.safety);
    }
  return g_variant_dict_end (&dict);
}

static GVariant *
holds_to_variant (LimberDaemon *daemon)
{
  g_autoptr (GArray) holds = limber_daemon_list_holds (daemon);
  GVariantBuilder list;

  g_variant_builder_init (&list, G_VARIANT_TYPE ("a(sssttu)"));
  for (guint i = 0; i < holds->len; i++)
    {
      const LimberHoldInfo *h = &g_array_index (holds, LimberHoldInfo, i);
      g_variant_builder_add (
          &list, "(sssttu)", limber_hold_kind_to_string (h->kind), h->who,
          h->reason, (guint64) MAX (0, h->since_wall / G_USEC_PER_SEC),
          (guint64) MAX (0, h->until_wall / G_USEC_PER_SEC), h->id);
    }
  return g_variant_builder_end (&list);
}

void
limber_service_publish (LimberService *self)
{
  LimberDBusLimber1 *iface = LIMBER_DBUS_LIMBER1 (self->skeleton);
  const LimberConfig *config = limber_daemon_get_config (self->daemon);
  LimberSnapshot now;

  limber_daemon_snapshot (self->daemon, &now);
  limber_dbus_limber1_set_state (iface, now.state);
  limber_dbus_limber1_set_next_break (iface, now.next_break);
  limber_dbus_limber1_set_paused_until (iface, now.paused_until);
  limber_dbus_limber1_set_worked_seconds (iface, now.worked);
  limber_dbus_limber1_set_interval_min (iface, config->interval_min);
  limber_dbus_limber1_set_interval_max (iface, config->interval_max);
  limber_dbus_limber1_set_breaks_taken (iface, now.today.taken);
  limber_dbus_limber1_set_breaks_snoozed (iface, now.today.snoozed);
  limber_dbus_limber1_set_breaks_skipped (iface, now.today.skipped);
  limber_dbus_limber1_set_natural_breaks (iface, now.today.natural);
  limber_dbus_limber1_set_breaks_deferred (iface, now.today.deferred);
  limber_dbus_limber1_set_holds (iface, holds_to_variant (self->daemon));
  limber_dbus_limber1_set_call_detection (
      iface, limber_daemon_get_call_detection (self->daemon));
  limber_dbus_limber1_set_other_reminders (
      iface, limber_daemon_get_other_reminders (self->daemon));
  limber_dbus_limber1_set_activity_source (
      iface, limber_daemon_get_activity_source (self->daemon));
  limber_dbus_limber1_set_activity_reason (
      iface, limber_daemon_get_activity_reason (self->daemon));
  limber_dbus_limber1_set_popup (iface, now.popup);
  limber_dbus_limber1_set_popup_problem (iface, now.popup_problem);
  limber_dbus_limber1_set_settings (iface, limber_config_to_variant (config));
  limber_dbus_limber1_set_config_error (
      iface, limber_daemon_get_config_error (self->daemon));
  limber_dbus_limber1_set_storage_error (
      iface, limber_daemon_get_storage_error (self->daemon));
  limber_dbus_limber1_set_break_kind (iface, now.kind);
  limber_dbus_limber1_set_upcoming (iface, upcoming_to_variant (&now));
  limber_dbus_limber1_set_step (iface, step_to_variant (self->daemon));
}

void
limber_service_emit_break_started (LimberService *self, LimberUrgency urgency,
                                   LimberBreakKind kind)
{
  limber_dbus_limber1_emit_break_started (LIMBER_DBUS_LIMBER1 (self->skeleton),
                                          limber_urgency_to_string (urgency),
                                          limber_kind_to_string (kind));
}

void
limber_service_emit_break_ended (LimberService *self, LimberOutcome outcome,
                                 LimberBreakKind kind)
{
  limber_dbus_limber1_emit_break_ended (LIMBER_DBUS_LIMBER1 (self->skeleton),
                                        limber_outcome_to_string (outcome),
                                        limber_kind_to_string (kind));
}

void
limber_service_emit_break_recorded (LimberService *self, LimberOutcome outcome,
                                    LimberBreakKind kind)
{
  limber_dbus_limber1_emit_break_recorded (LIMBER_DBUS_LIMBER1 (self->skeleton),
                                           limber_outcome_to_string (outcome),
                                           limber_kind_to_string (kind));
}

void
limber_service_hold_ended (LimberService *self, guint32 id)
{
  limber_leases_ended (self->leases, id);
}
