/* What each fuzz target defines (libFuzzer's entry point), for the
 * targets and for replay.c, which runs them over a corpus without
 * libFuzzer. */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);
