/* Durations in systemd's time-span syntax ("90s", "5min", "1h 30min",
 * "1h30m", "1.5h"), shared by the config file, D-Bus Set() and limberctl. */
#pragma once

#include <glib.h>

/* Parses @text into microseconds. Fails with LIMBER_ERROR_INVALID_ARGUMENT
 * on empty, negative, overflowing or malformed input, unknown units, and a
 * number without a unit (systemd would take seconds; a person typing "40"
 * for an interval means minutes), except a lone 0; the message says what
 * is accepted, or asks "did you mean 40min?". */
gboolean limber_duration_parse_usec (const char *text, guint64 *usec,
                                     GError **error);

/* As limber_duration_parse_usec(), for a whole number of seconds. */
gboolean limber_duration_parse (const char *text, guint64 *seconds,
                                GError **error);

/* Formats @seconds the way systemd does: "1h 30min", "45s", "2d 3h". */
char *limber_duration_format (guint64 seconds);
