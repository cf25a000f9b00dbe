#include "busy-source.h"

#include <string.h>

void
limber_busy_source_init (LimberBusySource *self,
                         const LimberBusySourceClass *klass,
                         const LimberBusyListener *listener,
                         const char *ignored)
{
  g_autofree char *lower = g_ascii_strdown (ignored ? ignored : "", -1);

  *self = (LimberBusySource){
    .klass = klass,
    .listener = listener,
    .what = g_strdup (""),
    .ignored = g_strsplit_set (g_strstrip (lower), " \t,", -1),
  };
}

void
limber_busy_source_set (LimberBusySource *self, gboolean busy, const char *what)
{
  if (!busy)
    what = "";
  if (self->busy == busy && g_strcmp0 (self->what, what) == 0)
    return;
  self->busy = busy;
  g_free (self->what);
  self->what = g_strdup (what);
  self->listener->changed (self, self->listener->user_data);
}

void
limber_busy_source_set_available (LimberBusySource *self, gboolean available)
{
  if (self->available == available)
    return;
  self->available = available;
  if (!available)
    {
      self->busy = FALSE;
      g_free (self->what);
      self->what = g_strdup ("");
    }
  self->listener->changed (self, self->listener->user_data);
}

gboolean
limber_busy_source_ignores (LimberBusySource *self, const char *const names[],
                            gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (names[i] == NULL || names[i][0] == '\0')
        continue;
      g_autofree char *lower = g_ascii_strdown (names[i], -1);
      /* A binary's path counts by its last part. */
      const char *base = strrchr (lower, '/');
      if (g_strv_contains ((const char *const *) self->ignored,
                           base ? base + 1 : lower))
        return TRUE;
    }
  return FALSE;
}

void
limber_busy_source_free (LimberBusySource *self)
{
  if (self == NULL)
    return;
  g_free (self->what);
  g_strfreev (self->ignored);
  self->klass->free (self);
}
