#include "settings-format.h"

#include "limber-duration.h"
#include "limber-settings.h"

char *
limber_setting_to_text (const char *key, GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return limber_setting_format_seconds (limber_settings_lookup (key),
                                          g_variant_get_uint64 (value));
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

char *
limber_setting_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
limber_setting_unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == 'n')
        g_string_append_c (out, '\n');
      else if (p[0] == '\\' && p[1] == 't')
        g_string_append_c (out, '\t');
      else if (p[0] == '\\' && p[1] == '\\')
        g_string_append_c (out, '\\');
      else
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
    }
  return g_string_free (out, FALSE);
}
