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
  LIMBER_ERROR_NO_BREAK,   /* nothing due to skip */
  LIMBER_ERROR_NO_ROUTINE, /* no routine running, or none for the break */
} LimberError;

GQuark limber_error_quark (void);

/* @text as error messages quote what was given: made visible on one line
 * (limber_text_visible()), and cut to 40 characters with an ellipsis. */
char *limber_error_quote (const char *text);
