#!/usr/bin/env python3
"""Build schema/gazetteer/countries.json from mledoze/countries (ODbL 1.0).

Usage (from the repo root):
    python3 scripts/gazetteer/build_countries.py \
        [--source ../shared/data/countries/countries.json] \
        [--out schema/gazetteer/countries.json]

Python 3 standard library only. Output is deterministic: a JSON array sorted by
`code`, one entry per line, UTF-8 (ensure_ascii=False).

Entry format:
  code       ISO 3166-1 alpha-2 (cca2); historical states use the codes below
  iso3       ISO 3166-1 alpha-3 (cca3); "" where none (XG)
  name       English common name
  official   English official name
  names      surface forms that name the country (matched case-sensitively)
  demonyms   adjectives / nouns for people, with plurals
  metonyms   capitals and seats of power used to stand for the state
  demonyms_i18n (optional) {"fr": [...]}: the source's French demonyms in
             lower case (a form two states share left out), with the press
             forms of EXTRA_DEMONYMS_FR; build_lang_rules.py makes them the
             French adjectives of the countries lang/fr.json does not curate
  un_member  from the source `unMember` (current membership)
  historical true for the states below that no longer exist
  ambiguous_names (optional) names that are also a person name, a US state or
             place, a common word when capitalised, or part of another place
             name; a later accuracy pass may demand extra context for them.

Historical states (not in the source, added by hand):
  SU Soviet Union, DD East Germany, XG West Germany (user-assigned code; the
  ISO code DE stays with today's Germany), YU Yugoslavia, CS Czechoslovakia.

Data attribution: country names, codes, capitals and demonyms come from
mledoze/countries (https://github.com/mledoze/countries), ODbL 1.0.
"""
import argparse
import collections
import json
import os
import re
import sys

from gazetteer_json import write_entries
from icu_tool import run_icu_tool

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_SOURCE = os.path.join(REPO_ROOT, "..", "shared", "data", "countries", "countries.json")
DEFAULT_OUT = os.path.join(REPO_ROOT, "schema", "gazetteer", "countries.json")

