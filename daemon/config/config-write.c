/* Rewriting one key of the user's limber.conf for Set(): only that line
 * changes, so the user's comments, order and spacing stay. */
#include "config.h"

#include "limber-error.h"
#include "limber-i18n.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

/* The value as GKeyFile writes it: text escaped (\n, leading spaces, \\). */
static char *
escape_value (const char *key, const char *text)
{
  g_autoptr (GKeyFile) scratch = NULL;

  if (!limber_config_is_text_key (key))
    return g_strdup (text);
  scratch = g_key_file_new ();
  g_key_file_set_string (scratch, LIMBER_CONFIG_GROUP, key, text);
  return g_key_file_get_value (scratch, LIMBER_CONFIG_GROUP, key, NULL);
}

/* The key a "key = value" line sets, or NULL for anything else. */
static char *
line_key (const char *line)
{
  const char *equals = strchr (line, '=');
  g_autofree char *key = NULL;

  if (equals == NULL || line[0] == '#')
    return NULL;
  key = g_strndup (line, (gsize) (equals - line));
  return g_strdup (g_strstrip (key));
}

/* @contents with @key set to @value in [limber]: the line that sets it now
 * (the last one, as GKeyFile reads the last) is replaced; otherwise a line
 * is added at the end of the group, or the group at the end. A NULL @value
 * removes the lines that set @key instead. Every other byte stays as it
 * was. */
static char *
replace_key_line (const char *contents, const char *key, const char *value)
{
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autofree char *new_line
      = value != NULL ? g_strdup_printf ("%s=%s", key, value) : NULL;
  g_autoptr (GPtrArray) out = g_ptr_array_new ();
  g_autofree gboolean *sets_key = NULL;
  gint match = -1, group_end = -1;
  gboolean in_group = FALSE;
  guint n = g_strv_length (lines);

  /* A trailing newline leaves an empty last element: not a line. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;
  sets_key = g_new0 (gboolean, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));
      if (stripped[0] == '[')
        {
          in_group = g_str_equal (stripped, "[" LIMBER_CONFIG_GROUP "]");
          if (in_group)
            group_end = (gint) i;
          continue;
        }
      if (!in_group || stripped[0] == '\0' || stripped[0] == '#')
        continue;
      group_end = (gint) i;
      g_autofree char *this_key = line_key (stripped);
      if (g_strcmp0 (this_key, key) == 0)
        {
          match = (gint) i;
          sets_key[i] = TRUE;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      if (new_line == NULL)
        {
          if (!sets_key[i])
            g_ptr_array_add (out, lines[i]);
          continue;
        }
      g_ptr_array_add (out, (gint) i == match ? new_line : lines[i]);
      if (match < 0 && (gint) i == group_end)
        g_ptr_array_add (out, new_line);
    }
  if (group_end < 0 && new_line != NULL)
    {
      if (n > 0)
        g_ptr_array_add (out, "");
      g_ptr_array_add (out, "[" LIMBER_CONFIG_GROUP "]");
      g_ptr_array_add (out, new_line);
    }
  g_ptr_array_add (out, "");
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("\n", (char **) out->pdata);
}

/* The file a symbolic link at @path points to, so that writing replaces
 * the target (in a dotfiles repository, say) and not the link; followed by
 * hand, since realpath() fails on a link whose target does not exist yet. */
static char *
resolve_link (const char *link_path, GError **error)
{
  g_autofree char *path = g_strdup (link_path);

  /* As many links as the kernel follows (MAXSYMLINKS). */
  for (guint hops = 0; hops < 40; hops++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autofree char *target = NULL;
      GStatBuf st;

      if (g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&path);
      target = g_file_read_link (path, &local_error);
      if (target == NULL)
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                       _ ("%s: %s; nothing was changed"), link_path,
                       local_error->message);
          return NULL;
        }
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (path);
          g_autofree char *joined = g_build_filename (dir, target, NULL);
          g_free (target);
          target = g_steal_pointer (&joined);
        }
      g_free (path);
      path = g_steal_pointer (&target);
    }
  g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
               _ ("%s: too many levels of symbolic links; nothing was changed"),
               link_path);
  return NULL;
}

/* Sets @key to @text in the file at @link_path, or removes it for a NULL
 * @text (then a missing file stays missing). */
static gboolean
rewrite_key (const char *link_path, const char *key, const char *text,
             GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *value = NULL;
  g_autofree char *updated = NULL;
  gsize length = 0;
  GStatBuf st;
  int mode = 0644;

  g_return_val_if_fail (g_strv_contains (limber_config_keys (), key), FALSE);

  path = resolve_link (link_path, error);
  if (path == NULL)
    return FALSE;
  dir = g_path_get_dirname (path);

  /* Read as loading reads it: a FIFO or a device is refused, not waited
   * on. */
  if (!limber_config_read_file (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                       _ ("%s: %s; nothing was changed"), path,
                       local_error->message);
          return FALSE;
        }
      if (text == NULL)
        return TRUE;
      g_clear_error (&local_error);
      contents = g_strdup ("");
    }
  /* Never rewrite a file that loading would ignore whole: the new setting
   * would be lost with it, and the file may be the user's half-edited work
   * (or be cut short at a NUL byte). */
  if (!limber_config_check_data (contents, length, &local_error))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   _ ("%s: %s; fix or remove it first, nothing was changed"),
                   path, local_error->message);
      return FALSE;
    }

  value = text != NULL ? escape_value (key, text) : NULL;
  updated = replace_key_line (contents, key, value);
  if (g_str_equal (updated, contents))
    return TRUE;
  /* The new line could push the file over the size limit. */
  if (!limber_config_check_data (updated, strlen (updated), &local_error))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   _ ("%s: with %s set, %s; nothing was changed"), path, key,
                   local_error->message);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   _ ("cannot create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_stat (path, &st) == 0)
    mode = (int) (st.st_mode & 07777);
  if (!g_file_set_contents_full (path, updated, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT
                                     | G_FILE_SET_CONTENTS_DURABLE,
                                 mode, &local_error))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_CONFIG,
                   _ ("cannot write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
limber_config_write_key (const char *link_path, const char *key,
                         const char *text, GError **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  return rewrite_key (link_path, key, text, error);
}

gboolean
limber_config_remove_key (const char *link_path, const char *key,
                          GError **error)
{
  return rewrite_key (link_path, key, NULL, error);
}
