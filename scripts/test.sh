#!/usr/bin/env bash
# Builds and runs the whole test suite (what CI runs via .ci/run).
# Tests that need ../shared/data report "skipped" when it is absent.
# Run one group with e.g. scripts/test.sh -L browser (or -LE browser to leave it out).
set -euo pipefail
cd "$(dirname "$0")/.."
# Stages (README.md, "Tests", says what each checks):
#   format  scripts/check-format.sh    clang-format and prettier, no changes allowed
#   build   scripts/build.sh           g++, -Wall -Wextra -Wshadow -Wconversion -Werror
#   ctest   unit, integration, data, browser, slow (reliability)
#   tidy    scripts/check-tidy.sh      clang-tidy 14 (.clang-tidy), zero findings
#   asan    clang, ASan + UBSan, -Werror: the suite again and the fuzz targets
# Each stage's time is printed as it ends. tidy and asan run only on a full
# run (no ctest arguments); COMMUNIQUE_SKIP_TIDY=1 and COMMUNIQUE_SKIP_ASAN=1
# skip them locally.
stage_started=$(date +%s)
stage_done() {
  echo "== test.sh: stage $1 passed in $(( $(date +%s) - stage_started )) s" >&2
  stage_started=$(date +%s)
}
# --browser: Chromium and Node for the browser tests (tests/web/, label
# "browser"), and the pinned prettier (tools/format/).
scripts/install-deps.sh --browser
stage_done install-deps
scripts/check-format.sh
stage_done format
# Warnings are errors here (COMMUNIQUE_WERROR); a plain build only shows them.
scripts/build.sh -DCOMMUNIQUE_WERROR=ON
stage_done build
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
stage_done ctest
cd ..

# clang-tidy over every C++ file build/ compiles (11 CPU-minutes for 118
# files, some 6 minutes on 2 idle cores). After ctest, so a failing test is reported
# first; only on a full run, as a run of one ctest group checks no code.
if [[ $# -eq 0 && -z "${COMMUNIQUE_SKIP_TIDY:-}" ]]; then
  scripts/check-tidy.sh build -j"$(nproc)"
  stage_done tidy
fi

# The suite again under ASan + UBSan (clang, build-asan/), with the libFuzzer
# targets run for a bounded time (label "fuzz"; see docs/security.md). Left
# out: the browser tests, the data checks (Python, no C++), and the
# crash-safety and load runs, whose worth is in kills and timings rather
# than memory errors. Only on a full run (no
# ctest arguments); COMMUNIQUE_SKIP_ASAN=1 skips it locally.
if [[ $# -eq 0 && -z "${COMMUNIQUE_SKIP_ASAN:-}" ]]; then
  CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOMMUNIQUE_WERROR=ON \
    -DCOMMUNIQUE_SANITIZE=ON -DCOMMUNIQUE_FUZZ=ON -DFUZZ_SECONDS="${FUZZ_SECONDS:-60}" >/dev/null
  cmake --build build-asan -j"$(nproc)"
  cd build-asan
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$PWD/../fuzz/lsan.supp" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j"$(nproc)" -LE 'browser|data' -E 'reliability[.](crash_safety|load)'
  stage_done asan
fi
