/* limber.conf: defaults, good, bad, missing and layered files; Set() and
 * rewriting one key. */
#include "config.h"
#include "limber-error.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->dir = g_dir_make_tmp ("limber-config-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture *f, const char *name, const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static LimberConfig *
load_one (const char *path, GError **error)
{
  const char *paths[] = { path, NULL };
  return limber_config_load (paths, error);
}

static void
assert_error_mentions (const GError *error, const char *a, const char *b,
                       const char *c)
{
  g_assert_nonnull (error);
  if ((a && !strstr (error->message, a)) || (b && !strstr (error->message, b))
      || (c && !strstr (error->message, c)))
    g_error ("error \"%s\" should mention '%s', '%s' and '%s'", error->message,
             a, b, c);
}

static void
test_defaults (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nope.conf", NULL);
  g_autoptr (LimberConfig) config = load_one (missing, NULL);
  LimberTimings timings;

  (void) data;
  g_assert_nonnull (config);
  g_assert_cmpuint (config->interval_min, ==, 30 * 60);
  g_assert_cmpuint (config->interval_max, ==, 45 * 60);
  g_assert_cmpuint (config->snooze, ==, 5 * 60);
  g_assert_cmpuint (config->natural_break, ==, 5 * 60);
  g_assert_cmpuint (config->pause_default, ==, 3600);
  g_assert_cmpuint (config->lull, >=, 1);
  g_assert_cmpuint (config->lull, <=, 10);
  /* The routine the guide recommends. */
  g_assert_nonnull (strstr (config->routine, "5 times forward"));
  g_assert_nonnull (strstr (config->routine, "backward"));
  g_assert_nonnull (strstr (config->routine, "3 deep breaths"));
  g_assert_nonnull (strstr (config->routine, "shoulder blades"));
  g_assert_nonnull (strstr (config->routine, "30 seconds"));
  g_assert_nonnull (strstr (config->routine, "neck"));

  limber_config_get_timings (config, &timings);
  g_assert_cmpint (timings.interval_min, ==, G_GINT64_CONSTANT (1800000000));
}

static void
test_good_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (
      f, "limber.conf",
      "# my settings\n"
      "[limber]\n"
      "interval-min = 40min\n"
      "interval-max=1h\n"
      "snooze=2min 30s\n"
      "natural-break=10min\n"
      "lull=3s\n"
      "break-length=90s\n"
      "pause-default=2h\n"
      "title=Stretch!\n"
      "routine=Roll your shoulders\\nBreathe <deeply> & slowly\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = load_one (path, &error);

  (void) data;
  g_assert_no_error (error);
  g_assert_cmpuint (config->interval_min, ==, 2400);
  g_assert_cmpuint (config->interval_max, ==, 3600);
  g_assert_cmpuint (config->snooze, ==, 150);
  g_assert_cmpuint (config->natural_break, ==, 600);
  g_assert_cmpuint (config->lull, ==, 3);
  g_assert_cmpuint (config->break_length, ==, 90);
  g_assert_cmpuint (config->pause_default, ==, 7200);
  g_assert_cmpstr (config->title, ==, "Stretch!");
  g_assert_cmpstr (config->routine, ==,
                   "Roll your shoulders\nBreathe <deeply> & slowly");
}

/* Seconds-scale values are allowed: the integration tests live on them. */
static void
test_seconds_scale (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (
      f, "limber.conf",
      "[limber]\ninterval-min=2s\ninterval-max=4s\nnatural-break=3s\n"
      "break-length=1s\nlull=1s\nsnooze=1s\n");
  g_autoptr (LimberConfig) config = load_one (path, NULL);

  (void) data;
  g_assert_nonnull (config);
  g_assert_cmpuint (config->interval_min, ==, 2);
}

