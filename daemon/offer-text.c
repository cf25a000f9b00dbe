#include "offer-text.h"

#include "limber-i18n.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

char *
limber_deferred_title (gint64 ago)
{
  gint64 minutes = MAX (0, ago) / MINUTE;

  if (minutes < 1)
    return g_strdup (_ ("You missed a micro-break a moment ago — take it "
                        "now?"));
  /* Whole sentences for each, so that a translation may put the time
   * where its language wants it. */
  if (minutes < 120)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "You missed a micro-break %d minute ago — take it now?",
                     "You missed a micro-break %d minutes ago — take it now?",
                     (gulong) minutes),
        (int) minutes);
  /* Hours: the holds last a day at most (a pause 31 days). */
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "You missed a micro-break %d hour ago — take it now?",
                   "You missed a micro-break %d hours ago — take it now?",
                   (gulong) (minutes / 60)),
      (int) MIN (minutes / 60, G_MAXINT));
}
