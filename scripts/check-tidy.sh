#!/usr/bin/env bash
# clang-tidy (Debian's clang-tidy 14) with the repository's .clang-tidy over
# every C++ file the build compiles, from build/compile_commands.json
# (CMAKE_EXPORT_COMPILE_COMMANDS): any finding fails. Run by scripts/test.sh
# after the build. Usage: scripts/check-tidy.sh [BUILD_DIR] [-jN]
# (default build, and as many jobs as cores).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
jobs="${2:--j$(nproc)}"
[[ -f "$build/compile_commands.json" ]] || { echo "check-tidy: no $build/compile_commands.json: build first" >&2; exit 1; }
command -v run-clang-tidy >/dev/null || { echo "check-tidy: run-clang-tidy not found: scripts/install-deps.sh" >&2; exit 1; }
started=$(date +%s)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Files under the source tree only (not CMake's own test programs); headers
# are checked through the files that include them (.clang-tidy HeaderFilterRegex).
failed=0
run-clang-tidy -quiet -p "$build" "$jobs" "^$PWD/(analysis|common|indexer|schema|searcher|tests|fuzz|scripts)/" \
  >"$log" 2>&1 || failed=1
# The libFuzzer targets are configured only in the clang fuzz tree
# (fuzz/CMakeLists.txt), so build/ has no command line for them: they get
# the flags their CMake targets have (without -fsanitize, which changes no
# check).
fuzz_flags=(-std=c++17 -I"$PWD" -isystem /usr/include/libxml2 "-DCOMMUNIQUE_SOURCE_DIR=\"$PWD\""
            -Wall -Wextra -Wshadow -Wconversion)
clang-tidy --quiet fuzz/*.cpp -- "${fuzz_flags[@]}" >>"$log" 2>&1 || failed=1
fuzz_files=(fuzz/*.cpp)
if (( failed )); then
  grep -E "(warning|error): " "$log" | sort -u >&2 || cat "$log" >&2
  echo "check-tidy: findings above (.clang-tidy says which checks and why); $(( $(date +%s) - started )) s" >&2
  exit 1
fi
echo "check-tidy: no findings in $(( $(grep -c '"file"' "$build/compile_commands.json") + ${#fuzz_files[@]} )) files, $(( $(date +%s) - started )) s"
