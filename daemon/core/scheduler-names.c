/* The names of the scheduler's kinds, outcomes, ways of taking a break
 * and urgencies, as the bus, the history and the log spell them. */
#include "scheduler.h"

static const char *const kind_names[] = {
  [LIMBER_KIND_MICRO_BREAK] = "micro-break",
  [LIMBER_KIND_POSTURE_CHECK] = "posture-check",
  [LIMBER_KIND_STRETCH] = "stretch",
  [LIMBER_KIND_CHECKIN] = "checkin",
};

const char *
limber_kind_to_string (LimberBreakKind kind)
{
  g_return_val_if_fail (kind < LIMBER_N_KINDS, "unknown");
  return kind_names[kind];
}

gboolean
limber_kind_from_string (const char *name, LimberBreakKind *kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (kind_names[i], name))
      {
        *kind = (LimberBreakKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
limber_taken_to_string (LimberTaken taken)
{
  switch (taken)
    {
    case LIMBER_TAKEN_DONE:
      return "done";
    case LIMBER_TAKEN_COMPLETED:
      return "completed";
    case LIMBER_TAKEN_STOPPED:
      return "stopped";
    case LIMBER_TAKEN_WALKED_AWAY:
      return "walked-away";
    }
  g_return_val_if_reached ("unknown");
}

const char *
limber_outcome_to_string (LimberOutcome outcome)
{
  switch (outcome)
    {
    case LIMBER_OUTCOME_DONE:
      return "done";
    case LIMBER_OUTCOME_SNOOZED:
      return "snoozed";
    case LIMBER_OUTCOME_SKIPPED:
      return "skipped";
    case LIMBER_OUTCOME_NATURAL:
      return "natural";
    case LIMBER_OUTCOME_PAUSED:
      return "paused";
    case LIMBER_OUTCOME_EXPIRED:
      return "expired";
    case LIMBER_OUTCOME_CLOSED:
      return "closed";
    case LIMBER_OUTCOME_DEFERRED:
      return "deferred";
    default:
      g_return_val_if_reached ("unknown");
    }
}

const char *
limber_urgency_to_string (LimberUrgency urgency)
{
  switch (urgency)
    {
    case LIMBER_URGENCY_CRITICAL:
      return "critical";
    case LIMBER_URGENCY_LOW:
      return "low";
    case LIMBER_URGENCY_NORMAL:
    default:
      return "normal";
    }
}