# ---------------------------------------------------------------------------
# altSpellings from the source that are NOT taken as names: native-language or
# romanised native forms, ISO-list inversions (anything with a comma or
# parentheses is dropped by rule), and forms that are dangerous in English news.
# ---------------------------------------------------------------------------
DROP_ALT = {
    "Principat d'Andorra", "Shqipnia", "Hayastan", "Osterreich", "Oesterreich",
    "Aaland", "Aland", "Ahvenanmaa", "Belgie", "Belgien", "Belgique",
    "Royaume de Belgique", "Republika y'Uburundi", "The Islands of Bermuda",
    "The Bermudas", "Somers Isles", "Nation of Brunei", "the Abode of Peace",
    "Buliwya", "Wuliwya", "Estado Plurinacional de Bolivia", "Buliwya Mamallaqta",
    "Wuliwya Suyu", "BES islands", "Brasil", "Lefatshe la Botswana",
    "Schweiz", "Suisse", "Svizzera", "Svizra", "Zhongguo", "Zhonghua",
    "Bundesrepublik Deutschland", "Jabuuti", "Gabuuti", "Gabuutih Ummuuno",
    "Jamhuuriyadda Jabuuti", "Danmark", "Kongeriget Danmark", "Dominique",
    "Dzayer", "Eesti", "Eesti Vabariik", "Suomi", "Suomen tasavalta",
    "Republiken Finland", "Viti", "Matanitu ko Viti", "Islas Malvinas",
    "Sakartvelo", "Guyane", "Bailliage de Guernesey", "Gwadloup", "Hrvatska",
    "Republika Hrvatska", "Repiblik Ayiti", "Republik Indonesia", "Ellan Vannin",
    "Mann", "Mannin", "Bharat Ganrajya", "Island", "Repubblica italiana",
    "Bailliage de Jersey", "Nippon", "Nihon", "Jamhuri ya Kenya",
    "Kyrgyz Respublikasy", "Ribaberiki Kiribati", "Union des Comores",
    "Udzima wa Komori", "Dawlat al-Kuwait", "Qazaqstan", "Respublika Kazakhstan",
    "Lao", "Sathalanalat Paxathipatai Paxaxon Lao", "Muso oa Lesotho",
    "Lietuvos Respublika", "Latvijas Republika", "Dawlat Libya",
    "Republica Moldova", "Crna Gora", "Repoblikan'i Madagasikara",
    "Repubblika ta' Malta", "Dhivehi Raajjeyge Jumhooriyya", "Mexicanos",
    "Estados Unidos Mexicanos", "Nijar", "Teratri of Norf'k Ailen", "Nijeriya",
    "Holland", "Nederland", "Norge", "Noreg", "Kongeriket Norge",
    "Kongeriket Noreg", "Naoero", "Pleasant Island", "Ripublik Naoero",
    "Aotearoa", "Independen Stet bilong Papua Niugini", "Rzeczpospolita Polska",
    "Estado Libre Asociado de Puerto Rico", "Portuguesa", "Beluu er a Belau",
    "Rumania", "Roumania", "Srbija", "Republika Srbija", "Repubulika y'u Rwanda",
    "Saudi",  # moved to demonyms
    "Repiblik Sesel", "Konungariket Sverige", "Singapura", "Republik Singapura",
    "Republika Slovenija", "Repubblica di San Marino",
    "Jamhuuriyadda Federaalka Soomaaliya", "Sarnam", "Sranangron",
    "Republiek Suriname", "weSwatini", "Swatini", "Ngwane", "Umbuso weSwatini",
    "Tchad", "Togolese", "Prathet", "Thai", "Ratcha Anachak Thai",
    "Timor",  # the island is shared with Indonesia
    "Timor Lorosae", "Jamhuri ya Muungano wa Tanzania", "Ukrayina",
    "Jamhuri ya Uganda", "Ripablik blong Vanuatu", "Suid-Afrika",
    "Guiana",  # GF official short form; clashes with the Guiana region / Guyana
    "Virgin Islands",  # VG official name; ambiguous between VG and VI
    "Pitcairn Henderson Ducie and Oeno Islands",
    "Bonaire Sint Eustatius and Saba",
    "Collectivity of Saint Martin",
    "Svalbard og Jan Mayen",  # Norwegian official name
}
# Non-ASCII altSpellings are dropped unless listed here (they are mostly native script).
KEEP_NON_ASCII_ALT = {
    "Côte d'Ivoire", "Republic of Côte d'Ivoire", "Collectivity of Saint Barthélemy",
    "Country of Curaçao", "Democratic Republic of São Tomé and Príncipe",
}
# Common/official source names that are not used as names (kept in name/official).
DROP_NAME = {
    ("GF", "Guiana"), ("VG", "Virgin Islands"), ("SJ", "Svalbard og Jan Mayen"),
}
# The source marks VA (Holy See) as a UN member; it is a permanent observer state.
UN_MEMBER_OVERRIDE = {"VA": False}

