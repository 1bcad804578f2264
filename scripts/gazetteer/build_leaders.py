#!/usr/bin/env python3
"""Build schema/gazetteer/leaders.json: heads of state and government,
foreign and finance ministers, with their terms of office.

Usage (from the repo root):
    python3 scripts/gazetteer/build_leaders.py [--shared ../shared/data]
        [--out schema/gazetteer/leaders.json] [--since 1980]

Sources, in order of precedence (a person already listed is not added again):
  1. scripts/gazetteer/leaders_curated.json: curated entries with exact
     roles, name variants, transliterations and social handles (today's
     G20/SCO/BRICS/UNSC leaders and ministers; the 1987 office holders the
     Reuters evaluation needs; finance ministers 1980-2026 of the US, GB,
     FR, DE, JP, CN, RU/SU, IN, PK, BR, ZA, CA, IT and AU; foreign ministers
     1980-2026 of the US, GB, RU/SU, CN, IN, PK, FR, DE, JP, BR, ZA, TR,
     SA, KR and IR; finance ministers of AR, MX, KR, TR, SA, ID, IR, EG,
     AE, ET, KZ and BY over the years the list knows; government and
     foreign ministry spokespeople of RU, CN, US, IN, PK, DE and IR, roles
     "government spokesperson" / "foreign ministry spokesperson", for
     quote attribution, issue 18). An entry whose dates
     are known only to the month or year says "approximate": true. A curated
     surname hides other people of that country with the same surname in
     the sources below, so such people are curated too (Bill Clinton).
  2. Archigos 4.1 (leaders/archigos_4_1.csv): each country's effective leader,
     spells ending in or after --since up to 2015, full names from DBpedia.
  3. REIGN 2021-03 (leaders/reign_leaders_2021_03.csv): effective leaders whose
     spell began after Archigos ends (2015-12-31), up to March 2021.
  4. UN General Debate speakers (ungdc/speakers.csv): heads of state or
     government who spoke 2021-2024, and foreign ministers who spoke
     1994-2024. The sheet gives a year, not a date, so such terms run from
     1 September of the first year to 1 September after the last one (open
     when the last is 2024) and are marked "approximate": true. Foreign
     ministers of the countries in CURATED_FOREIGN are taken from the
     curated list only: there the sheet adds nothing but misspellings
     ("Tang Jianxuan") and deputies who spoke for the minister.
  5. scripts/gazetteer/io_heads_curated.json: heads of international
     organisations (UN and NATO secretaries-general, the EU's three heads,
     the AU Commission's chairperson, the Arab League, ASEAN, SCO, GCC, OSCE,
     OPEC and OIC secretaries-general, the WTO, IAEA and WHO directors-
     general, the IMF's managing director, the World Bank's president),
     1995-2026. Their terms carry "organisation" (an organisations.json id):
     such a term is held for a body, not a country (see merge_io_heads).
The role of an effective leader is the country's usual head office
(HEAD_ROLE), else "leader". A spell that Archigos or REIGN leaves open only
because the source ends is closed where the next holder of the same role in
the same country begins (close_superseded). A bare surname goes into context_aliases: the
recogniser accepts it after a title, next to the full name, or while the
person is in office. A name of three plain words from sources 2-4 also gets
its usual short form as an alias (short_name): "William Samoei Ruto" is
written "William Ruto". Python 3 standard library only; deterministic output.
"""
import argparse
import csv
import json
import os
import re
import unicodedata
import urllib.parse

from gazetteer_json import write_entries

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CURATED = os.path.join(REPO, "scripts", "gazetteer", "leaders_curated.json")
IO_HEADS = os.path.join(REPO, "scripts", "gazetteer", "io_heads_curated.json")
ORGANISATIONS = os.path.join(REPO, "scripts", "gazetteer", "organisations_curated.json")
IO_SOURCE = "curated (heads of international organisations, from common knowledge; not yet checked against a published source)"
COUNTRIES = os.path.join(REPO, "schema", "gazetteer", "countries.json")

