/* limber.conf: the settings, their defaults and limits, loading layered
 * files and rewriting one key in the user's file. */
#pragma once

#include <glib.h>

#include "scheduler.h"

#define LIMBER_CONFIG_GROUP "limber"

typedef struct
{
  /* Durations, in seconds. */
  guint64 interval_min;
  guint64 interval_max;
  guint64 snooze;
  guint64 natural_break;
  guint64 lull;
  guint64 break_length;
  guint64 pause_default;
  /* Notification text. */
  char *title;
  char *routine;
} LimberConfig;

LimberConfig *limber_config_new (void);
LimberConfig *limber_config_copy (const LimberConfig *config);
void limber_config_free (LimberConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberConfig, limber_config_free)

/* The files read, least important first: each of $XDG_CONFIG_DIRS (default
 * /etc/xdg), then $XDG_CONFIG_HOME, each with /limber/limber.conf. */
GStrv limber_config_default_paths (void);
/* The user's file, the one Set() writes. */
char *limber_config_user_path (void);

/* Defaults, overridden by each of @paths that exists, in order. A missing
 * file is skipped; an unreadable or invalid one fails with
 * LIMBER_ERROR_INVALID_CONFIG naming the file, the key and the reason.
 * Unknown keys are reported through g_warning() and ignored. */
LimberConfig *limber_config_load (const char *const *paths, GError **error);

/* Validates @value for @key against the whole of @config and applies it;
 * on failure @config is unchanged. Durations take t, u, positive i, or s in
 * the time-span syntax; text takes s. A floating @value is consumed. On
 * success *@stored_text is the value as it goes into the file. */
gboolean limber_config_set (LimberConfig *config, const char *key,
                            GVariant *value, char **stored_text,
                            GError **error);

/* Writes @key = @text into @path, creating the file and its directory if
 * needed and keeping every other line and comment; atomic. */
gboolean limber_config_write_key (const char *path, const char *key,
                                  const char *text, GError **error);

/* The settings as D-Bus a{sv}: durations as t seconds, text as s. */
GVariant *limber_config_to_variant (const LimberConfig *config);

void limber_config_get_timings (const LimberConfig *config,
                                LimberTimings *timings);

/* Every key, in the order of the documentation. */
const char *const *limber_config_keys (void);
