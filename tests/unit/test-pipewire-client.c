/* pipewire-client.c's side of the socket, for what a real PipeWire (in
 * the integration tests) cannot be made to do on cue: ids freed out of
 * order, fds sent along, a message cut in two, one too big, a hang-up.
 * The test plays the server on a socket of its own, byte by byte. */
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "pipewire-client.h"
#include "pw-pods.h"

typedef struct
{
  char *dir;
  int server; /* the accepted connection */
  LimberPwClient *client;
  GPtrArray *globals; /* "id type" */
  GArray *removed, *info_globals, *info_states;
  guint settled, lost;
  gboolean bind_on_global;
} Fixture;

static void
on_global (gpointer data, const LimberPwGlobal *global)
{
  Fixture *f = data;

  g_ptr_array_add (
      f->globals,
      g_strdup_printf ("%u %s %s", global->id, global->type,
                       limber_pw_dict_lookup (&global->props, "media.class")));
  if (f->bind_on_global)
    limber_pw_client_bind_node (f->client, global->id);
}

static void
on_global_remove (gpointer data, guint32 id)
{
  Fixture *f = data;

  g_array_append_val (f->removed, id);
}

static void
on_node_info (gpointer data, guint32 global, const LimberPwNodeInfo *info)
{
  Fixture *f = data;

  g_array_append_val (f->info_globals, global);
  g_array_append_val (f->info_states, info->state);
}

static void
on_settled (gpointer data)
{
  ((Fixture *) data)->settled++;
}

static void
on_lost (gpointer data)
{
  ((Fixture *) data)->lost++;
}

static const LimberPwEvents events = {
  on_global, on_global_remove, on_node_info, on_settled, on_lost,
};

static void
add_stream (GByteArray *b, guint32 id, const char *media_class)
{
  const char *const props[] = { "media.class", media_class, NULL };

  add_global (b, id, "PipeWire:Interface:Node", props);
}

static void
add_one_int (GByteArray *b, guint32 id, guint32 opcode, guint32 value)
{
  guint m = message_begin (b), s = struct_begin (b);

  pod_int (b, 4, value);
  struct_end (b, s);
  message_end (b, m, id, opcode);
}

static void
add_ping (GByteArray *b, guint32 seq)
{
  guint m = message_begin (b), s = struct_begin (b);

  pod_int (b, 4, 0);
  pod_int (b, 4, seq);
  struct_end (b, s);
  message_end (b, m, 0, LIMBER_PW_CORE_EVENT_PING);
}

static void
send_bytes (Fixture *f, const guint8 *data, gsize len)
{
  g_assert_cmpint (send (f->server, data, len, MSG_NOSIGNAL), ==, len);
}

static void
iterate_until (Fixture *f, guint *counter, guint want)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  (void) f;
  while (*counter < want)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The next message the client sent, read off the server's side. */
static GByteArray *
receive_message (Fixture *f, LimberPwMessage *message)
{
  GByteArray *b = g_byte_array_new ();
  guint8 chunk[1];
  gsize n;

  while ((n = limber_pw_message_split (b->data, b->len, message)) == 0)
    {
      g_assert_cmpint (recv (f->server, chunk, 1, 0), ==, 1);
      g_byte_array_append (b, chunk, 1);
    }
  g_assert_cmpint (n, ==, b->len);
  /* The message points into b: parse it again there for the caller. */
  limber_pw_message_split (b->data, b->len, message);
  return b;
}

static guint32
receive_bind (Fixture *f, guint32 *global)
{
  LimberPwMessage m;
  g_autoptr (GByteArray) b = receive_message (f, &m);
  LimberPwReader fields;
  guint32 new_id, version;
  const char *type;

  /* One message, nothing after it (m points into b). */
  g_assert_cmpuint (b->len, ==, LIMBER_PW_HEADER_SIZE + m.size);
  g_assert_cmpuint (m.id, ==, 2);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_REGISTRY_BIND);
  g_assert_true (limber_pw_message_read (&m, &fields));
  g_assert_true (limber_pw_read_uint (&fields, global));
  g_assert_true (limber_pw_read_string (&fields, &type));
  g_assert_cmpstr (type, ==, "PipeWire:Interface:Node");
  g_assert_true (limber_pw_read_uint (&fields, &version));
  g_assert_true (limber_pw_read_uint (&fields, &new_id));
  return new_id;
}

