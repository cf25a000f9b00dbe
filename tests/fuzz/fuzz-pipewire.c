/* PipeWire's native protocol as limberd reads it off the socket: any
 * bytes split into messages, each read as every event a watcher takes,
 * never read past its end nor crashing. */
#include <glib.h>

#include "fuzz.h"
#include "pipewire-wire.h"

static void
look_up (const LimberPwDict *dict)
{
  static const char *const keys[]
      = { "media.class", "node.name", "link.output.node", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    limber_pw_dict_lookup (dict, keys[i]);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  LimberPwMessage message;
  gsize n;

  while ((n = limber_pw_message_split (data, size, &message)) > 0)
    {
      LimberPwGlobal global;
      LimberPwNodeInfo info;
      guint32 id;
      gint32 seq, res;
      const char *error;

      if (limber_pw_parse_global (&message, &global))
        {
          g_assert_nonnull (global.type);
          look_up (&global.props);
        }
      if (limber_pw_parse_node_info (&message, &info))
        look_up (&info.props);
      limber_pw_parse_id (&message, &id);
      limber_pw_parse_ping (&message, &id, &seq);
      limber_pw_parse_error (&message, &id, &res, &error);
      g_assert_cmpint (n, <=, size);
      data += n;
      size -= n;
    }
  return 0;
}
