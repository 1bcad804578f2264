#!/usr/bin/env bash
# Builds and runs the whole test suite (what CI runs via .ci/run).
# Tests that need ../shared/data report "skipped" when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
