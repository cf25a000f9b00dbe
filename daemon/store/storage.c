#include "storage.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "scheduler.h"

/* The work counter alone is written at most this often. */
#define LAZY_SAVE_USEC (G_GINT64_CONSTANT (5) * 60 * G_USEC_PER_SEC)

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
  /* The state file as limberd last read or wrote it (a write renames a new
   * file into place): another file there is another limberd's, which
   * replaced this one; its state is newer, and this one no longer saves. */
  dev_t state_dev;
  ino_t state_ino;
  gboolean state_known, superseded;
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

static void
note_state_file (LimberStorage *self)
{
  GStatBuf st;

  self->state_known = g_lstat (self->state_path, &st) == 0;
  if (self->state_known)
    {
      self->state_dev = st.st_dev;
      self->state_ino = st.st_ino;
    }
}

/* Whether the state file is no longer the one this limberd read or wrote. */
static gboolean
state_file_replaced (LimberStorage *self)
{
  GStatBuf st;

  if (g_lstat (self->state_path, &st) != 0)
    return FALSE; /* gone: written afresh */
  return !self->state_known || st.st_dev != self->state_dev
         || st.st_ino != self->state_ino;
}

gboolean
limber_storage_load_state (LimberStorage *self, LimberStateRecord *record)
{
  g_autofree char *problem = NULL;
  gboolean found = limber_state_read (self->state_path, record, &problem);

  if (problem != NULL)
    g_warning ("%s", problem);
  note_state_file (self);
  if (found)
    {
      self->written = *record;
      self->have_written = TRUE;
    }
  return found;
}

typedef struct
{
  LimberHistoryVisitor visit;
  gpointer user_data;
  GArray *days; /* gint64: days since the epoch (UTC) with records */
} LoadContext;

static void
load_record (const LimberHistoryRecord *record, gpointer user_data)
{
  LoadContext *ctx = user_data;
  gint64 day = record->time / 86400;

  /* Mostly in order: a day is noted once when it changes. */
  if (ctx->days->len == 0
      || g_array_index (ctx->days, gint64, ctx->days->len - 1) != day)
    g_array_append_val (ctx->days, day);
  ctx->visit (record, ctx->user_data);
}

static int
compare_days (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gboolean
limber_storage_load_history (LimberStorage *self, LimberHistoryVisitor visit,
                             gpointer user_data, guint *bad_lines)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (gint64));
  LoadContext ctx = { visit, user_data, days };
  LimberHistoryScan scan;
  gint64 horizon;
  guint unique = 0;

  *bad_lines = 0;
  if (!limber_state_check_dir (self->dir, &error)
      || !limber_history_file_scan (self->history, load_record, &ctx, &scan,
                                    &error))
    {
      g_warning ("cannot read the break history: %s", error->message);
      return FALSE;
    }
  *bad_lines = scan.bad_lines;
  if (scan.bad_lines > 0)
    g_warning ("the break history has %u damaged lines; they are skipped",
               scan.bad_lines);
  g_array_sort (days, compare_days);
  for (guint i = 0; i < days->len; i++)
    if (unique == 0
        || g_array_index (days, gint64, i)
               != g_array_index (days, gint64, unique - 1))
      g_array_index (days, gint64, unique++) = g_array_index (days, gint64, i);
  horizon
      = limber_history_horizon ((const gint64 *) (gpointer) days->data, unique,
                                g_get_real_time () / G_USEC_PER_SEC / 86400);
  /* Bounded, and no damage kept once seen. */
  if (scan.bad_lines > 0
      || (horizon != G_MININT64 && scan.oldest < horizon * 86400))
    {
      if (!limber_history_file_compact (
              self->history, horizon != G_MININT64 ? horizon * 86400 : 0,
              &error))
        g_warning ("cannot compact the break history: %s", error->message);
    }
  return TRUE;
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

  /* Not through a link, nor into something that is not a directory. */
  gboolean dir_ok = (!self->state_pending
                     && !limber_history_file_has_pending (self->history))
                    || limber_state_make_dir (self->dir, &error);

  if (self->superseded)
    self->state_pending = FALSE;
  if (!dir_ok)
    {
      message = g_strdup_printf (_ ("cannot save: %s"), error->message);
      g_clear_error (&error);
    }
  else if (self->state_pending && !self->superseded
           && state_file_replaced (self))
    {
      g_message ("another limberd saved its state since this one did: "
                 "this one saves no more");
      self->superseded = TRUE;
      self->state_pending = FALSE;
    }
  else if (self->state_pending && !self->superseded)
    {
      if (limber_state_write (self->state_path, &self->state, &error))
        {
          note_state_file (self);
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
  if (dir_ok && !limber_history_file_flush (self->history, &error)
      && message == NULL)
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
