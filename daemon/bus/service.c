#include "service.h"

#include <unistd.h>

#include "bus-caller.h"
#include "leases.h"
#include "limber-dbus-generated.h"
#include "limber-error.h"
#include "limber-names.h"
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
};

G_DEFINE_TYPE (LimberLiveSkeleton, limber_live_skeleton,
               LIMBER_DBUS_TYPE_LIMBER1_SKELETON)

struct _LimberService
{
  LimberLiveSkeleton *skeleton;
  LimberDaemon *daemon;
  GHashTable *caller_uids; /* unique name → uid + 1 */
  LimberLeases *leases;
};

/* Callers seen lately, by their unique names (never reused); dropped as a
 * whole when there are many, so that it stays small. */
#define MAX_CALLERS 64

static GDBusInterfaceVTable live_vtable;
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

static GVariant *
live_get_property (GDBusConnection *connection, const char *sender,
                   const char *object_path, const char *interface_name,
                   const char *property_name, GError **error,
                   gpointer user_data)
{
  LimberLiveSkeleton *self = user_data;
  GVariant *value = live_value (self->daemon, property_name);

  if (value != NULL)
    return value;
  return stored_get_property (connection, sender, object_path, interface_name,
                              property_name, error, user_data);
}

static GDBusInterfaceVTable *
live_get_vtable (GDBusInterfaceSkeleton *skeleton)
{
  GDBusInterfaceVTable *stored
      = G_DBUS_INTERFACE_SKELETON_CLASS (limber_live_skeleton_parent_class)
            ->get_vtable (skeleton);

  if (stored_get_property == NULL)
    {
      stored_get_property = stored->get_property;
      live_vtable = *stored;
      live_vtable.get_property = live_get_property;
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

/* The uid behind @sender, asked of the bus; (guint) -1 if it cannot tell. */
static guint
caller_uid (LimberService *self, GDBusMethodInvocation *invocation)
{
  const char *sender = g_dbus_method_invocation_get_sender (invocation);
  GDBusConnection *bus = g_dbus_method_invocation_get_connection (invocation);
  g_autoptr (GVariant) reply = NULL;
  gpointer known;
  guint32 uid;

  if (sender == NULL)
    return (guint) -1;
  known = g_hash_table_lookup (self->caller_uids, sender);
  if (known != NULL)
    return GPOINTER_TO_UINT (known) - 1;
  reply = g_dbus_connection_call_sync (
      bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus", "GetConnectionUnixUser",
      g_variant_new ("(s)", sender), G_VARIANT_TYPE ("(u)"),
      G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply == NULL)
    return (guint) -1;
  g_variant_get (reply, "(u)", &uid);
  if (g_hash_table_size (self->caller_uids) >= MAX_CALLERS)
    g_hash_table_remove_all (self->caller_uids);
  g_hash_table_insert (self->caller_uids, g_strdup (sender),
                       GUINT_TO_POINTER (uid + 1));
  return uid;
}

/* Defence in depth: the session bus only lets our own user in, but a bus
 * configured otherwise must not let anyone else pause our reminders. */
static gboolean
on_authorize (GDBusInterfaceSkeleton *skeleton,
              GDBusMethodInvocation *invocation, gpointer user_data)
{
  LimberService *self = user_data;
  guint uid = caller_uid (self, invocation);

  (void) skeleton;
  if (uid == getuid ())
    return TRUE;
  g_dbus_method_invocation_return_error (
      invocation, LIMBER_ERROR, LIMBER_ERROR_ACCESS_DENIED,
      "limberd serves uid %u only; this call comes from %s", getuid (),
      uid == (guint) -1 ? "an unknown user" : "another user");
  return FALSE;
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
    g_dbus_method_invocation_take_error (invocation, error);
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
  g_autofree char *who = limber_describe_bus_name (
      g_dbus_method_invocation_get_connection (invocation),
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
  guint32 cookie = limber_leases_take (
      self->leases, g_dbus_method_invocation_get_connection (invocation),
      g_dbus_method_invocation_get_sender (invocation), reason, seconds,
      &error);

  if (cookie == 0)
    g_dbus_method_invocation_take_error (invocation, error);
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
          "stats cover 1 to 366 days, not %u", days);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  by_day = limber_daemon_get_stats (self->daemon, days, &streak, &bad_lines);
  if (by_day == NULL)
    {
      g_dbus_method_invocation_return_error (
          invocation, LIMBER_ERROR, LIMBER_ERROR_FAILED,
          "the break history cannot be read (see the log)");
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < by_day->len; i++)
    g_variant_builder_add_value (
        &list, day_to_variant (&g_array_index (by_day, LimberDayStats, i)));
  g_variant_dict_init (&summary, NULL);
  g_variant_dict_insert (&summary, "streak", "u", streak);
  g_variant_dict_insert (&summary, "damaged-lines", "u", bad_lines);
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
  self->caller_uids
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->skeleton = g_object_new (LIMBER_TYPE_LIVE_SKELETON, NULL);
  self->skeleton->daemon = daemon;
  self->leases = limber_leases_new (daemon);
  g_signal_connect (self->skeleton, "g-authorize-method",
                    G_CALLBACK (on_authorize), self);

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
  g_dbus_interface_skeleton_unexport (
      G_DBUS_INTERFACE_SKELETON (self->skeleton));
  g_clear_object (&self->skeleton);
  g_clear_pointer (&self->leases, limber_leases_free);
  g_hash_table_unref (self->caller_uids);
  g_free (self);
}

gboolean
limber_service_export (LimberService *self, GDBusConnection *connection,
                       GError **error)
{
  return g_dbus_interface_skeleton_export (
      G_DBUS_INTERFACE_SKELETON (self->skeleton), connection,
      LIMBER_OBJECT_PATH, error);
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
  limber_dbus_limber1_set_popup (iface, now.popup);
  limber_dbus_limber1_set_popup_problem (iface, now.popup_problem);
  limber_dbus_limber1_set_settings (iface, limber_config_to_variant (config));
  limber_dbus_limber1_set_config_error (
      iface, limber_daemon_get_config_error (self->daemon));
  limber_dbus_limber1_set_storage_error (
      iface, limber_daemon_get_storage_error (self->daemon));
}

void
limber_service_emit_break_started (LimberService *self, LimberUrgency urgency)
{
  limber_dbus_limber1_emit_break_started (LIMBER_DBUS_LIMBER1 (self->skeleton),
                                          limber_urgency_to_string (urgency));
}

void
limber_service_emit_break_ended (LimberService *self, LimberOutcome outcome)
{
  limber_dbus_limber1_emit_break_ended (LIMBER_DBUS_LIMBER1 (self->skeleton),
                                        limber_outcome_to_string (outcome));
}

void
limber_service_emit_break_recorded (LimberService *self, LimberOutcome outcome)
{
  limber_dbus_limber1_emit_break_recorded (LIMBER_DBUS_LIMBER1 (self->skeleton),
                                           limber_outcome_to_string (outcome));
}

void
limber_service_hold_ended (LimberService *self, guint32 id)
{
  limber_leases_ended (self->leases, id);
}
