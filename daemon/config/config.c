#include "config.h"

#include "limber-duration.h"
#include "limber-error.h"
#include "limber-i18n.h"
#include "limber-settings.h"
#include "limber-time-of-day.h"

#include <string.h>

/* The keys, kinds, defaults, limits and rules are the shared table's
 * (include/limber-settings.c); here is only where each value is kept. */
typedef LimberSetting SettingInfo;

/* A switch rather than a table of offsets: -Wswitch makes a key added to
 * the table without a field here a build error. */
static guint64 *
duration_field (LimberConfig *config, const SettingInfo *info)
{
  switch (limber_settings_id (info))
    {
    case LIMBER_SETTING_INTERVAL_MIN:
      return &config->interval_min;
    case LIMBER_SETTING_INTERVAL_MAX:
      return &config->interval_max;
    case LIMBER_SETTING_SNOOZE:
      return &config->snooze;
    case LIMBER_SETTING_NATURAL_BREAK:
      return &config->natural_break;
    case LIMBER_SETTING_LULL:
      return &config->lull;
    case LIMBER_SETTING_BREAK_LENGTH:
      return &config->break_length;
    case LIMBER_SETTING_PAUSE_DEFAULT:
      return &config->pause_default;
    case LIMBER_SETTING_POSTURE_CHECK:
      return &config->posture_check;
    case LIMBER_SETTING_TITLE:
    case LIMBER_SETTING_ROUTINE:
    case LIMBER_SETTING_ACTIVITY_SOURCE:
    case LIMBER_SETTING_CALL_DETECTION:
    case LIMBER_SETTING_CALL_IGNORE:
    case LIMBER_SETTING_MICRO_BREAK_ROUTINE:
    case LIMBER_SETTING_POSTURE_CHECK_ROUTINE:
    case LIMBER_SETTING_STRETCH_AT:
    case LIMBER_SETTING_STRETCH_ROUTINE:
    case LIMBER_SETTING_CHECKIN_AT:
    case LIMBER_N_SETTINGS:
      break;
    }
  g_assert_not_reached ();
}

static char **
text_field (LimberConfig *config, const SettingInfo *info)
{
  switch (limber_settings_id (info))
    {
    case LIMBER_SETTING_TITLE:
      return &config->title;
    case LIMBER_SETTING_ROUTINE:
      return &config->routine;
    case LIMBER_SETTING_ACTIVITY_SOURCE:
      return &config->activity_source;
    case LIMBER_SETTING_CALL_DETECTION:
      return &config->call_detection;
    case LIMBER_SETTING_CALL_IGNORE:
      return &config->call_ignore;
    case LIMBER_SETTING_MICRO_BREAK_ROUTINE:
      return &config->micro_break_routine;
    case LIMBER_SETTING_POSTURE_CHECK_ROUTINE:
      return &config->posture_check_routine;
    case LIMBER_SETTING_STRETCH_AT:
      return &config->stretch_at;
    case LIMBER_SETTING_STRETCH_ROUTINE:
      return &config->stretch_routine;
    case LIMBER_SETTING_CHECKIN_AT:
      return &config->checkin_at;
    case LIMBER_SETTING_POSTURE_CHECK:
    case LIMBER_SETTING_INTERVAL_MIN:
    case LIMBER_SETTING_INTERVAL_MAX:
    case LIMBER_SETTING_SNOOZE:
    case LIMBER_SETTING_NATURAL_BREAK:
    case LIMBER_SETTING_LULL:
    case LIMBER_SETTING_BREAK_LENGTH:
    case LIMBER_SETTING_PAUSE_DEFAULT:
    case LIMBER_N_SETTINGS:
      break;
    }
  g_assert_not_reached ();
}

static const SettingInfo *
lookup_setting (const char *key)
{
  return limber_settings_lookup (key);
}

const char *const *
limber_config_keys (void)
{
  return limber_settings_keys ();
}

LimberConfig *
limber_config_new (void)
{
  LimberConfig *config = g_new0 (LimberConfig, 1);

  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      const SettingInfo *info = &limber_settings[i];
      if (info->kind == LIMBER_SETTING_DURATION)
        *duration_field (config, info) = info->default_seconds;
      else
        *text_field (config, info) = g_strdup (info->default_text);
    }
  config->routines = limber_routine_set_new ();
  return config;
}

