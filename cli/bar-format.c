#include "bar-format.h"

#include <json-glib/json-glib.h>

#include "limber-duration.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "limber-time-format.h"
#include "terminal-text.h"

#define MINUTE 60

/* "12min", "1h 5min": whole minutes, rounded up, so that "break in 1min"
 * lasts until the break and the text changes once a minute. */
static char *
minutes_text (gint64 seconds)
{
  gint64 minutes = (MAX (seconds, 1) + MINUTE - 1) / MINUTE;
  return limber_duration_format ((guint64) minutes * MINUTE);
}

/* When minutes_text(@deadline - now) next differs, counting down. */
static gint64
next_minute_change (gint64 deadline, gint64 now)
{
  gint64 left = deadline - now;

  if (left <= 0)
    return G_MAXINT64;
  /* The text shows ceil(left / 60) minutes until left falls to the
   * multiple of 60 below it. */
  return now + ((left - 1) % MINUTE) + 1;
}

static int
percent_of (gint64 part, gint64 whole)
{
  if (whole <= 0)
    return 0;
  return (int) CLAMP (part * 100 / whole, 0, 100);
}

/* Held (a call, a lease) counts work too: a call is not a break. */
static gboolean
counts_work (const char *state)
{
  return g_str_equal (state, "active") || g_str_equal (state, "snoozed")
         || g_str_equal (state, "held");
}

void
limber_bar_line_compute (const LimberBarInput *input, gint64 now,
                         LimberBarLine *line)
{
  const char *state = input->state != NULL ? input->state : "active";
  gint64 worked = (gint64) input->worked;
  g_autofree char *today = NULL;
  g_autofree char *headline = NULL;

  *line = (LimberBarLine){ .next_change = G_MAXINT64 };
  if (!input->running)
    {
      line->text = g_strdup (_ ("off"));
      line->tooltip = g_strdup (_ ("limberd is not running (limberctl start)"));
      line->class_name = "stopped";
      return;
    }

  line->class_name = state;
  /* Work goes on counting between two changes from limberd only while the
   * user is active. */
  if (counts_work (state) && now > input->received)
    worked += now - input->received;
  line->percentage = percent_of (worked, (gint64) input->interval_min);
  today = g_strdup_printf (_ ("Today: %u taken, %u snoozed, %u skipped, "
                              "%u natural"),
                           input->taken, input->snoozed, input->skipped,
                           input->natural);
  if (input->deferred > 0)
    {
      g_autofree char *counts = g_steal_pointer (&today);
      today = g_strdup_printf (_ ("%s, %u deferred"), counts, input->deferred);
    }

  if (g_str_equal (state, "held"))
    {
      gint64 deadline = (gint64) input->next_break;
      if (deadline != 0 && deadline <= now)
        {
          line->percentage = 100;
          line->text = g_strdup (_ ("break held"));
          headline = g_strdup (_ ("Held: a break came due; it is offered when "
                                  "the hold (a call, a lease) ends."));
        }
      else
        {
          g_autofree char *left = minutes_text (deadline - now);
          line->text = g_strdup_printf (_ ("held, break in %s"), left);
          headline = g_strdup_printf (_ ("Held (a call, a lease): a break due "
                                         "in %s waits until the hold ends."),
                                      left);
          line->next_change = next_minute_change (deadline, now);
        }
    }
  else if (counts_work (state))
    {
      gint64 deadline = (gint64) input->next_break;
      g_autofree char *left = minutes_text (deadline - now);
      g_autofree char *clock = limber_format_clock (now, deadline);
      line->text = g_strdup_printf (_ ("break in %s"), left);
      headline = g_strdup_printf (_ ("%s: next break in %s, around %s."),
                                  g_str_equal (state, "snoozed") ? _ ("Snoozed")
                                                                 : _ ("Active"),
                                  left, clock);
      line->next_change = next_minute_change (deadline, now);
    }
  else if (g_str_equal (state, "idle"))
    {
      /* Not working: the work left stands still until limberd says more. */
      g_autofree char *left
          = minutes_text ((gint64) input->next_break - input->received);
      line->text = g_strdup_printf (_ ("idle, %s to go"), left);
      headline = g_strdup_printf (_ ("Idle: %s of work until the next break."),
                                  left);
    }
  else if (g_str_equal (state, "paused"))
    {
      if (input->paused_until == LIMBER_PAUSED_INDEFINITELY)
        {
          line->text = g_strdup (_ ("paused"));
          headline = g_strdup (_ ("Paused until resumed (limberctl resume)."));
        }
      else
        {
          g_autofree char *until
              = limber_format_clock (now, (gint64) input->paused_until);
          line->text = g_strdup_printf (_ ("paused until %s"), until);
          headline = g_strdup_printf (_ ("Paused until %s."), until);
        }
    }
  else if (g_str_equal (state, "due"))
    {
      line->percentage = 100;
      line->text = g_strdup (_ ("break due"));
      headline
          = g_strdup (_ ("Break due: it shows at the next pause in typing."));
    }
  else if (g_str_equal (state, "break"))
    {
      line->percentage = 100;
      line->text = g_strdup (_ ("break now"));
      headline = g_strdup (_ ("Break on screen."));
    }
  else if (g_str_equal (state, "overdue"))
    {
      line->percentage = 100;
      line->text = g_strdup (_ ("break overdue"));
      headline = g_strdup (_ ("Break overdue: time to stand up."));
    }
  else if (g_str_equal (state, "closed"))
    {
      line->percentage = 100;
      line->text = g_strdup (_ ("break: step away"));
      headline = g_strdup (_ ("Break seen: step away and it counts as done."));
    }
  else
    {
      /* A state this limberctl does not know: a newer limberd's. */
      line->text = limber_terminal_text (state, FALSE);
      headline = g_strdup_printf (_ ("State: %s."), line->text);
    }
  line->tooltip = g_strdup_printf ("%s\n%s", headline, today);
}

void
limber_bar_line_clear (LimberBarLine *line)
{
  g_clear_pointer (&line->text, g_free);
  g_clear_pointer (&line->tooltip, g_free);
}

char *
limber_bar_line_to_waybar (const LimberBarLine *line)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, line->text);
  json_builder_set_member_name (builder, "tooltip");
  json_builder_add_string_value (builder, line->tooltip);
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, line->class_name);
  /* waybar picks format-icons by alt. */
  json_builder_set_member_name (builder, "alt");
  json_builder_add_string_value (builder, line->class_name);
  json_builder_set_member_name (builder, "percentage");
  json_builder_add_int_value (builder, line->percentage);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
