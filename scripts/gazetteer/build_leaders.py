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
     spells ending in or after --since up to 2015, full names from DBpedia;
     a surname without a DBpedia name ("Hollande") is named after the UN
     speaker who spoke for the country's HEAD_ROLE office during the spell
     (head_speaker), else left out. A spell open because Archigos stops in
     2015 ends where REIGN ends the person's spell (cap_by_reign).
  3. REIGN 2021-03 (leaders/reign_leaders_2021_03.csv): effective leaders whose
     spell began after Archigos ends (2015-12-31), up to March 2021. REIGN
     often gives a surname alone ("Sanchez", "Kurz", "Tebboune": 109 of its
     213 spells from 2016); the full name is taken from source 4 around the
     spell (full_name_for), and the spell goes to that person's entry, as
     does a full-named spell of someone Archigos lists (Michel Aoun, 2016).
  4. UN General Debate speakers (ungdc/speakers.csv), without the courtesy
     title the sheet writes before 4,700 names (TITLE: "Mr. Giuseppe
     Conte"): heads of state or
     government who spoke 2021-2024, and foreign ministers who spoke
     1994-2024. The sheet gives a year, not a date, so such terms run from
     1 September of the first year to 1 September after the last one (open
     when the last is 2024, or 2023 for a head no one else spoke for
     after: still_in_office) and are marked "approximate": true. One person
     spelled several ways ("Pedro Sánchez", "Pedro Sanchez Perez-Castejon")
     keeps one entry per spelling, as the language tables name them, but
     every spelling gets the person's whole term (spells_by_person). A
     speaker Archigos or REIGN already lists gives that entry the terms it
     lacks (merge_term), and ends a spell those sources leave open when
     someone else spoke for the office later (close_open_term). Foreign
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
(HEAD_ROLE), else "leader", named after the head's post in which the person
spoke at the UN during the spell where the sheet gives one
(name_leader_offices: Hu Jintao, "President" in 2009). A spell that Archigos or REIGN leaves open only
because the source ends is closed where the next holder of the same role in
the same country begins (close_superseded). A bare surname goes into context_aliases: the
recogniser accepts it after a title, next to the full name, or while the
person is in office. One person the sources list under several ids is
folded into one (merge_one_person: "Felix Tschisekedi", "Félix Tshisekedi",
"Felix-Antoine Tshisekedi Tshilombo"). A name of three plain words from sources 2-4 also gets
its usual short form as an alias (short_name): "William Samoei Ruto" is
written "William Ruto". Python 3 standard library only; deterministic output.
"""
import argparse
import csv
import difflib
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
LANG = os.path.join(REPO, "scripts", "gazetteer", "lang")

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


def short_name(name, country, surname=""):
    """The two-word form a wire writes of a three-word name, or None.

    "William Samoei Ruto" -> "William Ruto" (given name and surname, middle
    name dropped); when the source names the middle word as the surname
    (REIGN's "Gentiloni" for "Paolo Gentiloni Silveri"), the last word goes
    instead: "Paolo Gentiloni". Only three capitalised
    alphabetic words (no particle, initial or hyphen: "Mohammed bin Salman",
    "A. N. R. Robinson" have none)."""
    words = name.split()
    if country in NAME_ORDER_OTHER or len(words) != 3:
        return None
    if not all(w.isalpha() and w[0].isupper() and len(w) > 2 for w in words):
        return None
    return words[0] + " " + (words[1] if surname == words[1] else words[2])


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


# Courtesy titles the sheet puts before a name ("Mr. Matteo Renzi", "Mr
# BRAHIMI", "Dr. Mahathir Mohamad"), 4,700 rows. Not "Sheikh", "Prince" or
# "King": those are part of the name the press writes ("Sheikh Hasina",
# "Sheikh Tamim", "King Abdullah").
# The sheet's typists also wrote "Mr.Vivian Balakrishnan", "Mr; Eric Gairy".
TITLE = re.compile(r"(?:Mr|Ms|Mrs|Dr|H\.\s?E)(?:[.,;-]\s*|\s+)(?=\w)", re.I)

# A member of parliament's letters after the name ("Mr. Sam Kutesa MP",
# "Mr. Scott Morrison, MP").
MEMBER = re.compile(r",?\s+MP$")


def read_ungd_speakers(shared, by_iso3):
    """The UN General Debate speakers as (year, country, post, speaker) rows,
    the speaker without a courtesy title (TITLE): "Mr. Ilham Heydar oglu
    Aliyev" is "Ilham Heydar oglu Aliyev". A title with a surname alone
    ("Mr. Arce") leaves the surname, which names no one by itself (add()).
    Returns (rows, the (country, speaker) spellings the sheet writes only
    after a title): such a spelling ("Abdelwaheb ABDALLAH") is taken after
    the untitled ones, so that an entry keeps the id and name of the
    spelling without a title."""
    rows, titled, plain = [], set(), set()
    with open(os.path.join(shared, "ungdc", "speakers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            country, speaker = by_iso3.get(r["iso3"]), r["speaker"].strip()
            seen = plain
            if TITLE.match(speaker):
                speaker, seen = TITLE.sub("", speaker, count=1), titled
            speaker = MEMBER.sub("", speaker).rstrip(" ,;")
            if country and speaker:
                rows.append((int(r["year"]), country, (r["post"] or "").strip(), speaker))
                seen.add((country, speaker))
    return rows, titled - plain


def words_of(name):
    """The folded words of a name, punctuation and hyphens as spaces."""
    return re.sub(r"[^\w\s]|_", " ", fold(name)).split()


def one_person(short, long):
    """Whether the folded words `short` and `long` (words_of) name one
    person: the same given name and every word of the shorter in the longer,
    in order ("Mia Mottley", "Mia Amor Mottley"; "Pedro Sánchez", "Pedro
    Sánchez Pérez-Castejón")."""
    if len(short) > len(long):
        short, long = long, short
    if not short or short[0] != long[0]:
        return False
    if ("jr" in short) != ("jr" in long):
        return False  # Ferdinand Marcos and Ferdinand R. Marcos Jr.
    rest = iter(long[1:])
    return all(w in rest for w in short[1:])


def near_spelling(a, b):
    """Whether the folded words `a` and `b` are one word spelled twice: equal,
    or of three letters or more and one letter added, dropped or changed
    ("Jen" Stoltenberg for "Jens" in 2006)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# Words before a given name: "Prince Mohamed Bolkiah", "Dato' Sri Anifah
# Aman", "Miss Halonen".
HONORIFICS = {"prince", "princess", "sheikh", "sheikha", "shaikh", "shaikha", "sir", "dame",
              "miss", "dato", "datuk", "sri", "general", "lieutenant", "the", "honorable",
              "honourable", "al", "haj", "king", "emir", "amir", "sultan", "madam", "mme"}


# Particles that open a surname, not a given name ("Ould Ghazouani", "Van Mierlo").
PARTICLES = {"ould", "ben", "bin", "ibn", "el", "de", "di", "da", "do", "van", "von", "le", "la"}


def given_name(name):
    """The folded given name of `name`, past any HONORIFICS, or "" when it
    names no given name ("Miss Halonen", "Ould Ghazouani")."""
    words = [w for w in words_of(name) if w not in HONORIFICS]
    return words[0] if len(words) > 1 and words[0] not in PARTICLES else ""


def like_given(a, b):
    """Whether the folded given names `a` and `b` may be one name: equal or
    near (near_spelling), one the other's initial or short form ("m",
    "mark"; "chan", "chandrikapersad"), or spelled alike (difflib ratio
    0.7: "micheal", "michael"; "janies", "james")."""
    return (near_spelling(a, b) or a.startswith(b) or b.startswith(a) or
            difflib.SequenceMatcher(None, a, b).ratio() >= 0.7)


def full_name_for(surname, country, first_year, last_year, speakers):
    """The full name of a leader REIGN gives by surname only ("Sanchez",
    "Kurz", "Tebboune"), from the UN General Debate speakers of the same
    country around the spell (from eight years before, when such leaders
    often spoke as foreign ministers, to four years after): (the shortest
    name that holds the surname after a given name, the surname as it
    writes it), or None when none does or two people do (Alija and Bakir
    Izetbegović)."""
    run = words_of(surname)
    names = {}
    for year, c, _, speaker in speakers:
        if c != country or not first_year - 8 <= year <= last_year + 4:
            continue
        w = words_of(speaker)
        if len(w) > len(run) and any(w[i:i + len(run)] == run for i in range(1, len(w))):
            names[speaker] = names.get(speaker, 0) + 1
    given = sorted({words_of(n)[0] for n in names})
    if not names or any(not near_spelling(a, b) for a in given for b in given):
        return None
    # Fewest words, then the spelling with its accents, then the commonest.
    full = min(names, key=lambda n: (len(n.split()), n == fold(n), -names[n], n))
    # The word the surname opens ("Akufo-Addo"), else the last ("Addo" ends
    # "Akufo-Addo").
    words = full.split()
    return full, next((w for w in words[1:] if words_of(w)[:1] == run[:1]), words[-1])


def reign_end(value):
    """REIGN's end "YYYY-MM" (the spell ended during that month) as the first
    day of the next month, or None for "" (in office in March 2021)."""
    if not value:
        return None
    y, m = int(value[:4]), int(value[5:7])
    return "%04d-%02d-01" % (y + m // 12, m % 12 + 1)


def read_reign_ends(shared, by_name):
    """{country: [(start date, folded last word of the leader, end or
    None)]} of REIGN's spells, for cap_by_reign()."""
    out = {}
    with open(os.path.join(shared, "leaders", "reign_leaders_2021_03.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            country = by_name.get(r["country"])
            if country == "XG":
                country = "DE"
            if country:
                out.setdefault(country, []).append(
                    (r["start"], words_of(r["leader"])[-1], reign_end(r["end"])))
    return out


def cap_by_reign(e, surname, reign_ends):
    """Marks the spell of the new Archigos entry `e` (or None) that Archigos
    leaves open only because it stops at the end of 2015 with the end REIGN
    gives the person's last spell that began within it (same country and
    surname; Tsipras, one spell from January 2015 in Archigos, two in REIGN
    around a caretaker's month): close_superseded() ends it there unless the
    next holder of the office begins earlier. Without it, a successor no
    source names in full (REIGN's "Gentiloni", whose UN speeches the sheet
    writes "Mr. Paolo Gentiloni Silveri") leaves Renzi in office until
    Draghi in 2021. A person REIGN has still in office stays open."""
    if e is None or e["roles"][0]["end"] is not None:
        return
    start = e["roles"][0]["start"]
    spells = sorted(sp for sp in reign_ends.get(e["country"], [])
                    if [sp[1]] == words_of(surname)[-1:] and start <= sp[0] < "2016-01-01")
    if spells and spells[-1][2]:
        e["roles"][0]["reign_end"] = spells[-1][2]


def name_leader_offices(entries, speakers, offices):
    """Appends to `offices` (as (term, office)) the office of each "leader"
    term of Archigos or REIGN (an effective leader of a country HEAD_ROLE
    does not list) whose holder spoke at the UN during the term, from 1994
    (when the sheet gives posts consistently), in one head office
    (HEAD_POSTS) and no other: Hu Jintao, China's effective leader
    2003-2012 in Archigos, spoke as President in 2009, so «国家主席» and
    "the Chinese president" find him in those years."""
    for e in entries:
        if e.get("source") not in OPEN_UNTIL_SOURCE_ENDS:
            continue
        w = words_of(e["name"])
        for t in e["roles"]:
            if t["role"] != "leader":
                continue
            first, last = int(t["start"][:4]), int((t["end"] or "2021")[:4])
            posts = {HEAD_POSTS.get(post.lower()) for year, c, post, speaker in speakers
                     if c == e["country"] and year >= 1994 and first <= year <= last and
                     one_person(words_of(speaker), w)}
            posts.discard(None)
            if len(posts) == 1:
                offices.append((t, posts.pop()))


def head_speaker(surname, country, role, start, end, speakers):
    """The full name of a head Archigos gives by surname only and without a
    DBpedia name ("Hollande" 2012-2015), as full_name_for() finds it, when
    the country's head office is known (HEAD_ROLE) and the person spoke at
    the UN in that office during the spell: (full name, surname), else None.
    Stricter than for REIGN's surnames: Archigos' effective leader is not
    always the HEAD_ROLE office (its "Kaczynski" 2005-2010 is Poland's
    president, Lech, not its prime minister), and its spells reach back to
    years when the sheet writes names in capitals with titles."""
    if not role or country in NAME_ORDER_OTHER:
        # Where the last of three names may be the mother's ("Andrés
        # Pastrana Arango", Archigos' "Arango"), the surname Archigos gives
        # is no name the press writes alone.
        return None
    first, last = int(start[:4]), int((end or "2015")[:4])
    found = full_name_for(surname, country, first, last, speakers)
    if not found or not re.fullmatch(r"[^\W\d_]+(?:[ -][^\W\d_]+)+", found[0]) or found[0].isupper():
        return None
    if any(c == country and first <= year <= last and HEAD_POSTS.get(post.lower()) == role and
           one_person(words_of(speaker), words_of(found[0])) for year, c, post, speaker in speakers):
        return found
    return None


def spells_by_person(spells):
    """The years in office of each UN General Debate speaker, pooled over the
    ways the sheet writes one person in one country and role ("Pedro
    Sánchez" 2021, "Pedro Sanchez Perez-Castejon" 2022-2023, "Pedro Sánchez
    Pérez-Castejón" 2024: one_person()), so that each spelling's entry gets
    the whole term, not the years of its spelling. Returns {(country,
    speaker, role): [[first year, last year], ...]}: split where the person
    was absent four years or more while others spoke for the office in
    three of them (János Martonyi, foreign minister 1998-2002 and 2010-2014,
    not in between)."""
    by_office = {}
    for (country, speaker, role), years in spells.items():
        by_office.setdefault((country, role), []).append((speaker, years))
    out = {}
    for (country, role), people in by_office.items():
        people.sort(key=lambda p: (len(words_of(p[0])), p[0]))
        groups = []  # [words of the shortest spelling, spellings, years]
        for speaker, years in people:
            w = words_of(speaker)
            for g in groups:
                if one_person(g[0], w):
                    g[1].append(speaker)
                    g[2].extend(years)
                    break
            else:
                groups.append([w, [speaker], list(years)])
        for g in groups:
            others = {y for h in groups if h is not g for y in h[2]}
            runs = []
            for y in sorted(set(g[2])):
                if runs and (y - runs[-1][1] < 4 or
                             sum(runs[-1][1] < o < y for o in others) < 3):
                    runs[-1][1] = y
                else:
                    runs.append([y, y])
            for speaker in g[1]:
                out[(country, speaker, role)] = runs
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO, "schema", "gazetteer", "leaders.json"))
    ap.add_argument("--since", type=int, default=1980)
    ap.add_argument("--merges", action="store_true",
                    help="list the ids merge_one_person() folds into another")
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
    # country -> folded surname -> the folded given names of the people
    # listed with it ("*": a curated person, who hides every namesake).
    given_names = {}

    def remember(e):
        full_names.add(fold(e["name"]))
        given = "*" if "source" not in e or e["source"].startswith("curated") else \
            given_name(e["name"])
        for a in [e["name"]] + e.get("aliases", []) + e.get("context_aliases", []):
            known.setdefault(e["country"], set()).add(fold(a))
            known[e["country"]].add(fold(a.split()[-1]))
            given_names.setdefault(e["country"], {}).setdefault(
                fold(a.split()[-1]), set()).add(given)

    def namesake(country, name, word):
        """Whether the listed person of `country` whose surname is the
        folded `word` of `name` may be the one `name` names: a curated
        person, or one whose given name may be the same (like_given: "M."
        Rutte and Mark Rutte, "Janies" Marape and James). Ilham Aliyev is
        not Heydar Aliyev, Khalid bin Ahmed Al-Khalifa not Mohammed bin
        Mubarak Al-Khalifa, George W. Bush not G.H.W. Bush."""
        given = given_names.get(country, {}).get(word)
        first = given_name(name)
        return (given is None or "*" in given or not first or
                any(not g or like_given(g, first) for g in given))
    for e in entries:
        remember(e)

    def add(country, name, surname, role, start, end, source, approximate=False, another=False):
        """The new entry, or None when the name is a surname alone or the
        person is already known (unless `another`: a namesake known to be
        someone else)."""
        if not country or not name or " " not in name.strip():
            # a surname alone ("Major", "May") would match everywhere as a name
            return None
        if end and end <= start:
            return None
        covered = known.get(country, set())
        if fold(name) in full_names or not another and (
                fold(name) in covered or
                any(fold(w) in covered and namesake(country, name, fold(w))
                    for w in surname.split() if len(w) > 3)):
            # the same person in another source: extend nothing, keep curated
            return None
        ident = slug(name)
        if ident in ids:
            ident = slug(name + " " + country)
        if ident in ids:
            return None
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
        short = short_name(name, country, surname)
        if short and fold(short) not in full_names and fold(short) not in covered:
            e["aliases"].append(short)
        return e

    shared = args.shared
    speakers, titled_only = read_ungd_speakers(shared, by_iso3)
    surname_only = []  # REIGN's leaders named by surname alone: (country, row, end)
    reign_full = []  # REIGN's spells of people already listed: (country, name, end, start)
    reign_ends = read_reign_ends(shared, by_name)
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
            if " " not in name:
                # A surname alone and no DBpedia name ("Hollande"): named as
                # the speeches name the one who spoke for the office during
                # the spell (head_speaker).
                found = head_speaker(name, country, HEAD_ROLE.get(country), r["startdate"],
                                     end, speakers)
                if found and words_of(found[0])[-1] not in known.get(country, set()):
                    cap_by_reign(add(country, found[0], found[1], HEAD_ROLE[country],
                                     r["startdate"], end, "Archigos 4.1"), r["leader"], reign_ends)
                continue
            cap_by_reign(add(country, name, r["leader"], HEAD_ROLE.get(country, "leader"),
                             r["startdate"], end, "Archigos 4.1"), r["leader"], reign_ends)
    with open(os.path.join(shared, "leaders", "reign_leaders_2021_03.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["start"] < "2016-01-01":
                continue
            country = by_name.get(r["country"])
            if country == "XG":
                country = "DE"
            end = reign_end(r["end"])
            if " " not in r["leader"]:
                # A surname alone: named after the speeches below, which
                # give full names (Sánchez 2018-2021, Kurz, Tebboune).
                surname_only.append((country, r, end))
                continue
            if not add(country, r["leader"], r["leader"].split()[-1],
                       HEAD_ROLE.get(country, "leader"), r["start"], end, "REIGN 2021-03"):
                # A person Archigos already lists (Michel Aoun, leader in
                # 1988-1989, president from 2016): the spell joins that entry.
                reign_full.append((country, r["leader"], end, r["start"]))
    spells = {}
    for year, country, post, speaker in speakers:
        role = HEAD_POSTS.get(post.lower())
        if role and year >= 2021:
            pass
        elif FOREIGN.search(post) and year >= 1994 and country not in CURATED_FOREIGN:
            role = "foreign minister"
        else:
            continue
        spells.setdefault((country, speaker, role), []).append(year)
    spells = spells_by_person(spells)
    last_session = max(year for year, _, _, _ in speakers)

    def still_in_office(country, speaker, role, last):
        """Whether a speaker whose last speech for `role` was in `last` is in
        office when the sheet ends: one who spoke at its last session, or a
        head of state or government (HEAD_POSTS) who spoke at the one
        before while no one else spoke for the office after (Tebboune,
        president in 2023; his foreign minister spoke for Algeria in 2024).
        A head who lets a minister speak has not left office; a foreign
        minister whose country spoke through someone else may have (Nanaia
        Mahuta, 2023; Winston Peters spoke in 2024 as deputy prime
        minister)."""
        if last >= last_session:
            return True
        return role != "foreign minister" and last >= last_session - 1 and not any(
            c == country and ro == role and runs[-1][1] > last and
            not one_person(words_of(n), words_of(speaker)) for (c, n, ro), runs in spells.items())
    # Terms of people another source already lists, merged once every
    # source's own spells are closed (close_superseded): a term merged into
    # a spell still open would stretch it over other people's years.
    spoken_for = []  # (country, speaker, role, last year, terms)
    for (country, speaker, role), runs in sorted(
            spells.items(), key=lambda kv: ((kv[0][0], kv[0][1]) in titled_only, kv[0])):
        terms = [{"role": role, "start": "%d-09-01" % a,
                  "end": None if still_in_office(country, speaker, role, b) else
                  "%d-09-01" % (b + 1)} for a, b in runs]
        e = add(country, speaker, speaker.split()[-1], role, terms[0]["start"], terms[0]["end"],
                "UN General Debate speakers", approximate=True)
        if e:
            e["roles"] += terms[1:]
        else:
            spoken_for.append((country, speaker, role, runs[-1][1], terms))
    reign_terms = [(country, name, {"role": HEAD_ROLE.get(country, "leader"), "start": start,
                                    "end": end})
                   for country, name, end, start in reign_full]  # (country, full name, term)
    for country, r, end in surname_only:
        last = int(r["end"][:4]) if r["end"] else 2021
        found = full_name_for(r["leader"], country, int(r["start"][:4]), last, speakers)
        if not found:
            continue
        full, surname = found
        term = {"role": HEAD_ROLE.get(country, "leader"), "start": r["start"], "end": end}
        if any(sources_entries(entries, country, full, SOURCES_OF_SPELLS)):
            reign_terms.append((country, full, term))
            continue
        add(country, full, surname, term["role"], r["start"], end, "REIGN 2021-03")

    close_superseded(entries)
    offices = []  # (term, office): a "leader" term's office, named at the end
    for country, speaker, role, _, terms in spoken_for:
        later, merged_into = False, False
        for same in sources_entries(entries, country, speaker, OPEN_UNTIL_SOURCE_ENDS):
            if words_of(same["name"]) != words_of(speaker) and int(terms[0]["start"][:4]) - int(
                    (same["roles"][-1]["end"] or "9999")[:4]) > 20:
                # Another name a generation later is another person: the
                # sheet's "Ferdinand Romualdez Marcos" (2022) is not
                # Archigos' Ferdinand Marcos (to 1986); he gets his own entry.
                later = True
                continue
            merged_into = True
            for t in terms:
                merge_term(same, t, False, offices)
        if later and not merged_into:
            e = add(country, speaker, speaker.split()[-1], role, terms[0]["start"],
                    terms[0]["end"], "UN General Debate speakers", approximate=True, another=True)
            if e:
                e["roles"] += terms[1:]
    for country, full, term in reign_terms:
        for same in sources_entries(entries, country, full, SOURCES_OF_SPELLS):
            merge_term(same, term, True, offices)
    close_superseded(entries)
    for country, speaker, role, last, _ in spoken_for:
        # Someone else spoke later for the same office: the spell Archigos
        # or REIGN leaves open ended after the person's last speech.
        if any(c == country and ro == role and not one_person(words_of(n), words_of(speaker)) and
               runs[-1][1] > last for (c, n, ro), runs in spells.items()):
            for same in sources_entries(entries, country, speaker, OPEN_UNTIL_SOURCE_ENDS):
                close_open_term(same, "%d-09-01" % (last + 1))
    name_leader_offices(entries, speakers, offices)
    # Named last, so that close_superseded() matched a "leader" term with
    # the next "leader", as the source meant.
    for t, office in offices:
        t["role"] = office
    for e in entries:
        for t in e["roles"]:
            t.pop("open_until_source_ends", None)
            t.pop("reign_end", None)
    heads = load_json_lines_array(IO_HEADS)
    merged = merge_one_person(entries, referenced_ids(LANG) | {h.get("same_as") for h in heads})
    merge_io_heads(entries, heads, {o["id"] for o in load_json_lines_array(ORGANISATIONS)})
    entries.sort(key=lambda e: e["id"])
    write_entries(args.out, entries)
    print("leaders: %d entries (%d curated, %d merged into another id), wrote %s" % (
        len(entries), len(load_json_lines_array(CURATED)), len(merged), os.path.relpath(args.out)))
    if args.merges:
        for gone, kept in merged:
            print("merged %s -> %s" % (gone, kept))


# Offices one person holds at a time in a country; "leader" is Archigos' or
# REIGN's effective leader, whichever office that is.
SINGLE_HOLDER = {"president", "prime minister", "king", "emir", "chancellor", "sultan",
                 "supreme leader", "general secretary", "leader"}
# Words many unrelated names share, no evidence of one person.
COMMON_WORDS = {"mohamed", "mohammed", "muhammad", "mohammad", "ahmed", "ahmad", "abdel", "abdul",
                "abdullah", "sheikh", "shaikh", "ould", "bin", "ibn", "al", "el", "de", "da",
                "van", "von", "jr", "ii", "iii", "iv", "vi", "and"}
# Pairs the rule below would merge that are two people (none so far).
NOT_ONE_PERSON = set()


def word_key(word):
    """A folded name word as its transliterations share it: "Tschisekedi"
    and "Tshisekedi", "Muhammad" and "Mohammed" (consonants, doubled
    letters once, "sch" as "sh")."""
    w = re.sub(r"^(?:al|el|as|ad|ar)-", "", word).replace("sch", "sh")
    w = w[:1] + re.sub(r"[aeiouy]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", w)


# Countries whose names have no family name to share (Aung San Suu Kyi and
# Min Aung Hlaing; Tshering Wangchuk and Lotay Tshering).
NO_FAMILY_NAME = {"MM", "BT", "ID", "IS"}
PATRONYMIC = {"bin", "ibn", "ben", "bint", "ould", "oglu", "ogly"}
REGNAL = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$")


def name_keys(e):
    """The word keys of the family names of `e`'s names: not the given name
    (the first word, unless the country writes the family name first:
    NAME_ORDER_OTHER), a COMMON_WORDS word, an initial or a father's name
    after "bin" or "ould" (Fahd and Abdullah, both bin Abdulaziz); a
    monarch's given name with the regnal number ("Muhammad VI", "Mohammed
    VI": "mhmd vi"; "Abdullah II ibn Al-Hussein": "bdlh ii")."""
    keys = set()
    for n in [e["name"]] + e["aliases"] + e["context_aliases"]:
        words = words_of(n)
        if len(words) > 1 and REGNAL.match(words[1]):
            keys.add(word_key(words[0]) + " " + words[1])
            continue
        if len(words) > 1 and e["country"] not in NAME_ORDER_OTHER:
            words = words[1:]
        keys |= {word_key(w) for i, w in enumerate(words)
                 if len(w) > 2 and w not in COMMON_WORDS and
                 (i == 0 or words[i - 1] not in PATRONYMIC)}
    return keys


def referenced_ids(folder):
    """Every string of the JSON files under `folder` (keys and values): the
    leader ids the language tables name are among them."""
    out = set()

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                out.add(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            out.add(x)
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".json"):
                walk(load_json_lines_array(os.path.join(root, name)))
    return out


def rank(e, referenced):
    """Which id of one person stays (smallest first): a curated entry, then
    one the language tables or io_heads_curated.json name, then Archigos,
    REIGN, the UN speakers; then the earliest term."""
    source = e.get("source", "curated")
    order = ["curated", "Archigos", "REIGN", "UN", ""]
    return (not source.startswith("curated"), e["id"] not in referenced,
            next(i for i, o in enumerate(order) if source.startswith(o)),
            min(t["start"] for t in e["roles"]), e["id"])


def merge_one_person(entries, referenced):
    """Folds into one entry the entries of one person the sources list under
    several ids: same country, a term each in one SINGLE_HOLDER office (or
    Archigos' or REIGN's "leader") overlapping the other's, and a name word
    in common as transliterated (word_key: REIGN's "Felix Tschisekedi" and
    the speakers' "Félix Tshisekedi"; "Kishida Fumio" and "Fumio Kishida";
    Archigos' "Muhammad VI" and the curated "Mohammed VI"). Two people
    cannot hold one such office at once; nor can terms of alike() names
    where one source's term ends as the other's begins be two people's, when
    one of them is the speakers' approximate years. The id that stays is the first by
    rank(); the other's terms, names and handles join it: a term that
    overlaps one of the same office gives it its office where the kept one
    says "leader", and its dates when the kept one's are approximate (the
    speakers' years) and its own are not. Returns [(gone id, kept id)]."""
    def exact(e):
        return not e.get("approximate")

    def same_office(a, b, touching=False):
        return a["role"] in SINGLE_HOLDER and b["role"] in SINGLE_HOLDER and (
            a["role"] == b["role"] or "leader" in (a["role"], b["role"])) and (
            overlaps(a, b) or touching and b["start"] in (a["end"], a["start"]) or
            touching and a["start"] == b["end"])

    def alike(a, b):
        """Names close enough that one term following the other is one
        person's (the speakers' "Surangel Whipps", "Surangel Whipps Jr",
        "Gotabaya Rajapaksa" after REIGN's "G. Rajapakse"), not a son after
        his father (Heydar and Ilham Aliyev; Hun Sen and Hun Manet, family
        name first)."""
        if a["country"] in NAME_ORDER_OTHER:
            return difflib.SequenceMatcher(None, " ".join(sorted(words_of(a["name"]))),
                                           " ".join(sorted(words_of(b["name"])))).ratio() >= 0.8
        ga, gb = given_name(a["name"]), given_name(b["name"])
        return bool(ga and gb and like_given(ga, gb))

    by_country = {}
    for e in entries:
        if e["country"]:
            by_country.setdefault(e["country"], []).append(e)
    gone, out = set(), []
    for country in sorted(by_country):
        people = sorted(by_country[country], key=lambda e: rank(e, referenced))
        for i, keep in enumerate(people):
            if keep["id"] in gone:
                continue
            for other in people[i + 1:]:
                if other["id"] in gone or (keep["id"], other["id"]) in NOT_ONE_PERSON:
                    continue
                # Terms that follow one another, where one source's years
                # meet another's (the speakers' spellings, split apart).
                touching = (not exact(keep) or not exact(other)) and alike(keep, other)
                if not any(same_office(a, b, touching) for a in keep["roles"]
                           for b in other["roles"]):
                    continue
                if country in NO_FAMILY_NAME or not name_keys(keep) & name_keys(other):
                    continue
                for t in other["roles"]:
                    hit = [h for h in keep["roles"] if same_office(h, t)]
                    for h in hit:
                        if h["role"] == "leader":
                            h["role"] = t["role"]
                        if not exact(keep) and exact(other):
                            h["start"], h["end"] = t["start"], t["end"]
                    if not hit and not any(h == t for h in keep["roles"]):
                        keep["roles"].append(dict(t))
                keep["roles"].sort(key=lambda t: t["start"])
                for key in ("aliases", "context_aliases", "handles"):
                    keep.setdefault(key, [])
                    for a in ([other["name"]] if key == "aliases" else []) + other.get(key, []):
                        if a not in keep[key]:
                            keep[key].append(a)
                gone.add(other["id"])
                out.append((other["id"], keep["id"]))
    entries[:] = [e for e in entries if e["id"] not in gone]
    return out


# Sources whose open end means only that the source stops (Archigos in 2015,
# REIGN in March 2021), not that the person is still in office.
OPEN_UNTIL_SOURCE_ENDS = ("Archigos 4.1", "REIGN 2021-03")


SOURCES_OF_SPELLS = OPEN_UNTIL_SOURCE_ENDS + ("UN General Debate speakers",)


def sources_entries(entries, country, speaker, sources):
    """The entries of `sources` in `country` that name the person `speaker`
    names (one_person())."""
    w = words_of(speaker)
    for e in entries:
        if e["country"] == country and e.get("source") in sources and one_person(
                words_of(e["name"]), w):
            yield e


def overlaps(a, b):
    return not ((a["end"] or "9999") <= b["start"] or (b["end"] or "9999") <= a["start"])


def merge_term(e, term, exact, offices):
    """Adds `term` to the entry `e` of the same person from another source.
    An `exact` term (REIGN's dates, to the day) that overlaps one of `e`'s
    sets its start and a known end; an approximate one (the speeches') only
    names the office of an overlapping "leader" term (REIGN's effective
    leader of a country HEAD_ROLE does not list: the speeches name it, and
    a role phrase such as «le président algérien» needs it), which is
    appended to `offices` as (term, office). A term that overlaps none is
    added: Sebastian Kurz, foreign minister in the speeches, chancellor in
    REIGN; Leo Varadkar, Taoiseach in REIGN from 2017 and in the speeches
    from 2023."""
    hit = [t for t in e["roles"] if overlaps(t, term)]
    for t in hit:
        if t["role"] == "leader" and term["role"] not in ("leader", "foreign minister"):
            offices.append((t, term["role"]))
        if exact and (t["role"] == term["role"] or "leader" in (t["role"], term["role"])):
            t["start"] = min(t["start"], term["start"])
            if term["end"]:
                t["end"] = term["end"]
    if not hit:
        t = dict(term)
        if exact and term["end"] is None:
            t["open_until_source_ends"] = True
        e["roles"].append(t)
        e["roles"].sort(key=lambda t: t["start"])


def close_open_term(e, end):
    """Ends at `end` the open term of `e` that began before it."""
    last = e["roles"][-1]
    if last["end"] is None and last["start"] < end:
        last["end"] = end
        e["approximate"] = True


def close_superseded(entries):
    """Ends such an open role where the next holder of the same role in the
    same country, from any source, begins (an open role: one Archigos or
    REIGN leaves open, or marked "open_until_source_ends"): Archigos leaves Poroshenko's
    presidency open from 2014, and «the Ukrainian president» in 2019 then
    meant him beside Zelensky. A role with REIGN's end (cap_by_reign) ends
    there at the latest, and is reconsidered on every call: a successor
    merged in later (Prachanda, 2016) may begin before it."""
    starts = {}
    for e in entries:
        for r in e["roles"]:
            starts.setdefault((e["country"], r["role"]), []).append(
                (r["start"], e["id"], words_of(e["name"])))
    for e in entries:
        w = words_of(e["name"])
        for r in e["roles"]:
            if (r["end"] is None or r.get("reign_end")) and (
                    e.get("source") in OPEN_UNTIL_SOURCE_ENDS or r.get("open_until_source_ends")):
                # Not the person under another id ("Laurentino Cortizo",
                # "Laurentino Cortizo Cohen").
                later = sorted(st for st, ident, name in starts[(e["country"], r["role"])]
                               if st > r["start"] and ident != e["id"] and
                               not one_person(name, w))
                caps = [r["reign_end"]] if r.get("reign_end") else []
                if later or caps:
                    r["end"] = min(later[:1] + caps)

if __name__ == "__main__":
    main()