# COW state names that differ from the country gazetteer's names.
COW_NAMES = {
    "United States of America": "US", "United Kingdom": "GB", "German Federal Republic": "XG",
    "Germany": "DE", "German Democratic Republic": "DD", "Russia": "RU", "Yugoslavia": "YU",
    "Serbia": "RS", "Czechoslovakia": "CS", "Czech Republic": "CZ", "Yemen Arab Republic": "YE",
    "Yemen People's Republic": "YD", "Yemen": "YE", "Democratic Republic of the Congo": "CD",
    "Congo": "CG", "Ivory Coast": "CI", "South Korea": "KR", "North Korea": "KP",
    "Vietnam": "VN", "Republic of Vietnam": "", "Taiwan": "TW", "Myanmar": "MM", "Cambodia": "KH",
    "Macedonia": "MK", "Bosnia and Herzegovina": "BA", "East Timor": "TL", "Swaziland": "SZ",
    "Cape Verde": "CV", "Zanzibar": "", "Kosovo": "XK", "Brunei": "BN", "Laos": "LA",
    "Iran": "IR", "Syria": "SY", "Libya": "LY", "Tanzania": "TZ", "Bolivia": "BO",
    "Venezuela": "VE", "Moldova": "MD", "Russia (Soviet Union)": "SU", "Gambia": "GM",
    "Bahamas": "BS", "Federated States of Micronesia": "FM", "St. Kitts and Nevis": "KN",
    "St. Lucia": "LC", "St. Vincent and the Grenadines": "VC", "Sao Tome and Principe": "ST",
    "Guinea-Bissau": "GW", "Equatorial Guinea": "GQ", "Central African Republic": "CF",
    "Dominican Republic": "DO", "Trinidad and Tobago": "TT", "Antigua & Barbuda": "AG",
    "Bosnia-Herzegovina": "BA", "Slovakia": "SK", "Surinam": "SR", "Burkina Faso": "BF",
}

# The office an effective leader holds, per country (where it is stable).
HEAD_ROLE = {
    "US": "president", "RU": "president", "GB": "prime minister", "FR": "president", "DE": "chancellor",
    "XG": "chancellor", "AT": "chancellor", "JP": "prime minister", "IT": "prime minister",
    "CA": "prime minister", "AU": "prime minister", "NZ": "prime minister", "IN": "prime minister",
    "IL": "prime minister", "ES": "prime minister", "NL": "prime minister", "BE": "prime minister",
    "SE": "prime minister", "NO": "prime minister", "DK": "prime minister", "IE": "prime minister",
    "GR": "prime minister", "PT": "prime minister", "BR": "president", "AR": "president",
    "MX": "president", "ZA": "president", "KR": "president", "ID": "president", "EG": "president",
    "NG": "president", "KE": "president", "PH": "president", "CL": "president", "CO": "president",
    "PE": "president", "VE": "president", "UA": "president", "KZ": "president", "UZ": "president",
    "TJ": "president", "KG": "president", "BY": "president", "AZ": "president", "SA": "king",
    "JO": "king", "MA": "king", "QA": "emir", "KW": "emir", "IR": "supreme leader",
    "SU": "general secretary", "CN": "leader", "BD": "prime minister", "LK": "president",
    "PL": "prime minister", "HU": "prime minister", "CZ": "prime minister", "FI": "president",
}
# Countries whose foreign ministers 1980-2026 are all curated with exact dates.
CURATED_FOREIGN = {"US", "GB", "RU", "CN", "IN", "PK", "FR", "DE", "JP", "BR", "ZA", "TR", "SA", "KR", "IR"}
FOREIGN = re.compile(r"foreign affairs|foreign minister|external affairs|foreign relations", re.I)
HEAD_POSTS = {"president": "president", "prime minister": "prime minister", "king": "king",
              "amir": "emir", "emir": "emir", "chancellor": "chancellor",
              "federal chancellor": "chancellor", "sultan": "sultan", "crown prince": "crown prince"}


# Countries with no middle name to drop: family name first ("Kim Jong Un",
# "Nguyen Xuan Phuc"), or three words that are as often given, given,
# surname ("Eduardo Alberto Duhalde") as given, surname, surname ("Gustavo
# Petro Urrego"): no short form.
NAME_ORDER_OTHER = {"CN", "TW", "HK", "MO", "JP", "KR", "KP", "VN", "KH", "LA", "MM", "TH", "SG",
                    "MN", "HU", "AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GT", "HN",
                    "MX", "NI", "PA", "PE", "PY", "SV", "UY", "VE", "PT", "BR", "AO", "MZ", "CV",
                    "GW", "ST", "TL"}


