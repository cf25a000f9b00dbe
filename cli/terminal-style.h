/* How limberctl fits and colours what it prints on a terminal, in the
 * usual way: the width from COLUMNS or the terminal; colour only on a
 * terminal, never with NO_COLOR set or TERM=dumb (and never in --json,
 * which does not ask). */
#pragma once

#include <glib.h>
#include <stdio.h>

/* Columns to fit output in: COLUMNS when it is a number, else the width of
 * the terminal @stream is, else 80. */
int limber_terminal_columns (FILE *stream);

typedef enum
{
  LIMBER_STYLE_GOOD,    /* green: all is well */
  LIMBER_STYLE_WAITING, /* yellow: due, snoozed, paused */
  LIMBER_STYLE_URGENT,  /* red: overdue, errors */
  LIMBER_STYLE_DIM,     /* faint: what matters less */
} LimberStyle;

/* Whether to colour what goes to @stream. */
gboolean limber_terminal_colour (FILE *stream);

/* @text in @style when @stream takes colour, else a copy of @text. */
char *limber_terminal_style (FILE *stream, LimberStyle style, const char *text);
