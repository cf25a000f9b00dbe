#include "config.h"

#include "limber-duration.h"
#include "limber-error.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
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
} SettingKind;

typedef struct
{
  const char *key;
  SettingKind kind;
  gsize offset;
  guint64 min, max; /* seconds, or bytes of text */
} SettingInfo;

#define DURATION(name, field, lo, hi)                                          \
  {                                                                            \
    name, SETTING_DURATION, G_STRUCT_OFFSET (LimberConfig, field), lo, hi      \
  }
#define TEXT(name, field, hi)                                                  \
  {                                                                            \
    name, SETTING_TEXT, G_STRUCT_OFFSET (LimberConfig, field), 1, hi           \
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
};

static const char *const setting_keys[] = {
  "interval-min", "interval-max",  "snooze", "natural-break", "lull",
  "break-length", "pause-default", "title",  "routine",       NULL,
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
  return config;
}

LimberConfig *
limber_config_copy (const LimberConfig *config)
{
  LimberConfig *copy = g_memdup2 (config, sizeof *config);

  copy->title = g_strdup (config->title);
  copy->routine = g_strdup (config->routine);
  return copy;
}

void
limber_config_free (LimberConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->title);
  g_free (config->routine);
  g_free (config);
}

char *
limber_config_user_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "limber", "limber.conf",
                           NULL);
}

GStrv
limber_config_default_paths (void)
{
  const char *const *system_dirs = g_get_system_config_dirs ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = g_strv_length ((char **) system_dirs);

  /* $XDG_CONFIG_DIRS lists the most important first. */
  for (guint i = n; i > 0; i--)
    {
      g_autofree char *path = g_build_filename (system_dirs[i - 1], "limber",
                                                "limber.conf", NULL);
      g_strv_builder_add (builder, path);
    }
  g_autofree char *user_path = limber_config_user_path ();
  g_strv_builder_add (builder, user_path);
  return g_strv_builder_end (builder);
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

/* Rules between settings, checked once all of them are known. The first key
 * named is the one at fault. */
static gboolean
check_consistency (const LimberConfig *config, const char **culprit,
                   GError **error)
{
  if (config->interval_max < config->interval_min)
    {
      g_autofree char *max = limber_duration_format (config->interval_max);
      g_autofree char *min = limber_duration_format (config->interval_min);
      *culprit = "interval-max";
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "interval-max (%s) must not be shorter than interval-min "
                   "(%s)",
                   max, min);
      return FALSE;
    }
  if (config->break_length > config->natural_break)
    {
      g_autofree char *length = limber_duration_format (config->break_length);
      g_autofree char *natural = limber_duration_format (config->natural_break);
      *culprit = "break-length";
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   "break-length (%s) must not be longer than natural-break "
                   "(%s)",
                   length, natural);
      return FALSE;
    }
  return TRUE;
}

/* Reads one key of a key file into @config. */
static gboolean
load_key (LimberConfig *config, GKeyFile *file, const SettingInfo *info,
          GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *raw = NULL;

  if (info->kind == SETTING_TEXT)
    {
      g_autofree char *text = g_key_file_get_string (file, LIMBER_CONFIG_GROUP,
                                                     info->key, &local_error);
      if (text == NULL)
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT, "%s",
                       local_error->message);
          return FALSE;
        }
      if (!check_text (info, text, error))
        return FALSE;
      g_free (*text_field (config, info));
      *text_field (config, info) = g_steal_pointer (&text);
      return TRUE;
    }

  raw = g_key_file_get_value (file, LIMBER_CONFIG_GROUP, info->key, NULL);
  guint64 seconds;
  if (!limber_duration_parse (raw, &seconds, error)
      || !check_duration (info, seconds, error))
    return FALSE;
  *duration_field (config, info) = seconds;
  return TRUE;
}

static gboolean
load_file (LimberConfig *config, const char *path, const char **origins,
           GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) groups = NULL;
  g_auto (GStrv) keys = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG, "%s: %s",
                   path, local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (gsize i = 0; groups[i] != NULL; i++)
    if (!g_str_equal (groups[i], LIMBER_CONFIG_GROUP))
      g_warning ("%s: ignoring unknown group [%s]; settings go in [%s]", path,
                 groups[i], LIMBER_CONFIG_GROUP);

  keys = g_key_file_get_keys (file, LIMBER_CONFIG_GROUP, NULL, NULL);
  for (gsize i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const SettingInfo *info = lookup_setting (keys[i]);
      if (info == NULL)
        {
          g_warning ("%s: ignoring unknown key '%s'", path, keys[i]);
          continue;
        }
      if (!load_key (config, file, info, &local_error))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                       "%s: key '%s': %s", path, info->key,
                       local_error->message);
          return FALSE;
        }
      origins[info - settings] = path;
    }
  return TRUE;
}

