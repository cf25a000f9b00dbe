/* Reading limber.conf: built-in defaults, then each layer over the one
 * before, strictly (a reload, which keeps the settings in force on any
 * error) or leniently (a start-up, which keeps all that is valid). */
#include "config.h"

#include "limber-error.h"
#include "limber-file.h"
#include "limber-i18n.h"

#include <string.h>

/* Much more than any real limber.conf. */
#define MAX_CONFIG_BYTES (64 * 1024)

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
typedef struct
{
  LimberConfig *config;
  const char *const *paths;
  GHashTable *origins; /* key → index in @paths + 1; absent: the default */
  GPtrArray *problems; /* lenient: what was left out; NULL: strict */
  GPtrArray *warnings; /* what was ignored; NULL: g_warning() */
} Loader;

/* Notes what is ignored without being wrong: loading goes on either way. */
static void
note_warning (Loader *self, char *warning)
{
  if (self->warnings != NULL)
    g_ptr_array_add (self->warnings, warning);
  else
    {
      g_warning ("%s", warning);
      g_free (warning);
    }
}

/* Notes @problem and goes on (lenient), or fails with it (strict). */
static gboolean
note_problem (Loader *self, GError *problem, const char *consequence,
              GError **error)
{
  if (self->problems == NULL)
    {
      g_propagate_error (error, problem);
      return FALSE;
    }
  g_ptr_array_add (self->problems,
                   g_strdup_printf ("%s; %s", problem->message, consequence));
  g_error_free (problem);
  return TRUE;
}

/* Describes the first escape in the raw @value that GKeyFile refuses. */
static char *
describe_bad_escape (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != '\\')
        continue;
      p++;
      if (*p == '\0')
        return g_strdup (_ ("a backslash ends the value"));
      if (strchr ("sntr\\", *p) == NULL)
        {
          g_autofree char *sequence = g_strndup (p - 1, 2);
          g_autofree char *quoted = limber_error_quote (sequence);
          return g_strdup_printf (_ ("invalid escape '%s'"), quoted);
        }
    }
  return g_strdup (_ ("invalid escape"));
}

static gboolean
load_key (LimberConfig *config, GKeyFile *file, const char *key, GError **error)
{
  g_autofree char *text
      = g_key_file_get_value (file, LIMBER_CONFIG_GROUP, key, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("the value is not valid UTF-8"));
      return FALSE;
    }
  if (limber_config_is_text_key (key))
    {
      g_autoptr (GError) escape_error = NULL;
      /* GKeyFile returns a string even with a bad escape, and flags it
       * only through the error. */
      char *unescaped = g_key_file_get_string (file, LIMBER_CONFIG_GROUP, key,
                                               &escape_error);
      if (escape_error != NULL)
        {
          g_autofree char *reason = describe_bad_escape (text);
          g_free (unescaped);
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       _ ("%s; use \\n for a new line and \\\\ for a "
                          "backslash"),
                       reason);
          return FALSE;
        }
      g_free (text);
      text = unescaped;
    }
  return limber_config_parse_value (config, key, g_variant_new_string (text),
                                    NULL, error);
}

/* A key set twice in [limber]: GKeyFile would quietly keep the last, which
 * hides a mistake. */
static gboolean
find_duplicate_key (const char *data, gsize length, char **key,
                    guint *first_line, guint *second_line)
{
  g_autofree char *text = g_strndup (data, length);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean in_group = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *equals;
      if (line[0] == '[')
        in_group = g_str_equal (line, "[" LIMBER_CONFIG_GROUP "]");
      if (!in_group || line[0] == '#' || (equals = strchr (line, '=')) == NULL)
        continue;
      *equals = '\0';
      g_strstrip (line);
      gpointer before = g_hash_table_lookup (seen, line);
      if (before != NULL)
        {
          *key = g_strdup (line);
          *first_line = GPOINTER_TO_UINT (before);
          *second_line = i + 1;
          return TRUE;
        }
      g_hash_table_insert (seen, g_strdup (line), GUINT_TO_POINTER (i + 1));
    }
  return FALSE;
}

/* The line of @data that @offset is on, from 1. */
static guint
line_of (const char *data, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Checks what GKeyFile lets through: size, NUL bytes (which would cut the
 * file short, here and when rewriting it) and keys set twice. */
static gboolean
check_contents (const char *data, gsize length, GError **error)
{
  g_autofree char *key = NULL;
  const char *nul;
  guint first, second;

  if (length > MAX_CONFIG_BYTES)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("too large for a limber.conf (over %d bytes)"),
                   MAX_CONFIG_BYTES);
      return FALSE;
    }
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("contains a NUL byte on line %u"),
                   line_of (data, (gsize) (nul - data)));
      return FALSE;
    }
  if (find_duplicate_key (data, length, &key, &first, &second))
    {
      g_autofree char *quoted = limber_error_quote (key);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("key '%s' is set twice (lines %u and %u)"), quoted, first,
                   second);
      return FALSE;
    }
  return TRUE;
}