def short_name(name, country):
    """The two-word form a wire writes of a three-word name, or None.

    "William Samoei Ruto" -> "William Ruto" (given name and surname, middle
    name dropped). Only three capitalised
    alphabetic words (no particle, initial or hyphen: "Mohammed bin Salman",
    "A. N. R. Robinson" have none)."""
    words = name.split()
    if country in NAME_ORDER_OTHER or len(words) != 3:
        return None
    if not all(w.isalpha() and w[0].isupper() and len(w) > 2 for w in words):
        return None
    return words[0] + " " + words[2]


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def load_json_lines_array(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def merge_io_heads(entries, heads, org_ids):
    """Adds the heads of international organisations to `entries`.

    A head is one person with one id: when he held a national office the
    sources above list ("same_as": that entry's id: Ban Ki-moon, Charles
    Michel), his organisation terms, aliases and context aliases join that
    entry ("rename": the table's name becomes its display name); else he is
    a new entry whose "country" is the one of his national
    terms in the table, or "" (Kofi Annan: an organisation, not a country).
    A national spell that overlaps the organisation term (left open where
    Archigos stops in 2015 or REIGN in 2021; the UN speakers' year-level
    spells) is closed when the organisation term begins: no one holds both.
    An unknown same_as or organisation id is an error, so the table cannot
    drift from the sources silently."""
    by_id = {e["id"]: e for e in entries}
    for h in heads:
        terms = [{k: t[k] for k in ("organisation", "role", "start", "end") if k in t}
                 for t in h["terms"]]
        for t in terms:
            if "organisation" in t and t["organisation"] not in org_ids:
                raise SystemExit("io_heads_curated.json: %s: unknown organisation %s" % (
                    h["id"], t["organisation"]))
        if "same_as" in h:
            e = by_id.get(h["same_as"])
            if e is None:
                raise SystemExit("io_heads_curated.json: %s: same_as %s is no leader" % (
                    h["id"], h["same_as"]))
            first = min(t["start"] for t in terms if "organisation" in t)
            for t in e["roles"]:
                if t["start"] < first and (t["end"] is None or t["end"] > first):
                    t["end"] = first
            e["roles"] = sorted(e["roles"] + terms, key=lambda t: t["start"])
            for key in ("aliases", "context_aliases"):
                e[key] = e[key] + [a for a in h[key] if a not in e[key]]
            if h["name"] != e["name"] and h["name"] not in e["aliases"]:
                e["aliases"].append(h["name"])
            # A source's clipped name ("M. Rutte") gives way to the full one.
            if h.get("rename"):
                e["name"] = h["name"]
            continue
        if h["id"] in by_id:
            raise SystemExit("io_heads_curated.json: %s: id taken; say same_as" % h["id"])
        e = {"id": h["id"], "name": h["name"], "country": h.get("country", ""), "roles": terms,
             "aliases": h["aliases"], "context_aliases": h["context_aliases"], "handles": [],
             "source": IO_SOURCE}
        if h.get("approximate"):
            e["approximate"] = True
        entries.append(e)
        by_id[e["id"]] = e


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO, "schema", "gazetteer", "leaders.json"))
    ap.add_argument("--since", type=int, default=1980)
    args = ap.parse_args()

    countries = load_json_lines_array(COUNTRIES)
    by_name, by_iso3 = {}, {}
    for c in countries:
        by_iso3[c["iso3"]] = c["code"]
        for n in [c["name"], c["official"]] + c["names"]:
            by_name.setdefault(n, c["code"])
    by_name.update(COW_NAMES)

    entries = load_json_lines_array(CURATED)
    ids = {e["id"] for e in entries}
    # country -> folded names and surnames already covered
    known = {}

    full_names = set()

    def remember(e):
        full_names.add(fold(e["name"]))
        for a in [e["name"]] + e.get("aliases", []) + e.get("context_aliases", []):
            known.setdefault(e["country"], set()).add(fold(a))
            known[e["country"]].add(fold(a.split()[-1]))
    for e in entries:
        remember(e)

    def add(country, name, surname, role, start, end, source, approximate=False):
        if not country or not name or " " not in name.strip():
            # a surname alone ("Major", "May") would match everywhere as a name
            return
        if end and end <= start:
            return
        covered = known.get(country, set())
        if (fold(name) in full_names or fold(name) in covered or
                any(fold(w) in covered for w in surname.split() if len(w) > 3)):
            # the same person in another source: extend nothing, keep curated
            return
        ident = slug(name)
        if ident in ids:
            ident = slug(name + " " + country)
        if ident in ids:
            return
        e = {"id": ident, "name": name, "country": country,
             "roles": [{"role": role, "start": start, "end": end}],
             "aliases": [name], "context_aliases": [surname] if surname != name else [],
             "handles": [], "source": source}
        if approximate:
            e["approximate"] = True
        ids.add(ident)
        entries.append(e)
        remember(e)
        # After remember(): a short form is no evidence that a later source's
        # person is this one.
        short = short_name(name, country)
        if short and fold(short) not in full_names and fold(short) not in covered:
            e["aliases"].append(short)

    shared = args.shared
    with open(os.path.join(shared, "leaders", "archigos_4_1.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["enddate"][:4] < str(args.since):
                continue
            country = by_name.get(r["country"])
            if country == "RU" and r["enddate"] < "1991-12-26":
                country = "SU"
            if country == "DE" and r["startdate"] < "1990-10-03":
                country = "XG"
            if country == "XG" and r["startdate"] >= "1990-10-03":
                country = "DE"
            uri = r.get("dbpediauri") or ""
            name = r["leader"]
            if "dbpedia.org/resource/" in uri:
                name = urllib.parse.unquote(uri.rsplit("/", 1)[-1]).replace("_", " ")
            name = re.sub(r"\s*\(.*\)$", "", name)
            end = None if r["enddate"] >= "2015-12-31" else r["enddate"]
            add(country, name, r["leader"], HEAD_ROLE.get(country, "leader"), r["startdate"], end,
                "Archigos 4.1")
    with open(os.path.join(shared, "leaders", "reign_leaders_2021_03.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["start"] < "2016-01-01":
                continue
            country = by_name.get(r["country"])
            if country == "XG":
                country = "DE"
            end = None
            if r["end"]:  # "YYYY-MM": the spell ended during that month
                y, m = int(r["end"][:4]), int(r["end"][5:7])
                end = "%04d-%02d-01" % (y + m // 12, m % 12 + 1)
            add(country, r["leader"], r["leader"].split()[-1], HEAD_ROLE.get(country, "leader"),
                r["start"], end, "REIGN 2021-03")
    spells = {}
    with open(os.path.join(shared, "ungdc", "speakers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            year, post, speaker = int(r["year"]), (r["post"] or "").strip(), r["speaker"].strip()
            country = by_iso3.get(r["iso3"])
            if not country or not speaker or speaker.startswith(("Mr.", "Ms.", "Mrs.")):
                continue
            role = HEAD_POSTS.get(post.lower())
            if role and year >= 2021:
                pass
            elif FOREIGN.search(post) and year >= 1994 and country not in CURATED_FOREIGN:
                role = "foreign minister"
            else:
                continue
            key = (country, speaker, role)
            spells.setdefault(key, []).append(year)
    for (country, speaker, role), years in sorted(spells.items()):
        years.sort()
        start, last = years[0], years[-1]
        end = None if last >= 2024 else "%d-09-01" % (last + 1)
        add(country, speaker, speaker.split()[-1], role, "%d-09-01" % start, end,
            "UN General Debate speakers", approximate=True)

    close_superseded(entries)
    merge_io_heads(entries, load_json_lines_array(IO_HEADS),
                   {o["id"] for o in load_json_lines_array(ORGANISATIONS)})
    entries.sort(key=lambda e: e["id"])
    write_entries(args.out, entries)
    print("leaders: %d entries (%d curated), wrote %s" % (
        len(entries), len(load_json_lines_array(CURATED)), os.path.relpath(args.out)))


# Sources whose open end means only that the source stops (Archigos in 2015,
# REIGN in March 2021), not that the person is still in office.
OPEN_UNTIL_SOURCE_ENDS = ("Archigos 4.1", "REIGN 2021-03")


def close_superseded(entries):
    """Ends such an open role where the next holder of the same role in the
    same country, from any source, begins: Archigos leaves Poroshenko's
    presidency open from 2014, and «the Ukrainian president» in 2019 then
    meant him beside Zelensky."""
    starts = {}
    for e in entries:
        for r in e["roles"]:
            starts.setdefault((e["country"], r["role"]), []).append((r["start"], e["id"]))
    for e in entries:
        if e.get("source") not in OPEN_UNTIL_SOURCE_ENDS:
            continue
        for r in e["roles"]:
            if r["end"] is None:
                later = sorted(st for st, ident in starts[(e["country"], r["role"])]
                               if st > r["start"] and ident != e["id"])
                if later:
                    r["end"] = later[0]


if __name__ == "__main__":
    main()