# ---------------------------------------------------------------------------
# Hand overlay: extra English names (incl. former names common in archives).
# ---------------------------------------------------------------------------
EXTRA_NAMES = {
    "US": ["United States", "United States of America", "US", "U.S.", "USA", "U.S.A.", "America"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia", "Russian Federation"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "TW": ["Taiwan", "Republic of China", "Chinese Taipei"],
    "KR": ["South Korea", "Republic of Korea", "ROK"],
    "KP": ["North Korea", "DPRK", "D.P.R.K."],
    "CZ": ["Czechia", "Czech Republic"],
    "TR": ["Türkiye", "Turkiye", "Turkey", "Republic of Turkey", "Republic of Türkiye"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos", "Lao PDR"],
    "IR": ["Iran", "Islamic Republic of Iran", "Persia"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "NG": ["Niger Delta"],  # the delta is in Nigeria, not Niger
    "CD": ["Congo", "DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo",
           "Democratic Republic of the Congo", "Congo-Kinshasa", "Zaire"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "MM": ["Myanmar", "Burma"],
    "SZ": ["Eswatini", "Swaziland"],
    "MK": ["North Macedonia", "Macedonia", "FYROM"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates"],
    "SA": ["Saudi Arabia", "KSA"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"],
    "KH": ["Cambodia", "Kampuchea"],
    "TL": ["East Timor", "Timor-Leste"],
    "LK": ["Sri Lanka", "Ceylon"],
    "BF": ["Burkina Faso", "Upper Volta"],
    "BJ": ["Benin", "Dahomey"],
    "TH": ["Thailand", "Siam"],
    "WS": ["Samoa", "Western Samoa"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territory"],
    "FM": ["Micronesia"],
    "BS": ["The Bahamas"],
    "GM": ["The Gambia"],
    "NL": ["Netherlands", "The Netherlands"],
    "ZA": ["South Africa", "RSA"],
    "MD": ["Moldova"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "BN": ["Brunei", "Brunei Darussalam"],
    "KZ": ["Kazakhstan", "Kazakstan"],
    "KG": ["Kyrgyzstan", "Kirghizia", "Kyrgyz Republic"],
    "BY": ["Belarus", "Byelorussia"],
    "FK": ["Falklands", "Falkland Islands"],
    "IE": ["Ireland", "Republic of Ireland", "Irish Republic"],
}

# Names that also read as something else (person name, US state / other place,
# word when capitalised, or part of a longer non-country name).
AMBIGUOUS_NAMES = {
    "TD": ["Chad"],
    "JO": ["Jordan"],
    "GE": ["Georgia"],
    "JE": ["Jersey"],          # New Jersey
    "TR": ["Turkey"],          # sentence-initial 'Turkey' (the bird)
    "US": ["America"],         # continent: North/South/Latin America
    "CG": ["Congo"],           # also the river, the region, and DR Congo
    "CD": ["Congo"],           # 'Congo' alone: Zaire (CD) or Brazzaville (CG)?
    "MX": ["Mexico"],          # New Mexico
    "IE": ["Ireland"],         # Northern Ireland (GB)
    "MK": ["Macedonia"],       # Greek region of Macedonia
    "GN": ["Guinea"],          # 'Guinea' also in Guinea-Bissau, Equatorial Guinea, PNG
    "NE": ["Niger"],           # Niger River; Niger Delta (Nigeria)
    "DM": ["Dominica"],        # vs Dominican Republic
    "CN": ["China"],           # 'china' (porcelain) at sentence start
    "IL": ["Israel"],          # first name
    "KE": ["Kenya"],           # first name
    "IN": ["India"],           # first name
    "LB": ["Lebanon"],         # towns in the US
    "PA": ["Panama"],          # Panama Canal, panama hat
    "CU": ["Cuba"],            # first name (Cuba Gooding Jr.)
}
# (only those actually present in an entry's names are written out)

# ---------------------------------------------------------------------------
# Demonyms
# ---------------------------------------------------------------------------
EXTRA_DEMONYMS = {
    "AF": ["Afghan", "Afghans"],  # not "Afghani" (the currency)
    "GB": ["British", "Briton", "Britons", "Brit", "Brits"],
    "US": ["American", "Americans"],
    "SA": ["Saudi", "Saudis", "Saudi Arabians"],
    "KG": ["Kyrgyz"],
    "TJ": ["Tajik", "Tajiks", "Tajikistani"],
    "UZ": ["Uzbek", "Uzbeks"],
    "KZ": ["Kazakh", "Kazakhs"],
    "TM": ["Turkmens"],
    "PH": ["Filipina", "Filipinas"],
    "AR": ["Argentinian", "Argentinians"],
    "CV": ["Cape Verdean", "Cape Verdeans"],
    "EC": ["Ecuadorian", "Ecuadorians"],
    "MV": ["Maldivian", "Maldivians"],
    "SI": ["Slovenian", "Slovenians"],
    "SR": ["Surinamese"],
    "KM": ["Comorian", "Comorians"],
    "BW": ["Batswana"],
    "LS": ["Basotho"],
    "XK": ["Kosovan", "Kosovans"],
    "NZ": ["New Zealanders"],
    "CZ": ["Czechs"],
    "IL": ["Israelis"],
    "PS": ["Palestinians"],
    "BA": ["Bosniak", "Bosniaks"],
    "TR": ["Turk", "Turks"],
    "DK": ["Dane", "Danes"],
    "PL": ["Pole", "Poles"],
    "SE": ["Swede", "Swedes"],
    "FI": ["Finn", "Finns"],
    "ES": ["Spaniard", "Spaniards"],
    "TW": ["Taiwanese"],
    "KP": ["North Koreans"],
    "KR": ["South Koreans"],
    "BY": ["Belarussian", "Byelorussian"],
    "LA": ["Lao"],
    "TH": ["Thais"],
    "DJ": ["Djiboutian", "Djiboutians"],
    "HK": ["Hongkonger", "Hongkongers"],
    "VN": ["Vietnamese"],
    "RS": ["Serb", "Serbs"],
    "HR": ["Croat", "Croats"],
    "GI": ["Gibraltarian", "Gibraltarians"],
}
# Source demonyms not used (wrong, misleading, or identical to another state's).
# French adjectives the press writes beside (or instead of) the source's
# demonym: «ouzbek» (the source has only «Ouzbèke»), «kazakh», «qatari»,
# «émirati», «burkinabè», «kenyan» without its accent.
EXTRA_DEMONYMS_FR = {
    "UZ": ["ouzbek"], "KZ": ["kazakh"], "KG": ["kirghiz"], "TJ": ["tadjik"],
    "BF": ["burkinabè"], "QA": ["qatari"], "AE": ["émirati", "émirien"], "KE": ["kenyan"],
    "BY": ["bélarusse"], "CR": ["costaricien"], "VU": ["vanuatais"], "NZ": ["néo-zélandais"],
    "TL": ["timorais"], "SZ": ["swazi"], "PG": ["papouan-néo-guinéen"],
}

DROP_DEMONYMS = {
    ("TJ", "Tadzhik"), ("KG", "Kirghiz"), ("CV", "Cape Verdian"), ("MV", "Maldivan"),
    ("GI", "Gibraltar"), ("DJ", "Djibouti"), ("VA", "Vatican"),
}
# Plural handling.
NO_PLURAL_SUFFIXES = ("ese", "ss", "sh", "ch", "ish")
NO_PLURAL = {"Swiss", "Malagasy", "Ni-Vanuatu", "I-Kiribati", "Motswana", "Mosotho",
             "Burkinabe", "Turkmen", "Manx", "Sammarinese", "Dutch", "French", "Irish",
             "Kyrgyz", "Lao", "Seychellois", "Greenlandic", "Ålandish", "Monegasque",
             "Saint-Pierrais", "Miquelonnais", "Batswana", "Basotho"}
SPECIAL_PLURAL = {"Czech": "Czechs", "Thai": "Thais"}

# ---------------------------------------------------------------------------
# Metonyms: capitals from the source, minus risky ones, plus seats of power.
# ---------------------------------------------------------------------------
# Capitals dropped (too ambiguous in English news):
#   SC Victoria (name/place), HK City of Victoria, BM Hamilton (surname, cities),
#   IM Douglas (name), FK Stanley (name), AI The Valley, CC West Island,
#   GY Georgetown (Washington DC district / university), KY George Town,
#   SH Jamestown, MS Plymouth (UK city), NF Kingston (kept for JM only),
#   AG Saint John's (Newfoundland), GD St. George's, BQ Oranjestad (AW's) and
#   The Bottom, BO Sucre (surname; La Paz added), BE Brussels (mostly = the EU),
#   RE Saint-Denis (Paris suburb), PM Saint-Pierre, MV 'Male' (only "Malé").
DROP_CAPITALS = {
    ("SC", "Victoria"), ("HK", "City of Victoria"), ("BM", "Hamilton"), ("IM", "Douglas"),
    ("FK", "Stanley"), ("AI", "The Valley"), ("CC", "West Island"), ("GY", "Georgetown"),
    ("KY", "George Town"), ("SH", "Jamestown"), ("MS", "Plymouth"), ("NF", "Kingston"),
    ("AG", "Saint John's"), ("GD", "St. George's"), ("BQ", "Oranjestad"), ("BQ", "The Bottom"),
    ("BO", "Sucre"), ("BE", "Brussels"), ("RE", "Saint-Denis"), ("PM", "Saint-Pierre"),
    ("US", "Washington D.C."),  # replaced by the forms below
}
EXTRA_METONYMS = {
    "US": ["Washington", "Washington, D.C.", "Washington D.C.", "Washington DC",
           "White House", "Capitol Hill", "Pentagon", "Foggy Bottom"],
    "RU": ["Kremlin"],
    "DE": ["Bonn"],  # seat of government until 1999; West Germany's before 1990 (COVERS)
    "GB": ["Downing Street", "Whitehall"],
    "FR": ["Élysée", "Elysee", "Élysée Palace", "Elysee Palace", "Quai d'Orsay"],
    "CN": ["Zhongnanhai", "Peking"],
    "IN": ["South Block", "Raisina Hill"],
    "KR": ["Blue House", "Cheong Wa Dae"],
    "PK": ["Rawalpindi"],
    "UA": ["Kiev"],
    "KZ": ["Nur-Sultan"],
    "MN": ["Ulaanbaatar"],
    "MM": ["Nay Pyi Taw", "Naypyitaw"],
    "IR": ["Teheran"],
    "BO": ["La Paz"],
    "CI": ["Abidjan"],
    "MY": ["Putrajaya"],
    "SZ": ["Mbabane"],
    "EH": ["Laayoune"],
    "BR": ["Brasilia", "Planalto"],
    "CO": ["Bogota"],
    "CM": ["Yaounde"],
    "CH": ["Berne"],
    "PY": ["Asuncion"],
    "MD": ["Chisinau"],
    "TG": ["Lome"],
    "YE": ["Sanaa"],
    "FO": ["Torshavn"],
    "PF": ["Papeete"],
    "NC": ["Noumea"],
    "ST": ["Sao Tome"],
}

# Historical states (code, iso3, name, official, names, demonyms, metonyms).
HISTORICAL = [
    ("SU", "SUN", "Soviet Union", "Union of Soviet Socialist Republics",
     ["Soviet Union", "USSR", "U.S.S.R.", "Union of Soviet Socialist Republics"],
     ["Soviet", "Soviets"], []),
    ("DD", "DDR", "East Germany", "German Democratic Republic",
     ["East Germany", "German Democratic Republic", "GDR"],
     ["East German", "East Germans"], ["East Berlin"]),
    ("XG", "", "West Germany", "Federal Republic of Germany",
     ["West Germany", "FRG"],  # "Federal Republic of Germany" stays with DE
     ["West German", "West Germans"], []),  # "Bonn" is DE's, covered by XG until 1990
    ("YU", "YUG", "Yugoslavia", "Socialist Federal Republic of Yugoslavia",
     ["Yugoslavia", "Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia"],
     ["Yugoslav", "Yugoslavs", "Yugoslavian", "Yugoslavians"], []),
    ("YD", "YMD", "South Yemen", "People's Democratic Republic of Yemen",
     ["South Yemen", "People's Democratic Republic of Yemen", "PDRY", "Democratic Yemen"],
     ["South Yemeni", "South Yemenis"], []),
    ("AN", "ANT", "Netherlands Antilles", "Netherlands Antilles",
     ["Netherlands Antilles", "Dutch Antilles"], ["Antillean", "Antilleans"], []),
    ("CS", "CSK", "Czechoslovakia", "Czechoslovak Socialist Republic",
     ["Czechoslovakia", "Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic"],
     ["Czechoslovak", "Czechoslovaks", "Czechoslovakian", "Czechoslovakians"], []),
]

# Which present-day countries' names a historical state stands for, and until
# when: in a 1987 story "Bonn", "Germany" and "German" mean West Germany, and
# "Moscow" or "Russian" the Soviet Union. The recogniser maps a mention of a
# covered code to the historical state when the article predates `end`.
COVERS = {
    "SU": [(c, "1991-12-26") for c in
           ("RU", "UA", "BY", "KZ", "UZ", "TM", "KG", "TJ", "AM", "AZ", "GE", "MD",
            "LT", "LV", "EE")],
    "XG": [("DE", "1990-10-03")],
    "YU": [("SI", "1991-06-25"), ("HR", "1991-06-25"), ("MK", "1991-09-08"),
           ("BA", "1992-03-03"), ("RS", "2003-02-04"), ("ME", "2003-02-04"),
           ("XK", "2003-02-04")],
    "CS": [("CZ", "1993-01-01"), ("SK", "1993-01-01")],
    "AN": [("CW", "2010-10-10"), ("SX", "2010-10-10"), ("BQ", "2010-10-10")],
}

# Phrases that contain a country's name but do not name the country. The
# recogniser compiles them as blockers: they win the longest match and yield
# no mention ("New Mexico" is not Mexico, "Georgia-Pacific" is a company).
NOT_NAMES = {
    "MX": ["New Mexico", "New Mexican", "Gulf of Mexico"],
    "JE": ["New Jersey"],
    "GN": ["New Guinea", "Gulf of Guinea", "Guinea pig", "Guinea Pig"],
    "JO": ["Jordan River", "River Jordan", "Jordan Valley", "Air Jordan", "Jordan Marsh"],
    "GE": ["Georgia Tech", "Georgia-Pacific", "Georgia Pacific", "Georgia Power",
           "Georgia Gulf", "Georgia State", "University of Georgia", "Atlanta, Georgia",
           "Georgia, U.S.", "state of Georgia", "Georgia's governor", "Georgia Governor",
           "Georgian Bay", "Georgian architecture", "Georgian era"],
    "TR": ["Turkey Point", "Cold Turkey", "Wild Turkey", "Turkey Hill", "Turkish delight",
           "Turkish Delight", "Turkish coffee", "Turkish bath"],
    "CN": ["South China Sea", "East China Sea", "China Sea", "South China Morning Post",
           "Fine China", "Bone China", "China Light", "China Light and Power"],
    "NE": ["Niger River", "River Niger"],
    "CG": ["Congo River", "River Congo", "Congo Basin"],
    "TD": ["Lake Chad"],
    # Macedonia is also the Greek region (Central, Western and Eastern
    # Macedonia around Thessaloniki) and the ancient kingdom.
    "MK": ["Greek Macedonia", "Central Macedonia", "Western Macedonia", "Eastern Macedonia",
           "Eastern Macedonia and Thrace", "Macedonia and Thrace", "region of Macedonia",
           "province of Macedonia", "Macedonia, Greece", "Macedonia region", "ancient Macedonia",
           "Alexander of Macedonia", "Philip of Macedonia", "Macedonia Airport"],
    "IN": ["Indian Ocean", "West Indies", "West Indian", "American Indian", "American Indians",
           "Indian tribe", "Indian tribes", "Indian reservation", "Indiana", "East Indies"],
    "US": ["Latin America", "South America", "North America", "Central America",
           "Latin American", "South American", "North American", "Central American",
           "Latin Americans", "South Americans", "Central Americans", "North Americans",
           "Bank of America", "Voice of America", "American Express", "American Airlines",
           "American Samoa", "Native American", "Native Americans", "American Indian",
           "Organization of American States", "Inter-American", "Americas",
           "Washington Post", "Washington state", "Washington State", "George Washington",
           "Washington Redskins", "Washington Capitals", "Washington Nationals",
           "Washington Wizards", "Denzel Washington", "Washington Mutual"],
    "GB": ["New England", "British Columbia", "British Airways", "British Petroleum",
           "British Telecom", "British Telecommunications", "British Steel", "British Gas",
           "British Aerospace", "British Leyland", "British Caledonian", "British Virgin Islands",
           "New South Wales", "New Britain", "London, Ontario", "Britain's Got Talent"],
    "IE": ["Northern Ireland"],
    "PH": ["Philippine Sea"],
    "KR": ["Korean War"],
    "NL": ["Dutch auction", "Dutch elm"],
    "FR": ["French fries", "French toast", "French Guiana", "French Polynesia", "French Quarter"],
    "ES": ["Spanish flu"],
    "BE": ["Brussels sprouts"],
    "CA": ["Canada geese", "Canada goose", "Canada Goose"],
    "PE": ["Peru, Indiana"],
    "LB": ["Lebanon, Pennsylvania", "Lebanon, New Hampshire"],
    "PA": ["Panama hat", "Panama hats"],
}

# Names that name an entry only from a date on: "Congo" alone meant the
# Republic of the Congo while DR Congo was Zaire (1971-10-27 .. 1997-05-17).
NAMES_SINCE = {
    "CD": {"Congo": "1997-05-17"},
}

TWO_LETTER_OK = {"US", "UK"}  # the only 2-character names allowed


def uniq(seq):
    seen, out = set(), []
    for s in seq:
        s = s.strip()
        if s and s not in seen:
            seen.add(s)
            out.append(s)
    return out


def plural(d):
    if d in SPECIAL_PLURAL:
        return SPECIAL_PLURAL[d]
    if d in NO_PLURAL or d.endswith(NO_PLURAL_SUFFIXES) or d.endswith("s"):
        return None
    if d.endswith("y") and not d.endswith(("ay", "ey", "oy")):
        return None
    return d + "s"


def split_demonym(s):
    return [p for p in re.split(r",\s*|\s+or\s+", s) if p]


def is_name_ok(code, s):
    if len(s) <= 2 and s not in TWO_LETTER_OK:
        return False
    if s != s.strip() or not s:
        return False
    if (code, s) in DROP_NAME:
        return False
    return True


def build(source_path):
    with open(source_path, encoding="utf-8") as f:
        src = json.load(f)
    independent_demonyms = set()
    # French demonyms, lower case (adjectives; build_lang_rules.py matches
    # them in any case): a form two entries share («Congolais» of both
    # Congos, a territory's «Français») names neither, unless only one of
    # them is a sovereign state.
    fr_owners = collections.defaultdict(set)
    for c in src:
        fra = (c.get("demonyms") or {}).get("fra") or {}
        for k in ("m", "f"):
            d = fra.get(k, "").strip().lower()
            if d and " et " not in d:
                fr_owners[d].add((c["cca2"], bool(c.get("independent"))))
    for c in src:
        if c.get("independent"):
            eng = (c.get("demonyms") or {}).get("eng") or {}
            for k in ("m", "f"):
                for d in split_demonym(eng.get(k, "")):
                    independent_demonyms.add(d)

    out = []
    for c in src:
        code = c["cca2"]
        common, official = c["name"]["common"], c["name"]["official"]
        names = [common, official]
        for a in c.get("altSpellings", []):
            if a in DROP_ALT or "," in a or "(" in a:
                continue
            if not a.isascii() and a not in KEEP_NON_ASCII_ALT:
                continue
            if a[:1].islower():
                continue
            names.append(a)
        names += EXTRA_NAMES.get(code, [])
        if common.startswith("Saint "):
            names.append("St. " + common[6:])
            names.append("St " + common[6:])
        names = [n for n in uniq(names) if is_name_ok(code, n) and "(" not in n]
        # keep the official name in `names` unless it has parentheses (handled above)

        eng = (c.get("demonyms") or {}).get("eng") or {}
        dem = []
        for k in ("m", "f"):
            dem += split_demonym(eng.get(k, ""))
        dem = [d for d in dem if (code, d) not in DROP_DEMONYMS]
        if not c.get("independent"):
            # territories: drop demonyms that belong to a sovereign state
            dem = [d for d in dem if d not in independent_demonyms]
        dem += EXTRA_DEMONYMS.get(code, [])
        withpl = []
        for d in dem:
            withpl.append(d)
            p = plural(d)
            if p:
                withpl.append(p)
        dem = [d for d in uniq(withpl) if d not in names and len(d) > 2]

        caps = []
        for cap in c.get("capital", []):
            if (code, cap) in DROP_CAPITALS:
                continue
            caps.append(cap)
        caps += EXTRA_METONYMS.get(code, [])
        caps = [m for m in uniq(caps) if m not in names]

        fra = (c.get("demonyms") or {}).get("fra") or {}
        dem_fr = []
        for d in [fra.get(k, "").strip().lower() for k in ("m", "f")]:
            owners = fr_owners.get(d, set())
            sovereign = {o for o in owners if o[1]}
            if owners and (len(owners) == 1 or (c.get("independent") and len(sovereign) == 1)):
                dem_fr.append(d)
        dem_fr = uniq(dem_fr + EXTRA_DEMONYMS_FR.get(code, []))

        entry = {
            "code": code,
            "iso3": c.get("cca3", ""),
            "name": common,
            "official": official,
            "names": names,
            "demonyms": dem,
            "metonyms": caps,
            "un_member": UN_MEMBER_OVERRIDE.get(code, bool(c.get("unMember"))),
            "historical": False,
        }
        if dem_fr:
            entry["demonyms_i18n"] = {"fr": dem_fr}
        amb = [n for n in AMBIGUOUS_NAMES.get(code, []) if n in names]
        if amb:
            entry["ambiguous_names"] = amb
        if code in NOT_NAMES:
            entry["not_names"] = NOT_NAMES[code]
        if code in NAMES_SINCE:
            entry["names_since"] = NAMES_SINCE[code]
        out.append(entry)

    for code, iso3, name, official, names, dem, mets in HISTORICAL:
        out.append({
            "code": code, "iso3": iso3, "name": name, "official": official,
            "names": uniq(names), "demonyms": uniq(dem), "metonyms": uniq(mets),
            "un_member": False, "historical": True,
            "covers": [{"code": c, "end": end} for c, end in COVERS.get(code, [])],
        })
    out.sort(key=lambda e: e["code"])
    return out


# Languages whose country names come from ICU (icu::Locale::getDisplayCountry).
I18N_LANGS = ["ru", "ar", "zh", "fr", "es", "de", "ur", "hi", "fa", "tr"]


def icu_names(codes):
    """{code: {lang: name}} from ICU, by compiling and running
    icu_country_names.cpp (needs a C++ compiler and ICU's pkg-config files)."""
    out = run_icu_tool("icu_country_names", [",".join(I18N_LANGS)] + list(codes))
    return json.loads(out)


def add_translations(entries):
    current = [e["code"] for e in entries if not e["historical"]]
    names = icu_names(current)
    for e in entries:
        if e["historical"]:
            continue  # ICU maps SU, DD, YU, CS to their successors' names
        own = set(e["names"]) | set(e["demonyms"]) | set(e["metonyms"])
        i18n = {lang: n for lang, n in names.get(e["code"], {}).items() if n not in own}
        if i18n:
            e["names_i18n"] = i18n


def report_collisions(entries):
    """Warn (stderr) about surface forms claimed by more than one entry."""
    owners = {}
    for e in entries:
        for field in ("names", "metonyms"):
            for s in e[field]:
                owners.setdefault(s, []).append(e["code"] + ":" + field)
    n = 0
    for s, who in sorted(owners.items()):
        if len(who) > 1:
            print("warning: '%s' claimed by %s" % (s, ", ".join(who)), file=sys.stderr)
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    entries = build(args.source)
    add_translations(entries)
    collisions = report_collisions(entries)
    codes = [e["code"] for e in entries]
    if len(codes) != len(set(codes)):
        sys.exit("duplicate codes")
    write_entries(args.out, entries)
    print("countries: %d entries (%d current, %d historical, %d UN members)" % (
        len(entries), sum(not e["historical"] for e in entries),
        sum(e["historical"] for e in entries), sum(e["un_member"] for e in entries)))
    print("names: %d, demonyms: %d, metonyms: %d, entries with ambiguous_names: %d, "
          "cross-entry collisions: %d" % (
              sum(len(e["names"]) for e in entries), sum(len(e["demonyms"]) for e in entries),
              sum(len(e["metonyms"]) for e in entries),
              sum(1 for e in entries if "ambiguous_names" in e), collisions))
    print("wrote", os.path.relpath(args.out))


if __name__ == "__main__":
    main()