static void
test_layered (Fixture *f, gconstpointer data)
{
  g_autofree char *site = write_file (
      f, "etc/limber/limber.conf",
      "[limber]\ninterval-min=20min\ninterval-max=50min\ntitle=Site\n");
  g_autofree char *user = write_file (f, "home/limber/limber.conf",
                                      "[limber]\ninterval-max=40min\n");
  g_autofree char *missing = g_build_filename (f->dir, "x/limber.conf", NULL);
  const char *paths[] = { missing, site, user, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = limber_config_load (paths, &error);

  (void) data;
  g_assert_no_error (error);
  g_assert_cmpuint (config->interval_min, ==, 1200);
  g_assert_cmpuint (config->interval_max, ==, 2400);
  g_assert_cmpstr (config->title, ==, "Site");
  g_assert_cmpuint (config->snooze, ==, 300);
}

/* A user's interval-max below the site's interval-min: the error names the
 * user's file, the key and both values. */
static void
test_layered_inconsistent (Fixture *f, gconstpointer data)
{
  g_autofree char *site = write_file (f, "etc/limber.conf",
                                      "[limber]\ninterval-min=50min\n"
                                      "interval-max=1h\n");
  g_autofree char *user
      = write_file (f, "home/limber.conf", "[limber]\ninterval-max=40min\n");
  const char *paths[] = { site, user, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = limber_config_load (paths, &error);

  (void) data;
  g_assert_null (config);
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
  /* The user's file is at fault, since it came last; the site's value is
   * named with where it comes from. */
  assert_error_mentions (error, user,
                         "interval-max (40min) must not be "
                         "shorter than interval-min (50min",
                         site);
}

/* A lone interval-min above the default maximum: the error blames the file
 * that set it, not the default it clashes with. */
static void
test_rule_blames_the_file (Fixture *f, gconstpointer data)
{
  g_autofree char *user
      = write_file (f, "limber.conf", "[limber]\ninterval-min=50min\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = load_one (user, &error);

  (void) data;
  g_assert_null (config);
  g_assert_true (g_str_has_prefix (error->message, user));
  assert_error_mentions (error,
                         "key 'interval-min': interval-min (50min) must not "
                         "be longer than interval-max (45min, the default)",
                         NULL, NULL);
}

/* At start-up every valid setting is kept and what is wrong is listed. */
static void
test_lenient (Fixture *f, gconstpointer data)
{
  g_autofree char *site = write_file (f, "site.conf", "not a key file\n");
  g_autofree char *user = write_file (f, "user.conf",
                                      "[limber]\n"
                                      "snooze=banana\n"
                                      "title=Mine\n"
                                      "break-length=10min\n"
                                      "interval-min=20min\n");
  const char *paths[] = { site, user, NULL };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LimberConfig) config = NULL;

  (void) data;
  config = limber_config_load_lenient (paths, problems);
  g_assert_nonnull (config);
  g_assert_cmpstr (config->title, ==, "Mine");
  g_assert_cmpuint (config->interval_min, ==, 1200);
  g_assert_cmpuint (config->snooze, ==, 300);
  /* The broken rule puts both of its keys back to the defaults. */
  g_assert_cmpuint (config->break_length, ==, 60);
  g_assert_cmpuint (config->natural_break, ==, 300);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), site));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "is ignored"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "'snooze'"));
  g_assert_nonnull (
      strstr (g_ptr_array_index (problems, 2), "back to their defaults"));
}

static void
test_bad_values (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *contents;
    const char *key;
    const char *reason;
  } cases[] = {
    { "[limber]\ninterval-min=banana\n", "interval-min", "not a duration" },
    { "[limber]\ninterval-min=0\n", "interval-min", "between 1s and 1d" },
    { "[limber]\ninterval-max=2d\n", "interval-max", "not 2d" },
    { "[limber]\nsnooze=-5min\n", "snooze", "negative" },
    { "[limber]\nlull=500ms\n", "lull", "whole number of seconds" },
    { "[limber]\nlull=\n", "lull", "empty" },
    { "[limber]\nbreak-length=10min\n", "break-length", "natural-break" },
    { "[limber]\ntitle=\n", "title", "must not be empty" },
    { "[limber]\nroutine=   \n", "routine", "must not be empty" },
    { "[limber]\ntitle=\xff\xfe\n", "title", "UTF-8" },
    { "[limber]\ninterval-min=5 parsecs\n", "interval-min", "parsecs" },
    /* A bare number is not seconds: the error shows the fix. */
    { "[limber]\ninterval-min=40\n", "interval-min", "did you mean 40min?" },
  };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (f, "bad.conf", cases[i].contents);
      g_autoptr (GError) error = NULL;
      g_autoptr (LimberConfig) config = load_one (path, &error);

      g_assert_null (config);
      g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
      assert_error_mentions (error, path, cases[i].key, cases[i].reason);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_too_long_text (Fixture *f, gconstpointer data)
{
  g_autofree char *routine = g_strnfill (5000, 'a');
  g_autofree char *contents
      = g_strdup_printf ("[limber]\nroutine=%s\n", routine);
  g_autofree char *path = write_file (f, "long.conf", contents);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = load_one (path, &error);

  (void) data;
  g_assert_null (config);
  assert_error_mentions (error, "routine", "5000 bytes", NULL);
}

static void
test_not_a_key_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "garbage.conf", "this is not ini\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = load_one (path, &error);

  (void) data;
  g_assert_null (config);
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
  assert_error_mentions (error, path, NULL, NULL);
}

/* A file that cannot be read (here: a directory) is an error, not a missing
 * file. */
static void
test_unreadable (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "dir.conf", NULL);
  g_autoptr (GError) error = NULL;

  (void) data;
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_autoptr (LimberConfig) config = load_one (path, &error);
  g_assert_null (config);
  assert_error_mentions (error, path, NULL, NULL);
}

/* Warnings from the code under test, captured instead of printed. */
static GPtrArray *warnings;

static GLogWriterOutput
capture_warnings (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
                  gpointer user_data)
{
  (void) user_data;
  if (level & G_LOG_LEVEL_WARNING)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          g_ptr_array_add (warnings, g_strdup (fields[i].value));
          return G_LOG_WRITER_HANDLED;
        }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
