#include "storage.h"

#include <glib/gi18n-lib.h>

#include "scheduler.h"

/* The work counter alone is written at most this often. */
#define LAZY_SAVE_USEC (G_GINT64_CONSTANT (5) * 60 * G_USEC_PER_SEC)
/* History is kept this long. */
#define HISTORY_DAYS 400

typedef struct
{
  LimberSavedFunc func;
  gpointer user_data;
} Waiter;

struct _LimberStorage
{
  char *dir;
  char *state_path;
  LimberHistoryFile *history;
  LimberSavedFunc error_changed;
  gpointer user_data;

  LimberStateRecord state, written;
  gboolean state_pending, have_written;
  gint64 written_at; /* monotonic µs */
  guint flush_source;
  GArray *waiting; /* Waiter, each to be told once pending writes are done */
  char *error;
};

LimberStorage *
limber_storage_new (const char *dir, LimberSavedFunc error_changed,
                    gpointer user_data)
{
  LimberStorage *self = g_new0 (LimberStorage, 1);
  g_autofree char *history_path = g_build_filename (dir, "history", NULL);

  self->dir = g_strdup (dir);
  self->state_path = g_build_filename (dir, "state", NULL);
  self->history = limber_history_file_new (history_path);
  self->error_changed = error_changed;
  self->user_data = user_data;
  self->waiting = g_array_new (FALSE, FALSE, sizeof (Waiter));
  self->error = g_strdup ("");
  return self;
}

void
limber_storage_free (LimberStorage *self)
{
  if (self == NULL)
    return;
  limber_storage_flush (self);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_array_unref (self->waiting);
  limber_history_file_free (self->history);
  g_free (self->state_path);
  g_free (self->dir);
  g_free (self->error);
  g_free (self);
}

static void
set_error (LimberStorage *self, const char *message)
{
  if (g_strcmp0 (message, self->error) == 0)
    return;
  if (message[0] != '\0')
    g_warning ("%s", message);
  else
    g_message ("saving works again");
  g_free (self->error);
  self->error = g_strdup (message);
  self->error_changed (self->user_data);
}

gboolean
limber_storage_load_state (LimberStorage *self, LimberStateRecord *record)
{
  g_autofree char *problem = NULL;
  gboolean found = limber_state_read (self->state_path, record, &problem);

  if (problem != NULL)
    g_warning ("%s", problem);
  if (found)
    {
      self->written = *record;
      self->have_written = TRUE;
    }
  return found;
}

GArray *
limber_storage_read_history (LimberStorage *self, guint *bad_lines)
{
  g_autoptr (GError) error = NULL;
  GArray *records = limber_history_file_read (self->history, bad_lines, &error);
  gint64 newest = 0, oldest = G_MAXINT64, horizon;

  if (records == NULL)
    {
      g_warning ("cannot read the break history: %s", error->message);
      return NULL;
    }
  if (*bad_lines > 0)
    g_warning ("the break history has %u damaged lines; they are skipped",
               *bad_lines);
  for (guint i = 0; i < records->len; i++)
    {
      gint64 t = g_array_index (records, LimberHistoryRecord, i).time;
      newest = MAX (newest, t);
      oldest = MIN (oldest, t);
    }
  /* A year and a bit back from now, or from the newest record if that is
   * older: a clock set years ahead for a moment must not wipe the
   * history. */
  horizon = MIN (g_get_real_time () / G_USEC_PER_SEC, newest)
            - (gint64) HISTORY_DAYS * 86400;
  /* Bounded, and no damage kept once seen. */
  if (*bad_lines > 0 || oldest < horizon)
    {
      if (!limber_history_file_compact (self->history, horizon, &error))
        g_warning ("cannot compact the break history: %s", error->message);
    }
  return records;
}

/* Whether @a, newer than @b, differs in more than the work counter's
 * growth. */
static gboolean
differs (const LimberStateRecord *a, const LimberStateRecord *b)
{
  const LimberSavedState *x = &a->scheduler, *y = &b->scheduler;
  gint64 x_pause_end = x->pause_left > 0 ? a->saved_at + x->pause_left : 0;
  gint64 y_pause_end = y->pause_left > 0 ? b->saved_at + y->pause_left : 0;

  /* A counter that went down was reset by a break (a skip, say), which a
   * restart must not undo. */
  return x->worked < y->worked || x->phase != y->phase
         || x->accruing != y->accruing || x->snoozed != y->snoozed
         || x->window_start != y->window_start || x->window_end != y->window_end
         || x->closed != y->closed || x->closed_worked != y->closed_worked
         || (x->pause_left < 0) != (y->pause_left < 0)
         || ABS (x_pause_end - y_pause_end) > G_USEC_PER_SEC;
}

static gboolean
on_flush (gpointer user_data)
{
  LimberStorage *self = user_data;

  self->flush_source = 0;
  limber_storage_flush (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (LimberStorage *self)
{
  /* At low priority: the calls already queued are handled first and share
   * this one write. */
  if (self->flush_source == 0)
    self->flush_source = g_idle_add_full (G_PRIORITY_LOW, on_flush, self, NULL);
}

void
limber_storage_set_state (LimberStorage *self, const LimberStateRecord *record)
{
  self->state = *record;
  if (!self->have_written || differs (record, &self->written)
      || g_get_monotonic_time () - self->written_at >= LAZY_SAVE_USEC)
    {
      self->state_pending = TRUE;
      schedule_flush (self);
    }
}

void
limber_storage_save_state_now (LimberStorage *self,
                               const LimberStateRecord *record)
{
  self->state = *record;
  self->state_pending = TRUE;
  limber_storage_flush (self);
}

void
limber_storage_add_history (LimberStorage *self,
                            const LimberHistoryRecord *record)
{
  limber_history_file_add (self->history, record);
  schedule_flush (self);
}

void
limber_storage_when_saved (LimberStorage *self, LimberSavedFunc func,
                           gpointer user_data)
{
  Waiter waiter = { func, user_data };

  if (!self->state_pending && !limber_history_file_has_pending (self->history))
    {
      func (user_data);
      return;
    }
  g_array_append_val (self->waiting, waiter);
  schedule_flush (self);
}

void
limber_storage_flush (LimberStorage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) waiting = NULL;
  g_autofree char *message = NULL;

  if (self->state_pending)
    {
      if (limber_state_write (self->state_path, &self->state, &error))
        {
          self->state_pending = FALSE;
          self->written = self->state;
          self->have_written = TRUE;
          self->written_at = g_get_monotonic_time ();
        }
      else
        message
            = g_strdup_printf (_ ("cannot save the state: %s"), error->message);
      g_clear_error (&error);
    }
  if (!limber_history_file_flush (self->history, &error) && message == NULL)
    message = g_strdup_printf (_ ("cannot save the break history: %s"),
                               error->message);
  set_error (self, message != NULL ? message : "");

  /* The changes were carried out; whether the disk kept them is said in
   * the error, for limberctl status, rather than failing the call. */
  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_array_new (FALSE, FALSE, sizeof (Waiter));
  for (guint i = 0; i < waiting->len; i++)
    {
      Waiter *w = &g_array_index (waiting, Waiter, i);
      w->func (w->user_data);
    }
}

const char *
limber_storage_get_error (LimberStorage *self)
{
  return self->error;
}
