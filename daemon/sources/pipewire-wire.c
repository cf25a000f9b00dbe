#include "pipewire-wire.h"

#include <string.h>

/* SPA POD types (spa/utils/type.h). */
enum
{
  POD_NONE = 1,
  POD_ID = 3,
  POD_INT = 4,
  POD_LONG = 5,
  POD_STRING = 8,
  POD_STRUCT = 14,
};

#define POD_HEADER 8
/* PipeWire's own limit on a dict's items. */
#define MAX_DICT_ITEMS 1024

static guint32
u32_at (const guint8 *p)
{
  guint32 value;

  memcpy (&value, p, sizeof value);
  return value;
}

gsize
limber_pw_message_split (const guint8 *data, gsize len,
                         LimberPwMessage *message)
{
  guint32 size;

  if (len < LIMBER_PW_HEADER_SIZE)
    return 0;
  size = u32_at (data + 4) & 0xffffff;
  if (len < LIMBER_PW_HEADER_SIZE + (gsize) size)
    return 0;
  *message = (LimberPwMessage){
    .id = u32_at (data),
    .opcode = u32_at (data + 4) >> 24,
    .seq = u32_at (data + 8),
    .n_fds = u32_at (data + 12),
    .body = data + LIMBER_PW_HEADER_SIZE,
    .size = size,
  };
  return LIMBER_PW_HEADER_SIZE + size;
}

/* The next POD: its type, body and body size. Padding that a sender left
 * off the last POD is forgiven, as PipeWire's own parser does. */
static gboolean
next_pod (LimberPwReader *reader, guint32 *type, const guint8 **body,
          guint32 *size)
{
  gsize left = reader->end - reader->at;
  gsize padded;

  if (left < POD_HEADER)
    return FALSE;
  *size = u32_at (reader->at);
  *type = u32_at (reader->at + 4);
  if (*size > left - POD_HEADER)
    return FALSE;
  *body = reader->at + POD_HEADER;
  padded = POD_HEADER + (((gsize) *size + 7) & ~(gsize) 7);
  reader->at += MIN (padded, left);
  return TRUE;
}

static gboolean
read_fixed (LimberPwReader *reader, guint32 want_type, gsize want_size,
            const guint8 **body)
{
  LimberPwReader saved = *reader;
  guint32 type, size;

  if (next_pod (reader, &type, body, &size) && type == want_type
      && size >= want_size)
    return TRUE;
  *reader = saved;
  return FALSE;
}

/* An Int or an Id: 32 bits either way. */
static gboolean
read_u32 (LimberPwReader *reader, guint32 type, guint32 *value)
{
  const guint8 *body;

  if (!read_fixed (reader, type, 4, &body))
    return FALSE;
  *value = u32_at (body);
  return TRUE;
}

gboolean
limber_pw_read_int (LimberPwReader *reader, gint32 *value)
{
  return read_u32 (reader, POD_INT, (guint32 *) value);
}

gboolean
limber_pw_read_uint (LimberPwReader *reader, guint32 *value)
{
  return read_u32 (reader, POD_INT, value);
}

gboolean
limber_pw_read_id (LimberPwReader *reader, guint32 *value)
{
  return read_u32 (reader, POD_ID, value);
}

gboolean
limber_pw_read_long (LimberPwReader *reader, gint64 *value)
{
  const guint8 *body;

  if (!read_fixed (reader, POD_LONG, 8, &body))
    return FALSE;
  memcpy (value, body, sizeof *value);
  return TRUE;
}

gboolean
limber_pw_read_string (LimberPwReader *reader, const char **value)
{
  LimberPwReader saved = *reader;
  const guint8 *body;
  guint32 type, size;

  if (!next_pod (reader, &type, &body, &size))
    return FALSE;
  if (type == POD_NONE)
    {
      *value = NULL;
      return TRUE;
    }
  /* Ends in its NUL, as a String must. */
  if (type == POD_STRING && size >= 1 && body[size - 1] == '\0')
    {
      *value = (const char *) body;
      return TRUE;
    }
  *reader = saved;
  return FALSE;
}

