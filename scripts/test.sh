#!/usr/bin/env bash
# Builds and runs the whole test suite (what CI runs via .ci/run).
# Tests that need ../shared/data report "skipped" when it is absent.
# Run one group with e.g. scripts/test.sh -L browser (or -LE browser to leave it out).
set -euo pipefail
cd "$(dirname "$0")/.."
# --browser: Chromium and Node for the browser tests (tests/web/, label "browser").
scripts/install-deps.sh --browser
scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"

# The suite again under ASan + UBSan (clang, build-asan/), with the libFuzzer
# targets run for a bounded time (label "fuzz"; see docs/security.md). Left
# out: the browser tests, and the crash-safety and load runs, whose worth is
# in kills and timings rather than memory errors. Only on a full run (no
# ctest arguments); COMMUNIQUE_SKIP_ASAN=1 skips it locally.
if [[ $# -eq 0 && -z "${COMMUNIQUE_SKIP_ASAN:-}" ]]; then
  cd ..
  CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCOMMUNIQUE_SANITIZE=ON -DCOMMUNIQUE_FUZZ=ON -DFUZZ_SECONDS="${FUZZ_SECONDS:-60}" >/dev/null
  cmake --build build-asan -j"$(nproc)"
  cd build-asan
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/../fuzz/lsan.supp" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j"$(nproc)" -LE browser -E 'reliability[.](crash_safety|load)'
fi