warned (const char *part)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_unknown_key_warns (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (
      f, "limber.conf", "[limber]\nintervall=5min\n[other]\nx=1\n");
  g_autoptr (LimberConfig) config = NULL;

  (void) data;
  g_ptr_array_set_size (warnings, 0);
  config = load_one (path, NULL);
  g_assert_nonnull (config);
  g_assert_cmpuint (config->interval_min, ==, 1800);
  g_assert_true (warned ("unknown group [other]"));
  g_assert_true (warned ("unknown key 'intervall'"));
  g_assert_cmpuint (warnings->len, ==, 2);
}

/* Unknown keys and groups are reported (at start-up with the problems,
 * on a reload as warnings) but the file's valid settings still apply: a
 * newer limber's key should not cost the rest of the file. */
static void
test_unknown_key_reported (Fixture *f, gconstpointer data)
{
  g_autofree char *path
      = write_file (f, "limber.conf",
                    "[Limber]\nlull=9s\n[limber]\nintervall=5min\nlull=3s\n");
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = NULL;
  const char *paths[] = { path, NULL };

  (void) data;
  g_ptr_array_set_size (warnings, 0);
  config = limber_config_load_lenient (paths, problems);
  g_assert_cmpuint (config->lull, ==, 3);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), path));
  g_assert_nonnull (
      strstr (g_ptr_array_index (problems, 0), "unknown group [Limber]"));
  g_assert_nonnull (
      strstr (g_ptr_array_index (problems, 1), "unknown key 'intervall'"));
  /* Listed once, by the caller, not logged twice. */
  g_assert_cmpuint (warnings->len, ==, 0);

  g_clear_pointer (&config, limber_config_free);
  config = limber_config_load_with_warnings (paths, found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->lull, ==, 3);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (found, 1), "'intervall'"));
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* A NUL byte would cut the file short, here and when it is rewritten. */
static void
test_nul_byte (Fixture *f, gconstpointer data)
{
  static const char text[] = "# mine\n[limber]\nlull=2s\0junk\nsnooze=1min\n";
  g_autofree char *path = g_build_filename (f->dir, "limber.conf", NULL);
  g_autofree char *after = NULL;
  gsize after_length;
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const char *paths[] = { path, NULL };

  (void) data;
  g_assert_true (g_file_set_contents (path, text, sizeof text - 1, NULL));
  config = load_one (path, &error);
  g_assert_null (config);
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
  assert_error_mentions (error, path, "contains a NUL byte on line 3", NULL);

  config = limber_config_load_lenient (paths, problems);
  g_assert_cmpuint (config->lull, ==, 5);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), path));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "NUL byte"));

  g_clear_error (&error);
  g_assert_false (limber_config_write_key (path, "lull", "4s", &error));
  assert_error_mentions (error, path, "NUL byte", "nothing was changed");
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (after, after_length, text, sizeof text - 1);
}

/* GKeyFile returns a string for a bad escape, and says so only in the
 * error. */
static void
test_bad_escape (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *contents;
    const char *reason;
  } cases[] = {
    { "[limber]\nroutine=a\\qb\n", "invalid escape '\\q'" },
    { "[limber]\nroutine=ab\\\n", "a backslash ends the value" },
    { "[limber]\ntitle=x\\\n", "a backslash ends the value" },
  };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_file (f, "escape.conf", cases[i].contents);
      g_autoptr (GError) error = NULL;
      g_autoptr (LimberConfig) config = load_one (path, &error);

      g_assert_null (config);
      g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
      assert_error_mentions (error, path, cases[i].reason,
                             "use \\n for a new line");
    }
}

/* Set() on a file that loading ignores whole would lose the new setting
 * with the rest: refused, the file untouched. */
static void
test_write_key_refuses_ignored_file (Fixture *f, gconstpointer data)
{
  g_autofree char *padding = g_strnfill (70000, '#');
  g_autofree char *huge_text
      = g_strdup_printf ("%s\n[limber]\nlull=2s\n", padding);
  const char *const contents[] = {
    "[limber]\nlull=2s\n# again\nlull=3s\n",
    huge_text,
  };
  const char *const reasons[] = { "key 'lull' is set twice", "too large" };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autofree char *path = write_file (f, "limber.conf", contents[i]);
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (limber_config_write_key (path, "snooze", "1min", &error));
      g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
      assert_error_mentions (error, path, reasons[i], "fix or remove it first");
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, contents[i]);
    }
}

/* A file just under the limit that the new line would push over it. */
static void
test_write_key_keeps_size_limit (Fixture *f, gconstpointer data)
{
  g_autofree char *padding = g_strnfill (64 * 1024 - 20, '#');
  g_autofree char *text = g_strdup_printf ("%s\n[limber]\n", padding);
  g_autofree char *path = write_file (f, "limber.conf", text);
  g_autofree char *routine = g_strnfill (1000, 'r');
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;

  (void) data;
  g_assert_false (limber_config_write_key (path, "routine", routine, &error));
  assert_error_mentions (error, path, "too large", "nothing was changed");
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
}

/* A link whose target does not exist yet (a dotfiles checkout not made,
 * say) stays a link, and the target is created. */
