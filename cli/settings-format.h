/* Showing settings as limberd sends them (a{sv}: durations as t seconds,
 * text as s). */
#pragma once

#include <json-glib/json-glib.h>

/* "30min" for a duration (or "off", for @key's 0 where it takes off), the
 * text itself otherwise. */
char *limber_setting_to_text (const char *key, GVariant *value);

/* Text on one line, as the configuration file writes it: a line break as
 * \n, a tab as \t, a backslash as \\. */
char *limber_setting_escape (const char *text);
/* The reverse, for a value typed on the command line: "a\nb" is two
 * lines, as 'limberctl get' shows them. Other backslashes stay. */
char *limber_setting_unescape (const char *text);

/* Adds @settings as a JSON object: durations in seconds, text as strings. */
void limber_settings_add_json (JsonBuilder *builder, GVariant *settings);