LimberConfig *
limber_config_copy (const LimberConfig *config)
{
  LimberConfig *copy = g_memdup2 (config, sizeof *config);

  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    if (limber_setting_is_text (&limber_settings[i]))
      {
        char **field = text_field (copy, &limber_settings[i]);
        *field = g_strdup (*field);
      }
  copy->routines = limber_routine_set_copy (config->routines);
  return copy;
}

void
limber_config_free (LimberConfig *config)
{
  if (config == NULL)
    return;
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    if (limber_setting_is_text (&limber_settings[i]))
      g_free (*text_field (config, &limber_settings[i]));
  limber_routine_set_free (config->routines);
  g_free (config);
}

gboolean
limber_config_is_text_key (const char *key)
{
  const SettingInfo *info = lookup_setting (key);

  return info != NULL && info->kind == LIMBER_SETTING_TEXT;
}

void
limber_config_reset_key (LimberConfig *config, const char *key)
{
  const SettingInfo *info = lookup_setting (key);

  g_return_if_fail (info != NULL);
  if (info->kind == LIMBER_SETTING_DURATION)
    *duration_field (config, info) = info->default_seconds;
  else
    {
      g_free (*text_field (config, info));
      *text_field (config, info) = g_strdup (info->default_text);
    }
}

static gboolean
check_duration (const SettingInfo *info, guint64 seconds, GError **error)
{
  if ((seconds >= info->min && seconds <= info->max)
      || (seconds == 0 && info->can_be_off))
    return TRUE;

  g_autofree char *given = limber_duration_format (seconds);
  g_autofree char *lo = limber_duration_format (info->min);
  g_autofree char *hi = limber_duration_format (info->max);
  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
               _ ("%s must be between %s and %s, not %s"), info->key, lo, hi,
               given);
  return FALSE;
}

static gboolean
check_text (const SettingInfo *info, const char *text, GError **error)
{
  gsize len = strlen (text);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("%s is not valid UTF-8"), info->key);
      return FALSE;
    }
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("%s must not be empty"), info->key);
      return FALSE;
    }
  if (len > info->max)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("%s is %zu bytes long; at most %u are allowed"),
                   info->key, len, (guint) info->max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_choice (const SettingInfo *info, const char *text, GError **error)
{
  if (g_strv_contains (info->choices, text))
    return TRUE;

  g_autofree char *quoted = limber_error_quote (text);
  g_autofree char *list = g_strjoinv (", ", (char **) info->choices);
  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
               _ ("%s must be one of %s, not '%s'"), info->key, list, quoted);
  return FALSE;
}

/* Checks @text for @info's kind, and puts it in the form the file keeps
 * ("9:00" becomes "09:00", "friday 4:00" "Fri 04:00"). */
static gboolean
check_text_kind (const SettingInfo *info, char **text, GError **error)
{
  static const char *const days[]
      = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  int minutes, weekday;
  g_autoptr (GError) local_error = NULL;
  char *problem;

  switch (info->kind)
    {
    case LIMBER_SETTING_CHOICE:
      return check_choice (info, *text, error);
    case LIMBER_SETTING_TEXT:
      return check_text (info, *text, error);
    case LIMBER_SETTING_ROUTINE_NAME:
      problem = limber_routine_name_problem (*text);
      if (problem != NULL)
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       "%s: %s", info->key, problem);
          g_free (problem);
          return FALSE;
        }
      return TRUE;
    case LIMBER_SETTING_TIME:
      if (!limber_time_of_day_parse (*text, &minutes, &local_error))
        break;
      g_free (*text);
      *text = minutes < 0
                  ? g_strdup ("off")
                  : g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
      return TRUE;
    case LIMBER_SETTING_WEEKLY:
      if (!limber_weekly_parse (*text, &weekday, &minutes, &local_error))
        break;
      g_free (*text);
      *text = minutes < 0 ? g_strdup ("off")
                          : g_strdup_printf ("%s %02d:%02d", days[weekday - 1],
                                             minutes / 60, minutes % 60);
      return TRUE;
    case LIMBER_SETTING_DURATION:
    default:
      g_assert_not_reached ();
    }
  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT, "%s: %s",
               info->key, local_error->message);
  return FALSE;
}