static void
test_write_key_dangling_symlink (Fixture *f, gconstpointer data)
{
  g_autofree char *link = g_build_filename (f->dir, "limber.conf", NULL);
  g_autofree char *target
      = g_build_filename (f->dir, "dotfiles", "limber.conf", NULL);
  g_autofree char *target_dir = g_path_get_dirname (target);
  g_autofree char *read_back = NULL;
  g_autofree char *contents = NULL;

  (void) data;
  g_assert_cmpint (g_mkdir (target_dir, 0700), ==, 0);
  /* Relative to the link's directory. */
  g_assert_cmpint (symlink ("dotfiles/limber.conf", link), ==, 0);
  g_assert_true (limber_config_write_key (link, "lull", "3s", NULL));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  read_back = g_file_read_link (link, NULL);
  g_assert_cmpstr (read_back, ==, "dotfiles/limber.conf");
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "[limber]\nlull=3s\n");
}

/* A FIFO would block the main loop, /dev/zero would fill the memory: only
 * regular files are read. */
static void
test_not_a_regular_file (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "limber.conf", NULL);
  g_autofree char *zero = g_build_filename (f->dir, "zero.conf", NULL);
  const char *const paths[] = { fifo, zero };

  (void) data;
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LimberConfig) config = load_one (paths[i], &error);

      g_assert_null (config);
      g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
      assert_error_mentions (error, paths[i], "not a regular file", NULL);
      g_clear_error (&error);
      g_assert_false (limber_config_write_key (paths[i], "lull", "3s", &error));
      assert_error_mentions (error, "not a regular file", "nothing was changed",
                             NULL);
    }
  g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS)
                 && !g_file_test (fifo, G_FILE_TEST_IS_REGULAR));
}

/* What the user typed is quoted short in errors. */
static void
test_long_input_quoted_short (Fixture *f, gconstpointer data)
{
  g_autofree char *long_word = g_strnfill (100000, 'k');
  /* Within the file size limit three times over. */
  g_autofree char *file_word = g_strnfill (20000, 'k');
  g_autofree char *text
      = g_strdup_printf ("[limber]\n%s=1\nactivity-source=%s\n[%s]\nx=1\n",
                         file_word, file_word, file_word);
  g_autofree char *path = write_file (f, "limber.conf", text);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LimberConfig) config = limber_config_new ();
  g_autoptr (LimberConfig) loaded = NULL;
  g_autoptr (GError) error = NULL;
  const char *paths[] = { path, NULL };

  (void) data;
  g_assert_false (limber_config_set (config, long_word,
                                     g_variant_new_string ("1"), NULL, &error));
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_UNKNOWN_KEY);
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_nonnull (strstr (error->message, "kkk…'"));
  g_clear_error (&error);
  g_assert_false (limber_config_set (config, "activity-source",
                                     g_variant_new_string (long_word), NULL,
                                     &error));
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_nonnull (strstr (error->message, "kkk…'"));

  loaded = limber_config_load_lenient (paths, problems);
  g_assert_cmpuint (problems->len, ==, 3);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpuint (strlen (g_ptr_array_index (problems, i)), <,
                      400 + strlen (path));
}

static void
test_default_paths (void)
{
  g_auto (GStrv) paths = limber_config_default_paths ();

  /* main() set XDG_CONFIG_DIRS=/site/a:/site/b and XDG_CONFIG_HOME=/home:
   * least important first, the user's last. */
  g_assert_cmpuint (g_strv_length (paths), ==, 3);
  g_assert_cmpstr (paths[0], ==, "/site/b/limber/limber.conf");
  g_assert_cmpstr (paths[1], ==, "/site/a/limber/limber.conf");
  g_assert_cmpstr (paths[2], ==, "/home/limber/limber.conf");
}

static void
test_set (void)
{
  g_autoptr (LimberConfig) config = limber_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (limber_config_set (
      config, "interval-min", g_variant_new_uint64 (2400), &text, &error));
  g_assert_cmpuint (config->interval_min, ==, 2400);
  g_assert_cmpstr (text, ==, "40min");
  g_clear_pointer (&text, g_free);

  g_assert_true (limber_config_set (
      config, "snooze", g_variant_new_string ("1h 30min"), &text, NULL));
  g_assert_cmpuint (config->snooze, ==, 5400);
  g_assert_cmpstr (text, ==, "1h 30min");
  g_clear_pointer (&text, g_free);

  g_assert_true (
      limber_config_set (config, "lull", g_variant_new_uint32 (7), NULL, NULL));
  g_assert_true (
      limber_config_set (config, "lull", g_variant_new_int32 (8), NULL, NULL));
  g_assert_cmpuint (config->lull, ==, 8);

  g_assert_true (limber_config_set (
      config, "routine", g_variant_new_string ("a\nb <c>"), &text, NULL));
  g_assert_cmpstr (config->routine, ==, "a\nb <c>");
  g_assert_cmpstr (text, ==, "a\nb <c>");
}

