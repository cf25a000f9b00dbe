/* PipeWire's native protocol as pipewire-wire.c reads and writes it. The
 * events are built POD by POD by pw-pods.c, laid out as PipeWire's
 * protocol-native.c marshals them; the methods are checked byte for byte
 * against that layout. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "pipewire-wire.h"
#include "pw-pods.h"

static const char *const mic_props[]
    = { "media.class", "Audio/Source", "node.name", "mic", "node.name",
        "virt-mic",    "empty",        "",          NULL };

static void
test_global (void)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  LimberPwMessage m;
  LimberPwGlobal g;

  add_global (b, 42, "PipeWire:Interface:Node", mic_props);
  g_assert_cmpint (limber_pw_message_split (b->data, b->len, &m), ==, b->len);
  g_assert_cmpuint (m.id, ==, 2);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_REGISTRY_EVENT_GLOBAL);
  g_assert_cmpuint (m.seq, ==, 7);
  g_assert_true (limber_pw_parse_global (&m, &g));
  g_assert_cmpuint (g.id, ==, 42);
  g_assert_cmpuint (g.permissions, ==, 0x1c8);
  g_assert_cmpuint (g.version, ==, 3);
  g_assert_cmpstr (g.type, ==, "PipeWire:Interface:Node");
  g_assert_cmpuint (g.props.n_items, ==, 4);
  g_assert_cmpstr (limber_pw_dict_lookup (&g.props, "media.class"), ==,
                   "Audio/Source");
  /* Sent twice: the last one counts, as in a pw_properties. */
  g_assert_cmpstr (limber_pw_dict_lookup (&g.props, "node.name"), ==,
                   "virt-mic");
  g_assert_cmpstr (limber_pw_dict_lookup (&g.props, "empty"), ==, "");
  g_assert_null (limber_pw_dict_lookup (&g.props, "media"));
}

static void
test_node_info (void)
{
  static const char *const props[]
      = { "media.class", "Stream/Input/Audio", "stream.monitor", "true", NULL };
  g_autoptr (GByteArray) b = g_byte_array_new ();
  LimberPwMessage m;
  LimberPwNodeInfo info;
  gsize n;

  add_node_info (b, 5, 42, 0x1f, LIMBER_PW_NODE_RUNNING, props);
  add_node_info (b, 5, 42, 1 << 2, LIMBER_PW_NODE_IDLE, props);
  n = limber_pw_message_split (b->data, b->len, &m);
  g_assert_cmpint (n, >, 0);
  g_assert_true (limber_pw_parse_node_info (&m, &info));
  g_assert_cmpuint (info.id, ==, 42);
  g_assert_cmpint (info.state, ==, LIMBER_PW_NODE_RUNNING);
  g_assert_null (info.error);
  g_assert_cmpstr (limber_pw_dict_lookup (&info.props, "stream.monitor"), ==,
                   "true");
  /* The second, back to back: only the state changed, no props. */
  g_assert_cmpint (limber_pw_message_split (b->data + n, b->len - n, &m), ==,
                   b->len - n);
  g_assert_true (limber_pw_parse_node_info (&m, &info));
  g_assert_cmpint (info.state, ==, LIMBER_PW_NODE_IDLE);
  g_assert_false (info.change_mask & LIMBER_PW_NODE_CHANGE_PROPS);
  g_assert_cmpuint (info.props.n_items, ==, 0);
}

/* What newer PipeWire may send after the struct (a footer) or as extra
 * fields at its end is left alone. */
static void
test_extra_is_ignored (void)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  guint m = message_begin (b);
  guint s = struct_begin (b);
  LimberPwMessage msg;
  guint32 id;
  gint32 seq;

  pod_int (b, 4, 0);
  pod_int (b, 4, 1234);
  pod_string (b, "a later field");
  struct_end (b, s);
  s = struct_begin (b); /* a footer */
  pod_int (b, 4, 1);
  struct_end (b, s);
  message_end (b, m, 0, LIMBER_PW_CORE_EVENT_PING);
  g_assert_cmpint (limber_pw_message_split (b->data, b->len, &msg), ==, b->len);
  g_assert_true (limber_pw_parse_ping (&msg, &id, &seq));
  g_assert_cmpuint (id, ==, 0);
  g_assert_cmpint (seq, ==, 1234);
}

static void
test_split_needs_whole_messages (void)
{
  g_autoptr (GByteArray) b = g_byte_array_new ();
  LimberPwMessage m;
  /* The biggest body the 24-bit size can say: whole only with 16 MiB. */
  guint32 huge[4] = { 2, (7u << 24) | 0xffffff, 0, 0 };

  add_global (b, 1, "PipeWire:Interface:Link", mic_props);
  for (guint len = 0; len < b->len; len++)
    g_assert_cmpint (limber_pw_message_split (b->data, len, &m), ==, 0);
  g_assert_cmpint (
      limber_pw_message_split ((const guint8 *) huge, sizeof huge, &m), ==, 0);
}

