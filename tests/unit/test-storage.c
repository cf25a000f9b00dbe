/* The state file, the history format and file, when the storage writes
 * them, and stats by day. */
#include "advice.h"
#include "history-file.h"
#include "records.h"
#include "stats.h"
#include "state-file.h"
#include "storage.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
temp_dir (void)
{
  char *dir = g_dir_make_tmp ("limber-storage-XXXXXX", NULL);
  g_assert_nonnull (dir);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static LimberStateRecord
sample_state (void)
{
  return (LimberStateRecord){
    .saved_at = G_GINT64_CONSTANT (1795622162000000),
    .scheduler = {
      .worked = 1234567890,
      .accruing = TRUE,
      .window_start = 1800000000,
      .window_end = 2700000000,
      .snoozed = FALSE,
      .phase = LIMBER_PHASE_DUE,
      .pause_left = 0,
    },
  };
}

static void
test_state_round_trip (void)
{
  LimberStateRecord in = sample_state (), out;
  g_autofree char *text = limber_state_to_text (&in);
  g_autoptr (GError) error = NULL;

  g_assert_true (limber_state_parse (text, strlen (text), &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.saved_at, ==, in.saved_at);
  g_assert_cmpint (out.scheduler.worked, ==, in.scheduler.worked);
  g_assert_cmpint (out.scheduler.accruing, ==, in.scheduler.accruing);
  g_assert_cmpint (out.scheduler.window_start, ==, in.scheduler.window_start);
  g_assert_cmpint (out.scheduler.window_end, ==, in.scheduler.window_end);
  g_assert_cmpint (out.scheduler.snoozed, ==, in.scheduler.snoozed);
  g_assert_cmpint (out.scheduler.phase, ==, in.scheduler.phase);
  g_assert_cmpint (out.scheduler.pause_left, ==, in.scheduler.pause_left);

  in.scheduler.phase = LIMBER_PHASE_PAUSED;
  in.scheduler.pause_left = -1;
  in.scheduler.snoozed = TRUE;
  g_free (text);
  text = limber_state_to_text (&in);
  g_assert_true (limber_state_parse (text, strlen (text), &out, NULL));
  g_assert_cmpint (out.scheduler.pause_left, ==, -1);
  g_assert_true (out.scheduler.snoozed);
  g_assert_false (out.scheduler.closed);

  /* A break the user closed stays closed. */
  in.scheduler.phase = LIMBER_PHASE_ON_BREAK;
  in.scheduler.pause_left = 0;
  in.scheduler.closed = TRUE;
  in.scheduler.closed_worked = 1200000000;
  g_free (text);
  text = limber_state_to_text (&in);
  g_assert_true (limber_state_parse (text, strlen (text), &out, NULL));
  g_assert_true (out.scheduler.closed);
  g_assert_cmpint (out.scheduler.closed_worked, ==, 1200000000);
}

/* A file from a limberd before 'closed' was kept still loads. */
static void
test_state_without_closed (void)
{
  static const char old[] = "[state]\n"
                            "version=1\n"
                            "saved-at=1795622162000000\n"
                            "worked=1234567890\n"
                            "accruing=true\n"
                            "window-start=1800000000\n"
                            "window-end=2700000000\n"
                            "snoozed=false\n"
                            "phase=break\n"
                            "pause-left=0\n";
  g_autoptr (GError) error = NULL;
  LimberStateRecord out;

  g_assert_true (limber_state_parse (old, strlen (old), &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.scheduler.phase, ==, LIMBER_PHASE_ON_BREAK);
  g_assert_false (out.scheduler.closed);
  g_assert_cmpint (out.scheduler.closed_worked, ==, 0);
}

/* Whatever limberd holds, it writes what it reads back: a counter or a
 * snoozed window past a year, a clock before 1970. */
static void
test_state_writes_what_it_reads (void)
{
  LimberStateRecord in = sample_state (), out;
  const gint64 year = G_GINT64_CONSTANT (366) * 86400 * LIMBER_USEC_PER_SEC;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  in.scheduler.worked = 2 * year;
  in.scheduler.window_start = 3 * year;
  in.scheduler.window_end = G_MAXINT64;
  in.scheduler.pause_left = 40 * year;
  in.saved_at = -5;
  text = limber_state_to_text (&in);
  g_assert_true (limber_state_parse (text, strlen (text), &out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out.scheduler.worked, ==, year);
  g_assert_cmpint (out.scheduler.window_start, ==, year);
  g_assert_cmpint (out.scheduler.window_end, ==, year);
}

/* The time away across a restart: from CLOCK_BOOTTIME on the same boot,
 * whatever the wall clock did; from the wall clock across a reboot. */
static void
test_state_gap (void)
{
  LimberStateRecord r = sample_state (), back;
  const char *boot = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
  const char *other = "01234567-89ab-cdef-0123-456789abcdef";
  g_autofree char *text = NULL;

  g_strlcpy (r.boot_id, boot, sizeof r.boot_id);
  r.boot_clock = 1000 * LIMBER_USEC_PER_SEC;
  text = limber_state_to_text (&r);
  g_assert_true (limber_state_parse (text, strlen (text), &back, NULL));
  g_assert_cmpstr (back.boot_id, ==, boot);
  g_assert_cmpint (back.boot_clock, ==, r.boot_clock);

  /* Down 2 s while the wall clock went an hour ahead. */
  g_assert_cmpint (limber_state_gap (&back, boot, 1002 * LIMBER_USEC_PER_SEC,
                                     r.saved_at + 3602 * LIMBER_USEC_PER_SEC),
                   ==, 2 * LIMBER_USEC_PER_SEC);
  /* Another boot: the wall clock, never below 0. */
  g_assert_cmpint (limber_state_gap (&back, other, 5 * LIMBER_USEC_PER_SEC,
                                     r.saved_at + 60 * LIMBER_USEC_PER_SEC),
                   ==, 60 * LIMBER_USEC_PER_SEC);
  g_assert_cmpint (limber_state_gap (&back, other, 5, r.saved_at - 10), ==, 0);

  /* A file without a boot id, or with a bad one: the wall clock. */
  g_assert_true (limber_state_parse (
      "[state]\nversion=1\nsaved-at=5\nworked=0\naccruing=true\n"
      "window-start=0\nwindow-end=0\nsnoozed=false\nphase=working\n"
      "pause-left=0\nboot-id=x\nboot-clock=7\n",
      -1
          + sizeof "[state]\nversion=1\nsaved-at=5\nworked=0\naccruing=true\n"
                   "window-start=0\nwindow-end=0\nsnoozed=false\nphase="
                   "working\n"
                   "pause-left=0\nboot-id=x\nboot-clock=7\n",
      &back, NULL));
  g_assert_cmpstr (back.boot_id, ==, "");
  g_assert_cmpint (limber_state_gap (&back, boot, 7, 9), ==, 4);
}

/* A clock set far ahead for a moment leaves a lone day, which confirms
 * nothing: the rest of the history is not taken for old. */
static void
test_history_horizon (void)
{
  const gint64 days[] = { 100, 101, 103, 110, 600 };
  const gint64 lone[] = { 100 };
  const gint64 apart[] = { 100, 200 };

  /* 600 is alone; 110 is confirmed by 103. */
  g_assert_cmpint (limber_history_horizon (days, 5, 600), ==, 110 - 400);
  /* The clock back to normal: today decides. */
  g_assert_cmpint (limber_history_horizon (days, 5, 111), ==, 110 - 400);
  g_assert_cmpint (limber_history_horizon (days, 4, 50), ==, 50 - 400);
  g_assert_cmpint (limber_history_horizon (lone, 1, 900), ==, G_MININT64);
  g_assert_cmpint (limber_history_horizon (apart, 2, 900), ==, G_MININT64);
  g_assert_cmpint (limber_history_horizon (NULL, 0, 900), ==, G_MININT64);
}

static void
test_state_rejects (void)
{
  LimberStateRecord sample = sample_state ();
  g_autofree char *good = limber_state_to_text (&sample);
  static const struct
  {
    const char *from, *to, *reason;
  } edits[] = {
    { "version=1", "version=2", "version 2" },
    { "version=1", "", "version is missing" },
    { "phase=due", "phase=dancing", "phase" },
    { "worked=1234567890", "worked=-5", "worked" },
    { "worked=1234567890", "worked=99999999999999999", "worked" },
    { "accruing=true", "accruing=maybe", "accruing" },
    { "window-end=2700000000", "window-end=5", "window-end is before" },
    { "pause-left=0", "pause-left=-7", "pause-left" },
    { "saved-at=1795622162000000", "saved-at=0", "saved-at" },
    { "[state]", "[other]", "missing" },
    { "closed=false", "closed=maybe", "closed" },
    { "closed-worked=0", "closed-worked=-1", "closed-worked" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr (GString) text = g_string_new (good);
      g_autoptr (GError) error = NULL;
      LimberStateRecord out;

      g_assert_nonnull (strstr (text->str, edits[i].from));
      g_string_replace (text, edits[i].from, edits[i].to, 1);
      if (limber_state_parse (text->str, text->len, &out, &error))
        g_error ("'%s' → '%s' should not parse", edits[i].from, edits[i].to);
      if (strstr (error->message, edits[i].reason) == NULL)
        g_error ("'%s': \"%s\" should mention '%s'", edits[i].to,
                 error->message, edits[i].reason);
    }
  /* Not text at all, truncated, huge. */
  g_autofree char *huge = g_strnfill (10000, 'x');
  LimberStateRecord out;
  g_assert_false (limber_state_parse ("\xff\x01\x12", 3, &out, NULL));
  g_assert_false (limber_state_parse (good, strlen (good) / 2, &out, NULL));
  g_assert_false (limber_state_parse (huge, strlen (huge), &out, NULL));
}

static void
test_state_files (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *state_dir = g_build_filename (dir, "limber", NULL);
  g_autofree char *path = g_build_filename (state_dir, "state", NULL);
  LimberStateRecord in = sample_state (), out;
  g_autofree char *problem = NULL;
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  g_assert_false (limber_state_read (path, &out, &problem));
  g_assert_null (problem);

  g_assert_true (limber_state_write (path, &in, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (state_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (limber_state_read (path, &out, &problem));
  g_assert_cmpint (out.scheduler.worked, ==, in.scheduler.worked);

  /* Damaged: moved aside, said so, never fatal. */
  g_assert_true (
      g_file_set_contents (path, "[state]\\nversion=1\\nworked=", -1, NULL));
  g_assert_false (limber_state_read (path, &out, &problem));
  g_assert_nonnull (strstr (problem, "moved it to"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_autoptr (GDir) d = g_dir_open (state_dir, 0, NULL);
  const char *name;
  gboolean aside = FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    aside |= g_str_has_prefix (name, "state.corrupt-");
  g_assert_true (aside);
  remove_dir (dir);
}

static void
on_storage_error (gpointer user_data)
{
  (void) user_data;
}

static gint64
worked_on_disk (const char *path)
{
  LimberStateRecord out;
  g_autofree char *problem = NULL;

  g_assert_true (limber_state_read (path, &out, &problem));
  return out.scheduler.worked;
}

/* The work counter alone waits for the lazy save, but the last word as
 * limberd stops is written whatever it holds: a restart takes the time
 * since the saved-at stamp as time away, and would see a natural break in
 * what was work. */
static void
test_storage_saves_counter_at_stop (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "state", NULL);
  g_autoptr (LimberStorage) storage
      = limber_storage_new (dir, on_storage_error, NULL);
  LimberStateRecord record = sample_state ();
  const gint64 first = record.scheduler.worked;

  limber_storage_set_state (storage, &record);
  limber_storage_flush (storage);
  g_assert_cmpint (worked_on_disk (path), ==, first);

  /* More work, nothing else: left for later. */
  record.scheduler.worked += 60 * G_USEC_PER_SEC;
  record.saved_at += 60 * G_USEC_PER_SEC;
  limber_storage_set_state (storage, &record);
  limber_storage_flush (storage);
  g_assert_cmpint (worked_on_disk (path), ==, first);

  /* A change that matters: at the next flush. */
  record.scheduler.phase = LIMBER_PHASE_WORKING;
  limber_storage_set_state (storage, &record);
  limber_storage_flush (storage);
  g_assert_cmpint (worked_on_disk (path), ==, record.scheduler.worked);

  /* The pop-up closed matters too: a kill must not bring it back. */
  record.scheduler.worked += 60 * G_USEC_PER_SEC;
  record.scheduler.phase = LIMBER_PHASE_ON_BREAK;
  limber_storage_set_state (storage, &record);
  limber_storage_flush (storage);
  record.scheduler.worked += 60 * G_USEC_PER_SEC;
  record.scheduler.closed = TRUE;
  record.scheduler.closed_worked = record.scheduler.worked;
  limber_storage_set_state (storage, &record);
  limber_storage_flush (storage);
  g_assert_cmpint (worked_on_disk (path), ==, record.scheduler.worked);

  /* Stopping: at once, counter and all. */
  record.scheduler.worked += 60 * G_USEC_PER_SEC;
  limber_storage_set_state (storage, &record);
  limber_storage_save_state_now (storage, &record);
  g_assert_cmpint (worked_on_disk (path), ==, record.scheduler.worked);
  g_assert_cmpstr (limber_storage_get_error (storage), ==, "");

  g_clear_pointer (&storage, limber_storage_free);
  remove_dir (dir);
}

static void
test_history_format_and_parse (void)
{
  LimberHistoryRecord r
      = { .time = 1795622162, .kind = LIMBER_HISTORY_DONE, .value = 1800 };
  g_autofree char *line = limber_history_format (&r);
  static const char text[] = "1795622162 shown 0\n"
                             "1795622170 done 1800\n"
                             "garbage\n"
                             "\n"
                             "1795622180 dancing 5\n"
                             "1795622190 done -5\n"
                             "99999999999999 done 5\n"
                             "1795622200 paused 3600\n"
                             "1795622205 deferred 1800\n"
                             "1795622210 snoozed 18";
  guint bad;
  g_autoptr (GArray) records = NULL;

  g_assert_cmpstr (line, ==, "1795622162 done 1800\n");
  records = limber_history_parse (text, strlen (text), &bad);
  g_assert_cmpuint (records->len, ==, 4);
  /* garbage, the far future, and the torn last line; "dancing" and "-5"
   * are a newer limber's, not damage. */
  g_assert_cmpuint (bad, ==, 3);
  g_assert_cmpint (g_array_index (records, LimberHistoryRecord, 2).kind, ==,
                   LIMBER_HISTORY_PAUSED);
  g_assert_true (limber_history_record_resets (
      &(LimberHistoryRecord){ .kind = LIMBER_HISTORY_NATURAL }));
  g_assert_false (limber_history_record_resets (
      &(LimberHistoryRecord){ .kind = LIMBER_HISTORY_SNOOZED }));
  g_assert_cmpint (g_array_index (records, LimberHistoryRecord, 3).kind, ==,
                   LIMBER_HISTORY_DEFERRED);
  g_assert_false (limber_history_record_resets (
      &(LimberHistoryRecord){ .kind = LIMBER_HISTORY_DEFERRED }));
}

/* A break's kind and how it was taken, a check-in's rating and note:
 * written, read back, and old lines still read as micro-breaks done. */
static void
test_history_kinds_and_checkins (void)
{
  LimberHistoryRecord stretch = { .time = 1795622162,
                                  .kind = LIMBER_HISTORY_DONE,
                                  .value = 600,
                                  .break_kind = LIMBER_KIND_STRETCH,
                                  .taken = LIMBER_TAKEN_COMPLETED };
  LimberHistoryRecord posture = { .time = 1795622163,
                                  .kind = LIMBER_HISTORY_SHOWN,
                                  .break_kind = LIMBER_KIND_POSTURE_CHECK };
  LimberHistoryRecord walked = { .time = 1795622164,
                                 .kind = LIMBER_HISTORY_DONE,
                                 .value = 1800,
                                 .taken = LIMBER_TAKEN_WALKED_AWAY };
  LimberHistoryRecord checkin = { .time = 1795622165,
                                  .kind = LIMBER_HISTORY_CHECKIN,
                                  .value = 4,
                                  .note = "stiff neck,\nbetter \\ après" };
  g_autofree char *a = limber_history_format (&stretch);
  g_autofree char *b = limber_history_format (&posture);
  g_autofree char *c = limber_history_format (&walked);
  g_autofree char *d = limber_history_format (&checkin);
  g_autofree char *all = g_strconcat (a, b, c, d,
                                      "1795622166 done 1800\n"
                                      "1795622167 checkin 11\n"
                                      "1795622168 checkin 0\n"
                                      "1795622169 done 5 nap completed\n"
                                      "1795622170 done 5 stretch\n"
                                      "1795622171 shown 0 stretch done\n"
                                      "1795622172 checkin 5 trailing\\\n"
                                      "1795622173 advised 0\n"
                                      "1795622174 shown 0 checkin\n",
                                      NULL);
  g_autoptr (GArray) records = NULL;
  const LimberHistoryRecord *r;
  guint bad;

  g_assert_cmpstr (a, ==, "1795622162 done 600 stretch completed\n");
  g_assert_cmpstr (b, ==, "1795622163 shown 0 posture-check\n");
  g_assert_cmpstr (c, ==, "1795622164 done 1800 micro-break walked-away\n");
  /* One line, readable: the line break and backslash escaped, the accent
   * kept. */
  g_assert_cmpstr (d, ==,
                   "1795622165 checkin 4 stiff neck,\\nbetter \\\\ après\n");
  records = limber_history_parse (all, strlen (all), &bad);
  /* 11 and 0 are no ratings; no kind "nap"; done says how; shown does
   * not; a note cannot end in half an escape: none is a record, but each
   * is "TIME WORD …", which a newer limber may write, so none is damage
   * either (foreign lines are kept, not counted). */
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpuint (records->len, ==, 7);
  /* A check-in's pop-up is in the history as such. */
  g_assert_cmpint (g_array_index (records, LimberHistoryRecord, 6).break_kind,
                   ==, LIMBER_KIND_CHECKIN);
  {
    static const char *const foreign[] = {
      "1795622167 checkin 11",           "1795622168 checkin 0",
      "1795622169 done 5 nap completed", "1795622170 done 5 stretch",
      "1795622171 shown 0 stretch done", "1795622172 checkin 5 trailing\\",
    };
    for (gsize i = 0; i < G_N_ELEMENTS (foreign); i++)
      {
        LimberHistoryRecord one;
        g_assert_cmpint (
            limber_history_parse_line (foreign[i], strlen (foreign[i]), &one),
            ==, LIMBER_HISTORY_LINE_FOREIGN);
      }
  }
  r = &g_array_index (records, LimberHistoryRecord, 0);
  g_assert_cmpint (r->break_kind, ==, LIMBER_KIND_STRETCH);
  g_assert_cmpint (r->taken, ==, LIMBER_TAKEN_COMPLETED);
  g_assert_true (limber_history_record_resets (r));
  g_assert_true (limber_history_record_taken (r));
  r = &g_array_index (records, LimberHistoryRecord, 1);
  g_assert_cmpint (r->break_kind, ==, LIMBER_KIND_POSTURE_CHECK);
  r = &g_array_index (records, LimberHistoryRecord, 2);
  g_assert_cmpint (r->taken, ==, LIMBER_TAKEN_WALKED_AWAY);
  r = &g_array_index (records, LimberHistoryRecord, 3);
  g_assert_cmpint (r->kind, ==, LIMBER_HISTORY_CHECKIN);
  g_assert_cmpint (r->value, ==, 4);
  g_assert_null (r->note);
  r = &g_array_index (records, LimberHistoryRecord, 4);
  g_assert_cmpint (r->break_kind, ==, LIMBER_KIND_MICRO_BREAK);
  g_assert_cmpint (r->taken, ==, LIMBER_TAKEN_DONE);
  r = &g_array_index (records, LimberHistoryRecord, 5);
  g_assert_cmpint (r->kind, ==, LIMBER_HISTORY_ADVISED);
  /* A posture check done is no break, and work goes on counting. */
  g_assert_false (limber_history_record_taken (&(LimberHistoryRecord){
      .kind = LIMBER_HISTORY_DONE, .break_kind = LIMBER_KIND_POSTURE_CHECK }));
  g_assert_false (limber_history_record_resets (&(LimberHistoryRecord){
      .kind = LIMBER_HISTORY_DONE, .break_kind = LIMBER_KIND_POSTURE_CHECK }));
  g_assert_false (limber_history_record_resets (&(LimberHistoryRecord){
      .kind = LIMBER_HISTORY_SKIPPED, .break_kind = LIMBER_KIND_STRETCH }));
}

static void
test_history_file (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "history", NULL);
  g_autoptr (LimberHistoryFile) file = limber_history_file_new (path);
  LimberHistoryRecord r
      = { .time = 1795622162, .kind = LIMBER_HISTORY_SKIPPED, .value = 60 };
  g_autoptr (GArray) records = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  guint bad;
  GStatBuf st;

  limber_history_file_add (file, &r);
  g_assert_true (limber_history_file_has_pending (file));
  /* Pending records are read back before they are written. */
  records = limber_history_file_read (file, &bad, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (limber_history_file_flush (file, &error));
  g_assert_false (limber_history_file_has_pending (file));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A crash left a torn line, which the reader skips; the next append
   * cuts it off rather than finishing it with its own text ("…skipped 6"
   * torn from "…skipped 60" would read as a record). */
  int fd = g_open (path, O_WRONLY | O_APPEND, 0);
  g_assert_cmpint (write (fd, "1795622162 skipped 6", 20), ==, 20);
  close (fd);
  g_clear_pointer (&records, g_array_unref);
  records = limber_history_file_read (file, &bad, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (bad, ==, 1);
  r.time++;
  limber_history_file_add (file, &r);
  g_assert_true (limber_history_file_flush (file, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "1795622162 skipped 60\n1795622163 skipped 60\n");
  g_clear_pointer (&contents, g_free);

  /* Another user's mode is put right at the next append. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  r.time++;
  limber_history_file_add (file, &r);
  g_assert_true (limber_history_file_flush (file, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Compaction drops the old. */
  g_assert_true (limber_history_file_compact (file, 1795622163, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "1795622163 skipped 60\n1795622164 skipped 60\n");
  remove_dir (dir);
}

/* A write that fails halfway (here the file size limit; a full disk alike)
 * leaves nothing behind, and the next flush writes the records whole,
 * once. */
static void
test_history_failed_write (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "history", NULL);
  g_autoptr (LimberHistoryFile) file = limber_history_file_new (path);
  LimberHistoryRecord done
      = { .time = 1795622162, .kind = LIMBER_HISTORY_DONE, .value = 1800 };
  LimberHistoryRecord skipped
      = { .time = 1795622170, .kind = LIMBER_HISTORY_SKIPPED, .value = 1200 };
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  struct rlimit saved, small;

  limber_history_file_add (file, &done);
  g_assert_true (limber_history_file_flush (file, NULL));

  /* Room for one more line and a half. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 22 + 30;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  limber_history_file_add (file, &done);
  limber_history_file_add (file, &skipped);
  g_assert_false (limber_history_file_flush (file, &error));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "1795622162 done 1800\n");
  g_clear_pointer (&contents, g_free);
  g_assert_true (limber_history_file_has_pending (file));
  g_assert_true (limber_history_file_flush (file, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "1795622162 done 1800\n1795622162 done 1800\n"
                   "1795622170 skipped 1200\n");
  remove_dir (dir);
}

/* A record at @hour:@minute local time, @days_ago days before the reference
 * day (2026-11-25, a Wednesday). */
static LimberHistoryRecord
at (int days_ago, int hour, int minute, LimberHistoryKind kind, gint64 value)
{
  g_autoptr (GDateTime) day
      = g_date_time_new_local (2026, 11, 25, hour, minute, 0);
  g_autoptr (GDateTime) then = g_date_time_add_days (day, -days_ago);

  return (LimberHistoryRecord){ .time = g_date_time_to_unix (then),
                                .kind = kind,
                                .value = value };
}

static void
test_stats_by_day (void)
{
  LimberHistoryRecord list[] = {
    at (9, 10, 0, LIMBER_HISTORY_SKIPPED, 1800), /* outside the week */
    at (2, 9, 30, LIMBER_HISTORY_SHOWN, 0),
    at (2, 9, 31, LIMBER_HISTORY_DONE, 1860),
    at (2, 10, 40, LIMBER_HISTORY_SHOWN, 1),
    at (2, 10, 41, LIMBER_HISTORY_SNOOZED, 2700),
    at (2, 10, 50, LIMBER_HISTORY_DONE, 3300),
    at (1, 12, 0, LIMBER_HISTORY_NATURAL, 1200),
    at (1, 15, 0, LIMBER_HISTORY_SKIPPED, 2000),
    at (0, 0, 5, LIMBER_HISTORY_DONE, 600),
    at (0, 9, 0, LIMBER_HISTORY_PAUSED, 3600),
    at (0, 10, 0, LIMBER_HISTORY_RESUMED, 0),
    /* Held back by a call, offered after it, taken. */
    at (0, 11, 0, LIMBER_HISTORY_DEFERRED, 1800),
    at (0, 11, 40, LIMBER_HISTORY_SHOWN, 0),
    at (0, 11, 41, LIMBER_HISTORY_DONE, 4200),
  };
  g_autoptr (GArray) records
      = g_array_new (FALSE, FALSE, sizeof (LimberHistoryRecord));
  g_autoptr (GArray) week = NULL;
  LimberHistoryRecord now = at (0, 18, 0, LIMBER_HISTORY_SHOWN, 0);
  const LimberDayStats *d;

  g_array_append_vals (records, list, G_N_ELEMENTS (list));
  week = limber_stats_by_day (records, now.time, 7, 900);
  g_assert_cmpuint (week->len, ==, 7);
  g_assert_cmpuint (g_array_index (week, LimberDayStats, 0).day, ==, 20261119);
  d = &g_array_index (week, LimberDayStats, 4); /* Monday */
  g_assert_cmpuint (d->day, ==, 20261123);
  g_assert_cmpuint (d->shown, ==, 2);
  g_assert_cmpuint (d->taken, ==, 2);
  g_assert_cmpuint (d->snoozed, ==, 1);
  /* Snoozing does not end a stretch: 31 min + 55 min of work. */
  g_assert_cmpint (d->active, ==, 1860 + 3300);
  g_assert_cmpint (d->longest, ==, 3300);
  d = &g_array_index (week, LimberDayStats, 5);
  g_assert_cmpuint (d->natural, ==, 1);
  g_assert_cmpuint (d->skipped, ==, 1);
  g_assert_cmpint (d->active, ==, 3200);
  /* Today: a stretch ended just after midnight, and 15 min under way. */
  d = &g_array_index (week, LimberDayStats, 6);
  g_assert_cmpuint (d->taken, ==, 2);
  g_assert_cmpuint (d->deferred, ==, 1);
  /* A deferral does not end the stretch: the break taken after it does. */
  g_assert_cmpint (d->active, ==, 600 + 4200 + 900);
  g_assert_cmpint (d->longest, ==, 4200);
  g_assert_cmpuint (g_array_index (week, LimberDayStats, 4).deferred, ==, 0);
  /* Tuesday had a skip: the streak is today alone. */
  g_assert_cmpuint (limber_stats_streak (week), ==, 1);
}

static void
test_streak_skips_days_off (void)
{
  LimberHistoryRecord list[] = {
    at (6, 10, 0, LIMBER_HISTORY_SKIPPED, 1800),
    at (5, 10, 0, LIMBER_HISTORY_DONE, 1800),
    /* A weekend without work. */
    at (2, 10, 0, LIMBER_HISTORY_DONE, 1800),
    at (1, 10, 0, LIMBER_HISTORY_NATURAL, 1800),
  };
  g_autoptr (GArray) records
      = g_array_new (FALSE, FALSE, sizeof (LimberHistoryRecord));
  LimberHistoryRecord now = at (0, 8, 0, LIMBER_HISTORY_SHOWN, 0);
  g_autoptr (GArray) week = NULL;

  g_array_append_vals (records, list, G_N_ELEMENTS (list));
  /* Today without work yet does not end the streak either. */
  week = limber_stats_by_day (records, now.time, 7, 0);
  g_assert_cmpuint (limber_stats_streak (week), ==, 3);
}

static void
ignore (gpointer user_data)
{
  (void) user_data;
}

/* What the routines and check-ins ask of the history comes from the one
 * pass at start, and from what is recorded since, not from the disk. */
static void
test_records_history_facts (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "history", NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text
      = g_strdup_printf ("%" G_GINT64_FORMAT " checkin 7\n"
                         "%" G_GINT64_FORMAT " advised 0\n"
                         "%" G_GINT64_FORMAT " done 600 stretch stopped\n"
                         "%" G_GINT64_FORMAT " skipped 0 stretch\n"
                         "%" G_GINT64_FORMAT " checkin 4 stiff\n"
                         "%" G_GINT64_FORMAT " nap 5 from a newer limber\n",
                         now - 10 * 86400, now - 9 * 86400, now - 300,
                         now - 200, now - 100, now - 50);
  LimberRecordsListener listener
      = { .error_changed = ignore, .save_due = ignore };
  g_autoptr (LimberRecords) records = NULL;
  g_autoptr (GArray) ratings = NULL;
  gint64 advised_at;
  gboolean completed;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  records = limber_records_new (dir, &listener);
  ratings = limber_records_ratings (records, 3, &advised_at, &completed);
  g_assert_nonnull (ratings);
  g_assert_cmpuint (ratings->len, ==, 1);
  g_assert_cmpuint (g_array_index (ratings, LimberRating, 0).rating, ==, 4);
  g_assert_cmpint (advised_at, ==, now - 9 * 86400);
  g_assert_false (completed);
  g_assert_true (limber_records_guided_before (records));
  g_assert_cmpint (limber_records_last_ended (records, LIMBER_KIND_STRETCH), ==,
                   now - 200);
  g_assert_cmpint (limber_records_last_ended (records, LIMBER_KIND_CHECKIN), ==,
                   now - 100);
  g_assert_cmpint (limber_records_last_ended (records, LIMBER_KIND_MICRO_BREAK),
                   ==, 0);
  g_clear_pointer (&ratings, g_array_unref);

  /* Once read, the file is not read again: what is recorded since counts
   * without it. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  limber_records_checkin (records, 6, NULL);
  limber_records_outcome (records,
                          &(LimberAction){ .outcome = LIMBER_OUTCOME_DONE,
                                           .kind = LIMBER_KIND_STRETCH,
                                           .taken = LIMBER_TAKEN_COMPLETED },
                          g_get_real_time ());
  ratings = limber_records_ratings (records, 3, &advised_at, &completed);
  g_assert_cmpuint (ratings->len, ==, 2);
  g_assert_cmpuint (g_array_index (ratings, LimberRating, 1).rating, ==, 6);
  g_assert_true (completed);
  g_assert_cmpint (limber_records_last_ended (records, LIMBER_KIND_STRETCH), >=,
                   now);
  g_assert_cmpint (limber_records_last_ended (records, LIMBER_KIND_CHECKIN), >=,
                   now);

  g_clear_pointer (&records, limber_records_free);
  remove_dir (dir);
}

/* A limberd replaced by another (--replace) saves nothing once the other
 * has written the state file: whatever it still had pending is older. */
static gboolean
read_state (const char *path, LimberStateRecord *record)
{
  g_autofree char *problem = NULL;

  return limber_state_read (path, record, &problem);
}

static void
test_replaced_storage_saves_no_more (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "state", NULL);
  LimberStateRecord old = sample_state (), newer = sample_state ();
  LimberStateRecord read;
  LimberStorage *first = limber_storage_new (dir, on_storage_error, NULL);
  LimberStorage *second;

  limber_storage_save_state_now (first, &old);
  second = limber_storage_new (dir, on_storage_error, NULL);
  g_assert_true (limber_storage_load_state (second, &read));
  newer.scheduler.phase = LIMBER_PHASE_PAUSED;
  newer.scheduler.pause_left = -1;
  limber_storage_save_state_now (second, &newer);
  /* The first one's last word, after the second's. */
  old.scheduler.worked += 1000000;
  limber_storage_save_state_now (first, &old);
  g_assert_true (read_state (path, &read));
  g_assert_cmpint (read.scheduler.phase, ==, LIMBER_PHASE_PAUSED);
  /* The second one goes on saving. */
  newer.scheduler.worked += 5000000;
  limber_storage_save_state_now (second, &newer);
  g_assert_true (read_state (path, &read));
  g_assert_cmpint (read.scheduler.worked, ==, newer.scheduler.worked);
  limber_storage_free (first);
  limber_storage_free (second);
  g_assert_true (read_state (path, &read));
  g_assert_cmpint (read.scheduler.phase, ==, LIMBER_PHASE_PAUSED);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/state/round-trip", test_state_round_trip);
  g_test_add_func ("/state/rejects", test_state_rejects);
  g_test_add_func ("/state/writes-what-it-reads",
                   test_state_writes_what_it_reads);
  g_test_add_func ("/state/gap", test_state_gap);
  g_test_add_func ("/history/horizon", test_history_horizon);
  g_test_add_func ("/state/without-closed", test_state_without_closed);
  g_test_add_func ("/state/files", test_state_files);
  g_test_add_func ("/storage/saves-counter-at-stop",
                   test_storage_saves_counter_at_stop);
  g_test_add_func ("/history/format-and-parse", test_history_format_and_parse);
  g_test_add_func ("/history/kinds-and-checkins",
                   test_history_kinds_and_checkins);
  g_test_add_func ("/history/file", test_history_file);
  g_test_add_func ("/history/failed-write", test_history_failed_write);
  g_test_add_func ("/stats/by-day", test_stats_by_day);
  g_test_add_func ("/records/history-facts", test_records_history_facts);
  g_test_add_func ("/stats/streak", test_streak_skips_days_off);
  g_test_add_func ("/storage/replaced-saves-no-more",
                   test_replaced_storage_saves_no_more);
  return g_test_run ();
}
