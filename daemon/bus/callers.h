/* Who calls limberd: the user behind each unique name on the session bus,
 * asked of the bus without blocking, and whether a call may be served.
 *
 * The session bus admits only its own user; this check is defence in depth
 * for a bus configured to let others in. A caller that does not wait for
 * the reply (dbus-send without --print-reply, busctl --expect-reply=no: what
 * keybindings run) may have left the bus before the bus can name its user.
 * So each caller's user is asked as its name appears on the bus, before
 * its calls arrive, and kept until the name vanishes; a call waits for the
 * answer (never blocking the main loop). A caller that left before the bus
 * could answer is served unless another user has been seen on this bus, in
 * which case it is refused like any call the bus cannot vouch for. Every
 * refusal is logged. */
#pragma once

#include <gio/gio.h>

typedef struct _LimberCallers LimberCallers;

/* Serves @invocation, whose caller may be served (ownership passes on). */
typedef void (*LimberCallerServe) (GDBusMethodInvocation *invocation,
                                   gpointer user_data);

/* Follows the callers on @bus, the connection limberd serves on. */
LimberCallers *limber_callers_new (GDBusConnection *bus);
/* Calls still waiting for their caller's user are answered with an error. */
void limber_callers_free (LimberCallers *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LimberCallers, limber_callers_free)

/* Takes @invocation: hands it to @serve once its caller is known to be this
 * user (at once when already known), or answers it with
 * LIMBER_ERROR_ACCESS_DENIED and logs why. Calls from one caller are served
 * in the order they came. */
void limber_callers_admit (LimberCallers *self,
                           GDBusMethodInvocation *invocation,
                           LimberCallerServe serve, gpointer user_data);

/* "firefox (pid 1234)" for the caller @name, from what the bus said when
 * its name appeared (never a blocking call); "another process" when it
 * did not say. */
char *limber_callers_describe (LimberCallers *self, const char *name);