static void
test_set_rejects (void)
{
  static const struct
  {
    const char *key;
    const char *value; /* GVariant text */
    int code;
    const char *message_part;
  } cases[] = {
    { "interval", "uint64 60", LIMBER_ERROR_UNKNOWN_KEY, "interval-min" },
    { "interval-min", "uint64 0", LIMBER_ERROR_INVALID_ARGUMENT, "1s and 1d" },
    { "interval-min", "uint64 18446744073709551615",
      LIMBER_ERROR_INVALID_ARGUMENT, "between" },
    { "interval-min", "uint64 3600", LIMBER_ERROR_INVALID_ARGUMENT,
      "interval-min (1h) must not be longer than interval-max (45min)" },
    { "interval-max", "'10min'", LIMBER_ERROR_INVALID_ARGUMENT,
      "interval-max (10min) must not be shorter than interval-min (30min)" },
    { "interval-min", "true", LIMBER_ERROR_INVALID_ARGUMENT, "'b'" },
    { "interval-min", "-5", LIMBER_ERROR_INVALID_ARGUMENT,
      "must not be negative" },
    { "interval-min", "'soon'", LIMBER_ERROR_INVALID_ARGUMENT,
      "not a duration" },
    { "interval-min", "@as ['5min']", LIMBER_ERROR_INVALID_ARGUMENT, "'as'" },
    { "break-length", "'10min'", LIMBER_ERROR_INVALID_ARGUMENT,
      "natural-break" },
    { "title", "uint64 5", LIMBER_ERROR_INVALID_ARGUMENT, "text" },
    { "title", "''", LIMBER_ERROR_INVALID_ARGUMENT, "empty" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (LimberConfig) config = limber_config_new ();
      g_autoptr (LimberConfig) before = limber_config_copy (config);
      g_autoptr (GError) error = NULL;
      g_autoptr (GVariant) value
          = g_variant_parse (NULL, cases[i].value, NULL, NULL, NULL);

      g_assert_nonnull (value);
      g_assert_false (
          limber_config_set (config, cases[i].key, value, NULL, &error));
      g_assert_error (error, LIMBER_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("Set(%s, %s): \"%s\" should mention '%s'", cases[i].key,
                 cases[i].value, error->message, cases[i].message_part);
      /* Nothing changed. */
      g_assert_cmpuint (config->interval_min, ==, before->interval_min);
      g_assert_cmpstr (config->title, ==, before->title);
    }
}

static void
test_write_key_keeps_comments (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "limber/limber.conf",
                                      "# My break settings\n"
                                      "[limber]\n"
                                      "# shorter in the morning\n"
                                      "interval-min=20min\n"
                                      "title=Move!\n");
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  (void) data;
  g_assert_true (
      limber_config_write_key (path, "interval-min", "25min", &error));
  g_assert_no_error (error);
  g_assert_true (
      limber_config_write_key (path, "routine", "line 1\nline 2", &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "# My break settings"));
  g_assert_nonnull (strstr (contents, "# shorter in the morning\n"
                                      "interval-min=25min\n"));
  g_assert_nonnull (strstr (contents, "title=Move!"));
  g_assert_null (strstr (contents, "20min"));

  g_autoptr (LimberConfig) config = load_one (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->interval_min, ==, 1500);
  g_assert_cmpstr (config->routine, ==, "line 1\nline 2");
}

/* Only the key's line changes: spacing, order, other groups and comments
 * stay byte for byte. */
static void
test_write_key_touches_one_line (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "limber.conf",
                                      "# legacy comment\n"
                                      "[other]\n"
                                      "snooze = 9min\n"
                                      "\n"
                                      "[limber]\n"
                                      "title = Move!   \n"
                                      "snooze = 2min\n"
                                      "# the end of my settings\n"
                                      "\n"
                                      "[more]\n"
                                      "x=1");
  g_autofree char *contents = NULL;

  (void) data;
  g_assert_true (limber_config_write_key (path, "snooze", "3min", NULL));
  g_assert_true (limber_config_write_key (path, "routine", "  a\nb\\c", NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "# legacy comment\n"
                   "[other]\n"
                   "snooze = 9min\n"
                   "\n"
                   "[limber]\n"
                   "title = Move!   \n"
                   "snooze=3min\n"
                   "routine=\\s\\sa\\nb\\\\c\n"
                   "# the end of my settings\n"
                   "\n"
                   "[more]\n"
                   "x=1\n");

  /* [other] is reported but does not stop the file from loading. */
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = NULL;
  g_ptr_array_set_size (warnings, 0);
  config = load_one (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->snooze, ==, 180);
  g_assert_cmpstr (config->routine, ==, "  a\nb\\c");
}

/* What GKeyFile lets through: a key set twice, a huge file. */
static void
test_duplicates_and_size (Fixture *f, gconstpointer data)
{
  g_autofree char *twice = write_file (
      f, "twice.conf", "[limber]\nlull=2s\n# again\n lull = 3s\n");
  g_autofree char *padding = g_strnfill (70000, '#');
  g_autofree char *huge_text
      = g_strdup_printf ("%s\n[limber]\nlull=2s\n", padding);
  g_autofree char *huge = write_file (f, "huge.conf", huge_text);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = NULL;

  (void) data;
  config = load_one (twice, &error);
  g_assert_null (config);
  assert_error_mentions (error, twice,
                         "key 'lull' is set twice (lines 2 and 4)", NULL);
  g_clear_error (&error);
  config = load_one (huge, &error);
  g_assert_null (config);
  assert_error_mentions (error, huge, "too large", NULL);
  /* The same key in another group is another key. */
  g_autofree char *other
      = write_file (f, "other.conf", "[other]\nlull=1s\n[limber]\nlull=2s\n");
  g_clear_pointer (&config, limber_config_free);
  g_ptr_array_set_size (warnings, 0);
  config = load_one (other, NULL);
  g_assert_nonnull (config);
  g_assert_cmpuint (config->lull, ==, 2);
}

/* limber_config_parse() is load() of one file's contents. */
static void
test_parse_data (void)
{
  static const char text[] = "[limber]\ninterval-min=20min\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config
      = limber_config_parse ("memory", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (config->interval_min, ==, 1200);
  g_clear_pointer (&config, limber_config_free);
  config = limber_config_parse ("memory", "[limber]\nlull=x\n", 16, &error);
  g_assert_null (config);
  assert_error_mentions (error, "memory: key 'lull'", NULL, NULL);
}

/* A file without the group gets it appended. */
static void
test_write_key_adds_group (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "limber.conf", "# mine\n");
  g_autofree char *contents = NULL;

  (void) data;
  g_assert_true (limber_config_write_key (path, "lull", "3s", NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "# mine\n\n[limber]\nlull=3s\n");
}

/* A symbolic link (to a dotfiles repository, say) stays a link. */
static void
test_write_key_through_symlink (Fixture *f, gconstpointer data)
{
  g_autofree char *target
      = write_file (f, "dotfiles/limber.conf", "[limber]\nlull=2s\n");
  g_autofree char *link = g_build_filename (f->dir, "limber.conf", NULL);
  g_autofree char *contents = NULL;

  (void) data;
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_true (limber_config_write_key (link, "lull", "3s", NULL));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "[limber]\nlull=3s\n");
}

static void
test_write_key_creates_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path
      = g_build_filename (f->dir, "new", "limber", "limber.conf", NULL);
  g_autoptr (LimberConfig) config = NULL;

  (void) data;
  g_assert_true (limber_config_write_key (path, "snooze", "10min", NULL));
  config = load_one (path, NULL);
  g_assert_cmpuint (config->snooze, ==, 600);
}

