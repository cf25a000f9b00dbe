/* GNOME's do not disturb: show-banners off. */
#include "dnd-watch.h"

#include <gio/gio.h>

#define SCHEMA "org.gnome.desktop.notifications"
#define KEY    "show-banners"

struct _LimberDndGnome
{
  GSettings *settings; /* NULL where the schema is not installed */
  LimberDndWatchFunc changed;
  gpointer user_data;
};

static void
on_changed (GSettings *settings, const char *key, gpointer user_data)
{
  LimberDndGnome *self = user_data;

  (void) settings, (void) key;
  self->changed (self->user_data);
}

LimberDndGnome *
limber_dnd_gnome_new (LimberDndWatchFunc changed, gpointer user_data)
{
  LimberDndGnome *self = g_new0 (LimberDndGnome, 1);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema
      = source ? g_settings_schema_source_lookup (source, SCHEMA, TRUE) : NULL;

  self->changed = changed;
  self->user_data = user_data;
  if (schema == NULL || !g_settings_schema_has_key (schema, KEY))
    {
      g_info ("dnd: GNOME's notification settings are not installed");
      return self;
    }
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect (self->settings, "changed::" KEY, G_CALLBACK (on_changed),
                    self);
  /* GSettings tells changes only of keys read since. */
  (void) g_settings_get_boolean (self->settings, KEY);
  return self;
}

void
limber_dnd_gnome_free (LimberDndGnome *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->settings);
  g_free (self);
}

gboolean
limber_dnd_gnome_get_silenced (LimberDndGnome *self)
{
  return self->settings != NULL
         && !g_settings_get_boolean (self->settings, KEY);
}
