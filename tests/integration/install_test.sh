#!/usr/bin/env bash
# `cmake --install` and the .deb: the installed programs run without the
# source tree's paths (they find PREFIX/share/communique), index the sample
# corpus and serve the page and the API; the package holds the unit, the
# conffile and its library dependencies.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
work=$(mktemp -d)
server=
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in bin/communique-index bin/communique-serve share/communique/schema/fields.json \
         share/communique/schema/gazetteer/countries.json share/communique/schema/stopwords/en.txt \
         share/communique/web/index.html lib/systemd/system/communique-serve.service; do
  [[ -e $work/prefix/$f ]] || fail "not installed: $f"
done
# Neither the source tree's schema nor its web folder may be what they use.
[[ -e $work/prefix/share/communique/schema/field_schema.cpp ]] && fail "source files installed"
mv_src=$work/elsewhere
mkdir -p "$mv_src"
cd "$mv_src"
"$work/prefix/bin/communique-index" --db "$work/db" "$src/scripts/sample" >/dev/null 2>&1 ||
  fail "the installed communique-index could not index the sample corpus"
"$work/prefix/bin/communique-serve" --db "$work/db" --port 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/serve.log")
[[ -n $port ]] || fail "the installed server did not start: $(cat "$work/serve.log")"
# Whole answers first: `curl | grep -q` fails when grep stops reading early.
answer=$(curl -fsS "http://127.0.0.1:$port/api/search?q=Putin") || fail "search failed"
grep -q '"total":' <<<"$answer" || fail "no search answer: $answer"
page=$(curl -fsS "http://127.0.0.1:$port/") || fail "page failed"
grep -qi '<title>' <<<"$page" || fail "no search page"
kill "$server"; wait "$server" 2>/dev/null || true; server=

# The package.
(cd "$build" && cpack -G DEB -B "$work/pkg" >/dev/null) || fail "cpack failed"
deb=$(ls "$work"/pkg/communique_*.deb)
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/communique-serve ./usr/bin/communique-index ./usr/share/communique/web/widget.js \
         ./usr/lib/systemd/system/communique-serve.service ./etc/communique/communique.conf; do
  grep -q " $f\$" <<<"$contents" || fail "$f missing from the package"
done
dpkg-deb -f "$deb" Depends | grep -q libxapian || fail "the package does not depend on Xapian"
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/communique/communique.conf "$work/control/conffiles" || fail "the conf is not a conffile"
echo "1 passed, 0 failed"
