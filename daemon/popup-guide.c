#include "popup-guide.h"

#include "limber-i18n.h"
#include "limber-number.h"
#include "limber-safety.h"

#include <string.h>

/* The check-in's quick choices, where the server has buttons. */
static const struct
{
  guint rating;
  const char *label;
} quick_ratings[] = {
  /* TRANSLATORS: the check-in's quick answers, buttons: a rating and a
   * word for it. */
  { 1, N_ ("1 none") },   { 3, N_ ("3 mild") },   { 5, N_ ("5 some") },
  { 7, N_ ("7 strong") }, { 9, N_ ("9 severe") },
};

gboolean
limber_popup_rating_of (const char *action_id, guint *rating)
{
  guint64 n;

  if (!g_str_has_prefix (action_id, "rate-")
      || !limber_parse_number (action_id + 5, 1, 10, &n))
    return FALSE;
  *rating = (guint) n;
  return TRUE;
}

static LimberPopup *
new_checkin (LimberUrgency urgency)
{
  LimberPopup *self = limber_popup_new (
      _ ("Weekly check-in: how is your back?"),
      _ ("Any discomfort in your upper back this week, from 1 (none) to 10 "
         "(the worst)? Your answers show beside your breaks in limberctl "
         "stats."),
      urgency);

  self->without_actions
      = g_strdup (_ ("Answer with: limberctl checkin RATING (1 to 10)."));
  for (gsize i = 0; i < G_N_ELEMENTS (quick_ratings); i++)
    {
      g_autofree char *id
          = g_strdup_printf ("rate-%u", quick_ratings[i].rating);
      limber_popup_add_action (self, id, _ (quick_ratings[i].label));
    }
  /* TRANSLATORS: a button: ask again later. */
  limber_popup_add_action (self, "snooze", _ ("Later"));
  return self;
}

LimberPopup *
limber_popup_new_kind (const LimberConfig *config, LimberBreakKind kind,
                       LimberUrgency urgency)
{
  const LimberRoutine *routine = limber_config_routine_for (config, kind);
  g_autofree char *list = NULL;
  LimberPopup *self;

  if (kind == LIMBER_KIND_MICRO_BREAK)
    return limber_popup_new_break (config, urgency);
  if (kind == LIMBER_KIND_CHECKIN || routine == NULL)
    return new_checkin (urgency);

  list
      = limber_routine_format_list (routine, kind != LIMBER_KIND_POSTURE_CHECK);
  self = limber_popup_new (
      routine->title != NULL ? routine->title : routine->name, list, urgency);
  if (kind == LIMBER_KIND_POSTURE_CHECK)
    {
      /* A glance: nothing to do but read it; it goes by itself. */
      /* TRANSLATORS: the posture check's button: seen. */
      limber_popup_add_action (self, "done", _ ("Got it"));
      self->default_action = g_strdup ("done");
      return self;
    }
  self->without_actions
      = g_strdup (_ ("To be walked through it: limberctl routine start; to "
                     "skip it: limberctl skip."));
  limber_popup_add_action (self, "start", _ ("Start"));
  limber_popup_add_action (self, "snooze", _ ("Later"));
  limber_popup_add_action (self, "skip", _ ("Skip"));
  self->default_action = g_strdup ("start");
  return self;
}

LimberPopup *
limber_popup_new_step (const LimberRoutine *routine,
                       const LimberGuideView *view)
{
  g_autoptr (GString) body = g_string_new (NULL);
  LimberPopup *self;

  if (view->phase == LIMBER_GUIDE_THANKS)
    {
      self = limber_popup_new (
          _ ("Well done: break taken"),
          _ ("Every step done. Back to work with loose shoulders."),
          LIMBER_URGENCY_NORMAL);
      self->value = 100;
      return self;
    }

  /* The step first: a banner may show one line of the body, and some
   * servers only the title. */
  g_string_append_printf (body, _ ("Step %u of %u"), view->step, view->n_steps);
  if (view->count > 0)
    {
      g_string_append (body, " · ");
      g_string_append_printf (
          body,
          g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", view->count),
          view->count);
    }
  g_string_append (body, " · ");
  g_string_append (body, view->countdown[0] != '\0'
                             ? view->countdown
                             : _ ("Next when you are done"));
  if (view->cue != NULL)
    g_string_append_printf (body, "\n%s", view->cue);
  if (view->safety)
    g_string_append_printf (body, "\n%s", _ (LIMBER_SAFETY_LINE));

  self = limber_popup_new (view->text, body->str, LIMBER_URGENCY_NORMAL);
  (void) routine;
  self->value = view->value;
  self->keep_on_screen = TRUE;
  self->without_actions
      = g_strdup (_ ("limberctl routine next moves on; limberctl routine "
                     "stop ends it."));
  /* TRANSLATORS: buttons of a step of the guided routine. */
  limber_popup_add_action (self, "next", _ ("Next"));
  limber_popup_add_action (self, "stop", _ ("Stop"));
  self->default_action = g_strdup ("next");
  return self;
}
