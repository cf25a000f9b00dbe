/* Reading limber.conf: built-in defaults, then each layer over the one
 * before, strictly (a reload, which keeps the settings in force on any
 * error) or leniently (a start-up, which keeps all that is valid). */
#include "config.h"

#include "limber-error.h"

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
} Loader;

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

static gboolean
load_key (LimberConfig *config, GKeyFile *file, const char *key, GError **error)
{
  g_autofree char *text = NULL;

  if (limber_config_is_text_key (key))
    {
      /* Unescaped, and checked to be UTF-8 by GKeyFile. */
      text = g_key_file_get_string (file, LIMBER_CONFIG_GROUP, key, error);
      if (text == NULL)
        return FALSE;
    }
  else
    {
      text = g_key_file_get_value (file, LIMBER_CONFIG_GROUP, key, NULL);
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                       "the value is not valid UTF-8");
          return FALSE;
        }
    }
  return limber_config_parse_value (config, key, g_variant_new_string (text),
                                    NULL, error);
}

static gboolean
load_file (Loader *self, guint index, GError **error)
{
  const char *path = self->paths[index];
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) groups = NULL;
  g_auto (GStrv) keys = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      return note_problem (self,
                           g_error_new (LIMBER_ERROR,
                                        LIMBER_ERROR_INVALID_CONFIG, "%s: %s",
                                        path, local_error->message),
                           "the file is ignored", error);
    }

  groups = g_key_file_get_groups (file, NULL);
  for (gsize i = 0; groups[i] != NULL; i++)
    if (!g_str_equal (groups[i], LIMBER_CONFIG_GROUP))
      g_warning ("%s: ignoring unknown group [%s]; settings go in [%s]", path,
                 groups[i], LIMBER_CONFIG_GROUP);

  keys = g_key_file_get_keys (file, LIMBER_CONFIG_GROUP, NULL, NULL);
  for (gsize i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (!g_strv_contains (limber_config_keys (), keys[i]))
        {
          g_warning ("%s: ignoring unknown key '%s'", path, keys[i]);
          continue;
        }
      g_clear_error (&local_error);
      if (!load_key (self->config, file, keys[i], &local_error))
        {
          if (!note_problem (self,
                             g_error_new (LIMBER_ERROR,
                                          LIMBER_ERROR_INVALID_CONFIG,
                                          "%s: key '%s': %s", path, keys[i],
                                          local_error->message),
                             "the key is ignored", error))
            return FALSE;
          continue;
        }
      g_hash_table_insert (self->origins, g_strdup (keys[i]),
                           GUINT_TO_POINTER (index + 1));
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
        other_note = g_strdup ("the default");
      else if (other_from != culprit_from)
        other_note = g_strdup_printf ("set in %s", self->paths[other_from - 1]);
      message = limber_config_describe_broken_rule (self->config, rule, culprit,
                                                    other_note);

      if (!note_problem (self,
                         g_error_new (LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                                      "%s: key '%s': %s",
                                      culprit_from > 0
                                          ? self->paths[culprit_from - 1]
                                          : "built-in defaults",
                                      culprit, message),
                         "both keys are back to their defaults", error))
        return FALSE;
      limber_config_reset_key (self->config, rule->shorter);
      limber_config_reset_key (self->config, rule->longer);
      g_hash_table_remove (self->origins, rule->shorter);
      g_hash_table_remove (self->origins, rule->longer);
    }
  return TRUE;
}

static LimberConfig *
load (const char *const *paths, GPtrArray *problems, GError **error)
{
  g_autoptr (LimberConfig) config = limber_config_new ();
  g_autoptr (GHashTable) origins
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Loader loader = { config, paths, origins, problems };

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!load_file (&loader, i, error))
      return NULL;
  if (!check_rules (&loader, error))
    return NULL;
  return g_steal_pointer (&config);
}

LimberConfig *
limber_config_load (const char *const *paths, GError **error)
{
  return load (paths, NULL, error);
}

LimberConfig *
limber_config_load_lenient (const char *const *paths, GPtrArray *problems)
{
  g_return_val_if_fail (problems != NULL, NULL);
  return load (paths, problems, NULL);
}