static void
setup (Fixture *f, gconstpointer data)
{
  static const char *const props[] = { "application.name", "test", NULL };
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  LimberPwMessage m;
  int listener;

  (void) data;
  f->dir = g_dir_make_tmp ("limber-pw-XXXXXX", NULL);
  path = g_build_filename (f->dir, "pipewire-0", NULL);
  g_strlcpy (address.sun_path, path, sizeof address.sun_path);
  listener = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (
      bind (listener, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (listener, 1), ==, 0);
  f->globals = g_ptr_array_new_with_free_func (g_free);
  f->removed = g_array_new (FALSE, FALSE, sizeof (guint32));
  f->info_globals = g_array_new (FALSE, FALSE, sizeof (guint32));
  f->info_states = g_array_new (FALSE, FALSE, sizeof (gint32));
  f->client = limber_pw_client_new (path, props, &events, f, &error);
  g_assert_no_error (error);
  f->server = accept (listener, NULL, NULL);
  g_assert_cmpint (f->server, >=, 0);
  close (listener);
  /* Hello first (PipeWire tells the protocol's version by it), then the
   * client's properties, then the registry as object 2. */
  g_byte_array_unref (receive_message (f, &m));
  g_assert_cmpuint (m.id, ==, 0);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_CORE_HELLO);
  g_byte_array_unref (receive_message (f, &m));
  g_assert_cmpuint (m.id, ==, 1);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_CLIENT_UPDATE_PROPERTIES);
  g_byte_array_unref (receive_message (f, &m));
  g_assert_cmpuint (m.id, ==, 0);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_CORE_GET_REGISTRY);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "pipewire-0", NULL);

  (void) data;
  limber_pw_client_free (f->client);
  if (f->server >= 0)
    close (f->server);
  g_unlink (path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_ptr_array_unref (f->globals);
  g_array_unref (f->removed);
  g_array_unref (f->info_globals);
  g_array_unref (f->info_states);
}

/* A proxy id comes free only when PipeWire says so (remove_id), not when
 * the global goes; and then the lowest is used again, as PipeWire's
 * array of a client's objects needs. */
static void
test_ids_reused_once_freed (Fixture *f, gconstpointer data)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  guint32 global;

  (void) data;
  f->bind_on_global = TRUE;
  add_stream (b, 10, "Stream/Input/Audio");
  add_stream (b, 11, "Stream/Input/Video");
  send_bytes (f, b->data, b->len);
  iterate_until (f, &f->settled, 1);
  g_assert_cmpuint (f->globals->len, ==, 2);
  g_assert_cmpstr (f->globals->pdata[0], ==,
                   "10 PipeWire:Interface:Node Stream/Input/Audio");
  g_assert_cmpuint (receive_bind (f, &global), ==, 3);
  g_assert_cmpuint (global, ==, 10);
  g_assert_cmpuint (receive_bind (f, &global), ==, 4);
  g_assert_cmpuint (global, ==, 11);

  /* Node 11's info, on the proxy it was bound as. */
  g_byte_array_set_size (b, 0);
  add_node_info (b, 4, 11, 1 << 2, LIMBER_PW_NODE_RUNNING, NULL);
  /* Global 10 gone, its proxy id not free yet. */
  add_one_int (b, 2, LIMBER_PW_REGISTRY_EVENT_GLOBAL_REMOVE, 10);
  add_stream (b, 12, "Stream/Output/Video");
  send_bytes (f, b->data, b->len);
  iterate_until (f, &f->settled, 2);
  g_assert_cmpuint (f->info_globals->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->info_globals, guint32, 0), ==, 11);
  g_assert_cmpint (g_array_index (f->info_states, gint32, 0), ==,
                   LIMBER_PW_NODE_RUNNING);
  g_assert_cmpuint (f->removed->len, ==, 1);
  g_assert_cmpuint (receive_bind (f, &global), ==, 5);

  /* Now free: 3 is the lowest again. */
  g_byte_array_set_size (b, 0);
  add_one_int (b, 0, LIMBER_PW_CORE_EVENT_REMOVE_ID, 3);
  add_stream (b, 13, "Stream/Input/Audio");
  send_bytes (f, b->data, b->len);
  iterate_until (f, &f->settled, 3);
  g_assert_cmpuint (receive_bind (f, &global), ==, 3);
  g_assert_cmpuint (global, ==, 13);
  g_assert_cmpuint (f->lost, ==, 0);
}

static void
test_ping_is_answered (Fixture *f, gconstpointer data)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  g_autoptr (GByteArray) got = NULL;
  LimberPwMessage m;
  LimberPwReader fields;
  guint32 id;
  gint32 seq;

  (void) data;
  add_ping (b, 99);
  send_bytes (f, b->data, b->len);
  iterate_until (f, &f->settled, 1);
  got = receive_message (f, &m);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_CORE_PONG);
  g_assert_true (limber_pw_message_read (&m, &fields));
  g_assert_true (limber_pw_read_uint (&fields, &id));
  g_assert_true (limber_pw_read_int (&fields, &seq));
  g_assert_cmpuint (id, ==, 0);
  g_assert_cmpint (seq, ==, 99);
}

/* A message cut in two is read as one once whole; fds sent along are
 * closed, not kept. */
