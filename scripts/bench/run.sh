#!/usr/bin/env bash
# The benchmark in one command: installs the peers (Debian packages), builds
# Communique, and runs scripts/bench/run.py, which writes docs/benchmarks/.
# Usage: scripts/bench/run.sh [--scales 10k,100k,1m] [--seconds N] [--rounds N]
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/bench/install.sh
scripts/build.sh
exec python3 scripts/bench/run.py "$@"
