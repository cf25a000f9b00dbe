#include "activity.h"

#include <glib/gi18n-lib.h>

#include "source-module.h"

struct _LimberActivity
{
  LimberActivityCallbacks callbacks;
  LimberActivityListener listener;
  /* In order of preference; logind last. */
  LimberActivitySource *sources[5];
  guint n_sources;
  LimberActivitySource *logind;
  char *forced;
  gint64 lull;
  gboolean started;

  /* The choice in force. */
  LimberActivitySource *primary, *idle, *lock, *sleep;
  LimberLullSensing lulls;
  char *name;
  char *reason;
  /* A source that could change the choice has not yet said whether it
   * is there: status says so rather than name a choice about to change. */
  gboolean choosing;
};

static gboolean
senses (LimberActivitySource *source, LimberSenses what)
{
  return source != NULL && source->available && (source->senses & what);
}

/* Whether a source not yet settled could still change the choice of
 * @primary: one ahead of it, or logind, which helps any. */
static gboolean
still_choosing (LimberActivity *self, LimberActivitySource *primary)
{
  gboolean before_primary = TRUE;

  if (g_str_equal (self->forced, "none"))
    return FALSE;
  for (guint i = 0; i < self->n_sources; i++)
    {
      LimberActivitySource *s = self->sources[i];
      gboolean eligible = g_str_equal (self->forced, "auto")
                          || g_str_equal (self->forced, s->klass->name);
      if (s == primary)
        before_primary = FALSE;
      if (!s->settled && (s == self->logind || (eligible && before_primary)))
        return TRUE;
    }
  return FALSE;
}

static void
add_senses (GString *text, const char *who, LimberSenses what)
{
  const char *names[3];
  guint n = 0;

  if (what & LIMBER_SENSES_IDLE)
    names[n++] = _ ("idle");
  if (what & LIMBER_SENSES_LOCK)
    names[n++] = _ ("the lock screen");
  if (what & LIMBER_SENSES_SLEEP)
    names[n++] = _ ("sleep");
  if (n == 0)
    return;
  if (text->len > 0)
    g_string_append (text, "; ");
  /* TRANSLATORS: "logind tells idle, the lock screen and sleep": who tells
     limberd which of these. */
  g_string_append_printf (text, _ ("%s tells %s"), who, names[0]);
  for (guint i = 1; i < n; i++)
    g_string_append_printf (
        text, "%s%s", i + 1 == n ? C_ ("list", " and ") : C_ ("list", ", "),
        names[i]);
}

/* Why the choice is what it is, for `limberctl status`. */
static char *
describe (LimberActivity *self)
{
  GString *text = g_string_new (NULL);
  LimberActivitySource *primary = self->primary;

  if (g_str_equal (self->forced, "none"))
    return g_string_free (
        g_string_append (
            text, _ ("activity-source is none: wall time while limberd runs")),
        FALSE);
  if (primary != NULL && primary != self->logind)
    {
      g_string_append (text, primary->detail != NULL ? primary->detail
                             : primary->klass->about ? _ (primary->klass->about)
                                                     : primary->klass->name);
      if (!g_str_equal (self->forced, "auto"))
        g_string_append_printf (text, _ (" (activity-source is %s)"),
                                self->forced);
    }
  else
    {
      /* What is missing, where a source can say. */
      for (guint i = 0; i < self->n_sources; i++)
        {
          LimberActivitySource *s = self->sources[i];
          if (s != self->logind && s->detail != NULL && !s->available
              && (g_str_equal (self->forced, "auto")
                  || g_str_equal (self->forced, s->klass->name)))
            g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "; " : "",
                                    s->klass->name, s->detail);
        }
      if (!g_str_equal (self->forced, "auto") && primary == NULL)
        {
          if (text->len > 0)
            g_string_append (text, "; ");
          g_string_append_printf (text, _ ("%s (activity-source) is not there"),
                                  self->forced);
        }
    }
  add_senses (text, "logind",
              (self->idle == self->logind ? LIMBER_SENSES_IDLE : 0)
                  | (self->lock == self->logind ? LIMBER_SENSES_LOCK : 0)
                  | (self->sleep == self->logind ? LIMBER_SENSES_SLEEP : 0));
  return g_string_free (text, FALSE);
}

