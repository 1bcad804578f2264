#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time.
# Usage: fuzz/run.sh FUZZER SEED_CORPUS DICT WORK_CORPUS SECONDS
# Exit status: libFuzzer's (non-zero, with the crashing input saved in the
# current folder, when an input broke a promise).
set -euo pipefail
fuzzer=$1 seeds=$2 dict=$3 work=$4 secs=$5
mkdir -p "$work"
cp -n "$seeds"/* "$work"/ 2>/dev/null || true
# The readers fuzzer also starts from the shipped sample corpus, written here
# with its format selector byte (0 JSON lines, 1 text, 2 HTML; see
# readers_fuzzer.cpp) rather than kept as copies that would drift.
if [[ "$(basename "$fuzzer")" == readers_fuzzer ]]; then
  sample="$(dirname "$0")/../scripts/sample"
  { printf '\000'; head -n 3 "$sample/articles.jsonl"; } > "$work/seed_jsonl_sample"
  for f in "$sample"/text/*.txt; do { printf '\001'; cat "$f"; } > "$work/seed_text_$(basename "$f")"; done
  for f in "$sample"/html/*.html; do { printf '\002'; cat "$f"; } > "$work/seed_html_$(basename "$f")"; done
fi
# -timeout=2: one input taking over 2 s is a hang; -rss_limit_mb: a leak or
# blow-up is a failure; -max_len: readers need room for real articles.
export LSAN_OPTIONS="suppressions=$(dirname "$0")/lsan.supp:${LSAN_OPTIONS:-}"
exec "$fuzzer" "$work" -dict="$dict" -max_total_time="$secs" -timeout=2 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/../"
