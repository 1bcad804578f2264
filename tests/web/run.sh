#!/usr/bin/env bash
# Browser tests: the real communique-index and communique-serve, the sample
# corpus, and Debian's Chromium driven by playwright-core (never a browser
# download). Run by CTest (label "browser"); needs scripts/install-deps.sh --browser.
#
# Usage: tests/web/run.sh BIN_DIR OUT_DIR
#   BIN_DIR  folder holding communique-index and communique-serve
#   OUT_DIR  work folder: node_modules, the test index, screenshots/
# Environment: CHROMIUM (default /usr/bin/chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/../.." && pwd)"
bin="$(cd "${1:?usage: run.sh BIN_DIR OUT_DIR}" && pwd)"
out="${2:?usage: run.sh BIN_DIR OUT_DIR}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

fail() { echo "browser tests: $*" >&2; exit 1; }
[[ -x "$chromium" ]] || fail "$chromium not found: run scripts/install-deps.sh --browser"
command -v node >/dev/null && command -v npm >/dev/null || fail "node/npm not found: run scripts/install-deps.sh --browser"
[[ -x "$bin/communique-index" && -x "$bin/communique-serve" ]] || fail "no binaries in $bin (build first)"

# npm ci from the committed lock file, into the work folder (not the source
# tree), again only when the lock file changed.
node_dir="$out/node"
mkdir -p "$node_dir"
if ! cmp -s "$here/package-lock.json" "$node_dir/package-lock.json" || [[ ! -d "$node_dir/node_modules/playwright-core" ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) || fail "npm ci failed"
fi
cp "$here"/*.test.mjs "$node_dir/"

# The sample corpus plus fixtures: three copies of one story (they fold
# into one hit, "+2 similar stories"), and an article with a hostile title. The indexer strips
# tags and decodes entities, so the stored title is literally
# <img src=x onerror=alert(1)> xsscanary <script>alert(2)</script>.
rm -rf "$out/corpus" "$out/index" "$out/screenshots"
mkdir -p "$out/corpus" "$out/screenshots"
cp -r "$src/scripts/sample/." "$out/corpus/"
cat > "$out/corpus/fixtures.jsonl" <<'JSON'
{"id": "xss-0001", "url": "https://news.example.org/xss", "title": "&lt;img src=x onerror=alert(1)&gt; xsscanary &lt;script&gt;alert(2)&lt;/script&gt;", "body": "ISLAMABAD: An article whose title tries markup. The word xsscanary finds it. &lt;b onmouseover=alert(3)&gt;bold&lt;/b&gt;", "date": "2020-01-15", "source": "Fixture Wire", "language": "en", "authors": ["&lt;img src=x onerror=alert(4)&gt; Jane Smith", "Ali Khan"], "subjects": [{"code": "medtop:11000000", "name": "<b>politics</b>"}]}
{"id": "dup-0001", "url": "https://news.example.org/dup-1", "title": "Dupcanary ministers agree grain corridor talks", "body": "ODESA: Ministers from the two countries agreed on Tuesday to hold dupcanary talks on a grain corridor through the Black Sea, officials said. The talks open next week in Istanbul and are expected to last three days.", "date": "2022-07-12", "source": "Fixture Wire", "language": "en"}
{"id": "dup-0002", "url": "https://news.example.org/dup-2", "title": "Dupcanary ministers agree grain corridor talks", "body": "ODESA: Ministers from the two countries agreed on Tuesday to hold dupcanary talks on a grain corridor through the Black Sea, officials said. The talks open next week in Istanbul and are expected to last three days.", "date": "2022-07-12", "source": "Fixture Daily", "language": "en"}
{"id": "dup-0003", "url": "https://news.example.org/dup-3", "title": "Dupcanary ministers agree grain corridor talks", "body": "ODESA: Ministers from the two countries agreed on Tuesday to hold dupcanary talks on a grain corridor through the Black Sea, officials said. The talks open next week in Istanbul and are expected to last three days.", "date": "2022-07-13", "source": "Fixture Times", "language": "en"}
JSON
"$bin/communique-index" --db "$out/index" "$out/corpus" >/dev/null || fail "communique-index failed"

cd "$node_dir"
COMMUNIQUE_SERVE="$bin/communique-serve" COMMUNIQUE_DB="$out/index" COMMUNIQUE_WEB="$src/web" \
  CHROMIUM="$chromium" SCREENSHOTS="$out/screenshots" \
  node --test --test-reporter=spec browser.test.mjs
echo "browser tests: screenshots in $out/screenshots"
