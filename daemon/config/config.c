#include "config.h"

#include "limber-duration.h"
#include "limber-error.h"

#include <string.h>

#define DEFAULT_TITLE "Time for a micro-break"
#define DEFAULT_ROUTINE                                                        \
  "Stand up, then:\n"                                                          \
  "• Roll your shoulders 5 times forward, then 5 times backward\n"           \
  "• Take 3 deep breaths, squeezing your shoulder blades together\n"         \
  "• Stretch your neck gently for 30 seconds, side to side"

#define MAX_TITLE_BYTES   200
#define MAX_ROUTINE_BYTES 2000

typedef enum
{
  SETTING_DURATION,
  SETTING_TEXT,
  SETTING_CHOICE, /* one word of a list, stored as text */
} SettingKind;

typedef struct
{
  const char *key;
  SettingKind kind;
  gsize offset;
  guint64 min, max;           /* seconds, or bytes of text */
  const char *const *choices; /* SETTING_CHOICE */
} SettingInfo;

/* The activity sources limberd knows (activity.c), or auto, or none. */
static const char *const activity_sources[] = {
  "auto",   "mutter", "screensaver",
#ifdef LIMBER_HAVE_XSYNC
  "xsync",
#endif
  "logind", "none",   NULL,
};

#define DURATION(name, field, lo, hi)                                          \
  {                                                                            \
    name, SETTING_DURATION, G_STRUCT_OFFSET (LimberConfig, field), lo, hi      \
  }
#define TEXT(name, field, hi)                                                  \
  {                                                                            \
    name, SETTING_TEXT, G_STRUCT_OFFSET (LimberConfig, field), 1, hi           \
  }
#define CHOICE(name, field, list)                                              \
  {                                                                            \
    name, SETTING_CHOICE, G_STRUCT_OFFSET (LimberConfig, field), 0, 0, list    \
  }

static const SettingInfo settings[] = {
  DURATION ("interval-min", interval_min, 1, 24 * 3600),
  DURATION ("interval-max", interval_max, 1, 24 * 3600),
  DURATION ("snooze", snooze, 1, 24 * 3600),
  DURATION ("natural-break", natural_break, 1, 24 * 3600),
  DURATION ("lull", lull, 1, 3600),
  DURATION ("break-length", break_length, 1, 24 * 3600),
  DURATION ("pause-default", pause_default, 1, 31 * 24 * 3600),
  TEXT ("title", title, MAX_TITLE_BYTES),
  TEXT ("routine", routine, MAX_ROUTINE_BYTES),
  CHOICE ("activity-source", activity_source, activity_sources),
};

static const char *const setting_keys[] = {
  "interval-min", "interval-max",  "snooze", "natural-break", "lull",
  "break-length", "pause-default", "title",  "routine",       "activity-source",
  NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (setting_keys) == G_N_ELEMENTS (settings) + 1);

static guint64 *
duration_field (LimberConfig *config, const SettingInfo *info)
{
  return G_STRUCT_MEMBER_P (config, info->offset);
}

static char **
text_field (LimberConfig *config, const SettingInfo *info)
{
  return G_STRUCT_MEMBER_P (config, info->offset);
}

static const SettingInfo *
lookup_setting (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_str_equal (settings[i].key, key))
      return &settings[i];
  return NULL;
}

const char *const *
limber_config_keys (void)
{
  return setting_keys;
}

LimberConfig *
limber_config_new (void)
{
  LimberConfig *config = g_new0 (LimberConfig, 1);

  config->interval_min = 30 * 60;
  config->interval_max = 45 * 60;
  config->snooze = 5 * 60;
  config->natural_break = 5 * 60;
  config->lull = 5;
  config->break_length = 60;
  config->pause_default = 3600;
  config->title = g_strdup (DEFAULT_TITLE);
  config->routine = g_strdup (DEFAULT_ROUTINE);
  config->activity_source = g_strdup ("auto");
  return config;
}

LimberConfig *
limber_config_copy (const LimberConfig *config)
{
  LimberConfig *copy = g_memdup2 (config, sizeof *config);

  copy->title = g_strdup (config->title);
  copy->routine = g_strdup (config->routine);
  copy->activity_source = g_strdup (config->activity_source);
  return copy;
}

