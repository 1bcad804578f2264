#!/usr/bin/env bash
# Runs the pinned prettier (package-lock.json here) over the browser code:
# web/*.js and tests/web/*.mjs, with the repository's .prettierrc.json.
# Usage: tools/format/prettier.sh --check | --write | --install
# Installs it with `npm ci` into tools/format/node_modules (git-ignored) the
# first time, and again whenever the lock file changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
mode="${1:?usage: prettier.sh --check|--write|--install}"

command -v npm >/dev/null || { echo "prettier: npm not found: run scripts/install-deps.sh --browser" >&2; exit 1; }
stamp="$here/node_modules/.communique-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" || [[ ! -x "$here/node_modules/.bin/prettier" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
fi
[[ "$mode" == --install ]] && exit 0

mapfile -t js < <(git ls-files 'web/*.js' 'tests/web/*.mjs')
echo "prettier: ${#js[@]} JavaScript files"
"$here/node_modules/.bin/prettier" --config .prettierrc.json --log-level warn "$mode" "${js[@]}"
