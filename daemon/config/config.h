/* limber.conf: the settings, their values as limberd keeps them (config.c;
 * the keys, defaults and limits are include/limber-settings.c), loading
 * layered files (config-load.c) and rewriting one key in the user's file
 * (config-write.c). */
#pragma once

#include <glib.h>

#include "limber-settings.h"
#include "routine.h"
#include "scheduler.h"

#define LIMBER_CONFIG_GROUP "limber"
/* A routine is a group of its own: [routine NAME]. */
#define LIMBER_ROUTINE_GROUP_PREFIX "routine "

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
  /* auto, a source's name, or none. */
  char *activity_source;
  /* Break kinds: the routine each uses, when they come. */
  char *micro_break_routine;
  guint64 posture_check; /* s of work between posture checks; 0: none */
  char *posture_check_routine;
  char *stretch_at; /* "HH:MM" or "off" */
  char *stretch_routine;
  char *checkin_at; /* "Fri 16:00" or "off" */
  /* The built-in routines and the user's, by name. */
  LimberRoutineSet *routines;
  /* on or off; the apps whose capture is no call, space-separated. */
  char *call_detection;
  char *call_ignore;
} LimberConfig;

LimberConfig *limber_config_new (void);
LimberConfig *limber_config_copy (const LimberConfig *config);
void limber_config_free (LimberConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberConfig, limber_config_free)

/* Every key, in the order of the documentation. */
const char *const *limber_config_keys (void);
gboolean limber_config_is_text_key (const char *key);

/* Validates @value for @key alone and stores it in @config; the rules
 * between keys are not checked. Durations take t, u, non-negative i or x, or
 * s in the time-span syntax; text takes s. A floating @value is consumed.
 * On success *@stored_text (if not NULL) is the value as the file has it. */
gboolean limber_config_parse_value (LimberConfig *config, const char *key,
                                    GVariant *value, char **stored_text,
                                    GError **error);

/* As limber_config_parse_value(), then checks the rules between settings,
 * blaming @key; on failure @config is unchanged. */
gboolean limber_config_set (LimberConfig *config, const char *key,
                            GVariant *value, char **stored_text,
                            GError **error);

/* A rule between two durations, from the settings table: @shorter must not
 * be longer than @longer. */
typedef LimberSettingRule LimberConfigRule;

/* The first rule @config breaks, or NULL. */
const LimberConfigRule *limber_config_broken_rule (const LimberConfig *config);

/* "interval-min (50min) must not be longer than interval-max (45min, the
 * default)": @culprit is one of the rule's keys; @other_note, if not NULL,
 * says where the other key's value comes from. */
char *limber_config_describe_broken_rule (const LimberConfig *config,
                                          const LimberConfigRule *rule,
                                          const char *culprit,
                                          const char *other_note);

/* Whether @key is a setting; if not, fails with LIMBER_ERROR_UNKNOWN_KEY
 * listing the settings. */
gboolean limber_config_check_key (const char *key, GError **error);

/* Puts @key back to its built-in default. */
void limber_config_reset_key (LimberConfig *config, const char *key);

/* The settings as D-Bus a{sv}: durations as t seconds, text as s. */
GVariant *limber_config_to_variant (const LimberConfig *config);

void limber_config_get_timings (const LimberConfig *config,
                                LimberTimings *timings);

/* The routine @kind uses (never NULL: a missing one falls back to the
 * built-in routine of that kind; a check-in has none and gets NULL). */
const LimberRoutine *limber_config_routine_for (const LimberConfig *config,
                                                LimberBreakKind kind);

/* config-routines.c */

/* The routine in @group ("routine NAME") of @file; NULL with *@problem
 * saying which step and why ("step 2: the text is …") when it cannot be
 * shown. */
LimberRoutine *limber_config_read_routine (GKeyFile *file, const char *group,
                                           char **problem);

/* Whether @name is one of @config's routines; if not, fails with
 * LIMBER_ERROR_INVALID_ARGUMENT naming @key (if not NULL) and listing
 * them. */
gboolean limber_config_check_routine_name (const LimberConfig *config,
                                           const char *key, const char *name,
                                           GError **error);

/* config-load.c */

/* The files read, least important first: each of $XDG_CONFIG_DIRS (default
 * /etc/xdg), then $XDG_CONFIG_HOME, each with /limber/limber.conf. */
GStrv limber_config_default_paths (void);
/* The user's file, the one Set() writes. */
char *limber_config_user_path (void);

/* Defaults, overridden by each of @paths that exists, in order. A missing
 * file is skipped; an unreadable or invalid one fails with
 * LIMBER_ERROR_INVALID_CONFIG naming the file, the key and the reason.
 * Unknown keys and groups are reported through g_warning() and ignored. */
LimberConfig *limber_config_load (const char *const *paths, GError **error);

/* As limber_config_load(), but unknown keys and groups, which are ignored
 * and do not fail the load (a newer limber may know them), are described
 * in @warnings, one string each, instead of logged. */
LimberConfig *limber_config_load_with_warnings (const char *const *paths,
                                                GPtrArray *warnings,
                                                GError **error);

/* One line for @problems, as the ConfigError property shows them: "" for
 * none, the first and how many more otherwise. */
char *limber_config_summarize (const GPtrArray *problems);

/* As limber_config_load(), but never fails: what is invalid is left out
 * (a file, a key, or the two keys of a broken rule, which go back to their
 * defaults) and described in @problems, one string each, as are unknown
 * keys and groups. For a start-up, when there is no earlier configuration
 * to keep. */
LimberConfig *limber_config_load_lenient (const char *const *paths,
                                          GPtrArray *problems);

/* The defaults with one file's @data, named @name in errors: as
 * limber_config_load() for a single file, without touching the disk. */
LimberConfig *limber_config_parse (const char *name, const char *data,
                                   gsize length, GError **error);

/* Reads @path without blocking: only a regular file, and at most one byte
 * more than a limber.conf may hold. A missing file fails with
 * G_FILE_ERROR_NOENT; the messages do not name the file. */
gboolean limber_config_read_file (const char *path, char **data, gsize *length,
                                  GError **error);

/* Whether @data can be loaded at all: the size, NUL bytes, keys set twice
 * and the key-file syntax. The message does not name the file. */
gboolean limber_config_check_data (const char *data, gsize length,
                                   GError **error);

/* config-write.c */

/* Writes @key = @text into @path (through a symbolic link to its target,
 * even a missing one), creating the file and its directory if needed; every
 * other line stays byte for byte. Atomic. Refuses to touch a file that
 * loading would ignore whole (see limber_config_check_data()) or that is
 * not a regular file. */
gboolean limber_config_write_key (const char *path, const char *key,
                                  const char *text, GError **error);
/* Removes the lines that set @key from @path, as limber_config_write_key()
 * would rewrite it; a missing file, or one that does not set @key, is left
 * as it is. */
gboolean limber_config_remove_key (const char *path, const char *key,
                                   GError **error);
