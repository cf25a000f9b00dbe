#include "limber-settings.h"

#include "limber-duration.h"
#include "limber-i18n.h"

#define HOUR (60 * 60)
#define DAY  (24 * HOUR)

/* The descriptions are for the documentation (doc/), which is English,
 * and are not marked for translation. The kind names are, for --help. */

/* The activity sources limberd knows (daemon/sources/activity.c), or auto,
 * or none; wayland and xsync only where they were built. */
static const char *const activity_sources[] = {
  "auto",        "mutter",
#ifdef LIMBER_HAVE_WAYLAND
  "wayland",
#endif
  "screensaver",
#ifdef LIMBER_HAVE_XSYNC
  "xsync",
#endif
  "logind",      "none",   NULL,
};

static const char *const on_off[] = { "on", "off", NULL };

#define DURATION(id, name, lo, hi, def, what)                                  \
  [id] = { .key = name,                                                        \
           .kind = LIMBER_SETTING_DURATION,                                    \
           .min = lo,                                                          \
           .max = hi,                                                          \
           .default_seconds = def,                                             \
           .description = what }
/* Text must hold more than white space. */
#define TEXT(id, name, hi, def, what)                                          \
  [id] = { .key = name,                                                        \
           .kind = LIMBER_SETTING_TEXT,                                        \
           .min = 1,                                                           \
           .max = hi,                                                          \
           .default_text = def,                                                \
           .description = what }
/* A duration that may be "off" (0). */
#define OPTIONAL_DURATION(id, name, lo, hi, def, what)                         \
  [id] = { .key = name,                                                        \
           .kind = LIMBER_SETTING_DURATION,                                    \
           .min = lo,                                                          \
           .max = hi,                                                          \
           .default_seconds = def,                                             \
           .description = what,                                                \
           .can_be_off = TRUE }
#define NAMED(id, kind_, name, def, what)                                      \
  [id] = {                                                                     \
    .key = name, .kind = kind_, .default_text = def, .description = what       \
  }
#define CHOICE(id, name, list, def, what)                                      \
  [id] = { .key = name,                                                        \
           .kind = LIMBER_SETTING_CHOICE,                                      \
           .default_text = def,                                                \
           .choices = list,                                                    \
           .description = what }

