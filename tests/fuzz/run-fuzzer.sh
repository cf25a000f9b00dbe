#!/bin/sh
# Runs one libFuzzer target from its seed corpus, keeping what it finds under
# the build directory: for LIMBER_FUZZ_SECONDS (default 10), or, when
# LIMBER_FUZZ_RUNS is set, for that many executions (the longer run that
# tests/README.md describes: LIMBER_FUZZ_RUNS=10000000).
# Usage: run-fuzzer.sh FUZZER SEED_DIR WORK_DIR
# A crash, leak or timeout fails the test: libFuzzer's own exit code for
# them (77) is meson's "skipped".
set -eu
fuzzer=$1 seeds=$2 work=$3
mkdir -p "$work/corpus" "$work/crashes"
if [ -n "${LIMBER_FUZZ_RUNS:-}" ]; then
  limit="-runs=$LIMBER_FUZZ_RUNS"
else
  limit="-max_total_time=${LIMBER_FUZZ_SECONDS:-10}"
fi
exec "$fuzzer" "$work/corpus" "$seeds" \
  "$limit" -timeout=10 -rss_limit_mb=1024 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -artifact_prefix="$work/crashes/" -print_final_stats=1