gboolean
limber_config_check_data (const char *data, gsize length, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();

  return check_contents (data, length, error)
         && g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE,
                                       error);
}

gboolean
limber_config_read_file (const char *path, char **data, gsize *length,
                         GError **error)
{
  /* Followed if a link: a limber.conf may live in a dotfiles repository. */
  return limber_file_read (path, MAX_CONFIG_BYTES, LIMBER_FILE_FOLLOW, data,
                           length, error);
}

static gboolean load_contents (Loader *self, const char *path, guint origin,
                               const char *data, gsize length, GError **error);

/* A routine that cannot be shown is left out, and said so, but costs
 * nothing else: the file's settings and other routines apply. */
static void
load_routine (Loader *self, const char *path, GKeyFile *file, const char *group)
{
  g_autofree char *problem = NULL;
  g_autoptr (LimberRoutine) routine = NULL;
  g_autofree char *quoted = limber_error_quote (group);

  if (!g_str_has_prefix (group, LIMBER_ROUTINE_GROUP_PREFIX))
    problem = g_strdup ("a routine needs a name: [routine NAME]");
  else
    routine = limber_config_read_routine (file, group, &problem);
  if (routine == NULL)
    {
      note_warning (self, g_strdup_printf (_ ("%s: [%s] %s; the routine is "
                                              "left out"),
                                           path, quoted, problem));
      return;
    }
  limber_routine_set_add (self->config->routines, g_steal_pointer (&routine));
}

static gboolean
load_file (Loader *self, guint index, GError **error)
{
  const char *path = self->paths[index];
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!limber_config_read_file (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      return note_problem (self,
                           g_error_new (LIMBER_ERROR,
                                        LIMBER_ERROR_INVALID_CONFIG, "%s: %s",
                                        path, local_error->message),
                           _ ("the file is ignored"), error);
    }
  return load_contents (self, path, index + 1, data, length, error);
}

static gboolean
load_contents (Loader *self, const char *path, guint origin, const char *data,
               gsize length, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) groups = NULL;
  g_auto (GStrv) keys = NULL;

  if (!check_contents (data, length, &local_error)
      || !g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE,
                                     &local_error))
    return note_problem (self,
                         g_error_new (LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                                      "%s: %s", path, local_error->message),
                         _ ("the file is ignored"), error);

  /* Unknown groups and keys are told but do not cost the file's valid
   * settings: a newer limber, or a typo, should not undo the rest. */
  groups = g_key_file_get_groups (file, NULL);
  for (gsize i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], LIMBER_ROUTINE_GROUP_PREFIX)
        || g_str_equal (groups[i], "routine"))
      load_routine (self, path, file, groups[i]);
    else if (!g_str_equal (groups[i], LIMBER_CONFIG_GROUP))
      {
        g_autofree char *quoted = limber_error_quote (groups[i]);
        note_warning (self,
                      g_strdup_printf (_ ("%s: ignoring unknown group [%s]; "
                                          "settings go in [%s]"),
                                       path, quoted, LIMBER_CONFIG_GROUP));
      }

  keys = g_key_file_get_keys (file, LIMBER_CONFIG_GROUP, NULL, NULL);
  for (gsize i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (!g_strv_contains (limber_config_keys (), keys[i]))
        {
          g_autofree char *quoted = limber_error_quote (keys[i]);
          note_warning (self,
                        g_strdup_printf (_ ("%s: ignoring unknown key '%s'"),
                                         path, quoted));
          continue;
        }
      g_clear_error (&local_error);
      if (!load_key (self->config, file, keys[i], &local_error))
        {
          if (!note_problem (self,
                             g_error_new (LIMBER_ERROR,
                                          LIMBER_ERROR_INVALID_CONFIG,
                                          _ ("%s: key '%s': %s"), path, keys[i],
                                          local_error->message),
                             _ ("the key is ignored"), error))
            return FALSE;
          continue;
        }
      g_hash_table_insert (self->origins, g_strdup (keys[i]),
                           GUINT_TO_POINTER (origin));
    }
  return TRUE;
}

/* Where @key's value comes from: an index into the paths + 1, or 0 for the
 * built-in default. */
static guint
origin_of (Loader *self, const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->origins, key));
}

