#include "popup-guide.h"

#include "limber-number.h"

#include "limber-safety.h"

#include <string.h>

/* The check-in's quick choices, where the server has buttons. */
static const struct
{
  guint rating;
  const char *label;
} quick_ratings[] = {
  { 1, "1 none" },   { 3, "3 mild" },   { 5, "5 some" },
  { 7, "7 strong" }, { 9, "9 severe" },
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
      "Weekly check-in: how is your back?",
      "Any discomfort in your upper back this week, from 1 (none) to 10 "
      "(the worst)? Your answers show beside your breaks in limberctl "
      "stats.",
      urgency);

  self->without_actions
      = g_strdup ("Answer with: limberctl checkin RATING (1 to 10).");
  for (gsize i = 0; i < G_N_ELEMENTS (quick_ratings); i++)
    {
      g_autofree char *id
          = g_strdup_printf ("rate-%u", quick_ratings[i].rating);
      limber_popup_add_action (self, id, quick_ratings[i].label);
    }
  limber_popup_add_action (self, "snooze", "Later");
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
      limber_popup_add_action (self, "done", "Got it");
      self->default_action = g_strdup ("done");
      return self;
    }
  self->without_actions
      = g_strdup ("To be walked through it: limberctl routine start; to "
                  "skip it: limberctl skip.");
  limber_popup_add_action (self, "start", "Start");
  limber_popup_add_action (self, "snooze", "Later");
  limber_popup_add_action (self, "skip", "Skip");
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
          "Well done: break taken",
          "Every step done. Back to work with loose shoulders.",
          LIMBER_URGENCY_NORMAL);
      self->value = 100;
      return self;
    }

  /* The step first: a banner may show one line of the body, and some
   * servers only the title. */
  g_string_append_printf (body, "Step %u of %u", view->step, view->n_steps);
  if (view->count > 0)
    g_string_append_printf (body, " · %u time%s", view->count,
                            view->count == 1 ? "" : "s");
  if (view->countdown[0] != '\0')
    g_string_append_printf (body, " · %s", view->countdown);
  else
    g_string_append (body, " · Next when you are done");
  if (view->cue != NULL)
    g_string_append_printf (body, "\n%s", view->cue);
  if (view->safety)
    g_string_append_printf (body, "\n%s", LIMBER_SAFETY_LINE);

  self = limber_popup_new (view->text, body->str, LIMBER_URGENCY_NORMAL);
  (void) routine;
  self->value = view->value;
  self->keep_on_screen = TRUE;
  self->without_actions
      = g_strdup ("limberctl routine next moves on; limberctl routine stop "
                  "ends it.");
  limber_popup_add_action (self, "next", "Next");
  limber_popup_add_action (self, "stop", "Stop");
  self->default_action = g_strdup ("next");
  return self;
}