static guint64
duration_of (const LimberConfig *config, const char *key)
{
  const SettingInfo *info = lookup_setting (key);

  g_assert (info != NULL && info->kind == LIMBER_SETTING_DURATION);
  return *duration_field ((LimberConfig *) config, info);
}

const LimberConfigRule *
limber_config_broken_rule (const LimberConfig *config)
{
  for (gsize i = 0; i < limber_n_setting_rules; i++)
    if (duration_of (config, limber_setting_rules[i].shorter)
        > duration_of (config, limber_setting_rules[i].longer))
      return &limber_setting_rules[i];
  return NULL;
}

char *
limber_config_describe_broken_rule (const LimberConfig *config,
                                    const LimberConfigRule *rule,
                                    const char *culprit, const char *other_note)
{
  gboolean blame_shorter = g_str_equal (culprit, rule->shorter);
  const char *other = blame_shorter ? rule->longer : rule->shorter;
  g_autofree char *culprit_value
      = limber_duration_format (duration_of (config, culprit));
  g_autofree char *other_value
      = limber_duration_format (duration_of (config, other));

  g_autofree char *other_said
      = other_note != NULL ? g_strdup_printf ("%s, %s", other_value, other_note)
                           : g_strdup (other_value);
  return g_strdup_printf (blame_shorter
                              ? _ ("%s (%s) must not be longer than %s (%s)")
                              : _ ("%s (%s) must not be shorter than %s (%s)"),
                          culprit, culprit_value, other, other_said);
}

static gboolean
variant_to_seconds (const SettingInfo *info, GVariant *value, guint64 *seconds,
                    GError **error)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    *seconds = g_variant_get_uint64 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    *seconds = g_variant_get_uint32 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32)
           || g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    {
      gint64 n = g_variant_is_of_type (value, G_VARIANT_TYPE_INT32)
                     ? g_variant_get_int32 (value)
                     : g_variant_get_int64 (value);
      if (n < 0)
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       _ ("%s must not be negative"), info->key);
          return FALSE;
        }
      *seconds = (guint64) n;
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
           && info->can_be_off
           && g_ascii_strcasecmp (g_variant_get_string (value, NULL), "off")
                  == 0)
    *seconds = 0;
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      g_autoptr (GError) parse_error = NULL;
      if (!limber_duration_parse (g_variant_get_string (value, NULL), seconds,
                                  &parse_error))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       "%s: %s", info->key, parse_error->message);
          return FALSE;
        }
    }
  else
    {
      g_set_error (
          error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
          _ ("%s is a duration: give seconds as 't' or a time span such "
             "as \"5min\" as 's', not '%s'"),
          info->key, g_variant_get_type_string (value));
      return FALSE;
    }
  return check_duration (info, *seconds, error);
}

gboolean
limber_config_check_key (const char *key, GError **error)
{
  if (limber_settings_lookup (key) != NULL)
    return TRUE;

  g_autofree char *known = g_strjoinv (", ", (char **) limber_settings_keys ());
  g_autofree char *quoted = limber_error_quote (key);
  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_UNKNOWN_KEY,
               _ ("unknown setting '%s'; the settings are: %s"), quoted, known);
  return FALSE;
}

gboolean
limber_config_parse_value (LimberConfig *config, const char *key,
                           GVariant *value, char **stored_text, GError **error)
{
  const SettingInfo *info = lookup_setting (key);
  /* A floating @value is consumed, as GLib's own setters do. */
  g_autoptr (GVariant) owned = g_variant_ref_sink (value);
  g_autofree char *text = NULL;

  (void) owned;

  if (!limber_config_check_key (key, error))
    return FALSE;

  if (info->kind == LIMBER_SETTING_DURATION)
    {
      guint64 seconds;
      if (!variant_to_seconds (info, value, &seconds, error))
        return FALSE;
      *duration_field (config, info) = seconds;
      text = limber_setting_format_seconds (info, seconds);
    }
  else
    {
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       info->kind == LIMBER_SETTING_CHOICE
                           ? _ ("%s is a word: give it as 's', not '%s'")
                           : _ ("%s is text: give it as 's', not '%s'"),
                       info->key, g_variant_get_type_string (value));
          return FALSE;
        }
      text = g_variant_dup_string (value, NULL);
      if (!check_text_kind (info, &text, error))
        return FALSE;
      g_free (*text_field (config, info));
      *text_field (config, info) = g_strdup (text);
    }
  if (stored_text != NULL)
    *stored_text = g_steal_pointer (&text);
  return TRUE;
}

