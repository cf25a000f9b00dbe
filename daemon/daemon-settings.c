/* limberd's settings at run time: Set() and Reload(), each checked, written
 * or read back from the files, and put in force. */
#include "daemon-private.h"

#include "limber-error.h"
#include "limber-i18n.h"

static void
set_config_error (LimberDaemon *self, const char *message)
{
  if (message[0] != '\0' && g_strcmp0 (message, self->config_error) != 0)
    g_warning ("%s", message);
  g_free (self->config_error);
  self->config_error = g_strdup (message);
}

/* Puts @config in force. */
static void
apply_config (LimberDaemon *self, LimberConfig *config)
{
  LimberTimings timings;

  limber_config_free (self->config);
  self->config = config;
  limber_config_get_timings (config, &timings);
  limber_activity_set_lull (self->activity, timings.lull);
  limber_activity_set_forced (self->activity, config->activity_source);
  if (self->started)
    limber_daemon_configure_calls (self);
  /* stretch-at or checkin-at may have changed. */
  self->deadlines_stale = TRUE;
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_CONFIG_CHANGED,
                                           .timings = &timings });
}

/* The configuration files, or NULL; *@notice: what in them is unknown
 * and left alone (a newer limber's key, a typo), or "". */
static LimberConfig *
read_config (LimberDaemon *self, char **notice, GError **error)
{
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  LimberConfig *config = limber_config_load_with_warnings (
      (const char *const *) self->config_paths, warnings, error);

  for (guint i = 0; i < warnings->len; i++)
    g_message ("%s", (char *) g_ptr_array_index (warnings, i));
  *notice = limber_config_summarize (warnings);
  return config;
}

gboolean
limber_daemon_set (LimberDaemon *self, const char *key, GVariant *value,
                   GError **error)
{
  g_autoptr (LimberConfig) candidate = limber_config_copy (self->config);
  g_autoptr (LimberConfig) reread = NULL;
  g_autoptr (GError) reread_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *path = limber_config_user_path ();

  if (!limber_config_set (candidate, key, value, &text, error))
    return FALSE;
  /* Written first: a setting that could not be saved is not applied. */
  if (!limber_config_write_key (path, key, text, error))
    return FALSE;
  g_info ("%s set to %s", key, text);

  /* The files are the truth: read them back, so that what runs is what
   * they say. If another of their keys is bad, run the candidate and say
   * what is wrong. */
  reread = read_config (self, &notice, &reread_error);
  set_config_error (self, reread ? notice : reread_error->message);
  apply_config (self, reread ? g_steal_pointer (&reread)
                             : g_steal_pointer (&candidate));
  return TRUE;
}

gboolean
limber_daemon_reset (LimberDaemon *self, const char *const *keys,
                     GError **error)
{
  g_autoptr (LimberConfig) candidate = limber_config_copy (self->config);
  g_autoptr (LimberConfig) reread = NULL;
  g_autoptr (GError) reread_error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *path = limber_config_user_path ();
  const LimberConfigRule *broken;

  if (keys == NULL || keys[0] == NULL)
    keys = limber_config_keys ();
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!limber_config_check_key (keys[i], error))
        return FALSE;
      limber_config_reset_key (candidate, keys[i]);
    }
  /* Checked before the file is touched, as Set() does. */
  broken = limber_config_broken_rule (candidate);
  if (broken != NULL)
    {
      g_autofree char *rule = limber_config_describe_broken_rule (
          candidate, broken, broken->shorter, NULL);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("after that reset %s; reset or set both"), rule);
      return FALSE;
    }
  for (guint i = 0; keys[i] != NULL; i++)
    if (!limber_config_remove_key (path, keys[i], error))
      return FALSE;
  g_autofree char *list = g_strjoinv (" ", (char **) keys);
  g_info ("reset to the defaults: %s", list);

  reread = read_config (self, &notice, &reread_error);
  set_config_error (self, reread ? notice : reread_error->message);
  apply_config (self, reread ? g_steal_pointer (&reread)
                             : g_steal_pointer (&candidate));
  return TRUE;
}

gboolean
limber_daemon_reload (LimberDaemon *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *notice = NULL;
  LimberConfig *config = read_config (self, &notice, &local_error);

  if (config == NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("%s (the settings in force stay)"), local_error->message);
      set_config_error (self, message);
      limber_daemon_publish (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_info ("configuration reloaded");
  set_config_error (self, notice);
  apply_config (self, config);
  return TRUE;
}

const LimberConfig *
limber_daemon_get_config (LimberDaemon *self)
{
  return self->config;
}

const char *
limber_daemon_get_config_error (LimberDaemon *self)
{
  return self->config_error;
}