const LimberSetting limber_settings[LIMBER_N_SETTINGS] = {
  DURATION (LIMBER_SETTING_INTERVAL_MIN, "interval-min", 1, DAY, 30 * 60,
            "Work after which a break is due, shown at the next lull"),
  DURATION (LIMBER_SETTING_INTERVAL_MAX, "interval-max", 1, DAY, 45 * 60,
            "Work after which a due break shows regardless, urgently"),
  DURATION (LIMBER_SETTING_SNOOZE, "snooze", 1, DAY, 5 * 60,
            "How long a snooze postpones the break"),
  DURATION (LIMBER_SETTING_NATURAL_BREAK, "natural-break", 1, DAY, 5 * 60,
            "Time away that counts as a break taken"),
  DURATION (LIMBER_SETTING_LULL, "lull", 1, HOUR, 5,
            "The pause in typing that lets a due break show"),
  DURATION (LIMBER_SETTING_BREAK_LENGTH, "break-length", 1, DAY, 60,
            "Time away after the pop-up that counts as the break done"),
  DURATION (LIMBER_SETTING_PAUSE_DEFAULT, "pause-default", 1, 31 * DAY, HOUR,
            "How long 'limberctl pause' without an argument lasts"),
  /* The text defaults are marked for translation: the pop-up shows them
   * translated as long as they are not changed. */
  TEXT (LIMBER_SETTING_TITLE, "title", 200, N_ ("Time for a micro-break"),
        "The micro-break pop-up's title"),
  TEXT (LIMBER_SETTING_ROUTINE, "routine", 2000,
        N_ ("Stand up, then:\n"
            "• Roll your shoulders 5 times forward, then 5 times backward\n"
            "• Take 3 deep breaths, squeezing your shoulder blades together\n"
            "• Stretch your neck gently for 30 seconds, side to side"),
        "The micro-break pop-up's text; left as it is, the steps of "
        "micro-break-routine"),
  CHOICE (LIMBER_SETTING_ACTIVITY_SOURCE, "activity-source", activity_sources,
          "auto", "Where idle, lock and sleep come from"),
  NAMED (LIMBER_SETTING_MICRO_BREAK_ROUTINE, LIMBER_SETTING_ROUTINE_NAME,
         "micro-break-routine", "micro-break",
         "The routine a micro-break guides you through"),
  OPTIONAL_DURATION (LIMBER_SETTING_POSTURE_CHECK, "posture-check", 1, DAY,
                     30 * 60,
                     "How often, in work, a posture check comes (off: never)"),
  NAMED (LIMBER_SETTING_POSTURE_CHECK_ROUTINE, LIMBER_SETTING_ROUTINE_NAME,
         "posture-check-routine", "posture-check",
         "The routine a posture check shows"),
  NAMED (LIMBER_SETTING_STRETCH_AT, LIMBER_SETTING_TIME, "stretch-at", "off",
         "The time of day of the daily stretch session (off: none)"),
  NAMED (LIMBER_SETTING_STRETCH_ROUTINE, LIMBER_SETTING_ROUTINE_NAME,
         "stretch-routine", "stretch",
         "The routine of the daily stretch session"),
  NAMED (LIMBER_SETTING_CHECKIN_AT, LIMBER_SETTING_WEEKLY, "checkin-at",
         "Fri 16:00",
         "When the weekly check-in asks how your back is (off: never)"),
  CHOICE (LIMBER_SETTING_CALL_DETECTION, "call-detection", on_off, "on",
          "Hold breaks back during calls and screen shares"),
  TEXT (LIMBER_SETTING_CALL_IGNORE, "call-ignore", 1000,
        "easyeffects pavucontrol pwvucontrol cava plasmashell obs",
        "Apps whose recording is no call (names, space-separated)"),
};

const LimberSettingRule limber_setting_rules[] = {
  { "interval-min", "interval-max" },
  { "break-length", "natural-break" },
};
const gsize limber_n_setting_rules = G_N_ELEMENTS (limber_setting_rules);

const LimberSetting *
limber_settings_lookup (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (limber_settings); i++)
    if (g_str_equal (limber_settings[i].key, key))
      return &limber_settings[i];
  return NULL;
}

LimberSettingId
limber_settings_id (const LimberSetting *setting)
{
  g_assert (setting >= limber_settings
            && setting < limber_settings + LIMBER_N_SETTINGS);
  return (LimberSettingId) (setting - limber_settings);
}

const char *const *
limber_settings_keys (void)
{
  /* Built from the table once, so the keys are not listed twice. */
  static const char *keys[LIMBER_N_SETTINGS + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gsize i = 0; i < LIMBER_N_SETTINGS; i++)
        keys[i] = limber_settings[i].key;
      g_once_init_leave (&done, 1);
    }
  return keys;
}

const char *
limber_setting_kind_name (LimberSettingKind kind)
{
  switch (kind)
    {
    case LIMBER_SETTING_DURATION:
      return N_ ("durations");
    case LIMBER_SETTING_TEXT:
      return N_ ("text");
    case LIMBER_SETTING_CHOICE:
      return N_ ("choice");
    case LIMBER_SETTING_ROUTINE_NAME:
      return N_ ("routine");
    case LIMBER_SETTING_TIME:
      return N_ ("time of day");
    case LIMBER_SETTING_WEEKLY:
      return N_ ("day and time");
    }
  g_assert_not_reached ();
}

gboolean
limber_setting_is_text (const LimberSetting *setting)
{
  return setting->kind != LIMBER_SETTING_DURATION;
}

char *
limber_setting_format_seconds (const LimberSetting *setting, guint64 seconds)
{
  if (seconds == 0 && setting != NULL && setting->can_be_off)
    return g_strdup ("off");
  return limber_duration_format (seconds);
}
