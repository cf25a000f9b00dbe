#!/bin/sh
# Runs one libFuzzer target for LIMBER_FUZZ_SECONDS (default 10) from its
# seed corpus, keeping what it finds under the build directory.
# Usage: run-fuzzer.sh FUZZER SEED_DIR WORK_DIR
set -eu
fuzzer=$1 seeds=$2 work=$3
mkdir -p "$work/corpus" "$work/crashes"
exec "$fuzzer" "$work/corpus" "$seeds" \
  -max_total_time="${LIMBER_FUZZ_SECONDS:-10}" -timeout=10 -rss_limit_mb=1024 \
  -artifact_prefix="$work/crashes/" -print_final_stats=1
