#include "notifier-banner.h"

void
limber_banner_init (LimberBanner *self, void (*gone) (gpointer user_data),
                    gpointer user_data)
{
  *self = (LimberBanner){ .user_active = TRUE,
                          .gone = gone,
                          .user_data = user_data };
}

void
limber_banner_shown (LimberBanner *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  self->shown_away = !self->user_active;
}

static gboolean
banner_gone (gpointer user_data)
{
  LimberBanner *self = user_data;

  self->timer = 0;
  self->gone (self->user_data);
  return G_SOURCE_REMOVE;
}

/* On servers that move banners into their list, the clock starts when the
 * banner comes to a user at the keyboard, or when the user comes back to
 * it. */
void
limber_banner_follow (LimberBanner *self, const LimberServerTraits *server,
                      gboolean may_leave)
{
  gint64 usec
      = self->shown_away ? server->banner_return_usec : server->banner_usec;

  if (!may_leave || usec == 0 || !self->user_active || self->timer != 0)
    return;
  self->timer = g_timeout_add ((guint) (usec / 1000), banner_gone, self);
}

void
limber_banner_set_user_active (LimberBanner *self, gboolean active)
{
  self->user_active = active;
}

void
limber_banner_stop (LimberBanner *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
}
