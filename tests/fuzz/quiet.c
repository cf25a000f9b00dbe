/* Fuzz inputs make the code under test warn a lot; the warnings are
 * expected and only slow the fuzzer down. A target's own failure (an
 * error, a critical) is still told. */
#include <glib.h>

#include "fuzz.h"

static GLogWriterOutput
drop (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
      gpointer user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc, (void) argv;
  g_log_set_writer_func (drop, NULL, NULL);
  return 0;
}
