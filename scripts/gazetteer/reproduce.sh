#!/usr/bin/env bash
# Regenerates every gazetteer in schema/gazetteer/ from ../shared/data with
# the builders in this folder, into a temporary folder, and fails on any
# difference from the committed files: generated data must be what its
# generator writes. Exit 77 (CTest: skipped) when ../shared/data is absent.
# Usage: scripts/gazetteer/reproduce.sh [SHARED_DATA_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${1:-$repo/../shared/data}"
if [[ ! -d "$shared/countries" || ! -d "$shared/cities" || ! -d "$shared/leaders" || ! -d "$shared/orgs" || ! -d "$shared/ungdc" ]]; then
  echo "gazetteer reproduce: $shared (countries, cities, leaders, orgs, ungdc) is absent: skipped"
  exit 77
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$repo"
# The builders' notes (cross-checks between sources) are shown only when one fails.
run() { "$@" >>"$out/builders.log" 2>&1 || { cat "$out/builders.log" >&2; echo "failed: $*" >&2; exit 1; }; }
run python3 "$here/build_countries.py" --source "$shared/countries/countries.json" --out "$out/countries.json"
run python3 "$here/build_cities.py" --source "$shared/cities/cities1000.tsv.gz" --out "$out/cities.tsv" \
  --variants-out "$out/city_variants.tsv"
run python3 "$here/build_leaders.py" --shared "$shared" --out "$out/leaders.json"
run python3 "$here/build_organisations.py" --shared "$shared" --out "$out/organisations.json"
# Per-language rules and aliases, from the curated tables in lang/ and the
# countries' names above.
# Bare surnames queries widen (build_query_surnames.py), from the leaders
# above and the UN General Debate speeches.
run python3 "$here/build_query_surnames.py" --gazetteer "$out" --speeches "$shared/ungdc/speeches.jsonl.gz" \
  --out "$out/query_surnames.tsv"
mkdir -p "$out/rules"
run python3 "$here/build_lang_rules.py" --out-dir "$out/rules" --supraverden "$shared/orgs/supraverden_igos.json"
status=0
for f in countries.json cities.tsv city_variants.tsv leaders.json organisations.json query_surnames.tsv; do
  if ! cmp -s "$out/$f" "schema/gazetteer/$f"; then
    echo "schema/gazetteer/$f differs from what scripts/gazetteer/ generates:" >&2
    diff -u "schema/gazetteer/$f" "$out/$f" | head -40 >&2 || true
    status=1
  fi
done
if ! diff -r -q schema/gazetteer/rules "$out/rules" >&2; then
  echo "schema/gazetteer/rules differs from what build_lang_rules.py generates" >&2
  status=1
fi
# Every committed gazetteer file must have a generator above.
for f in schema/gazetteer/*; do
  [[ -e "$out/$(basename "$f")" ]] || { echo "$f: no generator regenerates it" >&2; status=1; }
done
[[ $status -eq 0 ]] && echo "gazetteer reproduce: 6 files and rules/ identical"
exit $status