static void
update_reason (LimberActivity *self)
{
  g_autofree char *reason = describe (self);

  if (g_strcmp0 (reason, self->reason) == 0)
    return;
  g_free (self->reason);
  self->reason = g_steal_pointer (&reason);
  if (self->callbacks.described != NULL)
    self->callbacks.described (self->callbacks.user_data);
}

static void
choose (LimberActivity *self)
{
  LimberActivitySource *primary = NULL, *idle, *lock, *sleep;
  LimberLullSensing lulls;
  g_autofree char *name = NULL;

  if (!g_str_equal (self->forced, "none"))
    for (guint i = 0; i < self->n_sources && primary == NULL; i++)
      if (self->sources[i]->available
          && (g_str_equal (self->forced, "auto")
              || g_str_equal (self->forced, self->sources[i]->klass->name)))
        primary = self->sources[i];

  /* logind fills in what the primary source cannot tell, unless it is
   * all turned off. */
  LimberActivitySource *helper
      = g_str_equal (self->forced, "none") ? NULL : self->logind;
  /* A forced source is not replaced for idle, only helped with the rest. */
  gboolean auto_choice = g_str_equal (self->forced, "auto");
  idle = senses (primary, LIMBER_SENSES_IDLE)                 ? primary
         : auto_choice && senses (helper, LIMBER_SENSES_IDLE) ? helper
                                                              : NULL;
  lock = senses (primary, LIMBER_SENSES_LOCK)  ? primary
         : senses (helper, LIMBER_SENSES_LOCK) ? helper
                                               : NULL;
  sleep = senses (primary, LIMBER_SENSES_SLEEP)  ? primary
          : senses (helper, LIMBER_SENSES_SLEEP) ? helper
                                                 : NULL;
  lulls = primary != NULL ? primary->klass->lulls : LIMBER_LULLS_UNSEEN;

  if (primary == NULL && (idle != NULL || lock != NULL || sleep != NULL))
    name = g_strdup ("logind");
  else if (primary == NULL)
    name = g_strdup ("none");
  else if (primary != self->logind
           && (idle == self->logind || lock == self->logind
               || sleep == self->logind))
    name = g_strconcat (primary->klass->name, "+logind", NULL);
  else
    name = g_strdup (primary->klass->name);

  if (primary == self->primary && idle == self->idle && lock == self->lock
      && sleep == self->sleep && lulls == self->lulls
      && g_strcmp0 (name, self->name) == 0)
    {
      /* Only the status shows it: the scheduler need not hear again. */
      gboolean choosing = still_choosing (self, primary);
      if (choosing != self->choosing)
        {
          self->choosing = choosing;
          self->callbacks.renamed (self->callbacks.user_data);
        }
      update_reason (self);
      return;
    }

  g_info ("activity from %s", name);
  self->choosing = still_choosing (self, primary);
  self->primary = primary;
  self->idle = idle;
  self->lock = lock;
  self->sleep = sleep;
  self->lulls = lulls;
  g_free (self->name);
  self->name = g_steal_pointer (&name);
  for (guint i = 0; i < self->n_sources; i++)
    {
      LimberActivitySource *s = self->sources[i];
      s->reporting = (s == idle ? LIMBER_SENSES_IDLE : 0)
                     | (s == lock ? LIMBER_SENSES_LOCK : 0)
                     | (s == sleep ? LIMBER_SENSES_SLEEP : 0);
    }

  g_clear_pointer (&self->reason, g_free);
  self->reason = describe (self);
  /* The scheduler forgets what the old sources said, then hears what the
   * new ones say now. */
  self->callbacks.changed (self->callbacks.user_data);
  for (guint i = 0; i < self->n_sources; i++)
    limber_activity_source_replay (self->sources[i]);
}

static void
on_source_changed (LimberActivitySource *source, gpointer user_data)
{
  LimberActivity *self = user_data;

  (void) source;
  if (self->started)
    choose (self);
}

static void
on_source_event (LimberActivitySource *source, LimberEventType type,
                 gint64 idle_usec, gpointer user_data)
{
  LimberActivity *self = user_data;

  /* An answer from a source that no longer sees lulls is stale. */
  if (type == LIMBER_EVENT_IDLE_TIME && source != self->primary)
    return;
  self->callbacks.event (type, idle_usec, self->callbacks.user_data);
}

