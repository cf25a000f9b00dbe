#include "holds.h"

/* What each kind means for the work count. A pause stops it (its own phase
 * in the scheduler); a call or a lease is work even without input;
 * do-not-disturb only keeps the pop-up back. */
static const struct
{
  const char *name;
  gboolean engaged;
} kinds[LIMBER_N_HOLD_KINDS] = {
  [LIMBER_HOLD_PAUSE] = { "pause", FALSE },
  [LIMBER_HOLD_LEASE] = { "lease", TRUE },
  [LIMBER_HOLD_CALL] = { "call", TRUE },
  [LIMBER_HOLD_DND] = { "dnd", FALSE },
};

static gint
index_of (const LimberHolds *self, guint32 id)
{
  for (guint i = 0; i < self->n; i++)
    if (self->holds[i].id == id)
      return (gint) i;
  return -1;
}

gboolean
limber_holds_put (LimberHolds *self, const LimberHold *hold)
{
  gint i = index_of (self, hold->id);

  g_return_val_if_fail (hold->id != 0 && hold->kind < LIMBER_N_HOLD_KINDS,
                        FALSE);
  if (i >= 0)
    {
      gint64 since = self->holds[i].since;
      self->holds[i] = *hold;
      self->holds[i].since = since;
      return TRUE;
    }
  if (self->n >= LIMBER_MAX_HOLDS)
    return FALSE;
  self->holds[self->n++] = *hold;
  return TRUE;
}

gboolean
limber_holds_remove (LimberHolds *self, guint32 id)
{
  gint i = index_of (self, id);

  if (i < 0)
    return FALSE;
  /* Order is kept: listings show the oldest first. */
  for (guint j = (guint) i; j + 1 < self->n; j++)
    self->holds[j] = self->holds[j + 1];
  self->n--;
  return TRUE;
}

const LimberHold *
limber_holds_find (const LimberHolds *self, guint32 id)
{
  gint i = index_of (self, id);

  return i >= 0 ? &self->holds[i] : NULL;
}

gboolean
limber_holds_full (const LimberHolds *self)
{
  return self->n >= LIMBER_MAX_HOLDS;
}

gboolean
limber_holds_engaged (const LimberHolds *self)
{
  for (guint i = 0; i < self->n; i++)
    if (kinds[self->holds[i].kind].engaged)
      return TRUE;
  return FALSE;
}

gint64
limber_holds_next_expiry (const LimberHolds *self)
{
  gint64 next = G_MAXINT64;

  for (guint i = 0; i < self->n; i++)
    next = MIN (next, self->holds[i].until);
  return next;
}

gboolean
limber_holds_pop_expired (LimberHolds *self, gint64 now, guint32 *id)
{
  for (guint i = 0; i < self->n; i++)
    if (self->holds[i].until <= now)
      {
        *id = self->holds[i].id;
        limber_holds_remove (self, *id);
        return TRUE;
      }
  return FALSE;
}

const char *
limber_hold_kind_to_string (LimberHoldKind kind)
{
  g_return_val_if_fail (kind < LIMBER_N_HOLD_KINDS, "unknown");
  return kinds[kind].name;
}

gboolean
limber_holds_has_kind (const LimberHolds *self, LimberHoldKind kind)
{
  for (guint i = 0; i < self->n; i++)
    if (self->holds[i].kind == kind)
      return TRUE;
  return FALSE;
}
