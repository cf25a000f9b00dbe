/* limberctl stats: the break history by day, as a table with a small bar
 * chart of work, or JSON. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "commands.h"
#include "json-output.h"
#include "limber-i18n.h"
#include "limber-names.h"
#include "span-format.h"
#include "terminal-style.h"
#include "terminal-text.h"

/* The table before the bar: the day (12 characters), the columns
 * (COLUMNS, each as wide as its header or its numbers), then "  " and the
 * bar. The deferred column only where a break was deferred, the check-in
 * ratings only where there are some. */
#define LABEL_WIDTH 12
enum
{
  COLUMN_TAKEN,
  COLUMN_SNOOZED,
  COLUMN_SKIPPED,
  COLUMN_NATURAL,
  COLUMN_DEFERRED,
  COLUMN_WORK,
  COLUMN_LONGEST,
  COLUMN_RATING,
  N_COLUMNS
};
static const struct
{
  const char *header;
  int width; /* at least, for the numbers */
} columns[N_COLUMNS] = {
  [COLUMN_TAKEN] = { N_ ("taken"), 5 },
  [COLUMN_SNOOZED] = { N_ ("snoozed"), 7 },
  [COLUMN_SKIPPED] = { N_ ("skipped"), 7 },
  [COLUMN_NATURAL] = { N_ ("natural"), 7 },
  [COLUMN_DEFERRED] = { N_ ("deferred"), 8 },
  [COLUMN_WORK] = { N_ ("work"), 9 },
  [COLUMN_LONGEST] = { N_ ("longest"), 8 },
  /* After two spaces rather than one. */
  [COLUMN_RATING] = { N_ ("rating"), 7 },
};
/* The bar at most, however wide the terminal. */
#define BAR_MAX 24

typedef struct
{
  const char *date;
  guint32 shown, taken, snoozed, skipped, natural, deferred;
  guint32 stretches, posture, completed, rating;
  guint64 active, longest;
} Day;

static void
read_day (GVariant *dict, Day *day)
{
  *day = (Day){ .date = "?" };
  g_variant_lookup (dict, "date", "&s", &day->date);
  g_variant_lookup (dict, "shown", "u", &day->shown);
  g_variant_lookup (dict, "taken", "u", &day->taken);
  g_variant_lookup (dict, "snoozed", "u", &day->snoozed);
  g_variant_lookup (dict, "skipped", "u", &day->skipped);
  g_variant_lookup (dict, "natural", "u", &day->natural);
  g_variant_lookup (dict, "deferred", "u", &day->deferred);
  g_variant_lookup (dict, "stretches", "u", &day->stretches);
  g_variant_lookup (dict, "posture-checks", "u", &day->posture);
  g_variant_lookup (dict, "completed", "u", &day->completed);
  g_variant_lookup (dict, "rating", "u", &day->rating);
  g_variant_lookup (dict, "active", "t", &day->active);
  g_variant_lookup (dict, "longest", "t", &day->longest);
}

/* "Thu 19 Nov" for a YYYY-MM-DD date, "Today" for today's. */
static char *
day_label (const char *date, gboolean is_today)
{
  int y, m, d;
  g_autoptr (GDateTime) when = NULL;

  if (is_today)
    return g_strdup (_ ("Today"));
  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3
      || (when = g_date_time_new_local (y, m, d, 12, 0, 0)) == NULL)
    return g_strdup (date);
  return g_date_time_format (when, "%a %e %b");
}

/* Minutes a bar block stands for: a round number that fits the busiest
 * day in @width blocks. */
static guint64
bar_unit (guint64 most_active, int width)
{
  static const guint64 units[] = { 5, 10, 15, 20, 30, 60, 120, 240 };

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    if (most_active <= units[i] * 60 * (guint64) width)
      return units[i];
  return 480;
}

/* " @text", right-aligned in @width characters, or left-aligned in
 * -@width (printf pads bytes, and a translation's headers are not
 * ASCII). */
static void
print_cell (const char *text, int width)
{
  int pad = ABS (width) - (int) g_utf8_strlen (text, -1);

  if (width < 0)
    printf ("%s%*s", text, MAX (pad, 0), "");
  else
    printf (" %*s%s", MAX (pad, 0), "", text);
}