/* An X display, and not Wayland's: under XWayland, X's idle time sees only
 * the input that goes to X windows, and would take typing in any other
 * window for idleness. */
static gboolean
x11_session (void)
{
  if (g_strcmp0 (g_getenv ("XDG_SESSION_TYPE"), "x11") == 0)
    return TRUE;
  if (g_getenv ("DISPLAY") == NULL)
    return FALSE;
  if (g_getenv ("WAYLAND_DISPLAY") != NULL
      || g_strcmp0 (g_getenv ("XDG_SESSION_TYPE"), "wayland") == 0)
    {
      g_info ("xsync: not used in a Wayland session, where X's idle time "
              "misses input to Wayland windows");
      return FALSE;
    }
  return TRUE;
}

LimberActivity *
limber_activity_new (const LimberActivityCallbacks *callbacks,
                     const char *forced, gint64 lull)
{
  LimberActivity *self = g_new0 (LimberActivity, 1);

  self->callbacks = *callbacks;
  self->listener = (LimberActivityListener){
    .changed = on_source_changed,
    .event = on_source_event,
    .user_data = self,
  };
  self->forced = g_strdup (forced);
  self->lull = lull;
  self->name = g_strdup ("none");
  gboolean x11 = x11_session ();

  (void) x11;

  self->choosing = TRUE;
  self->sources[self->n_sources++] = limber_source_mutter_new (&self->listener);
#ifdef LIMBER_HAVE_WAYLAND
  /* Everywhere but X11: a Wayland display may yet come (a user service
   * often starts before the compositor). Its library is loaded only once
   * one answers. */
  if (!x11)
    self->sources[self->n_sources++]
        = limber_source_wayland_new (&self->listener);
#endif
  self->sources[self->n_sources++]
      = limber_source_screensaver_new (&self->listener);
#ifdef LIMBER_HAVE_XSYNC
  if (x11)
    {
      LimberActivitySource *xsync
          = limber_source_module_load ("xsync", &self->listener);
      if (xsync != NULL)
        self->sources[self->n_sources++] = xsync;
    }
#endif
  self->logind = limber_source_logind_new (&self->listener);
  self->sources[self->n_sources++] = self->logind;
  for (guint i = 0; i < self->n_sources; i++)
    limber_activity_source_set_lull (self->sources[i], lull);
  return self;
}

void
limber_activity_free (LimberActivity *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_sources; i++)
    limber_activity_source_free (self->sources[i]);
  g_free (self->forced);
  g_free (self->name);
  g_free (self->reason);
  g_free (self);
}

void
limber_activity_start (LimberActivity *self)
{
  self->started = TRUE;
  for (guint i = 0; i < self->n_sources; i++)
    limber_activity_source_start (self->sources[i]);
  choose (self);
}

void
limber_activity_set_forced (LimberActivity *self, const char *forced)
{
  if (g_strcmp0 (forced, self->forced) == 0)
    return;
  g_free (self->forced);
  self->forced = g_strdup (forced);
  if (self->started)
    choose (self);
}

void
limber_activity_set_lull (LimberActivity *self, gint64 lull)
{
  self->lull = lull;
  for (guint i = 0; i < self->n_sources; i++)
    limber_activity_source_set_lull (self->sources[i], lull);
}

const char *
limber_activity_get_name (LimberActivity *self)
{
  return self->choosing ? "choosing" : self->name;
}

const char *
limber_activity_get_reason (LimberActivity *self)
{
  return self->reason != NULL ? self->reason : "";
}

LimberLullSensing
limber_activity_get_lulls (LimberActivity *self)
{
  return self->lulls;
}

gboolean
limber_activity_senses_sleep (LimberActivity *self)
{
  return self->sleep != NULL;
}

void
limber_activity_query_idle (LimberActivity *self)
{
  if (self->primary != NULL)
    limber_activity_source_query_idle (self->primary);
  else
    self->callbacks.event (LIMBER_EVENT_IDLE_TIME, 0,
                           self->callbacks.user_data);
}