/* Each of these is refused whole, never read past its end. */
static void
test_malformed_is_refused (void)
{
  LimberPwMessage m;
  LimberPwGlobal g;
  LimberPwNodeInfo info;

  {
    /* A string without its NUL. */
    g_autoptr (GByteArray) b = g_byte_array_new ();
    add_global (b, 3, "PipeWire:Interface:Node", mic_props);
    guint8 *type = memmem (b->data, b->len, "PipeWire:", 9);
    guint32 len = strlen ("PipeWire:Interface:Node");
    memcpy (type - 8, &len, 4);
    limber_pw_message_split (b->data, b->len, &m);
    g_assert_false (limber_pw_parse_global (&m, &g));
  }
  {
    /* A dict that says it has more items than it has. */
    g_autoptr (GByteArray) b = g_byte_array_new ();
    static const char *const one[] = { "k", "v", NULL };
    add_global (b, 3, "PipeWire:Interface:Node", one);
    guint8 *k = memmem (b->data, b->len, "k\0\0\0\0\0\0\0", 8);
    guint32 n = 2;
    /* The count: the Int POD's value, just before the key's POD. */
    memcpy (k - 16, &n, 4);
    limber_pw_message_split (b->data, b->len, &m);
    g_assert_false (limber_pw_parse_global (&m, &g));
  }
  {
    /* A POD whose size runs past its struct, and a None type. */
    g_autoptr (GByteArray) b = g_byte_array_new ();
    add_global (b, 3, NULL, mic_props);
    limber_pw_message_split (b->data, b->len, &m);
    g_assert_false (limber_pw_parse_global (&m, &g));
    guint32 big = 1000;
    memcpy (b->data + 16, &big, 4);
    limber_pw_message_split (b->data, b->len, &m);
    g_assert_false (limber_pw_parse_global (&m, &g));
  }
  {
    /* A node info whose state is an Int, not an Id. */
    g_autoptr (GByteArray) b = g_byte_array_new ();
    add_node_info (b, 5, 9, 0, LIMBER_PW_NODE_RUNNING, mic_props);
    guint32 *state = (guint32 *) (b->data + 16 + 8 + 16 * 3 + 16 + 16 * 2);
    g_assert_cmpuint (state[1], ==, 3);
    state[1] = 4;
    limber_pw_message_split (b->data, b->len, &m);
    g_assert_false (limber_pw_parse_node_info (&m, &info));
  }
  {
    /* A body that is no struct at all. */
    guint32 bytes[8] = { 0, 16 | (2u << 24), 0, 0, 4, 4, 9, 0 };
    guint32 id;
    limber_pw_message_split ((const guint8 *) bytes, sizeof bytes, &m);
    g_assert_false (limber_pw_parse_id (&m, &id));
  }
}

/* The methods, byte for byte as libpipewire's protocol-native.c lays
 * them out. */
static void
test_methods (void)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  static const guint32 hello[] = {
    0,  (1u << 24) | 24,
    5,  0,  /* core, Hello, 24 bytes, seq 5, no fds */
    16, 14, /* Struct */
    4,  4,
    3,  0, /* Int 3, padded */
  };
  static const guint32 bind[] = {
    2,          (1u << 24) | 88,
    6,          0, /* registry, Bind, 88 bytes */
    80,         14,
    4,          4,
    42,         0, /* Struct, Int 42 */
    24,         8,
    0x65706950, 0x65726957,
    0x746e493a, 0x61667265,
    0x4e3a6563, 0x0065646f, /* String "PipeWire:Interface:Node" */
    4,          4,
    3,          0,
    4,          4,
    9,          0, /* Int 3 (version), Int 9 (new id) */
  };
  static const char *const props[] = { "application.name", "limberd", NULL };
  LimberPwMessage m;
  LimberPwReader fields;
  LimberPwDict dict;
  gint32 value;

  limber_pw_write_hello (out, 5);
  g_assert_cmpmem (out->data, out->len, hello, sizeof hello);
  g_byte_array_set_size (out, 0);
  limber_pw_write_bind (out, 6, 2, 42, "PipeWire:Interface:Node", 9);
  g_assert_cmpmem (out->data, out->len, bind, sizeof bind);

  g_byte_array_set_size (out, 0);
  limber_pw_write_client_properties (out, 1, props);
  g_assert_cmpint (limber_pw_message_split (out->data, out->len, &m), ==,
                   out->len);
  g_assert_cmpuint (m.id, ==, LIMBER_PW_ID_CLIENT);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_CLIENT_UPDATE_PROPERTIES);
  g_assert_true (limber_pw_message_read (&m, &fields));
  g_assert_true (limber_pw_read_dict (&fields, &dict));
  g_assert_cmpstr (limber_pw_dict_lookup (&dict, "application.name"), ==,
                   "limberd");

  g_byte_array_set_size (out, 0);
  limber_pw_write_pong (out, 2, 0, -17);
  limber_pw_write_get_registry (out, 3, 2);
  gsize n = limber_pw_message_split (out->data, out->len, &m);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_CORE_PONG);
  g_assert_true (limber_pw_message_read (&m, &fields));
  g_assert_true (limber_pw_read_int (&fields, &value));
  g_assert_true (limber_pw_read_int (&fields, &value));
  g_assert_cmpint (value, ==, -17);
  g_assert_cmpint (limber_pw_message_split (out->data + n, out->len - n, &m),
                   ==, out->len - n);
  g_assert_cmpuint (m.opcode, ==, LIMBER_PW_CORE_GET_REGISTRY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pipewire-wire/global", test_global);
  g_test_add_func ("/pipewire-wire/node-info", test_node_info);
  g_test_add_func ("/pipewire-wire/extra-is-ignored", test_extra_is_ignored);
  g_test_add_func ("/pipewire-wire/split-needs-whole-messages",
                   test_split_needs_whole_messages);
  g_test_add_func ("/pipewire-wire/malformed-is-refused",
                   test_malformed_is_refused);
  g_test_add_func ("/pipewire-wire/methods", test_methods);
  return g_test_run ();
}
