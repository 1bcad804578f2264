#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time.
# Usage: fuzz/run.sh FUZZER SEED_CORPUS DICT WORK_CORPUS SECONDS
# Exit status: libFuzzer's (non-zero, with the crashing input saved in the
# current folder, when an input broke a promise).
set -euo pipefail
fuzzer=$1 seeds=$2 dict=$3 work=$4 secs=$5
mkdir -p "$work"
cp -n "$seeds"/* "$work"/ 2>/dev/null || true
# -timeout=2: one input taking over 2 s is a hang; -rss_limit_mb: a leak or
# blow-up is a failure; -max_len: readers need room for real articles.
export LSAN_OPTIONS="suppressions=$(dirname "$0")/lsan.supp:${LSAN_OPTIONS:-}"
exec "$fuzzer" "$work" -dict="$dict" -max_total_time="$secs" -timeout=2 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/../"
