#include "state-file.h"

#include "limber-error.h"
#include "limber-file.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define GROUP   "state"
#define VERSION 1

/* Larger than anything limberd writes, small enough to read at once. */
#define MAX_STATE_BYTES 4096

#define DAY_USEC  (G_GINT64_CONSTANT (86400) * LIMBER_USEC_PER_SEC)
#define YEAR_USEC (366 * DAY_USEC)
/* Longer than the longest pause (31 days). */
#define MAX_PAUSE_LEFT (32 * DAY_USEC)

static const char *const phase_names[] = {
  [LIMBER_PHASE_WORKING] = "working",
  [LIMBER_PHASE_DUE] = "due",
  [LIMBER_PHASE_ON_BREAK] = "break",
  [LIMBER_PHASE_PAUSED] = "paused",
};

char *
limber_state_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "limber", NULL);
}

char *
limber_state_to_text (const LimberStateRecord *record)
{
  /* Within what limber_state_parse() accepts, so that limberd never writes
   * a state it would refuse at the next start (a counter past a year is
   * kept as a year: either way, a break is long overdue). */
  LimberSavedState clamped = record->scheduler;
  const LimberSavedState *s = &clamped;

  clamped.worked = CLAMP (clamped.worked, 0, YEAR_USEC);
  clamped.window_start = CLAMP (clamped.window_start, 0, YEAR_USEC);
  clamped.window_end
      = CLAMP (clamped.window_end, clamped.window_start, YEAR_USEC);
  clamped.pause_left = CLAMP (clamped.pause_left, -1, MAX_PAUSE_LEFT);
  clamped.closed_worked = CLAMP (clamped.closed_worked, 0, YEAR_USEC);
  gint64 saved_at = CLAMP (record->saved_at, 1, G_MAXINT64 / 2);
  g_autofree char *boot
      = record->boot_id[0] != '\0'
            ? g_strdup_printf ("boot-id=%s\n"
                               "boot-clock=%" G_GINT64_FORMAT "\n",
                               record->boot_id, record->boot_clock)
            : g_strdup ("");

  return g_strdup_printf ("# limberd's state; it rewrites this file\n"
                          "[" GROUP "]\n"
                          "version=%d\n"
                          "saved-at=%" G_GINT64_FORMAT "\n"
                          "worked=%" G_GINT64_FORMAT "\n"
                          "accruing=%s\n"
                          "window-start=%" G_GINT64_FORMAT "\n"
                          "window-end=%" G_GINT64_FORMAT "\n"
                          "snoozed=%s\n"
                          "phase=%s\n"
                          "pause-left=%" G_GINT64_FORMAT "\n"
                          "closed=%s\n"
                          "closed-worked=%" G_GINT64_FORMAT "\n"
                          "%s",
                          VERSION, saved_at, s->worked,
                          s->accruing ? "true" : "false", s->window_start,
                          s->window_end, s->snoozed ? "true" : "false",
                          phase_names[s->phase], s->pause_left,
                          s->closed ? "true" : "false", s->closed_worked, boot);
}

