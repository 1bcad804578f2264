#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: build, index the sample corpus
# (scripts/sample/ with its multilingual articles, and the feeds in
# scripts/sample-feeds/), and serve the search page at http://127.0.0.1:8080/.
# Environment: HOST (default 127.0.0.1), PORT (default 8080), DB (default build/demo-index).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
db="${DB:-build/demo-index}"
rm -rf "$db"
# The multilingual articles are stored with their expected entities (.gold,
# JSON lines the indexer reads like any other; the extra field is ignored).
build/bin/communique-index --db "$db" scripts/sample scripts/sample-feeds scripts/sample/multilingual/*.gold
echo "Open http://${HOST:-127.0.0.1}:${PORT:-8080}/ — Ctrl-C stops the server."
exec build/bin/communique-serve --db "$db" --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}" --web web