static gboolean
check_rules (Loader *self, GError **error)
{
  const LimberConfigRule *rule;

  while ((rule = limber_config_broken_rule (self->config)) != NULL)
    {
      guint shorter_from = origin_of (self, rule->shorter);
      guint longer_from = origin_of (self, rule->longer);
      /* The value from the more important file is the one at odds. */
      const char *culprit
          = longer_from > shorter_from ? rule->longer : rule->shorter;
      guint culprit_from = MAX (shorter_from, longer_from);
      guint other_from = MIN (shorter_from, longer_from);
      g_autofree char *other_note = NULL;
      g_autofree char *message = NULL;

      if (other_from == 0)
        other_note = g_strdup (_ ("the default"));
      else if (other_from != culprit_from)
        other_note
            = g_strdup_printf (_ ("set in %s"), self->paths[other_from - 1]);
      message = limber_config_describe_broken_rule (self->config, rule, culprit,
                                                    other_note);

      if (!note_problem (self,
                         g_error_new (LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                                      _ ("%s: key '%s': %s"),
                                      culprit_from > 0
                                          ? self->paths[culprit_from - 1]
                                          : _ ("built-in defaults"),
                                      culprit, message),
                         _ ("both keys are back to their defaults"), error))
        return FALSE;
      limber_config_reset_key (self->config, rule->shorter);
      limber_config_reset_key (self->config, rule->longer);
      g_hash_table_remove (self->origins, rule->shorter);
      g_hash_table_remove (self->origins, rule->longer);
    }
  return TRUE;
}

/* A routine named in a setting that no file defines (or that was left
 * out): the kind's own routine is used, and said so. */
static void
check_routine_keys (Loader *self)
{
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    {
      const LimberSetting *info = &limber_settings[i];
      g_autoptr (GVariant) values = NULL;
      g_autoptr (GError) error = NULL;
      const char *name;

      if (info->kind != LIMBER_SETTING_ROUTINE_NAME)
        continue;
      values = limber_config_to_variant (self->config);
      g_variant_lookup (values, info->key, "&s", &name);
      if (limber_config_check_routine_name (self->config, NULL, name, &error))
        continue;
      guint from
          = GPOINTER_TO_UINT (g_hash_table_lookup (self->origins, info->key));
      note_warning (self, g_strdup_printf (_ ("%s: key '%s': %s; %s is used"),
                                           from > 0 ? self->paths[from - 1]
                                                    : _ ("built-in defaults"),
                                           info->key, error->message,
                                           info->default_text));
      limber_config_reset_key (self->config, info->key);
      g_hash_table_remove (self->origins, info->key);
    }
}

static LimberConfig *
load (const char *const *paths, GPtrArray *problems, GPtrArray *warnings,
      GError **error)
{
  g_autoptr (LimberConfig) config = limber_config_new ();
  g_autoptr (GHashTable) origins
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Loader loader = { config, paths, origins, problems, warnings };

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!load_file (&loader, i, error))
      return NULL;
  if (!check_rules (&loader, error))
    return NULL;
  check_routine_keys (&loader);
  return g_steal_pointer (&config);
}

LimberConfig *
limber_config_load (const char *const *paths, GError **error)
{
  return load (paths, NULL, NULL, error);
}

LimberConfig *
limber_config_load_with_warnings (const char *const *paths, GPtrArray *warnings,
                                  GError **error)
{
  g_return_val_if_fail (warnings != NULL, NULL);
  return load (paths, NULL, warnings, error);
}

char *
limber_config_summarize (const GPtrArray *problems)
{
  if (problems->len == 0)
    return g_strdup ("");
  if (problems->len == 1)
    return g_strdup (g_ptr_array_index (problems, 0));
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem: see the log)",
                   "%s (and %u more problems: see the log)", problems->len - 1),
      (char *) g_ptr_array_index (problems, 0), problems->len - 1);
}

LimberConfig *
limber_config_load_lenient (const char *const *paths, GPtrArray *problems)
{
  g_return_val_if_fail (problems != NULL, NULL);
  /* At start-up, what is ignored is listed with what was left out. */
  return load (paths, problems, problems, NULL);
}

LimberConfig *
limber_config_parse (const char *name, const char *data, gsize length,
                     GError **error)
{
  g_autoptr (LimberConfig) config = limber_config_new ();
  g_autoptr (GHashTable) origins
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *paths[] = { name, NULL };
  Loader loader = { config, paths, origins, NULL, NULL };

  if (!load_contents (&loader, name, 1, data, length, error)
      || !check_rules (&loader, error))
    return NULL;
  check_routine_keys (&loader);
  return g_steal_pointer (&config);
}
