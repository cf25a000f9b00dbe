/* The interface's methods: each handler hands the call to the daemon and
 * answers, with the daemon's error made safe to show, or once the change
 * is on disk. */
#include "service-private.h"

#include "callers.h"
#include "limber-dbus-generated.h"
#include "limber-error.h"
#include "limber-i18n.h"
#include "limber-text.h"
#include "stats.h"

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
      limber_live_skeleton_get_callers (self->skeleton),
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
  g_autofree char *who = limber_callers_describe (
      limber_live_skeleton_get_callers (self->skeleton), sender);
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

void
limber_service_connect_methods (LimberService *self)
{
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
}
