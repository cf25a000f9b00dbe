/* Holds, on the shell's side: ids, who holds and why, the checks on what a
 * client asks, and the list limberctl status shows. The rule (what a hold
 * does to a break) is the scheduler's. */
#include "daemon-private.h"

#include <string.h>

#include "limber-duration.h"
#include "limber-error.h"
#include "limber-i18n.h"
#include "limber-names.h"

typedef struct
{
  char *who;
  char *reason;
} HoldNote;

static void
hold_note_free (gpointer data)
{
  HoldNote *note = data;

  g_free (note->who);
  g_free (note->reason);
  g_free (note);
}

static GHashTable *
notes (LimberDaemon *self)
{
  if (self->hold_notes == NULL)
    self->hold_notes = g_hash_table_new_full (NULL, NULL, NULL, hold_note_free);
  return self->hold_notes;
}

gboolean
limber_daemon_check_reason (const char *reason, GError **error)
{
  if (reason != NULL && strlen (reason) > LIMBER_MAX_REASON_BYTES)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("the reason is %zu bytes long; at most %d are allowed"),
                   strlen (reason), LIMBER_MAX_REASON_BYTES);
      return FALSE;
    }
  if (reason != NULL && !g_utf8_validate (reason, -1, NULL))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("the reason is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
}

guint32
limber_daemon_hold (LimberDaemon *self, LimberHoldKind kind, const char *who,
                    const char *reason, guint64 seconds, GError **error)
{
  HoldNote *note;
  guint32 id;

  g_return_val_if_fail (kind != LIMBER_HOLD_PAUSE, 0);
  if (!self->started)
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   _ ("limberd is still starting; try again"));
      return 0;
    }
  if (!limber_daemon_check_reason (reason, error))
    return 0;
  if (seconds > LIMBER_MAX_PAUSE_SECONDS)
    {
      g_autofree char *given = limber_duration_format (seconds);
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_INVALID_ARGUMENT,
                   _ ("a hold of %s is longer than the 31d allowed; give 0 "
                      "seconds to hold until released"),
                   given);
      return 0;
    }
  if (limber_holds_full (&self->scheduler.holds))
    {
      g_set_error (error, LIMBER_ERROR, LIMBER_ERROR_FAILED,
                   _ ("%d holds are on already; release one first"),
                   LIMBER_MAX_HOLDS);
      return 0;
    }
  /* Ids are not reused while limberd runs: a stale cookie finds nothing. */
  do
    id = ++self->last_hold_id;
  while (id == 0 || limber_holds_find (&self->scheduler.holds, id) != NULL);

  note = g_new0 (HoldNote, 1);
  note->who = g_strdup (who ? who : "");
  note->reason = g_strdup (reason ? reason : "");
  g_hash_table_insert (notes (self), GUINT_TO_POINTER (id), note);
  g_info ("held (%s) by %s%s%s", limber_hold_kind_to_string (kind), note->who,
          note->reason[0] ? ": " : "", note->reason);
  limber_daemon_feed (
      self, (LimberEvent){
                .type = LIMBER_EVENT_HOLD_BEGIN,
                .hold = { .id = id,
                          .kind = kind,
                          .until = seconds > 0 ? limber_clock_now ()
                                                     + (gint64) seconds
                                                           * LIMBER_USEC_PER_SEC
                                               : LIMBER_TIME_NEVER } });
  return id;
}

void
limber_daemon_release (LimberDaemon *self, guint32 id)
{
  if (limber_holds_find (&self->scheduler.holds, id) == NULL)
    return;
  limber_daemon_feed (self, (LimberEvent){ .type = LIMBER_EVENT_HOLD_END,
                                           .hold = { .id = id } });
  limber_daemon_forget_hold (self, id);
  limber_daemon_publish (self);
}

void
limber_daemon_hold_set_reason (LimberDaemon *self, guint32 id,
                               const char *reason)
{
  HoldNote *note = g_hash_table_lookup (notes (self), GUINT_TO_POINTER (id));

  if (note == NULL || g_strcmp0 (note->reason, reason) == 0)
    return;
  g_free (note->reason);
  note->reason = g_strdup (reason ? reason : "");
  limber_daemon_publish (self);
}

