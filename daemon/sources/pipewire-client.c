#include "pipewire-client.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* The registry is the first object a client makes, after the core (0) and
 * the client (1); the nodes bound come after it. */
#define REGISTRY_ID 2
/* PipeWire passes at most this many fds with one sendmsg (MAX_FDS_MSG);
 * any more would be cut off (MSG_CTRUNC): all are closed unused anyway. */
#define MAX_FDS    28
#define READ_CHUNK 8192

struct _LimberPwClient
{
  int fd;
  guint read_watch, write_watch;
  GByteArray *in, *out;
  guint32 seq;
  /* Proxy id → the global it was bound to, until PipeWire says the id is
   * free again (remove_id): it may be reused only then. */
  GHashTable *proxies;
  const LimberPwEvents *events;
  gpointer data;
};

static void lose (LimberPwClient *self, const char *why);

static gboolean on_writable (gint fd, GIOCondition condition,
                             gpointer user_data);

static void
flush (LimberPwClient *self)
{
  while (self->out->len > 0)
    {
      ssize_t n = send (self->fd, self->out->data, self->out->len,
                        MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0)
        g_byte_array_remove_range (self->out, 0, n);
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && errno == EAGAIN)
        {
          if (self->write_watch == 0)
            self->write_watch
                = g_unix_fd_add (self->fd, G_IO_OUT, on_writable, self);
          return;
        }
      else
        {
          /* The read side sees the hang-up and says the connection is
           * lost; nothing more can be sent. */
          g_info ("pipewire: cannot send: %s", g_strerror (errno));
          g_byte_array_set_size (self->out, 0);
        }
    }
}

static gboolean
on_writable (gint fd, GIOCondition condition, gpointer user_data)
{
  LimberPwClient *self = user_data;

  (void) fd, (void) condition;
  self->write_watch = 0;
  flush (self);
  return G_SOURCE_REMOVE;
}

static guint32
new_proxy_id (LimberPwClient *self, guint32 global)
{
  guint32 id = REGISTRY_ID + 1;

  /* The lowest free one: PipeWire keeps a client's ids in an array. */
  while (g_hash_table_contains (self->proxies, GUINT_TO_POINTER (id)))
    id++;
  g_hash_table_insert (self->proxies, GUINT_TO_POINTER (id),
                       GUINT_TO_POINTER (global));
  return id;
}

void
limber_pw_client_bind_node (LimberPwClient *self, guint32 global)
{
  limber_pw_write_bind (self->out, self->seq++, REGISTRY_ID, global,
                        "PipeWire:Interface:Node", new_proxy_id (self, global));
  flush (self);
}

static void
on_core_event (LimberPwClient *self, const LimberPwMessage *message)
{
  guint32 id;
  gint32 seq, res;
  const char *error;

  switch (message->opcode)
    {
    case LIMBER_PW_CORE_EVENT_PING:
      /* Unanswered pings are how PipeWire finds a hung client. */
      if (limber_pw_parse_ping (message, &id, &seq))
        {
          limber_pw_write_pong (self->out, self->seq++, id, seq);
          flush (self);
        }
      break;
    case LIMBER_PW_CORE_EVENT_ERROR:
      if (limber_pw_parse_error (message, &id, &res, &error))
        g_info ("pipewire: error on %u: %s (%s)", id, error ? error : "",
                g_strerror (-res));
      break;
    case LIMBER_PW_CORE_EVENT_REMOVE_ID:
      if (limber_pw_parse_id (message, &id))
        g_hash_table_remove (self->proxies, GUINT_TO_POINTER (id));
      break;
    default:
      break;
    }
}

static void
dispatch (LimberPwClient *self, const LimberPwMessage *message)
{
  LimberPwGlobal global;
  LimberPwNodeInfo info;
  gpointer bound;
  guint32 id;

  if (message->id == LIMBER_PW_ID_CORE)
    on_core_event (self, message);
  else if (message->id == REGISTRY_ID)
    {
      if (message->opcode == LIMBER_PW_REGISTRY_EVENT_GLOBAL
          && limber_pw_parse_global (message, &global))
        self->events->global (self->data, &global);
      else if (message->opcode == LIMBER_PW_REGISTRY_EVENT_GLOBAL_REMOVE
               && limber_pw_parse_id (message, &id))
        self->events->global_remove (self->data, id);
    }
  else if (g_hash_table_lookup_extended (
               self->proxies, GUINT_TO_POINTER (message->id), NULL, &bound))
    {
      if (message->opcode == LIMBER_PW_NODE_EVENT_INFO
          && limber_pw_parse_node_info (message, &info))
        self->events->node_info (self->data, GPOINTER_TO_UINT (bound), &info);
    }
  /* Anything else (the client's own info, a newer PipeWire's events) is
   * not a watcher's business. */
}