void
limber_config_free (LimberConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->title);
  g_free (config->routine);
  g_free (config->activity_source);
  g_free (config);
}

gboolean
limber_config_is_text_key (const char *key)
{
  const SettingInfo *info = lookup_setting (key);

  return info != NULL && info->kind == SETTING_TEXT;
}

void
limber_config_reset_key (LimberConfig *config, const char *key)
{
  const SettingInfo *info = lookup_setting (key);
  g_autoptr (LimberConfig) defaults = limber_config_new ();

  g_return_if_fail (info != NULL);
  if (info->kind == SETTING_DURATION)
    *duration_field (config, info) = *duration_field (defaults, info);
  else
    {
      g_free (*text_field (config, info));
      *text_field (config, info) = g_strdup (*text_field (defaults, info));
    }
}

static gboolean
check_duration (const SettingInfo *info, guint64 seconds, GError **error)
{
  if (seconds >= info->min && seconds <= info->max)
    return TRUE;

  g_autofree char *given = limber_duration_format (seconds);
  g_autofree char *lo = limber_duration_format (info->min);
  g_autofree char *hi = limber_duration_format (info->max);
  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
               "%s must be between %s and %s, not %s", info->key, lo, hi,
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
                   "%s is not valid UTF-8", info->key);
      return FALSE;
    }
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "%s must not be empty", info->key);
      return FALSE;
    }
  if (len > info->max)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "%s is %zu bytes long; at most %" G_GUINT64_FORMAT
                   " are allowed",
                   info->key, len, info->max);
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
               "%s must be one of %s, not '%s'", info->key, list, quoted);
  return FALSE;
}

static const LimberConfigRule rules[] = {
  { "interval-min", "interval-max" },
  { "break-length", "natural-break" },
};

static guint64
duration_of (const LimberConfig *config, const char *key)
{
  const SettingInfo *info = lookup_setting (key);

  g_assert (info != NULL && info->kind == SETTING_DURATION);
  return *(const guint64 *) G_STRUCT_MEMBER_P (config, info->offset);
}

const LimberConfigRule *
limber_config_broken_rule (const LimberConfig *config)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (duration_of (config, rules[i].shorter)
        > duration_of (config, rules[i].longer))
      return &rules[i];
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

  return g_strdup_printf ("%s (%s) must not be %s than %s (%s%s%s)", culprit,
                          culprit_value, blame_shorter ? "longer" : "shorter",
                          other, other_value, other_note ? ", " : "",
                          other_note ? other_note : "");
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
                       "%s must not be negative", info->key);
          return FALSE;
        }
      *seconds = (guint64) n;
    }
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
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "%s is a duration: give seconds as 't' or a time span such "
                   "as \"5min\" as 's', not '%s'",
                   info->key, g_variant_get_type_string (value));
      return FALSE;
    }
  return check_duration (info, *seconds, error);
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

  if (info == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) setting_keys);
      g_autofree char *quoted = limber_error_quote (key);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_UNKNOWN_KEY,
                   "unknown setting '%s'; the settings are: %s", quoted, known);
      return FALSE;
    }

  if (info->kind == SETTING_DURATION)
    {
      guint64 seconds;
      if (!variant_to_seconds (info, value, &seconds, error))
        return FALSE;
      *duration_field (config, info) = seconds;
      text = limber_duration_format (seconds);
    }
  else
    {
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       "%s is %s: give it as 's', not '%s'", info->key,
                       info->kind == SETTING_CHOICE ? "a word" : "text",
                       g_variant_get_type_string (value));
          return FALSE;
        }
      text = g_variant_dup_string (value, NULL);
      if (info->kind == SETTING_CHOICE ? !check_choice (info, text, error)
                                       : !check_text (info, text, error))
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
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const SettingInfo *info = &settings[i];
      gconstpointer field = G_STRUCT_MEMBER_P (config, info->offset);
      if (info->kind == SETTING_DURATION)
        g_variant_builder_add (&builder, "{sv}", info->key,
                               g_variant_new_uint64 (*(const guint64 *) field));
      else
        g_variant_builder_add (&builder, "{sv}", info->key,
                               g_variant_new_string (*(char *const *) field));
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
}
