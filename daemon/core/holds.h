/* Holds: anything that says "not now" to a break. A caller's lease
 * (Inhibit, limberctl pause --while), a call or a screen share, the
 * notification server's do-not-disturb: each is a hold with a kind, since
 * when it holds and, maybe, a deadline. The scheduler owns the rule (while
 * any hold is on a due break is not shown; when the last ends it is offered,
 * deferred); sources of holds just add and remove them.
 *
 * Pure and plain data, like the scheduler it is part of. Times are the
 * scheduler's (µs on its steady clock). */
#pragma once

#include <glib.h>

typedef enum
{
  /* The pause (Pause(), limberctl pause). It has a phase of its own in the
   * scheduler, since it also stops the work count; it is listed among the
   * holds with this kind. */
  LIMBER_HOLD_PAUSE,
  LIMBER_HOLD_LEASE, /* a client's Inhibit(), while its bus name lives */
  LIMBER_HOLD_CALL,  /* a microphone, camera or screen in use */
  LIMBER_HOLD_DND,   /* the notification server's do-not-disturb */
  LIMBER_N_HOLD_KINDS
} LimberHoldKind;

typedef struct
{
  guint32 id; /* the source's own, never 0 (a lease's cookie) */
  LimberHoldKind kind;
  gint64 since;
  gint64 until; /* G_MAXINT64: until it is ended */
} LimberHold;

/* More than any session needs; a source asks before it adds
 * (limber_holds_full()). */
#define LIMBER_MAX_HOLDS 64

typedef struct
{
  guint n;
  LimberHold holds[LIMBER_MAX_HOLDS];
} LimberHolds;

/* Adds @hold, or replaces the one with its id (keeping its @since). FALSE
 * when full. */
gboolean limber_holds_put (LimberHolds *self, const LimberHold *hold);
/* Removes hold @id; FALSE if there was none. */
gboolean limber_holds_remove (LimberHolds *self, guint32 id);
const LimberHold *limber_holds_find (const LimberHolds *self, guint32 id);
gboolean limber_holds_full (const LimberHolds *self);

/* Whether a hold keeps the user at work: during a call or a lease, time
 * without input is still work (listening is not a break). */
gboolean limber_holds_engaged (const LimberHolds *self);

/* Whether a hold of @kind is there. */
gboolean limber_holds_has_kind (const LimberHolds *self, LimberHoldKind kind);

/* The earliest deadline; G_MAXINT64 when none. */
gint64 limber_holds_next_expiry (const LimberHolds *self);

/* Removes one hold whose deadline is at or before @now, and gives its id;
 * FALSE when none is. */
gboolean limber_holds_pop_expired (LimberHolds *self, gint64 now, guint32 *id);

/* "pause", "lease", "call", "dnd". */
const char *limber_hold_kind_to_string (LimberHoldKind kind);
