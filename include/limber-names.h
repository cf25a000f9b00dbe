/* Names shared by limberd and limberctl: the bus contract and exit codes. */
#pragma once

#define LIMBER_BUS_NAME    "io.github.limber.Limber1"
#define LIMBER_OBJECT_PATH "/io/github/limber/Limber1"
#define LIMBER_INTERFACE   "io.github.limber.Limber1"

/* The desktop entry limberd's notifications point at (desktop-entry hint). */
#define LIMBER_DESKTOP_ID "io.github.limber.Limber"
/* The icon theme name of limber's icon, sent where the server shows icons. */
#define LIMBER_ICON_NAME "limber"

/* PausedUntil when paused until resumed. */
#define LIMBER_PAUSED_INDEFINITELY G_MAXUINT64

/* Upper bounds that keep durations meaningful; anything larger is a typo. */
#define LIMBER_MAX_PAUSE_SECONDS  (31 * 24 * 3600)
#define LIMBER_MAX_SNOOZE_SECONDS (24 * 3600)
/* A hold's reason (Inhibit(), limberctl pause --reason), in bytes. */
#define LIMBER_MAX_REASON_BYTES 200

/* limberctl's exit codes. */
enum
{
  LIMBER_EXIT_OK = 0,
  LIMBER_EXIT_FAILURE = 1,
  LIMBER_EXIT_USAGE = 2,
  LIMBER_EXIT_UNREACHABLE = 3,
};
