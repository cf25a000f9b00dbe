#include "pause-while.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include "client.h"
#include "commands.h"
#include "limber-i18n.h"
#include "limber-names.h"

static volatile sig_atomic_t child_pid;

/* A stop asked of limberctl is passed on: the command ends, then the
 * lease. */
static void
forward_signal (int sig)
{
  if (child_pid > 0)
    kill ((pid_t) child_pid, sig);
}

static void
set_handler (int sig, void (*handler) (int))
{
  struct sigaction action = { 0 };

  action.sa_handler = handler;
  sigemptyset (&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction (sig, &action, NULL);
}

/* The command's status as a shell gives it. */
static int
exit_status_of (int status)
{
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  if (WIFSIGNALED (status))
    return 128 + WTERMSIG (status);
  return LIMBER_EXIT_FAILURE;
}

static guint32
take_lease (GDBusConnection *bus, const char *reason, int *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = limber_client_call (
      bus, "Inhibit", g_variant_new ("(st)", reason, (guint64) 0), &error);
  guint32 cookie = 0;

  *code = LIMBER_EXIT_OK;
  if (reply == NULL)
    *code = limber_client_fail ("pause", error);
  else
    g_variant_get (reply, "(u)", &cookie);
  return cookie;
}

int
limber_pause_while (GDBusConnection *bus, const char *reason, char **command)
{
  g_autoptr (GError) error = NULL;
  guint32 cookie = 0;
  GPid pid;
  int status, code = LIMBER_EXIT_OK;

  if (bus != NULL)
    cookie = take_lease (bus, reason, &code);
  /* Without limberd the command still runs: holding reminders is not worth
   * keeping someone out of their meeting. A refused lease (a bad reason) is
   * the caller's to fix first. */
  if (code == LIMBER_EXIT_UNREACHABLE || bus == NULL)
    g_printerr (_ ("limberctl pause: running '%s' without holding reminders\n"),
                command[0]);
  else if (code != LIMBER_EXIT_OK)
    return code;

  if (!g_spawn_async (NULL, command, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                          | G_SPAWN_CHILD_INHERITS_STDIN,
                      NULL, NULL, &pid, &error))
    {
      g_printerr (_ ("limberctl pause: cannot run '%s': %s\n"), command[0],
                  error->message);
      code = g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT) ? 127
                                                                         : 126;
    }
  else
    {
      /* The terminal sends ^C and ^\ to the command as well: it decides,
       * and limberctl follows with its status. */
      child_pid = pid;
      set_handler (SIGINT, SIG_IGN);
      set_handler (SIGQUIT, SIG_IGN);
      set_handler (SIGTERM, forward_signal);
      set_handler (SIGHUP, forward_signal);
      while (waitpid (pid, &status, 0) < 0)
        if (errno != EINTR)
          {
            status = LIMBER_EXIT_FAILURE << 8;
            break;
          }
      child_pid = 0;
      code = exit_status_of (status);
    }

  /* Leaving the bus would end the lease too; releasing it says so at once. */
  if (cookie != 0)
    {
      g_autoptr (GVariant) reply = limber_client_call (
          bus, "Uninhibit", g_variant_new ("(u)", cookie), NULL);
      (void) reply;
    }
  return code;
}
