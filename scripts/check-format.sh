#!/usr/bin/env bash
# Format check (first stage of scripts/test.sh; seconds): every tracked C++
# file must be as clang-format (repo .clang-format) writes it, and the browser
# JavaScript as prettier (pinned in tools/format/package-lock.json) writes it.
# scripts/format.sh rewrites them all.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
mapfile -t cxx < <(git ls-files '*.cpp' '*.cc' '*.h' '*.hpp')
echo "clang-format: ${#cxx[@]} C++ files"
clang-format --dry-run --Werror "${cxx[@]}" || status=1

# --cxx-only: skip the JavaScript (no Node on the machine).
if [[ "${1:-}" != "--cxx-only" ]]; then
  tools/format/prettier.sh --check || status=1
fi
if [[ $status -ne 0 ]]; then
  echo "format check failed: run scripts/format.sh and commit the result" >&2
fi
exit $status
