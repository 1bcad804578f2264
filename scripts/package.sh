#!/usr/bin/env bash
# Builds the Debian package build/communique_VERSION_ARCH.deb (see
# deploy/README.md for installing and running it as a service).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd build
cpack -G DEB >/dev/null
ls -1 "$PWD"/communique_*.deb