static void
print_human (GVariant *by_day, GVariant *summary)
{
  gsize n = g_variant_n_children (by_day);
  guint64 most = 0, unit;
  guint32 streak = 0, damaged = 0;
  guint32 completed = 0, stretches = 0, posture = 0;
  const char *advice = "";
  gboolean ratings = FALSE;
  gboolean deferrals = FALSE;
  gboolean shown_columns[N_COLUMNS];
  int widths[N_COLUMNS];
  int table_width = LABEL_WIDTH;
  int width;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GVariant) dict = g_variant_get_child_value (by_day, i);
      Day day;
      read_day (dict, &day);
      most = MAX (most, day.active);
      deferrals = deferrals || day.deferred > 0;
      ratings = ratings || day.rating > 0;
    }
  for (int c = 0; c < N_COLUMNS; c++)
    {
      shown_columns[c] = (c != COLUMN_DEFERRED || deferrals)
                         && (c != COLUMN_RATING || ratings);
      widths[c] = MAX (columns[c].width,
                       (int) g_utf8_strlen (_ (columns[c].header), -1));
      if (shown_columns[c])
        table_width += 1 + widths[c];
    }
  /* The bar takes what the terminal has left; none on a narrow one. */
  width = MIN (BAR_MAX, limber_terminal_columns (stdout) - table_width - 3);
  width = width >= 4 ? width : 0;
  unit = bar_unit (most, MAX (width, 1));
  printf (g_dngettext (GETTEXT_PACKAGE, "Breaks over the last %zu day",
                       "Breaks over the last %zu days", (gulong) n),
          n);
  if (width > 0)
    printf (_ (" (bar: one block for %u min of work)"), (guint) unit);
  printf ("\n");
  print_cell ("", -LABEL_WIDTH);
  for (int c = 0; c < N_COLUMNS; c++)
    if (shown_columns[c])
      print_cell (_ (columns[c].header), widths[c]);
  printf ("\n");
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GVariant) dict = g_variant_get_child_value (by_day, i);
      Day day;
      read_day (dict, &day);
      g_autofree char *label = day_label (day.date, i == n - 1);
      g_autofree char *shown = limber_terminal_text (label, FALSE);
      g_autofree char *work = limber_format_span ((gint64) day.active);
      g_autofree char *longest = limber_format_span ((gint64) day.longest);
      guint64 blocks = (day.active + unit * 60 / 2) / (unit * 60);
      g_autoptr (GString) bar = g_string_new (NULL);
      for (guint64 b = 0; b < MIN (blocks, (guint64) width); b++)
        g_string_append (bar, "█");
      g_autofree char *styled
          = limber_terminal_style (stdout, LIMBER_STYLE_GOOD, bar->str);
      g_autofree char *rating = day.rating > 0
                                    ? g_strdup_printf ("%u/10", day.rating)
                                    : g_strdup ("-");
      const guint32 counts[]
          = { day.taken, day.snoozed, day.skipped, day.natural, day.deferred };
      print_cell (shown, -LABEL_WIDTH);
      for (int c = COLUMN_TAKEN; c <= COLUMN_DEFERRED; c++)
        if (shown_columns[c])
          {
            g_autofree char *number = g_strdup_printf ("%u", counts[c]);
            print_cell (number, widths[c]);
          }
      print_cell (day.active > 0 ? work : "-", widths[COLUMN_WORK]);
      print_cell (day.longest > 0 ? longest : "-", widths[COLUMN_LONGEST]);
      if (ratings)
        print_cell (rating, widths[COLUMN_RATING]);
      printf ("%s%s\n", bar->len > 0 ? "  " : "", bar->len > 0 ? styled : "");
      completed += day.completed;
      stretches += day.stretches;
      posture += day.posture;
    }
  if (completed + stretches + posture > 0)
    printf (_ ("Guided routines followed to the end: %u; stretch sessions: "
               "%u; posture checks: %u.\n"),
            completed, stretches, posture);
  g_variant_lookup (summary, "streak", "u", &streak);
  g_variant_lookup (summary, "damaged-lines", "u", &damaged);
  if (streak > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "Streak: %u working day in a row with every break "
                         "taken.\n",
                         "Streak: %u working days in a row with every break "
                         "taken.\n",
                         streak),
            streak);
  else
    printf (_ ("Streak: none yet; a working day with no break skipped starts "
               "one.\n"));
  if (damaged > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "(%u damaged line of the history was skipped.)\n",
                         "(%u damaged lines of the history were skipped.)\n",
                         damaged),
            damaged);
  g_variant_lookup (summary, "advice", "&s", &advice);
  if (advice[0] != '\0')
    {
      g_autofree char *shown = limber_terminal_text (advice, FALSE);
      g_autofree char *styled
          = limber_terminal_style (stdout, LIMBER_STYLE_URGENT, shown);
      printf ("%s\n", styled);
    }
}