gboolean
limber_config_set (LimberConfig *config, const char *key, GVariant *value,
                   char **stored_text, GError **error)
{
  g_autoptr (LimberConfig) candidate = limber_config_copy (config);
  g_autofree char *text = NULL;
  const LimberConfigRule *broken;

  if (!limber_config_parse_value (candidate, key, value, &text, error))
    return FALSE;
  if (lookup_setting (key)->kind == LIMBER_SETTING_ROUTINE_NAME
      && !limber_config_check_routine_name (candidate, key, text, error))
    return FALSE;
  broken = limber_config_broken_rule (candidate);
  if (broken != NULL)
    {
      const char *culprit = g_str_equal (key, broken->longer) ? broken->longer
                                                              : broken->shorter;
      g_autofree char *message = limber_config_describe_broken_rule (
          candidate, broken, culprit, NULL);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT, "%s",
                   message);
      return FALSE;
    }

  /* Commit: swap the candidate's contents in. */
  LimberConfig tmp = *config;
  *config = *candidate;
  *candidate = tmp;
  if (stored_text != NULL)
    *stored_text = g_steal_pointer (&text);
  return TRUE;
}

GVariant *
limber_config_to_variant (const LimberConfig *config)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      const SettingInfo *info = &limber_settings[i];
      /* The fields are only read; the accessors serve writes too. */
      LimberConfig *fields = (LimberConfig *) config;
      if (info->kind == LIMBER_SETTING_DURATION)
        g_variant_builder_add (
            &builder, "{sv}", info->key,
            g_variant_new_uint64 (*duration_field (fields, info)));
      else
        g_variant_builder_add (
            &builder, "{sv}", info->key,
            g_variant_new_string (*text_field (fields, info)));
    }
  return g_variant_builder_end (&builder);
}

void
limber_config_get_timings (const LimberConfig *config, LimberTimings *timings)
{
  timings->interval_min = (gint64) config->interval_min * LIMBER_USEC_PER_SEC;
  timings->interval_max = (gint64) config->interval_max * LIMBER_USEC_PER_SEC;
  timings->snooze = (gint64) config->snooze * LIMBER_USEC_PER_SEC;
  timings->natural_break = (gint64) config->natural_break * LIMBER_USEC_PER_SEC;
  timings->lull = (gint64) config->lull * LIMBER_USEC_PER_SEC;
  timings->break_length = (gint64) config->break_length * LIMBER_USEC_PER_SEC;
  timings->posture_check = (gint64) config->posture_check * LIMBER_USEC_PER_SEC;
  /* A few minutes between pop-ups, or half the interval where that is
   * shorter (seconds-scale intervals, in tests). */
  timings->spacing
      = MIN (3 * 60, (gint64) config->interval_min / 2) * LIMBER_USEC_PER_SEC;
}

const LimberRoutine *
limber_config_routine_for (const LimberConfig *config, LimberBreakKind kind)
{
  const char *name, *builtin;
  const LimberRoutine *routine;

  switch (kind)
    {
    case LIMBER_KIND_MICRO_BREAK:
      name = config->micro_break_routine;
      builtin = LIMBER_ROUTINE_MICRO_BREAK;
      break;
    case LIMBER_KIND_POSTURE_CHECK:
      name = config->posture_check_routine;
      builtin = LIMBER_ROUTINE_POSTURE_CHECK;
      break;
    case LIMBER_KIND_STRETCH:
      name = config->stretch_routine;
      builtin = LIMBER_ROUTINE_STRETCH;
      break;
    case LIMBER_KIND_CHECKIN:
    case LIMBER_N_KINDS:
    default:
      return NULL;
    }
  routine = limber_routine_set_lookup (config->routines, name);
  if (routine == NULL)
    routine = limber_routine_set_lookup (config->routines, builtin);
  return routine;
}
