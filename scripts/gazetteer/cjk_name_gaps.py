#!/usr/bin/env python3
"""Which leaders of the Chinese and Japanese names selection still lack a name.

Usage: python3 scripts/gazetteer/cjk_name_gaps.py [--lang zh|ja] [--summary]

Chinese and Japanese spell foreign leaders by sound (默克尔, メルケル), which
no transliterator derives, so their names are curated by hand
(scripts/gazetteer/lang/names/<lang>.json, merged into the language's
`leaders` table by build_lang_rules.py). This prints the selection those
files are curated for and, per language, the selected ids that have no name
yet in the merged table (names or surnames), most prominent first (the P5,
the G20 and ASEAN, then by the latest year in office), so the next curator
sees the gap. The selection, from schema/gazetteer/leaders.json:
  - every leader outside the Han-name countries (CN JP KR KP TW HK MO, whose
    names come from lang/han_names.json) with a head-of-state or
    head-of-government role in office at any time from 2010-01-01;
  - the foreign ministers and secretaries of state in office from 2010 of
    the P5, the G20 and ASEAN;
  - the heads of international organisations leaders.json lists (a leader
    whose `country` is an organisation id of organisations.json and no
    country's code; none yet).
Exits 0. Python 3 standard library.
"""
import argparse
import json
import os
import sys

from build_lang_rules import HAN_COUNTRIES, REPO_ROOT, leader_table

HERE = os.path.dirname(os.path.abspath(__file__))
SINCE = "2010-01-01"
HEAD_ROLES = {"president", "prime minister", "king", "emir", "crown prince", "chancellor",
              "supreme leader", "pope", "general secretary", "vice president", "leader"}
FOREIGN_ROLES = {"foreign minister", "secretary of state"}
P5 = {"US", "GB", "FR", "RU", "CN"}
G20 = {"AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX", "RU", "SA",
       "ZA", "TR", "GB", "US"}
ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"}


def selected(leaders, organisations, countries):
    """[(leader, why)] of the selection, most prominent first."""
    # An organisation's id that is not also a country's code ("AU" is the
    # African Union and Australia).
    orgs = {o["id"] for o in organisations} - {c["code"] for c in countries}
    out = []
    for l in leaders:
        if l["country"] in HAN_COUNTRIES:
            continue
        recent = [r for r in l["roles"] if (r.get("end") or "9999") >= SINCE]
        if l["country"] in orgs and recent:
            why = "head of " + l["country"]
        elif any(r["role"] in HEAD_ROLES for r in recent):
            why = "head of state or government"
        elif l["country"] in P5 | G20 | ASEAN and any(r["role"] in FOREIGN_ROLES for r in recent):
            why = "foreign minister"
        else:
            continue
        out.append((l, why))
    major = P5 | G20 | ASEAN
    latest = lambda l: max((r.get("end") or "9999") for r in l["roles"])
    out.sort(key=lambda x: (x[0]["country"] not in major, -int(latest(x[0])[:4]), x[0]["id"]))
    return out


def name_words(leader):
    """The words of four letters or more of a leader's names, folded."""
    words = set()
    for a in [leader["name"]] + leader.get("aliases", []) + leader.get("context_aliases", []):
        words.update(w.casefold() for w in a.replace("-", " ").replace(",", " ").split(" ")
                     if len(w) >= 4 and w.isalpha())
    return words


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=("zh", "ja"), action="append")
    ap.add_argument("--summary", action="store_true", help="counts only")
    ap.add_argument("--lang-dir", default=os.path.join(HERE, "lang"))
    args = ap.parse_args()
    with open(os.path.join(REPO_ROOT, "schema", "gazetteer", "leaders.json"), encoding="utf-8") as f:
        leaders = json.load(f)
    with open(os.path.join(REPO_ROOT, "schema", "gazetteer", "organisations.json"),
              encoding="utf-8") as f:
        organisations = json.load(f)
    with open(os.path.join(REPO_ROOT, "schema", "gazetteer", "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    chosen = selected(leaders, organisations, countries)
    by_id = {l["id"]: l for l in leaders}
    for lang in args.lang or ["zh", "ja"]:
        names, surnames = leader_table(args.lang_dir, lang, by_id)
        missing = [(l, why) for l, why in chosen if not names.get(l["id"]) and not surnames.get(l["id"])]
        print("%s: %d of %d selected leaders have a name, %d lack one" %
              (lang, len(chosen) - len(missing), len(chosen), len(missing)))
        if args.summary:
            continue
        named = [l for l, _ in chosen if names.get(l["id"]) or surnames.get(l["id"])]
        for l, why in missing:
            roles = "; ".join("%s %s..%s" % (r["role"], r["start"][:4], (r.get("end") or "")[:4])
                              for r in l["roles"] if (r.get("end") or "9999") >= SINCE)
            # The sources list some people twice (Archigos and the UN sheet:
            # "Joseph R. Biden, Jr" beside joe-biden); a named leader of the
            # same country sharing a name word may be the same person.
            same = [o["id"] for o in named
                    if o["country"] == l["country"] and name_words(o) & name_words(l)]
            hint = "\tperhaps named as " + ", ".join(same) if same else ""
            print("  %s\t%s\t%s\t%s (%s)%s" % (l["id"], l["country"], l["name"], roles, why, hint))
    return 0


if __name__ == "__main__":
    sys.exit(main())
