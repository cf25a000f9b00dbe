/* What a status bar shows of limberd: a short text, a tooltip, a class and
 * a percentage, for 'limberctl monitor --format waybar|text'. Pure: the
 * values and the time come in, the line and when it next changes go out,
 * so that a bar is told of a change without polling and the countdown is
 * redrawn only when its text would change (once a minute at most). */
#pragma once

#include <glib.h>

/* limberd's properties as last received, and when (seconds since the
 * epoch). */
typedef struct
{
  gboolean running; /* limberd owns its name */
  const char *state;
  guint64 next_break, paused_until, worked, interval_min;
  guint32 taken, snoozed, skipped, natural, deferred;
  gint64 received;
} LimberBarInput;

typedef struct
{
  char *text;             /* one line, a few words: "break in 12min" */
  char *tooltip;          /* a sentence or two, lines broken by \n */
  const char *class_name; /* the state ("active", "paused"…), or "stopped" */
  int percentage;         /* of interval-min worked, 0 to 100 */
  gint64 next_change;     /* when the text changes by itself, or G_MAXINT64 */
} LimberBarLine;

/* The line for @input at @now (seconds since the epoch). */
void limber_bar_line_compute (const LimberBarInput *input, gint64 now,
                              LimberBarLine *line);

void limber_bar_line_clear (LimberBarLine *line);

/* waybar's JSON for @line, one object on one line:
 * {"text": …, "tooltip": …, "class": …, "percentage": …}. */
char *limber_bar_line_to_waybar (const LimberBarLine *line);
