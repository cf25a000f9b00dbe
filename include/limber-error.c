#include "limber-error.h"

#include <gio/gio.h>

#include "limber-text.h"

static const GDBusErrorEntry limber_error_entries[] = {
  { LIMBER_ERROR_FAILED, "io.github.limber.Limber1.Error.Failed" },
  { LIMBER_ERROR_INVALID_ARGUMENT,
    "io.github.limber.Limber1.Error.InvalidArgument" },
  { LIMBER_ERROR_UNKNOWN_KEY, "io.github.limber.Limber1.Error.UnknownKey" },
  { LIMBER_ERROR_INVALID_CONFIG,
    "io.github.limber.Limber1.Error.InvalidConfig" },
  { LIMBER_ERROR_ACCESS_DENIED, "io.github.limber.Limber1.Error.AccessDenied" },
  { LIMBER_ERROR_NO_BREAK, "io.github.limber.Limber1.Error.NoBreak" },
  { LIMBER_ERROR_NO_ROUTINE, "io.github.limber.Limber1.Error.NoRoutine" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (limber_error_entries)
                 == LIMBER_ERROR_NO_ROUTINE + 1);

GQuark
limber_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("limber-error-quark", &quark,
                                      limber_error_entries,
                                      G_N_ELEMENTS (limber_error_entries));
  return (GQuark) quark;
}

char *
limber_error_quote (const char *text)
{
  g_autofree char *valid = limber_text_visible (text, -1, LIMBER_TEXT_ONE_LINE);

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  g_autofree char *head = g_utf8_substring (valid, 0, 40);
  return g_strconcat (head, "…", NULL);
}
