#!/usr/bin/env bash
# Starts and stops a local cluster for trying remote shards: one xapian-tcpsrv
# per shard of a sharded index (communique-index --shards N), on loopback
# ports, and a stub file listing them as remote shards.
#
# Usage:
#   scripts/cluster.sh start DIR [BASE_PORT]   # default base port 33330
#   scripts/cluster.sh status DIR
#   scripts/cluster.sh stop DIR
#
# `start` writes DIR/cluster.stub ("remote 127.0.0.1:PORT" per shard) and
# DIR/cluster.pids; serve it with
#   build/bin/communique-serve --db DIR/cluster.stub
# which finds DIR/lexicon (spelling and synonyms) beside the stub. On real
# hosts, run `xapian-tcpsrv --port P SHARD` on each and list them in a stub
# (see docs/scale-out.md).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
if [[ -z "$cmd" || -z "$dir" ]]; then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
pids="$dir/cluster.pids"
stub="$dir/cluster.stub"

case "$cmd" in
  start)
    base=${3:-33330}
    command -v xapian-tcpsrv >/dev/null || {
      echo "cluster.sh: xapian-tcpsrv not found (scripts/install-deps.sh installs xapian-tools)" >&2
      exit 2
    }
    [[ -e "$pids" ]] && { echo "cluster.sh: already running ($pids); stop it first" >&2; exit 2; }
    shopt -s nullglob
    shards=("$dir"/shard-[0-9][0-9][0-9])
    ((${#shards[@]})) || { echo "cluster.sh: no shard-NNN folders in $dir" >&2; exit 2; }
    : >"$stub.tmp"
    : >"$pids"
    port=$base
    for shard in "${shards[@]}"; do
      # Its own session, so `stop` takes the per-connection children too.
      setsid xapian-tcpsrv --port "$port" --interface 127.0.0.1 --quiet "$shard" \
        </dev/null >/dev/null 2>&1 &
      echo "$!" >>"$pids"
      echo "remote 127.0.0.1:$port" >>"$stub.tmp"
      port=$((port + 1))
    done
    mv "$stub.tmp" "$stub"
    # Wait until every port accepts connections.
    for ((p = base; p < port; p++)); do
      for _ in $(seq 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break
        sleep 0.1
      done
    done
    echo "cluster.sh: ${#shards[@]} xapian-tcpsrv on 127.0.0.1:$base-$((port - 1)); serve with"
    echo "  communique-serve --db $stub"
    ;;
  status)
    [[ -e "$pids" ]] || { echo "cluster.sh: not running"; exit 1; }
    i=0
    while read -r pid; do
      line=$(sed -n "$((i + 1))p" "$stub")
      if kill -0 "$pid" 2>/dev/null; then echo "up    ${line#remote }"; else echo "down  ${line#remote }"; fi
      i=$((i + 1))
    done <"$pids"
    ;;
  stop)
    [[ -e "$pids" ]] || { echo "cluster.sh: not running"; exit 0; }
    while read -r pid; do kill -- "-$pid" 2>/dev/null || true; done <"$pids"
    rm -f "$pids"
    echo "cluster.sh: stopped"
    ;;
  *)
    echo "cluster.sh: unknown command $cmd (start, status or stop)" >&2
    exit 2
    ;;
esac