/* Reads what is there, with any fds sent along, which a watcher has no
 * use for and closes. FALSE when the connection is gone. */
static gboolean
receive (LimberPwClient *self)
{
  union
  {
    char buf[CMSG_SPACE (MAX_FDS * sizeof (int))];
    struct cmsghdr align;
  } control;
  gsize had = self->in->len;
  struct iovec iov;
  struct msghdr msg = {
    .msg_iov = &iov,
    .msg_iovlen = 1,
    .msg_control = control.buf,
    .msg_controllen = sizeof control.buf,
  };
  ssize_t n;

  g_byte_array_set_size (self->in, had + READ_CHUNK);
  iov = (struct iovec){ self->in->data + had, READ_CHUNK };
  do
    n = recvmsg (self->fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  g_byte_array_set_size (self->in, had + MAX (n, 0));
  if (n > 0)
    for (struct cmsghdr *c = CMSG_FIRSTHDR (&msg); c != NULL;
         c = CMSG_NXTHDR (&msg, c))
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
        for (gsize i = 0; i < (c->cmsg_len - CMSG_LEN (0)) / sizeof (int); i++)
          {
            int fd;
            memcpy (&fd, CMSG_DATA (c) + i * sizeof (int), sizeof fd);
            close (fd);
          }
  return n > 0 || (n < 0 && errno == EAGAIN);
}

static gboolean
on_readable (gint fd, GIOCondition condition, gpointer user_data)
{
  LimberPwClient *self = user_data;
  LimberPwMessage message;
  gsize used = 0, n;

  (void) fd, (void) condition;
  if (!receive (self))
    {
      self->read_watch = 0;
      lose (self, "PipeWire closed the connection");
      return G_SOURCE_REMOVE;
    }
  while ((n = limber_pw_message_split (self->in->data + used,
                                       self->in->len - used, &message))
         > 0)
    {
      dispatch (self, &message);
      used += n;
    }
  g_byte_array_remove_range (self->in, 0, used);
  self->events->settled (self->data);
  return G_SOURCE_CONTINUE;
}

static void
lose (LimberPwClient *self, const char *why)
{
  g_info ("pipewire: %s", why);
  g_clear_handle_id (&self->write_watch, g_source_remove);
  self->events->lost (self->data);
}

LimberPwClient *
limber_pw_client_new (const char *path, const char *const *props,
                      const LimberPwEvents *events, gpointer data,
                      GError **error)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  LimberPwClient *self;
  int fd;

  if (strlen (path) >= sizeof address.sun_path)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG,
                   "%s: the path is too long for a socket", path);
      return NULL;
    }
  strcpy (address.sun_path, path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect (fd, (struct sockaddr *) &address, sizeof address) < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                   path, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  self = g_new0 (LimberPwClient, 1);
  self->fd = fd;
  self->in = g_byte_array_new ();
  self->out = g_byte_array_new ();
  self->proxies = g_hash_table_new (NULL, NULL);
  self->events = events;
  self->data = data;
  limber_pw_write_hello (self->out, self->seq++);
  limber_pw_write_client_properties (self->out, self->seq++, props);
  limber_pw_write_get_registry (self->out, self->seq++, REGISTRY_ID);
  flush (self);
  self->read_watch
      = g_unix_fd_add (fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, self);
  return self;
}

void
limber_pw_client_free (LimberPwClient *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->read_watch, g_source_remove);
  g_clear_handle_id (&self->write_watch, g_source_remove);
  close (self->fd);
  g_byte_array_unref (self->in);
  g_byte_array_unref (self->out);
  g_hash_table_unref (self->proxies);
  g_free (self);
}
