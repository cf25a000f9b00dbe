#include "activity-source.h"

void
limber_activity_source_init (LimberActivitySource *self,
                             const LimberActivitySourceClass *klass,
                             const LimberActivityListener *listener)
{
  *self = (LimberActivitySource){
    .klass = klass,
    .listener = listener,
    .lull = 5 * LIMBER_USEC_PER_SEC,
  };
}

void
limber_activity_source_set_available (LimberActivitySource *self,
                                      gboolean available, LimberSenses senses)
{
  if (!available)
    senses = LIMBER_SENSES_NOTHING;
  if (self->available == available && self->senses == senses)
    return;
  g_info ("activity source %s: %s", self->klass->name,
          available ? "available" : "gone");
  self->available = available;
  self->senses = senses;
  self->listener->changed (self, self->listener->user_data);
}

void
limber_activity_source_set_detail (LimberActivitySource *self,
                                   const char *detail)
{
  if (g_strcmp0 (self->detail, detail) == 0)
    return;
  g_free (self->detail);
  self->detail = g_strdup (detail);
  if (detail != NULL)
    g_info ("activity source %s: %s", self->klass->name, detail);
  self->listener->changed (self, self->listener->user_data);
}

void
limber_activity_source_settle (LimberActivitySource *self)
{
  if (self->settled)
    return;
  self->settled = TRUE;
  self->listener->changed (self, self->listener->user_data);
}

static LimberSenses
sense_of (LimberEventType type)
{
  switch (type)
    {
    case LIMBER_EVENT_USER_ACTIVE:
    case LIMBER_EVENT_USER_IDLE:
    case LIMBER_EVENT_IDLE_TIME:
      return LIMBER_SENSES_IDLE;
    case LIMBER_EVENT_LOCKED:
    case LIMBER_EVENT_UNLOCKED:
      return LIMBER_SENSES_LOCK;
    case LIMBER_EVENT_SUSPEND:
    case LIMBER_EVENT_RESUME:
      return LIMBER_SENSES_SLEEP;
    default:
      return LIMBER_SENSES_NOTHING;
    }
}

gint64
limber_idle_ms_to_usec (gint64 idle_ms)
{
  if (idle_ms <= 0)
    return 0;
  if (idle_ms > G_MAXINT64 / 1000)
    return G_MAXINT64;
  return idle_ms * 1000;
}

void
limber_activity_source_emit (LimberActivitySource *self, LimberEventType type,
                             gint64 idle_usec)
{
  /* An answer to a query is wanted whatever the source reports for. */
  if (type != LIMBER_EVENT_IDLE_TIME && !(self->reporting & sense_of (type)))
    return;
  self->listener->event (self, type, MAX (0, idle_usec),
                         self->listener->user_data);
}

void
limber_activity_source_start (LimberActivitySource *self)
{
  self->klass->start (self);
}

void
limber_activity_source_replay (LimberActivitySource *self)
{
  if (self->available && self->reporting != LIMBER_SENSES_NOTHING)
    self->klass->replay (self);
}

void
limber_activity_source_query_idle (LimberActivitySource *self)
{
  if (self->available && self->klass->query_idle != NULL)
    self->klass->query_idle (self);
  else
    /* Nobody to ask: "input just now", and the scheduler asks again. */
    limber_activity_source_emit (self, LIMBER_EVENT_IDLE_TIME, 0);
}

void
limber_activity_source_set_lull (LimberActivitySource *self, gint64 lull)
{
  if (self->lull == lull)
    return;
  self->lull = lull;
  if (self->available && self->klass->set_lull != NULL)
    self->klass->set_lull (self);
}

void
limber_activity_source_free (LimberActivitySource *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->detail, g_free);
  self->klass->free (self);
}
