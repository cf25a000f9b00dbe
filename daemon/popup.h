/* What a pop-up says, apart from who shows it: a title, a plain-text body,
 * the answers offered, and what the server should know of it. The notifier
 * turns it into what a given notification server can show. */
#pragma once

#include "config.h"
#include "scheduler.h"

#define LIMBER_POPUP_MAX_ACTIONS 6

typedef struct
{
  char *id;    /* what comes back when it is chosen: "done", "snooze"… */
  char *label; /* what the button or menu entry says */
} LimberPopupAction;

typedef struct
{
  char *title;
  char *body; /* plain text; escaped by the notifier where markup is read */
  /* Added to the body where the server shows no buttons: how to answer
   * without them. */
  char *without_actions;
  LimberUrgency urgency;
  guint n_actions;
  LimberPopupAction actions[LIMBER_POPUP_MAX_ACTIONS];
  /* The action a click on the pop-up itself means (the spec's "default"
   * action); NULL for none. */
  char *default_action;
  int value; /* progress, 0 to 100; -1 for none */
  /* A routine being followed: to stay on screen as long as its step lasts,
   * where the server would otherwise take a normal banner away. */
  gboolean keep_on_screen;
} LimberPopup;

LimberPopup *limber_popup_new (const char *title, const char *body,
                               LimberUrgency urgency);
void limber_popup_free (LimberPopup *self);
LimberPopup *limber_popup_copy (const LimberPopup *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberPopup, limber_popup_free)

void limber_popup_add_action (LimberPopup *self, const char *id,
                              const char *label);
/* The label offered for @id, or NULL. */
const char *limber_popup_get_label (const LimberPopup *self, const char *id);

/* The micro-break pop-up as @config words it: its routine, step by step
 * (or the routine text the user set), with Start (also a click on the
 * pop-up), Snooze and Skip. */
LimberPopup *limber_popup_new_break (const LimberConfig *config,
                                     LimberUrgency urgency);
