/* limberctl set / get / reset / reload: the settings in limberd's
 * limber.conf. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "json-output.h"
#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-settings.h"
#include "settings-format.h"
#include "terminal-text.h"

int
limber_cmd_set (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;

  (void) argc;
  if (!g_utf8_validate (argv[1], -1, NULL)
      || !g_utf8_validate (argv[2], -1, NULL))
    return limber_usage_error ("set", _ ("the key and value must be UTF-8"));

  /* Text comes as 'limberctl get' shows it: "a\nb" is two lines. */
  const LimberSetting *setting = limber_settings_lookup (argv[1]);
  g_autofree char *value
      = setting != NULL && setting->kind == LIMBER_SETTING_TEXT
            ? limber_setting_unescape (argv[2])
            : g_strdup (argv[2]);

  /* The value goes as text: limberd knows each key's type and parses it,
   * so there is one place that decides what is valid. */
  bus = limber_client_connect (&error);
  g_autoptr (GVariant) reply = NULL;
  if (bus != NULL)
    reply = limber_client_call (
        bus, "Set",
        g_variant_new ("(sv)", argv[1], g_variant_new_string (value)), &error);
  if (reply == NULL)
    return limber_client_fail ("set", error);

  g_autoptr (GVariant) stored
      = limber_client_get_setting (bus, argv[1], &error);
  if (stored == NULL)
    return limber_client_fail ("set", error);
  g_autofree char *text = limber_setting_to_text (argv[1], stored);
  g_autofree char *shown = limber_terminal_text (text, TRUE);
  printf ("%s = %s\n", argv[1], shown);
  return LIMBER_EXIT_OK;
}

static void
print_settings_json (GVariant *settings)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  limber_settings_add_json (builder, settings);
  limber_print_json (builder, TRUE);
}

static gboolean get_json;

const GOptionEntry limber_get_options[] = {
  { "json", 'j', 0, G_OPTION_ARG_NONE, &get_json,
    N_ ("Print JSON, for scripts"), NULL },
  { NULL },
};

int
limber_cmd_get (int argc, char **argv)
{
  gboolean json = get_json;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) settings = NULL;
  g_autoptr (GError) error = NULL;

  bus = limber_client_connect (&error);
  if (bus != NULL)
    settings = limber_client_get_property (bus, "Settings", &error);
  if (settings == NULL)
    return limber_client_fail ("get", error);

  if (argc == 2)
    {
      g_autoptr (GVariant) value
          = g_variant_lookup_value (settings, argv[1], NULL);
      if (value == NULL)
        {
          g_autofree char *safe = g_utf8_make_valid (argv[1], -1);
          return limber_usage_error (
              "get", _ ("unknown setting '%s'; 'limberctl get' lists them"),
              safe);
        }
      if (json)
        {
          g_autoptr (GVariantDict) one = g_variant_dict_new (NULL);
          g_variant_dict_insert_value (one, argv[1], value);
          g_autoptr (GVariant) single
              = g_variant_ref_sink (g_variant_dict_end (one));
          print_settings_json (single);
        }
      else
        {
          g_autofree char *text = limber_setting_to_text (argv[1], value);
          g_autofree char *shown = limber_terminal_text (text, TRUE);
          printf ("%s\n", shown);
        }
      return LIMBER_EXIT_OK;
    }

  if (json)
    {
      print_settings_json (settings);
      return LIMBER_EXIT_OK;
    }

  GVariantIter iter;
  const char *key;
  GVariant *value;
  g_variant_iter_init (&iter, settings);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *text = limber_setting_to_text (key, value);
      /* One line a setting: show line breaks in text the way the
       * configuration file writes them. */
      g_autofree char *escaped = limber_setting_escape (text);
      g_autofree char *shown = limber_terminal_text (escaped, FALSE);
      g_autofree char *safe_key = limber_terminal_text (key, FALSE);
      printf ("%-15s = %s\n", safe_key, shown);
      g_variant_unref (value);
    }
  return LIMBER_EXIT_OK;
}

static gboolean reset_all;

const GOptionEntry limber_reset_options[] = {
  { "all", 'a', 0, G_OPTION_ARG_NONE, &reset_all,
    N_ ("Reset every setting (your limber.conf keeps its comments)"), NULL },
  { NULL },
};

int
limber_cmd_reset (int argc, char **argv)
{
  gboolean all = reset_all;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) settings = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *keys = (const char *const *) argv + 1;
  /* An empty list asks for every key. */
  static const char *const every[] = { NULL };

  if (all == (argc > 1))
    return limber_usage_error ("reset", "%s",
                               all ? _ ("give KEY… or --all, not both")
                                   : _ ("give KEY… or --all"));
  for (int i = 1; i < argc; i++)
    if (!g_utf8_validate (argv[i], -1, NULL))
      return limber_usage_error ("reset", _ ("the keys must be UTF-8"));

  bus = limber_client_connect (&error);
  if (bus != NULL)
    reply = limber_client_call (
        bus, "Reset", g_variant_new ("(^as)", all ? every : keys), &error);
  if (reply == NULL)
    return limber_client_fail ("reset", error);

  /* What is in force now: the defaults, or the site-wide file's. */
  settings = limber_client_get_property (bus, "Settings", &error);
  if (settings == NULL)
    return limber_client_fail ("reset", error);
  if (all)
    keys = limber_settings_keys ();
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value
          = g_variant_lookup_value (settings, keys[i], NULL);
      g_autofree char *text = value != NULL
                                  ? limber_setting_to_text (keys[i], value)
                                  : g_strdup ("?");
      g_autofree char *escaped = limber_setting_escape (text);
      g_autofree char *shown = limber_terminal_text (escaped, FALSE);
      printf ("%s = %s\n", keys[i], shown);
    }
  return LIMBER_EXIT_OK;
}

int
limber_cmd_reload (int argc, char **argv)
{
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) problem = NULL;
  g_autoptr (GError) error = NULL;

  (void) argc, (void) argv;
  bus = limber_client_connect (&error);
  if (bus != NULL)
    reply = limber_client_call (bus, "Reload", NULL, &error);
  if (reply == NULL)
    return limber_client_fail ("reload", error);

  /* Loaded, but with something left out (an unknown key, a bad value kept
   * at its old setting): say it, and do not claim success. */
  problem = limber_client_get_property (bus, "ConfigError", &error);
  if (problem == NULL)
    return limber_client_fail ("reload", error);
  if (g_variant_get_string (problem, NULL)[0] != '\0')
    {
      g_autofree char *shown
          = limber_terminal_text (g_variant_get_string (problem, NULL), FALSE);
      g_printerr (_ ("limberctl reload: reloaded, with a warning: %s\n"),
                  shown);
      return LIMBER_EXIT_FAILURE;
    }
  printf (_ ("Configuration reloaded.\n"));
  return LIMBER_EXIT_OK;
}
