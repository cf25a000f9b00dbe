#include "status-line.h"

#include "limber-duration.h"
#include "limber-i18n.h"
#include "limber-time-format.h"

static char *
format_clock (gint64 now_wall, gint64 wall)
{
  return limber_format_clock (now_wall / G_USEC_PER_SEC, wall / G_USEC_PER_SEC);
}

char *
limber_status_line (const char *state, gint64 now_wall, gint64 next_break_wall,
                    gint64 paused_until_wall, gint64 work_left_usec)
{
  if (g_str_equal (state, "paused"))
    {
      if (paused_until_wall == G_MAXINT64)
        return g_strdup (_ ("paused until resumed"));
      g_autofree char *until = format_clock (now_wall, paused_until_wall);
      return g_strdup_printf (_ ("paused until %s"), until);
    }
  if (g_str_equal (state, "held"))
    return g_strdup (_ ("held back (a call, a lease); a break due meanwhile "
                        "comes after"));
  if (g_str_equal (state, "closed"))
    return g_strdup (_ ("break seen, its pop-up closed"));
  if (g_str_equal (state, "due"))
    return g_strdup (_ ("break due, waiting for a pause in typing"));
  if (g_str_equal (state, "break") || g_str_equal (state, "overdue"))
    {
      g_autofree char *since = format_clock (now_wall, next_break_wall);
      return g_strdup_printf (g_str_equal (state, "overdue")
                                  ? _ ("overdue break on screen since %s")
                                  : _ ("break on screen since %s"),
                              since);
    }
  if (g_str_equal (state, "idle"))
    {
      g_autofree char *left
          = limber_duration_format ((guint64) work_left_usec / G_USEC_PER_SEC);
      return g_strdup_printf (_ ("idle, %s of work until the next break"),
                              left);
    }

  g_autofree char *next = format_clock (now_wall, next_break_wall);
  return g_strdup_printf (g_str_equal (state, "snoozed")
                              ? _ ("snoozed, next break around %s")
                              : _ ("next break around %s"),
                          next);
}
