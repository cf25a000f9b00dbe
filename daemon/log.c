#include "log.h"

#include <stdio.h>

#include "limber-text.h"

/* @fields with the message made visible on one line: it may quote what a
 * client or a file said, and a line break or an escape sequence there
 * must not forge a line of the log or act on the terminal showing it. */
static GLogField *
visible_fields (const GLogField *fields, gsize n_fields, char **message)
{
  GLogField *copy = g_memdup2 (fields, n_fields * sizeof (GLogField));

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (copy[i].key, "MESSAGE") == 0 && copy[i].value != NULL)
      {
        g_free (*message);
        *message = limber_text_visible (copy[i].value, copy[i].length,
                                        LIMBER_TEXT_KEEP_TABS);
        copy[i].value = *message;
        copy[i].length = -1;
      }
  return copy;
}

static GLogWriterOutput
write_log (GLogLevelFlags level, const GLogField *raw_fields, gsize n_fields,
           gpointer user_data)
{
  gboolean verbose = GPOINTER_TO_INT (user_data);
  g_autofree char *message = NULL;
  g_autofree GLogField *fields = NULL;

  if (!verbose && (level & G_LOG_LEVEL_DEBUG))
    return G_LOG_WRITER_HANDLED;
  fields = visible_fields (raw_fields, n_fields, &message);
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