static gboolean
read_struct (LimberPwReader *reader, LimberPwReader *fields)
{
  LimberPwReader saved = *reader;
  const guint8 *body;
  guint32 type, size;

  if (!next_pod (reader, &type, &body, &size) || type != POD_STRUCT)
    {
      *reader = saved;
      return FALSE;
    }
  *fields = (LimberPwReader){ body, body + size };
  return TRUE;
}

gboolean
limber_pw_message_read (const LimberPwMessage *message, LimberPwReader *fields)
{
  LimberPwReader body = { message->body, message->body + message->size };

  return read_struct (&body, fields);
}

/* A Struct of an Int n and n key/value Strings, each checked here so that
 * lookups need check nothing. */
gboolean
limber_pw_read_dict (LimberPwReader *reader, LimberPwDict *dict)
{
  LimberPwReader fields, items;
  gint32 n;

  if (!read_struct (reader, &fields) || !limber_pw_read_int (&fields, &n)
      || n < 0 || n > MAX_DICT_ITEMS)
    return FALSE;
  items = fields;
  for (gint32 i = 0; i < n; i++)
    {
      const char *key, *value;
      if (!limber_pw_read_string (&fields, &key)
          || !limber_pw_read_string (&fields, &value))
        return FALSE;
    }
  *dict = (LimberPwDict){ (guint32) n, items };
  return TRUE;
}

const char *
limber_pw_dict_lookup (const LimberPwDict *dict, const char *key)
{
  LimberPwReader items = dict->items;
  const char *found = NULL;

  for (guint32 i = 0; i < dict->n_items; i++)
    {
      const char *k = NULL, *v = NULL;
      limber_pw_read_string (&items, &k);
      limber_pw_read_string (&items, &v);
      if (k != NULL && strcmp (k, key) == 0)
        found = v;
    }
  return found;
}

gboolean
limber_pw_parse_global (const LimberPwMessage *message, LimberPwGlobal *global)
{
  LimberPwReader fields;

  return limber_pw_message_read (message, &fields)
         && limber_pw_read_uint (&fields, &global->id)
         && limber_pw_read_uint (&fields, &global->permissions)
         && limber_pw_read_string (&fields, &global->type)
         && global->type != NULL
         && limber_pw_read_uint (&fields, &global->version)
         && limber_pw_read_dict (&fields, &global->props);
}

gboolean
limber_pw_parse_id (const LimberPwMessage *message, guint32 *id)
{
  LimberPwReader fields;

  return limber_pw_message_read (message, &fields)
         && limber_pw_read_uint (&fields, id);
}

gboolean
limber_pw_parse_ping (const LimberPwMessage *message, guint32 *id, gint32 *seq)
{
  LimberPwReader fields;

  return limber_pw_message_read (message, &fields)
         && limber_pw_read_uint (&fields, id)
         && limber_pw_read_int (&fields, seq);
}

gboolean
limber_pw_parse_error (const LimberPwMessage *message, guint32 *id, gint32 *res,
                       const char **error)
{
  LimberPwReader fields;
  gint32 seq;

  return limber_pw_message_read (message, &fields)
         && limber_pw_read_uint (&fields, id)
         && limber_pw_read_int (&fields, &seq)
         && limber_pw_read_int (&fields, res)
         && limber_pw_read_string (&fields, error);
}

gboolean
limber_pw_parse_node_info (const LimberPwMessage *message,
                           LimberPwNodeInfo *info)
{
  LimberPwReader fields;
  gint32 ports;
  gint64 mask;
  guint32 state;

  if (!limber_pw_message_read (message, &fields)
      || !limber_pw_read_uint (&fields, &info->id)
      || !limber_pw_read_int (&fields, &ports) /* max input ports */
      || !limber_pw_read_int (&fields, &ports) /* max output ports */
      || !limber_pw_read_long (&fields, &mask)
      || !limber_pw_read_int (&fields, &ports) /* input ports */
      || !limber_pw_read_int (&fields, &ports) /* output ports */
      || !limber_pw_read_id (&fields, &state)
      || !limber_pw_read_string (&fields, &info->error)
      || !limber_pw_read_dict (&fields, &info->props))
    return FALSE;
  info->change_mask = (guint64) mask;
  info->state = (gint32) state;
  return TRUE;
}

