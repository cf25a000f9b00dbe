/* Spans of time for people: "12min 3s" under ten minutes, whole minutes
 * above ("1h 10min"), where seconds would only be noise. */
#pragma once

#include <glib.h>

/* @seconds below 0 count as 0. */
char *limber_format_span (gint64 seconds);
