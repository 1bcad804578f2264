#!/usr/bin/env bash
# Installs the Debian 12 packages Communique builds and runs with.
# Safe to run repeatedly; skips apt entirely when everything is present.
# Usage: scripts/install-deps.sh [--browser]   (--browser adds Chromium + Node for browser tests)
set -euo pipefail

packages=(libxapian-dev xapian-tools libicu-dev libcpp-httplib-dev libxml2-dev libssl-dev dpkg-dev curl
          nlohmann-json3-dev catch2 cmake g++ pkg-config make curl python3
          clang libclang-rt-14-dev wrk  # sanitizer build, libFuzzer, load test
          clang-format clang-tidy  # scripts/check-format.sh, scripts/check-tidy.sh
          python3-xapian)  # plain-Xapian rows of scripts/eval/ranking.py; tests/integration/differential_query_test.py
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from outside Debian (e.g. NodeSource); accept any working npm.
if [[ "${1:-}" == "--browser" ]] && command -v npm >/dev/null && command -v node >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The pinned prettier for scripts/check-format.sh (npm ci from tools/format/'s
# lock file; again only when the lock file changes).
if [[ "${1:-}" == "--browser" ]]; then
  "$(dirname "$0")/../tools/format/prettier.sh" --install
fi
