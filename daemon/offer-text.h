/* What the pop-up says when it is not the usual break: the break that a
 * call or a lease held back, offered once it is over. */
#pragma once

#include <glib.h>

/* "You missed a micro-break 12 minutes ago — take it now?", for a break
 * that came due @ago µs ago. */
char *limber_deferred_title (gint64 ago);
