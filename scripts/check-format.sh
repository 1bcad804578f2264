#!/usr/bin/env bash
# Format check (first stage of scripts/test.sh; seconds): every tracked C++
# file must be as clang-format (repo .clang-format) writes it, and the browser
# JavaScript as prettier (pinned in tools/format/package-lock.json) writes it.
# scripts/format.sh rewrites them all. Also: Catch2 test names CTest can run.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
names=0
mapfile -t cxx < <(git ls-files '*.cpp' '*.cc' '*.h' '*.hpp')
echo "clang-format: ${#cxx[@]} C++ files"
clang-format --dry-run --Werror "${cxx[@]}" || status=1

# Catch2 test names that CTest's discovery cannot carry: it splits a name at
# ';' and reads a leading '--' as an option, so such a test runs no case and
# fails in ctest while passing in unit_tests.
if bad=$(git grep -nE 'TEST_CASE\("([^"]*;|--)' -- 'tests/*.cpp'); then
  echo "test names with ';' or a leading '--' (CTest cannot run them):" >&2
  echo "$bad" >&2
  names=1
fi

# --cxx-only: skip the JavaScript (no Node on the machine).
if [[ "${1:-}" != "--cxx-only" ]]; then
  tools/format/prettier.sh --check || status=1
fi
if [[ $status -ne 0 ]]; then
  echo "format check failed: run scripts/format.sh and commit the result" >&2
fi
exit $((status | names))