static gboolean
get_int (GKeyFile *file, const char *key, gint64 min, gint64 max, gint64 *value,
         GError **error)
{
  g_autofree char *text = g_key_file_get_value (file, GROUP, key, NULL);
  g_autoptr (GError) local_error = NULL;

  if (text == NULL)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED, "%s is missing",
                   key);
      return FALSE;
    }
  if (!g_ascii_string_to_signed (text, 10, min, max, value, &local_error))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED, "%s: %s", key,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_bool (GKeyFile *file, const char *key, gboolean *value, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  *value = g_key_file_get_boolean (file, GROUP, key, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED, "%s: %s", key,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Keys added since version 1 was first written: a file from an older
 * limberd, without them, loads with @fallback. */
static gboolean
get_optional_bool (GKeyFile *file, const char *key, gboolean fallback,
                   gboolean *value, GError **error)
{
  if (!g_key_file_has_key (file, GROUP, key, NULL))
    {
      *value = fallback;
      return TRUE;
    }
  return get_bool (file, key, value, error);
}

static gboolean
get_optional_int (GKeyFile *file, const char *key, gint64 min, gint64 max,
                  gint64 fallback, gint64 *value, GError **error)
{
  if (!g_key_file_has_key (file, GROUP, key, NULL))
    {
      *value = fallback;
      return TRUE;
    }
  return get_int (file, key, min, max, value, error);
}

/* "f81d4fae-7dec-11d0-a765-00a0c91e6bf6" */
static gboolean
is_boot_id (const char *text)
{
  gsize length = strlen (text);

  if (length != 36)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (i == 8 || i == 13 || i == 18 || i == 23 ? text[i] != '-'
                                                : !g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

void
limber_state_read_boot_id (char boot_id[40])
{
  g_autofree char *data = NULL;
  gsize length;

  boot_id[0] = '\0';
  if (limber_file_read ("/proc/sys/kernel/random/boot_id", 64,
                        LIMBER_FILE_FOLLOW, &data, &length, NULL))
    {
      g_strstrip (data);
      if (is_boot_id (data))
        g_strlcpy (boot_id, data, 40);
    }
}

gint64
limber_state_gap (const LimberStateRecord *record, const char *boot_id,
                  LimberTime now_clock, gint64 now_wall)
{
  if (record->boot_id[0] != '\0' && g_str_equal (record->boot_id, boot_id)
      && now_clock >= record->boot_clock)
    return now_clock - record->boot_clock;
  return MAX (0, now_wall - record->saved_at);
}

gboolean
limber_state_parse (const char *data, gsize length, LimberStateRecord *record,
                    GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *phase = NULL;
  LimberStateRecord r = { 0 };
  gint64 version, phase_index = -1;

  if (length > MAX_STATE_BYTES)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   "%zu bytes is too large for a state file", length);
      return FALSE;
    }
  if (!g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE,
                                  &local_error))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED, "%s",
                   local_error->message);
      return FALSE;
    }
  if (!get_int (file, "version", 0, G_MAXINT32, &version, error))
    return FALSE;
  if (version != VERSION)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   "version %" G_GINT64_FORMAT " is not %d", version, VERSION);
      return FALSE;
    }

  phase = g_key_file_get_value (file, GROUP, "phase", NULL);
  for (gsize i = 0; phase != NULL && i < G_N_ELEMENTS (phase_names); i++)
    if (g_str_equal (phase, phase_names[i]))
      phase_index = (gint64) i;
  if (phase_index < 0)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   "phase is missing or unknown");
      return FALSE;
    }
  r.scheduler.phase = (LimberPhase) phase_index;

  if (!get_int (file, "saved-at", 1, G_MAXINT64 / 2, &r.saved_at, error)
      || !get_int (file, "worked", 0, YEAR_USEC, &r.scheduler.worked, error)
      || !get_bool (file, "accruing", &r.scheduler.accruing, error)
      || !get_int (file, "window-start", 0, YEAR_USEC,
                   &r.scheduler.window_start, error)
      || !get_int (file, "window-end", 0, YEAR_USEC, &r.scheduler.window_end,
                   error)
      || !get_bool (file, "snoozed", &r.scheduler.snoozed, error)
      || !get_int (file, "pause-left", -1, MAX_PAUSE_LEFT,
                   &r.scheduler.pause_left, error)
      || !get_optional_bool (file, "closed", FALSE, &r.scheduler.closed, error)
      || !get_optional_int (file, "closed-worked", 0, YEAR_USEC, 0,
                            &r.scheduler.closed_worked, error))
    return FALSE;
  /* Only a break on screen can have been closed. */
  if (r.scheduler.phase != LIMBER_PHASE_ON_BREAK)
    r.scheduler.closed = FALSE;
  /* Optional (older files have neither): both, and well-formed, or the
   * wall clock measures the gap. */
  g_autofree char *boot_id
      = g_key_file_get_value (file, GROUP, "boot-id", NULL);
  if (boot_id != NULL && is_boot_id (boot_id)
      && get_int (file, "boot-clock", 0, G_MAXINT64 / 2, &r.boot_clock, NULL))
    g_strlcpy (r.boot_id, boot_id, sizeof r.boot_id);
  else
    r.boot_clock = 0;
  if (r.scheduler.window_end < r.scheduler.window_start)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   "window-end is before window-start");
      return FALSE;
    }

  *record = r;
  return TRUE;
}

gboolean
limber_state_check_dir (const char *dir, GError **error)
{
  const char *what = limber_file_describe (dir);
  GStatBuf st;

  if (g_lstat (dir, &st) != 0 || S_ISDIR (st.st_mode))
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               _ ("%s is %s, not a directory; limberd keeps its state only "
                  "in a directory of its own: replace it with one"),
               dir, what != NULL ? _ (what) : _ ("not a directory"));
  return FALSE;
}

gboolean
limber_state_make_dir (const char *dir, GError **error)
{
  if (!limber_state_check_dir (dir, error))
    return FALSE;
  /* An existing directory's mode is left alone: a person who made it 0500
   * meant it, and writing then fails with a message that says so. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
limber_state_write (const char *path, const LimberStateRecord *record,
                    GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = limber_state_to_text (record);

  if (!limber_state_make_dir (dir, error))
    return FALSE;
  /* CONSISTENT: a temporary file, fsync, rename. */
  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT
                                       | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* Moves @path out of the way, keeping it for a look, and says so. */
static char *
set_aside (const char *path, const char *why)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  if (g_rename (path, aside) == 0)
    return g_strdup_printf ("%s %s; moved it to %s and started afresh", path,
                            why, aside);
  return g_strdup_printf ("%s %s and could not be moved aside (%s); started "
                          "afresh",
                          path, why, g_strerror (errno));
}

gboolean
limber_state_read (const char *path, LimberStateRecord *record, char **problem)
{
  g_autofree char *data = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;
  gsize length;

  *problem = NULL;
  if (!limber_state_check_dir (dir, &error))
    {
      *problem = g_strdup_printf ("cannot read the state: %s", error->message);
      return FALSE;
    }
  /* One byte more than a state file may hold is enough to refuse it. */
  if (!limber_file_read (path, MAX_STATE_BYTES, LIMBER_FILE_NOFOLLOW, &data,
                         &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_INVAL))
        *problem = set_aside (path, error->message);
      else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        *problem = g_strdup_printf ("cannot read %s: %s", path, error->message);
      return FALSE;
    }
  if (limber_state_parse (data, length, record, &error))
    return TRUE;

  /* Kept for a look, out of the way. */
  g_autofree char *why
      = g_strdup_printf ("was unreadable (%s)", error->message);
  *problem = set_aside (path, why);
  return FALSE;
}