LimberConfig *
limber_config_load (const char *const *paths, GError **error)
{
  g_autoptr (LimberConfig) config = limber_config_new ();
  const char *origins[G_N_ELEMENTS (settings)] = { NULL };
  g_autoptr (GError) local_error = NULL;
  const char *culprit = NULL;

  for (gsize i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!load_file (config, paths[i], origins, error))
      return NULL;

  if (!check_consistency (config, &culprit, &local_error))
    {
      const char *origin = origins[lookup_setting (culprit) - settings];
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   "%s: key '%s': %s",
                   origin != NULL ? origin : "built-in defaults", culprit,
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&config);
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
           && g_variant_get_int32 (value) >= 0)
    *seconds = (guint64) g_variant_get_int32 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64)
           && g_variant_get_int64 (value) >= 0)
    *seconds = (guint64) g_variant_get_int64 (value);
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
limber_config_set (LimberConfig *config, const char *key, GVariant *value,
                   char **stored_text, GError **error)
{
  const SettingInfo *info = lookup_setting (key);
  g_autoptr (LimberConfig) candidate = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *culprit = NULL;
  g_autofree char *text = NULL;
  /* A floating @value is consumed, as GLib's own setters do. */
  g_autoptr (GVariant) owned = g_variant_ref_sink (value);

  if (info == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) setting_keys);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_UNKNOWN_KEY,
                   "unknown setting '%s'; the settings are: %s", key, known);
      return FALSE;
    }

  candidate = limber_config_copy (config);
  if (info->kind == SETTING_DURATION)
    {
      guint64 seconds;
      if (!variant_to_seconds (info, value, &seconds, error))
        return FALSE;
      *duration_field (candidate, info) = seconds;
      text = limber_duration_format (seconds);
    }
  else
    {
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       "%s is text: give it as 's', not '%s'", info->key,
                       g_variant_get_type_string (value));
          return FALSE;
        }
      text = g_variant_dup_string (value, NULL);
      if (!check_text (info, text, error))
        return FALSE;
      g_free (*text_field (candidate, info));
      *text_field (candidate, info) = g_strdup (text);
    }

  if (!check_consistency (candidate, &culprit, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
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

/* The value as GKeyFile writes it: text escaped (\n, leading spaces, \\). */
static char *
escape_value (const SettingInfo *info, const char *text)
{
  g_autoptr (GKeyFile) scratch = NULL;

  if (info->kind != SETTING_TEXT)
    return g_strdup (text);
  scratch = g_key_file_new ();
  g_key_file_set_string (scratch, LIMBER_CONFIG_GROUP, info->key, text);
  return g_key_file_get_value (scratch, LIMBER_CONFIG_GROUP, info->key, NULL);
}

/* The key a "key = value" line sets, or NULL for anything else. */
static char *
line_key (const char *line)
{
  const char *equals = strchr (line, '=');
  g_autofree char *key = NULL;

  if (equals == NULL || line[0] == '#')
    return NULL;
  key = g_strndup (line, (gsize) (equals - line));
  return g_strdup (g_strstrip (key));
}

/* @contents with @key set to @value in [limber]: the line that sets it now
 * (the last one, as GKeyFile reads the last) is replaced; otherwise a line
 * is added at the end of the group, or the group at the end. Every other
 * byte stays as it was. */
static char *
replace_key_line (const char *contents, const char *key, const char *value)
{
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autofree char *new_line = g_strdup_printf ("%s=%s", key, value);
  GPtrArray *out = g_ptr_array_new ();
  gint match = -1, group_end = -1;
  gboolean in_group = FALSE;
  guint n = g_strv_length (lines);

  /* A trailing newline leaves an empty last element: not a line. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));
      if (stripped[0] == '[')
        {
          in_group = g_str_equal (stripped, "[" LIMBER_CONFIG_GROUP "]");
          if (in_group)
            group_end = (gint) i;
          continue;
        }
      if (!in_group || stripped[0] == '\0' || stripped[0] == '#')
        continue;
      group_end = (gint) i;
      g_autofree char *this_key = line_key (stripped);
      if (g_strcmp0 (this_key, key) == 0)
        match = (gint) i;
    }

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (out, (gint) i == match ? new_line : lines[i]);
      if (match < 0 && (gint) i == group_end)
        g_ptr_array_add (out, new_line);
    }
  if (group_end < 0)
    {
      if (n > 0)
        g_ptr_array_add (out, "");
      g_ptr_array_add (out, "[" LIMBER_CONFIG_GROUP "]");
      g_ptr_array_add (out, new_line);
    }
  g_ptr_array_add (out, "");
  g_ptr_array_add (out, NULL);

  char *result = g_strjoinv ("\n", (char **) out->pdata);
  g_ptr_array_free (out, TRUE);
  return result;
}

gboolean
limber_config_write_key (const char *path, const char *key, const char *text,
                         GError **error)
{
  g_autoptr (GKeyFile) check = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autofree char *value = NULL;
  g_autofree char *updated = NULL;
  const SettingInfo *info = lookup_setting (key);
  gsize length = 0;
  GStatBuf st;
  int mode = 0644;

  g_return_val_if_fail (info != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                       "%s: %s; nothing was changed", path,
                       local_error->message);
          return FALSE;
        }
      g_clear_error (&local_error);
      contents = g_strdup ("");
    }
  /* Never rewrite a file we cannot read as a key file: it may be the user's
   * half-edited work. */
  if (length > 0
      && !g_key_file_load_from_data (check, contents, length,
                                     G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   "%s: %s; fix or remove it, nothing was changed", path,
                   local_error->message);
      return FALSE;
    }

  value = escape_value (info, text);
  updated = replace_key_line (contents, key, value);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   "cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_stat (path, &st) == 0)
    mode = (int) (st.st_mode & 07777);
  if (!g_file_set_contents_full (path, updated, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, mode,
                                 &local_error))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   "cannot write %s: %s", path, local_error->message);
      return FALSE;
    }
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
