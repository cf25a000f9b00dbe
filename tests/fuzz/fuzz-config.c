/* The config loader on one file's contents: never crashes; a config it
 * accepts has every value within its limits. */
#include <glib.h>

#include "config.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (LimberConfig) config
      = limber_config_parse ("fuzz", (const char *) data, size, NULL);

  if (config != NULL)
    {
      g_autoptr (GVariant) settings
          = g_variant_ref_sink (limber_config_to_variant (config));
      if (g_variant_n_children (settings) == 0
          || config->interval_min > config->interval_max
          || config->break_length > config->natural_break
          || config->interval_min == 0 || config->lull == 0
          || !g_utf8_validate (config->routine, -1, NULL)
          || !g_utf8_validate (config->title, -1, NULL))
        g_error ("an inconsistent configuration was accepted");
    }
  return 0;
}