/* Writing: a message's header is filled in when its body is done. */

static void
put_u32 (GByteArray *out, guint32 value)
{
  g_byte_array_append (out, (const guint8 *) &value, sizeof value);
}

static void
set_u32 (GByteArray *out, gsize at, guint32 value)
{
  memcpy (out->data + at, &value, sizeof value);
}

static void
pad (GByteArray *out)
{
  static const guint8 zeros[8];

  g_byte_array_append (out, zeros, (8 - out->len % 8) % 8);
}

static gsize
begin_message (GByteArray *out)
{
  gsize start = out->len;

  g_byte_array_set_size (out, start + LIMBER_PW_HEADER_SIZE);
  return start;
}

static void
end_message (GByteArray *out, gsize start, guint32 id, guint8 opcode,
             guint32 seq)
{
  guint32 size = out->len - start - LIMBER_PW_HEADER_SIZE;

  set_u32 (out, start, id);
  set_u32 (out, start + 4, ((guint32) opcode << 24) | size);
  set_u32 (out, start + 8, seq);
  set_u32 (out, start + 12, 0);
}

static gsize
begin_struct (GByteArray *out)
{
  gsize start = out->len;

  put_u32 (out, 0);
  put_u32 (out, POD_STRUCT);
  return start;
}

static void
end_struct (GByteArray *out, gsize start)
{
  set_u32 (out, start, out->len - start - POD_HEADER);
}

static void
put_int (GByteArray *out, gint32 value)
{
  put_u32 (out, 4);
  put_u32 (out, POD_INT);
  put_u32 (out, (guint32) value);
  pad (out);
}

static void
put_string (GByteArray *out, const char *value)
{
  gsize len = strlen (value) + 1;

  put_u32 (out, len);
  put_u32 (out, POD_STRING);
  g_byte_array_append (out, (const guint8 *) value, len);
  pad (out);
}

/* Messages start 8-aligned, so every POD in them is too. */
#define BEGIN(out)                                                             \
  gsize message_ = begin_message (out);                                        \
  gsize struct_ = begin_struct (out)
#define END(out, id, opcode, seq)                                              \
  end_struct (out, struct_);                                                   \
  end_message (out, message_, id, opcode, seq)

void
limber_pw_write_hello (GByteArray *out, guint32 seq)
{
  BEGIN (out);
  put_int (out, LIMBER_PW_VERSION);
  END (out, LIMBER_PW_ID_CORE, LIMBER_PW_CORE_HELLO, seq);
}

void
limber_pw_write_client_properties (GByteArray *out, guint32 seq,
                                   const char *const *props)
{
  gsize dict;
  guint n = props ? g_strv_length ((char **) props) / 2 : 0;

  BEGIN (out);
  dict = begin_struct (out);
  put_int (out, n);
  for (guint i = 0; i < 2 * n; i++)
    put_string (out, props[i]);
  end_struct (out, dict);
  END (out, LIMBER_PW_ID_CLIENT, LIMBER_PW_CLIENT_UPDATE_PROPERTIES, seq);
}

void
limber_pw_write_get_registry (GByteArray *out, guint32 seq, guint32 new_id)
{
  BEGIN (out);
  put_int (out, LIMBER_PW_VERSION);
  put_int (out, new_id);
  END (out, LIMBER_PW_ID_CORE, LIMBER_PW_CORE_GET_REGISTRY, seq);
}

void
limber_pw_write_bind (GByteArray *out, guint32 seq, guint32 registry,
                      guint32 global, const char *type, guint32 new_id)
{
  BEGIN (out);
  put_int (out, global);
  put_string (out, type);
  put_int (out, LIMBER_PW_VERSION);
  put_int (out, new_id);
  END (out, registry, LIMBER_PW_REGISTRY_BIND, seq);
}

void
limber_pw_write_pong (GByteArray *out, guint32 seq, guint32 id, gint32 ping_seq)
{
  BEGIN (out);
  put_int (out, id);
  put_int (out, ping_seq);
  END (out, LIMBER_PW_ID_CORE, LIMBER_PW_CORE_PONG, seq);
}