static void
test_cut_message_and_fds (Fixture *f, gconstpointer data)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  int pipe_fds[2];
  char control[CMSG_SPACE (sizeof (int))] = { 0 };
  struct iovec iov;
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
  struct cmsghdr *c;
  struct sigaction ignore = { .sa_handler = SIG_IGN }, saved;

  (void) data;
  add_stream (b, 20, "Audio/Source");
  send_bytes (f, b->data, 10);
  /* Nothing whole yet: no global. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->globals->len, ==, 0);

  /* The rest, with a pipe's read end passed along. */
  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  iov = (struct iovec){ b->data + 10, b->len - 10 };
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  c = CMSG_FIRSTHDR (&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN (sizeof (int));
  memcpy (CMSG_DATA (c), &pipe_fds[0], sizeof (int));
  g_assert_cmpint (sendmsg (f->server, &msg, MSG_NOSIGNAL), ==, b->len - 10);
  close (pipe_fds[0]);
  iterate_until (f, &f->globals->len, 1);
  g_assert_cmpstr (f->globals->pdata[0], ==,
                   "20 PipeWire:Interface:Node Audio/Source");
  /* The client closed its copy: the pipe has no reader left. */
  sigaction (SIGPIPE, &ignore, &saved);
  g_assert_cmpint (write (pipe_fds[1], "x", 1), ==, -1);
  g_assert_cmpint (errno, ==, EPIPE);
  sigaction (SIGPIPE, &saved, NULL);
  close (pipe_fds[1]);
}

/* A message far bigger than the socket's buffer, as any app's stream props
 * can make one (PipeWire allows 16 MiB): read whole, in many reads. */
static void
test_big_message_is_read (Fixture *f, gconstpointer data)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  g_autofree char *big = g_strnfill (2 * 1024 * 1024, 'x');
  const char *const props[]
      = { "media.class", "Stream/Input/Audio", "big", big, NULL };
  gsize sent = 0;

  (void) data;
  add_global (b, 30, "PipeWire:Interface:Node", props);
  while (sent < b->len)
    {
      ssize_t n = send (f->server, b->data + sent, b->len - sent,
                        MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0)
        sent += n;
      g_main_context_iteration (NULL, n <= 0);
    }
  iterate_until (f, &f->globals->len, 1);
  g_assert_cmpstr (f->globals->pdata[0], ==,
                   "30 PipeWire:Interface:Node Stream/Input/Audio");
  g_assert_cmpuint (f->lost, ==, 0);
}

/* A bind PipeWire refuses (the global went meanwhile) comes back as an
 * error and remove_id: the id is free again, the connection stays. */
static void
test_refused_bind_frees_its_id (Fixture *f, gconstpointer data)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  guint m, s;
  guint32 global;

  (void) data;
  f->bind_on_global = TRUE;
  add_stream (b, 40, "Stream/Input/Audio");
  send_bytes (f, b->data, b->len);
  iterate_until (f, &f->settled, 1);
  g_assert_cmpuint (receive_bind (f, &global), ==, 3);

  g_byte_array_set_size (b, 0);
  m = message_begin (b);
  s = struct_begin (b);
  pod_int (b, 4, 3);  /* on proxy 3 */
  pod_int (b, 4, 0);  /* seq */
  pod_int (b, 4, -2); /* -ENOENT */
  pod_string (b, "unknown global 40");
  struct_end (b, s);
  message_end (b, m, 0, LIMBER_PW_CORE_EVENT_ERROR);
  add_one_int (b, 0, LIMBER_PW_CORE_EVENT_REMOVE_ID, 3);
  add_stream (b, 41, "Stream/Input/Audio");
  send_bytes (f, b->data, b->len);
  iterate_until (f, &f->settled, 2);
  g_assert_cmpuint (receive_bind (f, &global), ==, 3);
  g_assert_cmpuint (global, ==, 41);
  g_assert_cmpuint (f->lost, ==, 0);
}

static void
test_hang_up_is_lost (Fixture *f, gconstpointer data)
{
  (void) data;
  close (f->server);
  f->server = -1;
  iterate_until (f, &f->lost, 1);
  /* Said once: the watch is gone with the connection. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->lost, ==, 1);
}

static void
test_no_server (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("limber-pw-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pipewire-0", NULL);

  g_assert_null (limber_pw_client_new (path, NULL, &events, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func)                                                        \
  g_test_add ("/pipewire-client/" name, Fixture, NULL, setup, func, teardown)
  ADD ("ids-reused-once-freed", test_ids_reused_once_freed);
  ADD ("ping-is-answered", test_ping_is_answered);
  ADD ("cut-message-and-fds", test_cut_message_and_fds);
  ADD ("big-message-is-read", test_big_message_is_read);
  ADD ("refused-bind-frees-its-id", test_refused_bind_frees_its_id);
  ADD ("hang-up-is-lost", test_hang_up_is_lost);
  g_test_add_func ("/pipewire-client/no-server", test_no_server);
  return g_test_run ();
}