/* Never overwrite a file that could not be parsed: it may be the user's
 * half-edited work. */
static void
test_write_key_keeps_broken_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "limber.conf", "oops, not ini\n");
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  (void) data;
  g_assert_false (limber_config_write_key (path, "snooze", "1min", &error));
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG);
  assert_error_mentions (error, path, "nothing was changed", NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "oops, not ini\n");
}

static void
test_to_variant (void)
{
  g_autoptr (LimberConfig) config = limber_config_new ();
  g_autoptr (GVariant) v
      = g_variant_ref_sink (limber_config_to_variant (config));
  guint64 seconds;
  const char *title;
  const char *const *keys = limber_config_keys ();

  g_assert_true (g_variant_lookup (v, "interval-max", "t", &seconds));
  g_assert_cmpuint (seconds, ==, 2700);
  g_assert_true (g_variant_lookup (v, "title", "&s", &title));
  for (gsize i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_variant_lookup_value (v, keys[i], NULL);
      g_assert_nonnull (value);
    }
  g_assert_cmpuint (g_variant_n_children (v), ==,
                    g_strv_length ((char **) keys));
}

/* A routine of the user's: a group of its own, its steps in order, used
 * by the kind that names it. */
static void
test_routine_from_config (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (
      f, "limber.conf",
      "[limber]\nmicro-break-routine=desk-reset\n"
      "[routine desk-reset]\ntitle=Desk reset\n"
      "step2=Roll your shoulders back\nstep2-count=5\nstep2-duration=15s\n"
      "step2-cue=Slowly, from the shoulder blades\n"
      "step1=Stand up <b>now</b> & walk\nstep1-duration=20s\n"
      "step3=Look out of the window\n");
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (LimberConfig) config = NULL;
  const char *paths[] = { path, NULL };
  const LimberRoutine *r;
  const LimberRoutineStep *s;

  (void) data;
  config = limber_config_load_with_warnings (paths, found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  r = limber_config_routine_for (config, LIMBER_KIND_MICRO_BREAK);
  g_assert_cmpstr (r->name, ==, "desk-reset");
  g_assert_cmpstr (r->title, ==, "Desk reset");
  g_assert_false (r->builtin);
  g_assert_cmpuint (limber_routine_n_steps (r), ==, 3);
  s = limber_routine_step (r, 0);
  /* Markup is the user's text, kept as it is, to be shown literally. */
  g_assert_cmpstr (s->text, ==, "Stand up <b>now</b> & walk");
  g_assert_cmpuint (s->seconds, ==, 20);
  s = limber_routine_step (r, 1);
  g_assert_cmpuint (s->count, ==, 5);
  g_assert_cmpuint (s->seconds, ==, 15);
  g_assert_cmpstr (s->cue, ==, "Slowly, from the shoulder blades");
  s = limber_routine_step (r, 2);
  g_assert_cmpuint (s->seconds, ==, 0);
  g_assert_null (s->cue);
  /* The built-in ones are still there for the other kinds. */
  g_assert_cmpstr (
      limber_config_routine_for (config, LIMBER_KIND_POSTURE_CHECK)->name, ==,
      "posture-check");
  g_assert_nonnull (
      limber_routine_set_lookup (config->routines, "micro-break"));
}

/* A routine that cannot be shown is left out with the file, the routine,
 * the step and the reason; the rest of the file applies, and a setting
 * naming it falls back to the built-in routine. */
static void
test_bad_routines (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *group;
    const char *expected;
  } cases[] = {
    { "[routine empty]\ntitle=Nothing\n", "[routine empty] it has no steps" },
    { "[routine long]\nstep1=Ok\n"
      "step2=Roll your shoulders five times forward and then back\n",
      "[routine long] step 2: the text is 52 characters long" },
    { "[routine gap]\nstep1=One\nstep3=Three\n",
      "[routine gap] step 2 is missing" },
    { "[routine huge]\nstep1=Roll\nstep1-count=100000\n",
      "[routine huge] step 1: a count of 100000" },
    { "[routine forever]\nstep1=Hold\nstep1-duration=2h\n",
      "[routine forever] step 1: a step of 120min" },
    { "[routine bare]\nstep1=Hold\nstep1-duration=30\n",
      "[routine bare] step1-duration: " },
    { "[routine typo]\nstep1=Hold\nstep1-durtion=30s\n",
      "[routine typo] unknown key 'step1-durtion'" },
    { "[routine nocount]\nstep1=Roll\nstep1-count=five\n",
      "'five' is not a count" },
    { "[routine orphan]\nstep1=Roll\nstep2-count=5\n",
      "[routine orphan] step 2: step2= is missing" },
    { "[routine lines]\nstep1=Roll\\nBreathe\n",
      "[routine lines] step 1: the text is one line" },
    { "[routine Bad Name]\nstep1=Roll\n",
      "[routine Bad Name] a routine's name" },
    { "[routine]\nstep1=Roll\n", "[routine] a routine needs a name" },
    { "[routine many]\nstep21=Too many\n",
      "[routine many] step 21: a routine has at most 20 steps" },
  };

  (void) data;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text
          = g_strdup_printf ("[limber]\nlull=3s\nmicro-break-routine=desk\n%s"
                             "[routine desk]\nstep1=Stand up\n",
                             cases[i].group);
      g_autofree char *path = write_file (f, "limber.conf", text);
      g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error = NULL;
      g_autoptr (LimberConfig) config = NULL;
      const char *paths[] = { path, NULL };

      config = limber_config_load_with_warnings (paths, found, &error);
      g_assert_no_error (error);
      /* The rest applies: the setting, and the good routine. */
      g_assert_cmpuint (config->lull, ==, 3);
      g_assert_cmpstr (
          limber_config_routine_for (config, LIMBER_KIND_MICRO_BREAK)->name, ==,
          "desk");
      g_assert_cmpuint (found->len, ==, 1);
      const char *problem = g_ptr_array_index (found, 0);
      g_assert_true (g_str_has_prefix (problem, path));
      if (strstr (problem, cases[i].expected) == NULL
          || strstr (problem, "the routine is left out") == NULL)
        g_error ("case %zu: '%s' lacks '%s'", i, problem, cases[i].expected);
      g_assert_cmpuint (config->routines->routines->len, ==, 4);
    }
}

