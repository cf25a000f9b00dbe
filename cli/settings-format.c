#include "settings-format.h"

#include "limber-duration.h"

char *
limber_setting_to_text (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return limber_duration_format (g_variant_get_uint64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  return g_variant_print (value, FALSE);
}

void
limber_settings_add_json (JsonBuilder *builder, GVariant *settings)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  json_builder_begin_object (builder);
  if (settings != NULL)
    {
      g_variant_iter_init (&iter, settings);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          json_builder_set_member_name (builder, key);
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
            json_builder_add_int_value (builder,
                                        (gint64) g_variant_get_uint64 (value));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            json_builder_add_string_value (builder,
                                           g_variant_get_string (value, NULL));
          else
            json_builder_add_null_value (builder);
          g_variant_unref (value);
        }
    }
  json_builder_end_object (builder);
}
