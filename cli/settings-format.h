/* Showing settings as limberd sends them (a{sv}: durations as t seconds,
 * text as s). */
#pragma once

#include <json-glib/json-glib.h>

/* "30min" for a duration, the text itself otherwise. */
char *limber_setting_to_text (GVariant *value);

/* Adds @settings as a JSON object: durations in seconds, text as strings. */
void limber_settings_add_json (JsonBuilder *builder, GVariant *settings);
