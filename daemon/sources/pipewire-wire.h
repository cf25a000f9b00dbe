/* PipeWire's native protocol, version 3 (stable since PipeWire 0.3.0), as
 * much of it as watching the graph needs: messages split off a byte
 * stream, the SPA PODs in them read, and the few methods a watcher sends
 * written. Pure: bytes in, bytes out; no I/O.
 *
 * A message is a 16-byte header (the object's id; the opcode in the top 8
 * bits and the body's size in the low 24; a sequence number; how many fds
 * came with it) and a body: a Struct POD, perhaps followed by a footer POD
 * that is ignored. A POD is its size and type, 32 bits each, then its
 * body, padded to 8 bytes. */
#pragma once

#include <glib.h>

#define LIMBER_PW_HEADER_SIZE 16

/* Fixed object ids and the opcodes used, as PipeWire's headers define
 * them (core.h, client.h, node.h). */
enum
{
  LIMBER_PW_ID_CORE = 0,
  LIMBER_PW_ID_CLIENT = 1,
  LIMBER_PW_VERSION = 3, /* of the core, registry and node interfaces */

  LIMBER_PW_CORE_HELLO = 1,
  LIMBER_PW_CORE_PONG = 3,
  LIMBER_PW_CORE_GET_REGISTRY = 5,
  LIMBER_PW_CLIENT_UPDATE_PROPERTIES = 2,
  LIMBER_PW_REGISTRY_BIND = 1,

  LIMBER_PW_CORE_EVENT_PING = 2,
  LIMBER_PW_CORE_EVENT_ERROR = 3,
  LIMBER_PW_CORE_EVENT_REMOVE_ID = 4,
  LIMBER_PW_REGISTRY_EVENT_GLOBAL = 0,
  LIMBER_PW_REGISTRY_EVENT_GLOBAL_REMOVE = 1,
  LIMBER_PW_NODE_EVENT_INFO = 0,
};

/* pw_node_state, and the change-mask bit that says the props came. */
enum
{
  LIMBER_PW_NODE_ERROR = -1,
  LIMBER_PW_NODE_CREATING = 0,
  LIMBER_PW_NODE_SUSPENDED = 1,
  LIMBER_PW_NODE_IDLE = 2,
  LIMBER_PW_NODE_RUNNING = 3,
  LIMBER_PW_NODE_CHANGE_PROPS = 1 << 3,
};

typedef struct
{
  guint32 id;
  guint8 opcode;
  guint32 seq;
  guint32 n_fds;
  const guint8 *body;
  gsize size;
} LimberPwMessage;

/* A read position within a POD body. */
typedef struct
{
  const guint8 *at, *end;
} LimberPwReader;

/* A dict as sent: n key/value string pairs, read in place. */
typedef struct
{
  guint32 n_items;
  LimberPwReader items;
} LimberPwDict;

typedef struct
{
  guint32 id, permissions, version;
  const char *type;
  LimberPwDict props;
} LimberPwGlobal;

typedef struct
{
  guint32 id;
  guint64 change_mask;
  gint32 state;
  const char *error;
  LimberPwDict props; /* empty unless change_mask has the props bit */
} LimberPwNodeInfo;

/* The first message in @data: its whole length, or 0 while @len holds
 * less. A body is at most 16 MiB (its size has 24 bits), as PipeWire's
 * own clients accept: any app's stream props can make one big. */
gsize limber_pw_message_split (const guint8 *data, gsize len,
                               LimberPwMessage *message);

/* A reader of the message's Struct; FALSE if the body is not one. */
gboolean limber_pw_message_read (const LimberPwMessage *message,
                                 LimberPwReader *fields);
gboolean limber_pw_read_int (LimberPwReader *reader, gint32 *value);
gboolean limber_pw_read_uint (LimberPwReader *reader, guint32 *value);
gboolean limber_pw_read_id (LimberPwReader *reader, guint32 *value);
gboolean limber_pw_read_long (LimberPwReader *reader, gint64 *value);
/* A String, or None as NULL. */
gboolean limber_pw_read_string (LimberPwReader *reader, const char **value);
gboolean limber_pw_read_dict (LimberPwReader *reader, LimberPwDict *dict);
/* The value of @key, or NULL; a key sent twice: the last. */
const char *limber_pw_dict_lookup (const LimberPwDict *dict, const char *key);

/* Events; FALSE if the message is not one. What they point to lives in
 * the message's bytes. */
gboolean limber_pw_parse_global (const LimberPwMessage *message,
                                 LimberPwGlobal *global);
/* Registry's global_remove and core's remove_id: one id. */
gboolean limber_pw_parse_id (const LimberPwMessage *message, guint32 *id);
gboolean limber_pw_parse_ping (const LimberPwMessage *message, guint32 *id,
                               gint32 *seq);
gboolean limber_pw_parse_error (const LimberPwMessage *message, guint32 *id,
                                gint32 *res, const char **error);
gboolean limber_pw_parse_node_info (const LimberPwMessage *message,
                                    LimberPwNodeInfo *info);

/* Methods, appended to @out. */
void limber_pw_write_hello (GByteArray *out, guint32 seq);
/* @props: key, value, …, NULL. */
void limber_pw_write_client_properties (GByteArray *out, guint32 seq,
                                        const char *const *props);
void limber_pw_write_get_registry (GByteArray *out, guint32 seq,
                                   guint32 new_id);
void limber_pw_write_bind (GByteArray *out, guint32 seq, guint32 registry,
                           guint32 global, const char *type, guint32 new_id);
void limber_pw_write_pong (GByteArray *out, guint32 seq, guint32 id,
                           gint32 ping_seq);
