/* The pop-ups of the other kinds and of a guided break: what each says,
 * and the answers it offers. The micro-break's offer is popup.c's. */
#pragma once

#include "popup.h"
#include "stepper.h"

/* A posture check (Got it), a stretch session (Start, Snooze, Skip) or the
 * weekly check-in (quick ratings, Later), from @config's routines. */
LimberPopup *limber_popup_new_kind (const LimberConfig *config,
                                    LimberBreakKind kind,
                                    LimberUrgency urgency);

/* A step of @routine, as @view shows it: the step itself first (the one
 * line a banner is sure to show), then where it is and how long is left,
 * the cue, and on the first guided break the safety line; Next (also a
 * click) and Stop. The thanks once every step is done. */
LimberPopup *limber_popup_new_step (const LimberRoutine *routine,
                                    const LimberGuideView *view);

/* The check-in's quick answers: "rate-3" is a 3. FALSE for another id. */
gboolean limber_popup_rating_of (const char *action_id, guint *rating);
