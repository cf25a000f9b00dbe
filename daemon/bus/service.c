/* The service: the skeleton made and wired (the methods are
 * service-methods.c's), the properties published from the daemon's state,
 * the signals emitted. */
#include "service-private.h"

#include "bus-caller.h"
#include "limber-dbus-generated.h"
#include "limber-names.h"

LimberService *
limber_service_new (LimberDaemon *daemon)
{
  LimberService *self = g_new0 (LimberService, 1);

  self->daemon = daemon;
  self->skeleton = limber_live_skeleton_new (daemon);
  self->leases = limber_leases_new (daemon);
  limber_service_connect_methods (self);

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
  limber_live_skeleton_unexport (self->skeleton);
  g_clear_object (&self->skeleton);
  g_clear_pointer (&self->leases, limber_leases_free);
  g_free (self);
}

gboolean
limber_service_export (LimberService *self, GDBusConnection *connection,
                       GError **error)
{
  return limber_live_skeleton_export (self->skeleton, connection, error);
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