static void
add_uint (JsonBuilder *builder, const char *member, guint64 value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, (gint64) value);
}

static void
print_json (GVariant *by_day, GVariant *summary)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  guint32 streak = 0, damaged = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < g_variant_n_children (by_day); i++)
    {
      g_autoptr (GVariant) dict = g_variant_get_child_value (by_day, i);
      Day day;
      read_day (dict, &day);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, day.date);
      add_uint (builder, "shown", day.shown);
      add_uint (builder, "taken", day.taken);
      add_uint (builder, "snoozed", day.snoozed);
      add_uint (builder, "skipped", day.skipped);
      add_uint (builder, "natural", day.natural);
      add_uint (builder, "deferred", day.deferred);
      add_uint (builder, "stretches", day.stretches);
      add_uint (builder, "posture_checks", day.posture);
      add_uint (builder, "routines_completed", day.completed);
      json_builder_set_member_name (builder, "rating");
      if (day.rating > 0)
        json_builder_add_int_value (builder, day.rating);
      else
        json_builder_add_null_value (builder);
      add_uint (builder, "active_seconds", day.active);
      add_uint (builder, "longest_stretch_seconds", day.longest);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  g_variant_lookup (summary, "streak", "u", &streak);
  g_variant_lookup (summary, "damaged-lines", "u", &damaged);
  add_uint (builder, "streak_days", streak);
  add_uint (builder, "damaged_history_lines", damaged);
  const char *advice = "";
  g_variant_lookup (summary, "advice", "&s", &advice);
  json_builder_set_member_name (builder, "advice");
  if (advice[0] != '\0')
    json_builder_add_string_value (builder, advice);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  limber_print_json (builder, TRUE);
}

/* --days as text, checked in the command: GOption's own errors for an int
 * do not say what is accepted. */
static char *stats_days;
static gboolean stats_json;

const GOptionEntry limber_stats_options[] = {
  { "days", 'd', 0, G_OPTION_ARG_STRING, &stats_days,
    N_ ("How many days (1 to 366)"), "N" },
  { "json", 'j', 0, G_OPTION_ARG_NONE, &stats_json,
    N_ ("Print JSON, for scripts"), NULL },
  { NULL },
};

int
limber_cmd_stats (int argc, char **argv)
{
  gboolean json = stats_json;
  g_autofree char *days_text = g_steal_pointer (&stats_days);
  guint64 days = 7;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) by_day = NULL;
  g_autoptr (GVariant) summary = NULL;
  g_autoptr (GError) error = NULL;

  (void) argc;
  (void) argv;
  if (days_text != NULL
      && !g_ascii_string_to_unsigned (days_text, 10, 1, 366, &days, NULL))
    {
      g_autofree char *safe = g_utf8_make_valid (days_text, -1);
      return limber_usage_error (
          "stats", _ ("--days takes a whole number from 1 to 366, not '%s'"),
          safe);
    }

  bus = limber_client_connect (&error);
  if (bus != NULL)
    reply = limber_client_call (bus, "GetStats",
                                g_variant_new ("(u)", (guint32) days), &error);
  if (reply == NULL)
    return limber_client_fail ("stats", error);
  g_variant_get (reply, "(@aa{sv}@a{sv})", &by_day, &summary);

  if (json)
    print_json (by_day, summary);
  else
    print_human (by_day, summary);
  return LIMBER_EXIT_OK;
}
