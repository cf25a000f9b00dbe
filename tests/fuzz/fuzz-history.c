/* The history reader: never crashes, and every record it finds formats
 * to a line that reads back as the same record. */
#include <glib.h>
#include <string.h>

#include "fuzz.h"
#include "history.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint bad;
  g_autoptr (GArray) records
      = limber_history_parse ((const char *) data, size, &bad);

  for (guint i = 0; i < records->len; i++)
    {
      const LimberHistoryRecord *r
          = &g_array_index (records, LimberHistoryRecord, i);
      g_autofree char *line = limber_history_format (r);
      g_autoptr (GArray) again
          = limber_history_parse (line, strlen (line), &bad);
      const LimberHistoryRecord *back
          = again->len == 1 ? &g_array_index (again, LimberHistoryRecord, 0)
                            : NULL;
      if (back == NULL || bad != 0 || back->time != r->time
          || back->kind != r->kind || back->value != r->value)
        g_error ("record %u does not read back", i);
    }
  return 0;
}
