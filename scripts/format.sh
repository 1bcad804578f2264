#!/usr/bin/env bash
# Rewrites every tracked C++ file with clang-format (.clang-format) and the
# browser JavaScript with the pinned prettier (.prettierrc.json,
# tools/format/), so scripts/check-format.sh passes. Run it after a merge.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t cxx < <(git ls-files '*.cpp' '*.cc' '*.h' '*.hpp')
clang-format -i "${cxx[@]}"
echo "clang-format: ${#cxx[@]} C++ files"
tools/format/prettier.sh --write