/* A setting that names no routine: the kind's own is used, and said so. */
static void
test_missing_routine_name (Fixture *f, gconstpointer data)
{
  g_autofree char *path
      = write_file (f, "limber.conf",
                    "[limber]\nstretch-routine=evening\n"
                    "[routine evening]\nstep1=Ok\nstep1-count=0\n");
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LimberConfig) config = NULL;
  const char *paths[] = { path, NULL };

  (void) data;
  config = limber_config_load_lenient (paths, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "step1-count"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1),
                            "key 'stretch-routine': there is no routine "
                            "'evening'; the routines are: micro-break, "
                            "posture-check, stretch; stretch is used"));
  g_assert_cmpstr (config->stretch_routine, ==, "stretch");
}

/* The kinds' settings: times of day, a day and time, a duration that may
 * be off. */
static void
test_kind_settings (void)
{
  g_autoptr (LimberConfig) config = limber_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  LimberTimings timings;

  g_assert_cmpuint (config->posture_check, ==, 1800);
  g_assert_cmpstr (config->stretch_at, ==, "off");
  g_assert_cmpstr (config->checkin_at, ==, "Fri 16:00");
  g_assert_true (limber_config_set (
      config, "stretch-at", g_variant_new_string ("9:05"), &text, &error));
  g_assert_cmpstr (text, ==, "09:05");
  g_clear_pointer (&text, g_free);
  g_assert_true (limber_config_set (config, "checkin-at",
                                    g_variant_new_string ("monday 8:30"), &text,
                                    &error));
  g_assert_cmpstr (config->checkin_at, ==, "Mon 08:30");
  g_clear_pointer (&text, g_free);
  g_assert_true (limber_config_set (
      config, "posture-check", g_variant_new_string ("off"), &text, &error));
  g_assert_cmpstr (text, ==, "off");
  g_assert_cmpuint (config->posture_check, ==, 0);
  limber_config_get_timings (config, &timings);
  g_assert_cmpint (timings.posture_check, ==, 0);
  g_assert_cmpint (timings.spacing, ==, 180 * LIMBER_USEC_PER_SEC);

  g_assert_false (limber_config_set (
      config, "stretch-at", g_variant_new_string ("25:00"), NULL, &error));
  g_assert_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (
      strstr (error->message, "give HH:MM, such as 17:00, or off"));
  g_clear_error (&error);
  g_assert_false (limber_config_set (config, "checkin-at",
                                     g_variant_new_string ("Someday 16:00"),
                                     NULL, &error));
  g_assert_nonnull (strstr (error->message, "'Fri 16:00'"));
  g_clear_error (&error);
  g_assert_false (limber_config_set (config, "micro-break-routine",
                                     g_variant_new_string ("nap"), NULL,
                                     &error));
  g_assert_nonnull (strstr (error->message, "there is no routine 'nap'"));
  g_clear_error (&error);
  g_assert_false (limber_config_set (
      config, "interval-min", g_variant_new_string ("off"), NULL, &error));
  g_clear_error (&error);
  g_assert_true (limber_config_set (config, "micro-break-routine",
                                    g_variant_new_string ("stretch"), NULL,
                                    &error));
  g_assert_cmpstr (
      limber_config_routine_for (config, LIMBER_KIND_MICRO_BREAK)->name, ==,
      "stretch");
}

