#include "dnd.h"

#include "dnd-watch.h"

/* The names GNOME Shell and xfce4-notifyd give in GetServerInformation. */
#define GNOME_SERVER "gnome-shell"
#define XFCE_SERVER  "Xfce Notify Daemon"

struct _LimberDnd
{
  LimberDndFunc changed;
  gpointer user_data;
  LimberDndServer *server;
  /* Only while their server runs. */
  LimberDndGnome *gnome;
  LimberDndXfce *xfce;
  const char *who; /* static; NULL: not silenced */
};

static const char *
find_who (LimberDnd *self)
{
  if (limber_dnd_server_get_paused (self->server))
    return "dunst";
  if (limber_dnd_server_get_inhibited (self->server))
    return "Plasma";
  if (self->gnome != NULL && limber_dnd_gnome_get_silenced (self->gnome))
    return "GNOME";
  if (self->xfce != NULL && limber_dnd_xfce_get_silenced (self->xfce))
    return "xfce4-notifyd";
  return NULL;
}

static void
update (gpointer user_data)
{
  LimberDnd *self = user_data;
  const char *who = find_who (self);

  if (g_strcmp0 (who, self->who) == 0)
    return;
  if (who != NULL)
    g_info ("dnd: notifications silenced (%s)", who);
  else
    g_info ("dnd: notifications no longer silenced");
  self->who = who;
  self->changed (self->user_data);
}

/* GNOME's and Xfce's settings are watched while their server runs. */
static void
on_server (gpointer user_data)
{
  LimberDnd *self = user_data;
  const char *name = limber_dnd_server_get_name (self->server);

  if (g_strcmp0 (name, GNOME_SERVER) == 0 && self->gnome == NULL)
    self->gnome = limber_dnd_gnome_new (update, self);
  else if (g_strcmp0 (name, GNOME_SERVER) != 0)
    g_clear_pointer (&self->gnome, limber_dnd_gnome_free);
  if (g_strcmp0 (name, XFCE_SERVER) == 0 && self->xfce == NULL)
    self->xfce = limber_dnd_xfce_new (update, self);
  else if (g_strcmp0 (name, XFCE_SERVER) != 0)
    g_clear_pointer (&self->xfce, limber_dnd_xfce_free);
  update (self);
}

LimberDnd *
limber_dnd_new (LimberDndFunc changed, gpointer user_data)
{
  LimberDnd *self = g_new0 (LimberDnd, 1);

  self->changed = changed;
  self->user_data = user_data;
  self->server = limber_dnd_server_new (on_server, self);
  return self;
}

void
limber_dnd_free (LimberDnd *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->gnome, limber_dnd_gnome_free);
  g_clear_pointer (&self->xfce, limber_dnd_xfce_free);
  g_clear_pointer (&self->server, limber_dnd_server_free);
  g_free (self);
}

const char *
limber_dnd_get_who (LimberDnd *self)
{
  return self->who;
}
