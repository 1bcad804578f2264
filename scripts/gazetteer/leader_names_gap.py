#!/usr/bin/env python3
"""Which leaders of the curated-names selection still lack a name in a language.

Usage: python3 scripts/gazetteer/leader_names_gap.py [--lang ar|ru] [--all]

The selection (stated in lang/names/<lang>.json `comment` and in
SOURCES.md) is every leader of schema/gazetteer/leaders.json who held, on
or after 2010-01-01:
  - a head-of-state or head-of-government role (HEAD_ROLES), in any country;
  - a foreign minister's or secretary of state's role, in a country of
    FOREIGN_MINISTER_COUNTRIES (the P5, the G20, the Arab League, Iran,
    Turkey, Israel);
  - a spokesperson's role (SPOKESPERSON_ROLES), in any country.
The gazetteer lists no heads of international organisations (no
secretary-general role), so none are selected.

A leader has a name in a language when the language's `leaders` table
(lang/<lang>.json), its curated file (lang/names/<lang>.json) or the
leader's own aliases in leaders.json hold a name in that language's script.
Prints the leaders that lack one, most prominent first (FOREIGN_MINISTER_
COUNTRIES' leaders before the rest; heads before foreign ministers before
spokespersons; most recently in office first), with a count per language,
so the next curator sees the gap; --all prints every leader of the
selection with its names. Exit status 0. Python 3 standard library only.
"""
import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SINCE = "2010-01-01"
HEAD_ROLES = {"president", "prime minister", "king", "emir", "crown prince", "chancellor",
              "supreme leader", "pope", "general secretary", "vice president", "leader"}
FOREIGN_MINISTER_ROLES = {"foreign minister", "secretary of state"}
SPOKESPERSON_ROLES = {"foreign ministry spokesperson", "government spokesperson"}
P5_G20 = {"US", "GB", "FR", "RU", "CN", "AR", "AU", "BR", "CA", "DE", "IN", "ID", "IT", "JP", "KR",
          "MX", "SA", "ZA", "TR"}
ARAB_LEAGUE = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS",
               "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"}
FOREIGN_MINISTER_COUNTRIES = P5_G20 | ARAB_LEAGUE | {"IR", "TR", "IL"}
# One person under two or three ids of leaders.json (its sources spell and
# date them apart): the names are curated on the id the language tables
# already use, else on the later term, and the other ids count as named
# when it is. The id on the left lacks names on purpose: two ids sharing a
# name would each get it only as a context alias.
SAME_PERSON = {
    "abdullah-ii-ibn-al-hussein": "abdullah-ii",
    "muhammad-vi": "mohammed-vi",
    "kishida-fumio": "fumio-kishida",
    "joseph-r-biden-jr": "joe-biden",
    "mohamed-abdullahi-mohamed": "mohamed-abdullahi-farmajo",
    "abdelrahman-burhan": "abdel-fattah-al-burhan-abdelrahman-al-burhan",
    "abdullatif-bin-rashid-alzayani": "abdullatif-bin-rashid-al-zayani",
    "marcelo-ebrard": "marcelo-ebrard-casaubon",
    "sayyid-badr-bin-hamad-al-busaidi": "sayy-id-badr-bin-hamad-bin-hamood-albusaidi",
    "walid-al-moualem": "walid-al-moualem-sy",
    "sheikh-abdullah-bin-zayed-al-nahayan": "his-highness-sheikh-abdullah-bin-zayed-al-nahyan",
    "felix-tshisekedi": "felix-tschisekedi",
    "felix-antoine-tshisekedi-tshilombo": "felix-tschisekedi",
    "miguel-diaz-canel": "miguel-diaz-canel-bermudez",
    "pedro-sanchez": "pedro-sanchez-perez-castejon",
    "nana-akufo-addo": "nana-addo-dankwa-akufo-addo",
    "salva-kiir-mayardit": "salva-kiir",
    "gotabaya-rajapaksa": "g-rajapakse",
    "ivan-duque-marquez": "ivan-duque",
    "ukhnaa-khurelsukh": "khurelsukh-ukhnaa",
    "macky-sail": "macky-sall",
    "prayut-chan-o-cha": "prayuth-chan-ocha",
    "tabare-vazquez": "tabare-vasquez",
    "luis-abinader": "luis-rodolfo-abinader-corona",
    "laurentino-cortizo-cohen": "laurentino-cortizo",
    "luis-pou": "luis-lacalle-pou",
    "khadga-prasad-sharma-oli": "k-p-sharma-oli",
    "guillermo-lasso": "guillermo-lasso-mendoza",
    "luis-arce": "luis-alberto-arce-catacora",
    "joao-lourenco": "joao-manuel-goncalves-lourerico",
    "alejandro-giammattei": "alejandro-giammattei-falla",
    "irfaan-ali": "mohamed-irfaan-ali",
    "fiame-naomi-mata-afa": "fiame-naomi-mata-afa-ws",
    "fiame-naomi-mataafa": "fiame-naomi-mata-afa-ws",
    "surangel-whipps": "surangel-whipps-jr",
    "pedro-castillo": "pedro-castillo-terrones",
}
SCRIPTS = {"ar": (0x0600, 0x06FF), "ru": (0x0400, 0x04FF)}
# Letters Persian and Urdu write and Arabic does not (پ چ ژ گ ک ی, the
# zero-width non-joiner): «علی خامنه‌ای» is Persian and names no one in an
# Arabic article, so it is not an Arabic name.
NOT_ARABIC = set("\u067E\u0686\u0698\u06AF\u06A9\u06CC\u200C")


