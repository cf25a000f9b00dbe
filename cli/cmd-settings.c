/* limberctl set / get: the settings in limberd's limber.conf. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "json-output.h"
#include "commands.h"
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
    return limber_usage_error ("set", "the key and value must be UTF-8");

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
  g_autofree char *text = limber_setting_to_text (stored);
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
  { "json", 'j', 0, G_OPTION_ARG_NONE, &get_json, "Print JSON, for scripts",
    NULL },
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
              "get", "unknown setting '%s'; 'limberctl get' lists them", safe);
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
          g_autofree char *text = limber_setting_to_text (value);
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
      g_autofree char *text = limber_setting_to_text (value);
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
