/* The content of limber's pop-ups, and the micro-break's own. */
#include "popup.h"

#include "limber-duration.h"
#include "limber-i18n.h"
#include "limber-settings.h"

LimberPopup *
limber_popup_new (const char *title, const char *body, LimberUrgency urgency)
{
  LimberPopup *self = g_new0 (LimberPopup, 1);

  self->title = g_strdup (title);
  self->body = g_strdup (body);
  self->urgency = urgency;
  self->value = -1;
  return self;
}

void
limber_popup_free (LimberPopup *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_actions; i++)
    {
      g_free (self->actions[i].id);
      g_free (self->actions[i].label);
    }
  g_free (self->title);
  g_free (self->body);
  g_free (self->without_actions);
  g_free (self->default_action);
  g_free (self);
}

LimberPopup *
limber_popup_copy (const LimberPopup *self)
{
  LimberPopup *copy = limber_popup_new (self->title, self->body, self->urgency);

  copy->without_actions = g_strdup (self->without_actions);
  copy->default_action = g_strdup (self->default_action);
  copy->value = self->value;
  copy->keep_on_screen = self->keep_on_screen;
  for (guint i = 0; i < self->n_actions; i++)
    limber_popup_add_action (copy, self->actions[i].id, self->actions[i].label);
  return copy;
}

void
limber_popup_add_action (LimberPopup *self, const char *id, const char *label)
{
  g_return_if_fail (self->n_actions < LIMBER_POPUP_MAX_ACTIONS);
  self->actions[self->n_actions].id = g_strdup (id);
  self->actions[self->n_actions].label = g_strdup (label);
  self->n_actions++;
}

const char *
limber_popup_get_label (const LimberPopup *self, const char *id)
{
  for (guint i = 0; i < self->n_actions; i++)
    if (g_strcmp0 (self->actions[i].id, id) == 0)
      return self->actions[i].label;
  return NULL;
}

/* The routine's steps, a line each; or the text the user wrote in the
 * routine setting, which then stands for it. */
static char *
break_body (const LimberConfig *config)
{
  const LimberSetting *setting = limber_settings_lookup ("routine");
  const LimberRoutine *routine
      = limber_config_routine_for (config, LIMBER_KIND_MICRO_BREAK);

  if (routine == NULL || !g_str_equal (config->routine, setting->default_text))
    return g_strdup (_ (config->routine));
  return limber_routine_format_list (routine, TRUE);
}

LimberPopup *
limber_popup_new_break (const LimberConfig *config, LimberUrgency urgency)
{
  g_autofree char *body = break_body (config);
  /* The title as configured; translated while it is the default (marked
   * in the settings table): gettext knows no other. */
  LimberPopup *self = limber_popup_new (_ (config->title), body, urgency);
  g_autofree char *length = limber_duration_format (config->break_length);
  g_autofree char *snooze = limber_duration_format (config->snooze);
  /* TRANSLATORS: a button; %s is a duration such as 5min. */
  g_autofree char *snooze_label = g_strdup_printf (_ ("Snooze %s"), snooze);

  self->without_actions = g_strdup_printf (
      _ ("Step away for %s and it counts as done. To be walked through "
         "it: limberctl routine start; to postpone: limberctl snooze; to "
         "skip: limberctl skip."),
      length);
  /* TRANSLATORS: a button of the pop-up: it walks you through the
   * routine. */
  limber_popup_add_action (self, "start", _ ("Start"));
  limber_popup_add_action (self, "snooze", snooze_label);
  /* TRANSLATORS: a button of the pop-up. */
  limber_popup_add_action (self, "skip", _ ("Skip"));
  /* A click on the pop-up starts the routine: it takes nothing done for
   * done. */
  self->default_action = g_strdup ("start");
  return self;
}