def in_script(text, lang):
    lo, hi = SCRIPTS[lang]
    if lang == "ar" and NOT_ARABIC & set(text):
        return False
    return any(lo <= ord(ch) <= hi for ch in text)


def selection(leaders):
    """[(rank key, leader)] of the selection, most prominent first."""
    out = []
    for l in leaders:
        rank = None
        for r in l["roles"]:
            if (r.get("end") or "9999") < SINCE:
                continue
            if r["role"] in HEAD_ROLES:
                k = 0
            elif r["role"] in FOREIGN_MINISTER_ROLES and l["country"] in FOREIGN_MINISTER_COUNTRIES:
                k = 1
            elif r["role"] in SPOKESPERSON_ROLES:
                k = 2
            else:
                continue
            if rank is None or k < rank:
                rank = k
        if rank is None:
            continue
        latest = max((r.get("end") or "9999") for r in l["roles"])
        group = 0 if l["country"] in FOREIGN_MINISTER_COUNTRIES else 1
        out.append(((group, rank, "".join(chr(0x10FFFF - ord(c)) for c in latest), l["id"]), l))
    return [l for _, l in sorted(out, key=lambda x: x[0])]


def names_in(lang, lang_dir, leaders):
    """{leader id: [names in `lang`'s script]} from every place a name may be."""
    out = {}
    tables = []
    for path in (os.path.join(lang_dir, lang + ".json"),
                 os.path.join(lang_dir, "names", lang + ".json")):
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                tables.append(json.load(f).get("leaders", {}))
    for table in tables:
        for ident, names in table.items():
            out.setdefault(ident, []).extend(n for n in names if n not in out.get(ident, []))
    for l in leaders:
        for a in l.get("aliases", []) + l.get("context_aliases", []):
            if in_script(a, lang) and a not in out.get(l["id"], []):
                out.setdefault(l["id"], []).append(a)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=sorted(SCRIPTS), action="append")
    ap.add_argument("--all", action="store_true", help="every leader of the selection, with names")
    ap.add_argument("--leaders", default=os.path.join(REPO_ROOT, "schema", "gazetteer", "leaders.json"))
    ap.add_argument("--lang-dir", default=os.path.join(HERE, "lang"))
    args = ap.parse_args()
    with open(args.leaders, encoding="utf-8") as f:
        leaders = json.load(f)
    chosen = selection(leaders)
    for lang in args.lang or sorted(SCRIPTS):
        have = names_in(lang, args.lang_dir, leaders)
        for ident, twin in SAME_PERSON.items():
            if have.get(twin) and not have.get(ident):
                have[ident] = ["(as %s)" % twin]
        missing = [l for l in chosen if not have.get(l["id"])]
        print("%s: %d of the %d leaders of the selection have a name, %d lack one" % (
            lang, len(chosen) - len(missing), len(chosen), len(missing)))
        for l in (chosen if args.all else missing):
            roles = ", ".join(sorted({r["role"] for r in l["roles"]
                                      if (r.get("end") or "9999") >= SINCE}))
            line = "  %s\t%s\t%s\t%s" % (l["id"], l["country"], l["name"], roles)
            if args.all:
                line += "\t" + " | ".join(have.get(l["id"], []))
            print(line)


if __name__ == "__main__":
    main()
