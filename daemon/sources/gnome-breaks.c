#include "gnome-breaks.h"

#include <glib/gi18n-lib.h>

#include <gio/gio.h>

#define SCHEMA "org.gnome.desktop.break-reminders"
#define KEY    "selected-breaks"

struct _LimberGnomeBreaks
{
  GSettings *settings; /* NULL where GNOME has no break reminders */
  char *notice;
  void (*changed) (gpointer);
  gpointer user_data;
};

/* The gsettings command that keeps GNOME's other breaks (eyesight) and
 * turns its movement breaks off. */
static char *
turn_off_command (char **selected)
{
  g_autoptr (GString) list = g_string_new ("[");

  for (guint i = 0; selected[i] != NULL; i++)
    if (!g_str_equal (selected[i], "movement"))
      {
        g_autoptr (GVariant) value
            = g_variant_ref_sink (g_variant_new_string (selected[i]));
        g_autofree char *quoted = g_variant_print (value, FALSE);
        g_string_append_printf (list, "%s%s", list->len > 1 ? ", " : "",
                                quoted);
      }
  g_string_append (list, "]");
  return g_strdup_printf ("gsettings set " SCHEMA " " KEY " \"%s\"", list->str);
}

static void
read_settings (LimberGnomeBreaks *self)
{
  g_auto (GStrv) selected = g_settings_get_strv (self->settings, KEY);
  g_autofree char *notice = NULL;

  if (g_strv_contains ((const char *const *) selected, "movement"))
    {
      g_autofree char *command = turn_off_command (selected);
      notice = g_strdup_printf (
          _ ("GNOME's own movement breaks are on too, so you may be reminded "
             "twice: turn them off in Settings, Wellbeing (or run: %s), or "
             "turn limber off (systemctl --user disable --now limberd)"),
          command);
    }
  else
    notice = g_strdup ("");
  if (g_strcmp0 (notice, self->notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_steal_pointer (&notice);
  if (self->notice[0] != '\0')
    g_message ("%s", self->notice);
  else
    g_info ("GNOME's movement breaks are off");
  if (self->changed != NULL)
    self->changed (self->user_data);
}

static void
on_changed (GSettings *settings, const char *key, gpointer user_data)
{
  (void) settings, (void) key;
  read_settings (user_data);
}

LimberGnomeBreaks *
limber_gnome_breaks_new (void (*changed) (gpointer), gpointer user_data)
{
  LimberGnomeBreaks *self = g_new0 (LimberGnomeBreaks, 1);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema
      = source ? g_settings_schema_source_lookup (source, SCHEMA, TRUE) : NULL;

  self->notice = g_strdup ("");
  if (schema == NULL || !g_settings_schema_has_key (schema, KEY))
    return self;
  g_info ("GNOME has break reminders of its own: following them");
  self->settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect (self->settings, "changed::" KEY, G_CALLBACK (on_changed),
                    self);
  read_settings (self);
  /* Told from now on, not for the first reading. */
  self->changed = changed;
  self->user_data = user_data;
  return self;
}

void
limber_gnome_breaks_free (LimberGnomeBreaks *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->settings);
  g_free (self->notice);
  g_free (self);
}

const char *
limber_gnome_breaks_get_notice (LimberGnomeBreaks *self)
{
  return self->notice;
}