int
main (int argc, char **argv)
{
  g_setenv ("XDG_CONFIG_DIRS", "/site/a:/site/b", TRUE);
  g_setenv ("XDG_CONFIG_HOME", "/home", TRUE);
  g_test_init (&argc, &argv, NULL);
  warnings = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_warnings, NULL, NULL);

#define ADD(path, fn)                                                          \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/config/defaults", test_defaults);
  ADD ("/config/good", test_good_file);
  ADD ("/config/seconds-scale", test_seconds_scale);
  ADD ("/config/layered", test_layered);
  ADD ("/config/layered-inconsistent", test_layered_inconsistent);
  ADD ("/config/rule-blames-file", test_rule_blames_the_file);
  ADD ("/config/lenient", test_lenient);
  ADD ("/config/bad-values", test_bad_values);
  ADD ("/config/too-long", test_too_long_text);
  ADD ("/config/not-a-key-file", test_not_a_key_file);
  ADD ("/config/unreadable", test_unreadable);
  ADD ("/config/unknown-key", test_unknown_key_warns);
  ADD ("/config/write-key-comments", test_write_key_keeps_comments);
  ADD ("/config/write-key-creates", test_write_key_creates_file);
  ADD ("/config/write-key-symlink", test_write_key_through_symlink);
  ADD ("/config/duplicates-and-size", test_duplicates_and_size);
  ADD ("/config/write-key-one-line", test_write_key_touches_one_line);
  ADD ("/config/write-key-adds-group", test_write_key_adds_group);
  ADD ("/config/write-key-broken", test_write_key_keeps_broken_file);
  ADD ("/config/unknown-key-reported", test_unknown_key_reported);
  ADD ("/config/nul-byte", test_nul_byte);
  ADD ("/config/bad-escape", test_bad_escape);
  ADD ("/config/write-key-refuses-ignored",
       test_write_key_refuses_ignored_file);
  ADD ("/config/write-key-size-limit", test_write_key_keeps_size_limit);
  ADD ("/config/write-key-dangling-symlink", test_write_key_dangling_symlink);
  ADD ("/config/not-a-regular-file", test_not_a_regular_file);
  ADD ("/config/long-input-quoted", test_long_input_quoted_short);
  ADD ("/config/routine", test_routine_from_config);
  ADD ("/config/bad-routines", test_bad_routines);
  ADD ("/config/missing-routine-name", test_missing_routine_name);
#undef ADD
  g_test_add_func ("/config/kind-settings", test_kind_settings);
  g_test_add_func ("/config/default-paths", test_default_paths);
  g_test_add_func ("/config/set", test_set);
  g_test_add_func ("/config/set-rejects", test_set_rejects);
  g_test_add_func ("/config/to-variant", test_to_variant);
  g_test_add_func ("/config/parse-data", test_parse_data);

  int result = g_test_run ();
  g_ptr_array_unref (warnings);
  return result;
}
