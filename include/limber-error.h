/* limber's error domain, mapped to io.github.limber.Limber1.Error.* on D-Bus
 * so that limberctl gets back the same code the daemon raised. */
#pragma once

#include <glib.h>

#define LIMBER_ERROR (limber_error_quark ())

typedef enum
{
  LIMBER_ERROR_FAILED,
  LIMBER_ERROR_INVALID_ARGUMENT,
  LIMBER_ERROR_UNKNOWN_KEY,
  LIMBER_ERROR_INVALID_CONFIG,
  LIMBER_ERROR_ACCESS_DENIED,
} LimberError;

GQuark limber_error_quark (void);
