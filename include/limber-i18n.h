/* Translations: limberd and limberctl speak the user's language through
 * gettext, domain GETTEXT_PACKAGE ("limber"). Mark text with _() where it
 * is used, N_() in tables (translated where shown), and g_dngettext
 * (GETTEXT_PACKAGE, …) for counts. What programs read stays English:
 * --json, D-Bus names and values, files, config keys, monitor's events,
 * the journal. Durations meant to be typed ("5min",
 * limber_duration_format()) are input syntax and never translated. */
#pragma once

#include <glib/gi18n-lib.h>

/* setlocale() from the environment and the "limber" domain bound to the
 * installed catalogs, or to $LIMBER_LOCALEDIR (the tests' build tree). */
void limber_i18n_init (void);
