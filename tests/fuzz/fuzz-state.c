/* The state file parser: never crashes; what it accepts writes back to
 * the same state. */
#include <glib.h>
#include <string.h>

#include "fuzz.h"
#include "state-file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  LimberStateRecord record, again;

  if (limber_state_parse ((const char *) data, size, &record, NULL))
    {
      g_autofree char *text = limber_state_to_text (&record);
      if (!limber_state_parse (text, strlen (text), &again, NULL)
          || again.saved_at != record.saved_at
          || again.scheduler.worked != record.scheduler.worked
          || again.scheduler.phase != record.scheduler.phase
          || again.scheduler.pause_left != record.scheduler.pause_left
          || again.scheduler.window_end != record.scheduler.window_end)
        g_error ("a state that parsed does not survive writing it back");
    }
  return 0;
}
