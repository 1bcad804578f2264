#!/usr/bin/env bash
# Installs the benchmark peers from Debian: Xapian's scriptindex (xapian-omega),
# Sphinx 2.2, Lucene 8 with a JRE, and wrk. Safe to re-run.
set -euo pipefail
pkgs=(xapian-omega sphinxsearch liblucene8-java default-jre-headless default-jdk-headless wrk python3 time)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
