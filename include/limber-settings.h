/* The settings of limber.conf: one table says each key's name, kind,
 * default, limits and meaning, and the rules between keys. limberd
 * validates with it (daemon/config/config.c); limberctl builds its help from
 * it; the checks compare the documentation against it. */
#pragma once

#include <glib.h>

typedef enum
{
  LIMBER_SETTING_DURATION,
  LIMBER_SETTING_TEXT,
  LIMBER_SETTING_CHOICE,       /* one word of a list, stored as text */
  LIMBER_SETTING_ROUTINE_NAME, /* a routine's name, stored as text */
  LIMBER_SETTING_TIME,         /* HH:MM, or off; stored as text */
  LIMBER_SETTING_WEEKLY,       /* a day and HH:MM ("Fri 16:00"), or off */
} LimberSettingKind;

/* The settings' places in the table, in the order of the documentation;
 * limberd's storage switches on these, so a key added here without a
 * field there does not build. */
typedef enum
{
  LIMBER_SETTING_INTERVAL_MIN,
  LIMBER_SETTING_INTERVAL_MAX,
  LIMBER_SETTING_SNOOZE,
  LIMBER_SETTING_NATURAL_BREAK,
  LIMBER_SETTING_LULL,
  LIMBER_SETTING_BREAK_LENGTH,
  LIMBER_SETTING_PAUSE_DEFAULT,
  LIMBER_SETTING_TITLE,
  LIMBER_SETTING_ROUTINE,
  LIMBER_SETTING_ACTIVITY_SOURCE,
  LIMBER_SETTING_MICRO_BREAK_ROUTINE,
  LIMBER_SETTING_POSTURE_CHECK,
  LIMBER_SETTING_POSTURE_CHECK_ROUTINE,
  LIMBER_SETTING_STRETCH_AT,
  LIMBER_SETTING_STRETCH_ROUTINE,
  LIMBER_SETTING_CHECKIN_AT,
  LIMBER_SETTING_CALL_DETECTION,
  LIMBER_SETTING_CALL_IGNORE,
  LIMBER_N_SETTINGS
} LimberSettingId;

typedef struct
{
  const char *key;
  LimberSettingKind kind;
  guint64 min, max;           /* seconds, or bytes of text */
  guint64 default_seconds;    /* LIMBER_SETTING_DURATION */
  const char *default_text;   /* LIMBER_SETTING_TEXT and _CHOICE */
  const char *const *choices; /* LIMBER_SETTING_CHOICE, NULL-terminated */
  const char *description;    /* one line */
  gboolean can_be_off;        /* a duration that takes "off" (kept as 0) */
} LimberSetting;

/* A rule between two durations: @shorter must not be longer than
 * @longer. */
typedef struct
{
  const char *shorter;
  const char *longer;
} LimberSettingRule;

/* The table, indexed by LimberSettingId. */
extern const LimberSetting limber_settings[LIMBER_N_SETTINGS];

/* The rules between keys, and how many there are. */
extern const LimberSettingRule limber_setting_rules[];
extern const gsize limber_n_setting_rules;

/* @key's row, or NULL. */
const LimberSetting *limber_settings_lookup (const char *key);

/* @setting's place in the table. */
LimberSettingId limber_settings_id (const LimberSetting *setting);

/* Every key, in the table's order, NULL-terminated. */
const char *const *limber_settings_keys (void);

/* "durations", "text", "choice", "routine", "time of day" or "day and
 * time": the kind's name in help and dumps. */
const char *limber_setting_kind_name (LimberSettingKind kind);

/* Whether the setting's value is kept as text: all but durations. */
gboolean limber_setting_is_text (const LimberSetting *setting);

/* A duration's value as people read it: "30min", or "off" for 0 where the
 * setting takes off. */
char *limber_setting_format_seconds (const LimberSetting *setting,
                                     guint64 seconds);
