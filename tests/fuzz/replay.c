/* Runs a fuzz target over the files and directories given, without
 * libFuzzer: in ordinary builds the seed corpora are regression tests, and
 * run under valgrind with the rest. Prints TAP. */
#include <glib.h>
#include <stdio.h>

#include "fuzz.h"

static void
run_path (const char *path, guint *count)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        run_path (g_ptr_array_index (names, i), count);
      return;
    }

  g_autofree char *data = NULL;
  gsize length;
  if (!g_file_get_contents (path, &data, &length, NULL))
    g_error ("cannot read %s", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  (*count)++;
  printf ("ok %u %s\n", *count, path);
}

int
main (int argc, char **argv)
{
  guint count = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    run_path (argv[i], &count);
  printf ("1..%u\n", count);
  return count > 0 ? 0 : 1;
}
