/* Prints the settings and command tables as JSON, so that the checks and
 * the integration tests compare against the tables themselves rather than
 * re-reading C. */
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "commands.h"
#include "limber-duration.h"
#include "limber-settings.h"

static void
add_setting (JsonBuilder *builder, const LimberSetting *setting)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, setting->key);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 limber_setting_kind_name (setting->kind));
  json_builder_set_member_name (builder, "default");
  if (setting->kind == LIMBER_SETTING_DURATION)
    {
      g_autofree char *text
          = limber_setting_format_seconds (setting, setting->default_seconds);
      g_autofree char *min = limber_duration_format (setting->min);
      g_autofree char *max = limber_duration_format (setting->max);
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "min");
      json_builder_add_string_value (builder, min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_string_value (builder, max);
    }
  else
    json_builder_add_string_value (builder, setting->default_text);
  if (setting->choices != NULL)
    {
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (gsize i = 0; setting->choices[i] != NULL; i++)
        json_builder_add_string_value (builder, setting->choices[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "can_be_off");
  json_builder_add_boolean_value (builder, setting->can_be_off);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, setting->description);
  json_builder_end_object (builder);
}

static void
add_command (JsonBuilder *builder, const LimberCommand *command)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, command->name);
  json_builder_set_member_name (builder, "min_args");
  json_builder_add_int_value (builder, command->min_args);
  json_builder_set_member_name (builder, "max_args");
  json_builder_add_int_value (builder, command->max_args);
  json_builder_end_object (builder);
}

int
main (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
    add_setting (builder, &limber_settings[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < limber_n_setting_rules; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, limber_setting_rules[i].shorter);
      json_builder_add_string_value (builder, limber_setting_rules[i].longer);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "commands");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < limber_n_commands; i++)
    add_command (builder, &limber_commands[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  return 0;
}
