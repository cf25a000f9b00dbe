#include "log.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "limber-text.h"

static gboolean log_verbose;

static const char *
domain_of (const GLogField *fields, gsize n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      return fields[i].value;
  return NULL;
}

static gboolean
is_ours (const char *domain)
{
  return g_strcmp0 (domain, G_LOG_DOMAIN) == 0
         || g_strcmp0 (domain, "limber") == 0;
}

/* 'limberd &', or a terminal whose foreground has moved on (or one that
 * is not limberd's controlling terminal): nobody asked to read there, and
 * a line would land in the middle of whatever runs in the foreground. */
static gboolean
stderr_is_background_terminal (void)
{
  int fd = fileno (stderr);
  pid_t foreground;

  if (!isatty (fd))
    return FALSE;
  foreground = tcgetpgrp (fd);
  return foreground == -1 || foreground != getpgrp ();
}

/* With the name 'journalctl -t limberd' looks for. */
static GLogWriterOutput
write_journal (GLogLevelFlags level, const GLogField *fields, gsize n_fields)
{
  GLogField *named = g_newa (GLogField, n_fields + 1);

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "SYSLOG_IDENTIFIER"))
      return g_log_writer_journald (level, fields, n_fields, NULL);
  memcpy (named, fields, n_fields * sizeof *fields);
  named[n_fields] = (GLogField){ "SYSLOG_IDENTIFIER", g_get_prgname (), -1 };
  return g_log_writer_journald (level, named, n_fields + 1, NULL);
}

/* The journal, where there is one; else nowhere. */
static GLogWriterOutput
to_journal (GLogLevelFlags level, const GLogField *fields, gsize n_fields)
{
  write_journal (level, fields, n_fields);
  return G_LOG_WRITER_HANDLED;
}

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
  g_autofree char *message = NULL;
  g_autofree GLogField *fields = NULL;
  const char *domain = domain_of (raw_fields, n_fields);
  gboolean chatter = (level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG)) != 0;
  /* G_MESSAGES_DEBUG names the domain (or "all"). */
  gboolean env_asked
      = chatter && !g_log_writer_default_would_drop (level, domain);

  (void) user_data;
  /* Info and debug: limberd's own (debug only with --verbose); any
   * other library's only where G_MESSAGES_DEBUG asks. */
  if (chatter && !env_asked
      && !(is_ours (domain) && (log_verbose || (level & G_LOG_LEVEL_INFO))))
    return G_LOG_WRITER_HANDLED;
  fields = visible_fields (raw_fields, n_fields, &message);

  /* Under systemd; stderr, still the journal's, should its socket fail. */
  if (g_log_writer_is_journald (fileno (stderr)))
    {
      if (write_journal (level, fields, n_fields) == G_LOG_WRITER_HANDLED)
        return G_LOG_WRITER_HANDLED;
      return g_log_writer_standard_streams (level, fields, n_fields, NULL);
    }
  if (log_verbose || env_asked)
    return g_log_writer_standard_streams (level, fields, n_fields, NULL);
  if (chatter || stderr_is_background_terminal ())
    return to_journal (level, fields, n_fields);
  return g_log_writer_standard_streams (level, fields, n_fields, NULL);
}

void
limber_log_init (gboolean verbose)
{
  log_verbose = verbose;
  g_log_set_writer_func (write_log, NULL, NULL);
}
