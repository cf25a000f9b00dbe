#include "log.h"

#include <stdio.h>

static GLogWriterOutput
write_log (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
           gpointer user_data)
{
  gboolean verbose = GPOINTER_TO_INT (user_data);

  if (!verbose && (level & G_LOG_LEVEL_DEBUG))
    return G_LOG_WRITER_HANDLED;
  if (!verbose && (level & G_LOG_LEVEL_INFO))
    {
      /* The journal filters by priority itself; a terminal stays quiet. */
      if (g_log_writer_is_journald (fileno (stderr)))
        return g_log_writer_journald (level, fields, n_fields, NULL);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, NULL);
}

void
limber_log_init (gboolean verbose)
{
  if (verbose)
    g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (write_log, GINT_TO_POINTER (verbose), NULL);
}
