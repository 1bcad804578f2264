#!/usr/bin/env bash
# Load: wrk with 64 connections against communique-serve over the real
# corpus (the BBC export in ../shared/data when present, plus the sample
# corpus). Fails on any socket error or any non-2xx answer, and
# prints the latency percentiles (p99 included).
#
# Usage: load_test.sh BIN_DIR SOURCE_DIR [SECONDS]   (CI: 20 s; the
# documented long run is 600 s: see docs/security.md)
set -euo pipefail
bin=$1 src=$2 secs=${3:-20}
command -v wrk >/dev/null || { echo "load_test: wrk is not installed (scripts/install-deps.sh)"; exit 1; }
work=$(mktemp -d /tmp/communique-load-XXXXXX)
server_pid=""
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

inputs=("$src/scripts/sample")
shared="${COMMUNIQUE_SHARED_DATA:-$src/../shared/data}"
for gz in "$shared/bbc/bbc_news_2004_2005.jsonl.gz"; do
  if [[ -f $gz ]]; then
    zcat "$gz" > "$work/$(basename "$gz" .gz)"
    inputs+=("$work/$(basename "$gz" .gz)")
  fi
done
"$bin/communique-index" --db "$work/db" --no-progress "${inputs[@]}" 2>"$work/index.log" || [[ $? -eq 1 ]]
tail -1 "$work/index.log"

"$bin/communique-serve" --db "$work/db" --port 0 > "$work/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 50); do grep -q "listening on" "$work/serve.out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.out" | head -1)
[[ -n $port ]] || { echo "load_test: the server did not start"; cat "$work/serve.out"; exit 1; }

wrk -t2 -c64 -d"${secs}s" --latency --timeout 10s -s "$(dirname "$0")/load_mix.lua" \
  "http://127.0.0.1:$port" | tee "$work/wrk.out"
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
echo "load_test: server RSS after the run: $((rss_kb / 1024)) MB"

requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
if grep -q "Socket errors\|Non-2xx" "$work/wrk.out"; then
  echo "load_test: FAILED: errors or non-2xx answers (see above)"
  exit 1
fi
# Throughput depends on the machine; the floor only proves the run happened.
if [[ -z $requests || $requests -lt 100 ]]; then
  echo "load_test: FAILED: only ${requests:-0} requests completed"
  exit 1
fi
echo "load_test: $requests requests in ${secs}s, 0 errors, 0 non-2xx, p99 $p99"
