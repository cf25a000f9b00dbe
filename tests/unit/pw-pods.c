#include "pw-pods.h"

#include <string.h>

#include "pipewire-wire.h"

void
u32 (GByteArray *b, guint32 v)
{
  g_byte_array_append (b, (const guint8 *) &v, 4);
}

void
pad8 (GByteArray *b)
{
  while (b->len % 8)
    g_byte_array_append (b, (const guint8 *) "", 1);
}

void
pod_int (GByteArray *b, guint32 type, guint32 v)
{
  u32 (b, 4);
  u32 (b, type);
  u32 (b, v);
  pad8 (b);
}

void
pod_long (GByteArray *b, guint64 v)
{
  u32 (b, 8);
  u32 (b, 5);
  g_byte_array_append (b, (const guint8 *) &v, 8);
}

void
pod_string (GByteArray *b, const char *s)
{
  if (s == NULL)
    {
      u32 (b, 0);
      u32 (b, 1); /* None */
      return;
    }
  u32 (b, strlen (s) + 1);
  u32 (b, 8);
  g_byte_array_append (b, (const guint8 *) s, strlen (s) + 1);
  pad8 (b);
}

guint
struct_begin (GByteArray *b)
{
  guint at = b->len;

  u32 (b, 0);
  u32 (b, 14);
  return at;
}

void
struct_end (GByteArray *b, guint at)
{
  guint32 size = b->len - at - 8;

  memcpy (b->data + at, &size, 4);
}

guint
message_begin (GByteArray *b)
{
  guint at = b->len;

  g_byte_array_set_size (b, at + 16);
  return at;
}

void
message_end (GByteArray *b, guint at, guint32 id, guint32 opcode)
{
  guint32 header[4] = { id, (opcode << 24) | (b->len - at - 16), 7, 0 };

  memcpy (b->data + at, header, sizeof header);
}

void
pod_dict (GByteArray *b, const char *const *kv)
{
  guint s = struct_begin (b);
  guint n = g_strv_length ((char **) kv) / 2;

  pod_int (b, 4, n);
  for (guint i = 0; i < 2 * n; i++)
    pod_string (b, kv[i]);
  struct_end (b, s);
}

void
add_global (GByteArray *b, guint32 id, const char *type,
            const char *const *props)
{
  guint m = message_begin (b);
  guint s = struct_begin (b);

  pod_int (b, 4, id);
  pod_int (b, 4, 0x1c8); /* permissions */
  pod_string (b, type);
  pod_int (b, 4, 3);
  pod_dict (b, props);
  struct_end (b, s);
  message_end (b, m, 2, LIMBER_PW_REGISTRY_EVENT_GLOBAL);
}

void
add_node_info (GByteArray *b, guint32 proxy, guint32 id, guint64 mask,
               guint32 state, const char *const *props)
{
  static const char *const none[] = { NULL };
  guint m = message_begin (b);
  guint s = struct_begin (b);
  guint params;

  pod_int (b, 4, id);
  pod_int (b, 4, 1);
  pod_int (b, 4, 0);
  pod_long (b, mask);
  pod_int (b, 4, 1);
  pod_int (b, 4, 0);
  pod_int (b, 3, state); /* an Id */
  pod_string (b, NULL);
  pod_dict (b, mask & LIMBER_PW_NODE_CHANGE_PROPS ? props : none);
  params = struct_begin (b);
  pod_int (b, 4, 0);
  struct_end (b, params);
  struct_end (b, s);
  message_end (b, m, proxy, LIMBER_PW_NODE_EVENT_INFO);
}