void
limber_daemon_hold_set_who (LimberDaemon *self, guint32 id, const char *who)
{
  HoldNote *note = g_hash_table_lookup (notes (self), GUINT_TO_POINTER (id));

  if (note == NULL || g_strcmp0 (note->who, who) == 0)
    return;
  g_free (note->who);
  note->who = g_strdup (who ? who : "");
  limber_daemon_publish (self);
}

void
limber_daemon_forget_hold (LimberDaemon *self, guint32 id)
{
  HoldNote *note = g_hash_table_lookup (notes (self), GUINT_TO_POINTER (id));

  if (note != NULL)
    g_info ("hold by %s ended", note->who);
  g_hash_table_remove (notes (self), GUINT_TO_POINTER (id));
}

GArray *
limber_daemon_list_holds (LimberDaemon *self)
{
  LimberHold holds[LIMBER_MAX_HOLDS + 1];
  guint n = limber_scheduler_list_holds (&self->scheduler, holds,
                                         G_N_ELEMENTS (holds));
  GArray *list = g_array_sized_new (FALSE, TRUE, sizeof (LimberHoldInfo), n);

  for (guint i = 0; i < n; i++)
    {
      HoldNote *note = holds[i].id == 0
                           ? NULL
                           : g_hash_table_lookup (
                               notes (self), GUINT_TO_POINTER (holds[i].id));
      LimberHoldInfo info = {
        .id = holds[i].id,
        .kind = holds[i].kind,
        .who = holds[i].id == 0 ? self->pause_who
               : note != NULL   ? note->who
                                : NULL,
        .reason = holds[i].id == 0 ? self->pause_reason
                  : note != NULL   ? note->reason
                                   : NULL,
        .since_wall = limber_clock_to_wall (holds[i].since),
        .until_wall = holds[i].until == LIMBER_TIME_NEVER
                          ? 0
                          : limber_clock_to_wall (holds[i].until),
      };
      if (info.who == NULL)
        info.who = "";
      if (info.reason == NULL)
        info.reason = "";
      g_array_append_val (list, info);
    }
  return list;
}

void
limber_daemon_configure_calls (LimberDaemon *self)
{
  limber_calls_configure (self->calls,
                          g_str_equal (self->config->call_detection, "on"),
                          self->config->call_ignore);
}

void
limber_daemon_on_calls (gpointer user_data)
{
  LimberDaemon *self = user_data;
  LimberCalls *calls = self->calls;
  g_autoptr (GError) error = NULL;

  if (limber_calls_is_busy (calls) && self->call_hold == 0)
    {
      self->call_hold = limber_daemon_hold (
          self, LIMBER_HOLD_CALL, limber_calls_get_who (calls),
          limber_calls_get_what (calls), 0, &error);
      if (self->call_hold == 0)
        g_warning ("cannot hold breaks during the call: %s", error->message);
    }
  else if (limber_calls_is_busy (calls))
    limber_daemon_hold_set_reason (self, self->call_hold,
                                   limber_calls_get_what (calls));
  else if (self->call_hold != 0)
    {
      limber_daemon_release (self, self->call_hold);
      self->call_hold = 0;
    }
  /* What is watched may have changed (PipeWire came or went). */
  limber_daemon_publish (self);
}

void
limber_daemon_on_dnd (gpointer user_data)
{
  LimberDaemon *self = user_data;
  const char *who = limber_dnd_get_who (self->dnd);
  g_autoptr (GError) error = NULL;

  /* The pop-up is held, not pushed into a hidden list nor through the
   * silence with critical urgency; the break is offered when it ends. */
  if (who != NULL && self->dnd_hold == 0)
    {
      self->dnd_hold = limber_daemon_hold (self, LIMBER_HOLD_DND, who,
                                           "do not disturb", 0, &error);
      if (self->dnd_hold == 0)
        g_warning ("cannot hold breaks while notifications are silenced: %s",
                   error->message);
    }
  else if (who != NULL)
    limber_daemon_hold_set_who (self, self->dnd_hold, who);
  else if (self->dnd_hold != 0)
    {
      limber_daemon_release (self, self->dnd_hold);
      self->dnd_hold = 0;
    }
}
