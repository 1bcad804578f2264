#!/usr/bin/env python3
"""Which leaders of a language's curated-names selection still lack a name.

Usage: python3 scripts/gazetteer/leader_name_gaps.py [--lang ar|ru|zh|ja|de|fr|es ...]
                                                     [--summary | --all]

Arabic, Russian, Chinese and Japanese names of foreign leaders, and the
German, French and Spanish press spellings of names from Persian, Arabic,
Turkish and Hebrew, are curated by hand in scripts/gazetteer/lang/names/<lang>.json (merged into the
language's `leaders` table by build_lang_rules.py), each for a stated
selection of the leaders of schema/gazetteer/leaders.json. This prints, per
language, how many of the selection have a name and the ones that lack one,
most prominent first, so the next curator sees the gap; --all prints every
leader of the selection with its names, --summary the counts only.

The selection is data, the `selection` object of lang/names/<lang>.json,
beside the names it governs and the `comment` that states it in prose (so
a curator changes the two together, and a fifth language needs only its
letters in SCRIPTS):
every leader not of a country of `except_countries` (zh, ja: the Han-name
countries, whose names come from lang/han_names.json) and, if `countries`
is given, of one of those countries (codes or groups; de, fr, es: the Arab
League, Iran, Turkey, Israel, whose names those languages transliterate
their own way) who held, on or after `since`,
  - a head-of-state or head-of-government role (HEAD_ROLES);
  - a foreign minister's or secretary of state's role in a country of
    `foreign_ministers`: country codes or the groups of GROUPS (zh, ja: the
    P5, the G20, ASEAN; ar, ru: those and the Arab League, Iran, Turkey,
    Israel);
  - if `spokespersons` (ar, ru), a spokesperson's role;
  - if `organisation_heads` (every language), any role for an
    international organisation (a term with an `organisation`, from
    io_heads_curated.json).
The role classes and the country groups are fixed here: they are what the
words of the selections mean, the same in every language.

A leader has a name when the language's `leaders` table (lang/<lang>.json
and lang/names/<lang>.json), its curated `surnames` or the leader's own
aliases in leaders.json hold one in the language's script (SCRIPTS; for
the Latin-script languages, whose script the English aliases share, only
the curated tables count: a name there says the press spelling was
checked, even where it is the English one), or
when another id of the same person (SAME_PERSON) has one. SAME_PERSON
stays here, one table for every language: it states facts about the ids of
leaders.json, not a language's choice. The heuristic
that finds such duplicates is printed as a hint beside a missing leader:
"same person as X?" names a named leader of the same country who shares a
name word of four letters or more; if it is the same person, add the pair
to SAME_PERSON (otherwise, curate the name).

A leader whose name the language's press has not settled (named too
rarely, or written several ways) is listed with the reason in the
`no_settled_spelling` object of lang/names/<lang>.json ({id: reason}), so a
curator says so instead of inventing a spelling; such leaders are counted
apart and not listed as lacking a name (--all prints the reason).

Most prominent first: the leaders of the `foreign_ministers` countries
before the rest; heads before foreign ministers before spokespersons; the
most recently in office first. Exit status 0; exits naming the problem on
a `selection` it cannot read (a misspelt group or key) or a SAME_PERSON id
leaders.json does not list. Python 3 standard library.
"""
import argparse
import json
import os
import sys

from build_lang_rules import REPO_ROOT, leader_table

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD_ROLES = {"president", "prime minister", "king", "emir", "crown prince", "chancellor",
              "supreme leader", "pope", "general secretary", "vice president", "leader"}
FOREIGN_MINISTER_ROLES = {"foreign minister", "secretary of state"}
SPOKESPERSON_ROLES = {"foreign ministry spokesperson", "government spokesperson"}
GROUPS = {
    "P5": {"US", "GB", "FR", "RU", "CN"},
    "G20": {"AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "KR", "MX", "RU",
            "SA", "ZA", "TR", "GB", "US"},
    "ASEAN": {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"},
    "Arab League": {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM",
                    "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"},
}
# Rank of each class of the selection in the prominence order.
HEAD, ORGANISATION_HEAD, FOREIGN_MINISTER, SPOKESPERSON = range(4)
CLASS_NAMES = {HEAD: "head", ORGANISATION_HEAD: "organisation head",
               FOREIGN_MINISTER: "foreign minister", SPOKESPERSON: "spokesperson"}
# One person under two or more ids of leaders.json (its sources spell and
# date them apart) that build_leaders.py's merge_one_person() leaves apart
# (a foreign minister; terms a year apart). Each language names the person under one id (the id its
# tables already used, else the later term or the usual form of the name;
# ar and ru chose the right-hand id, zh and ja sometimes the left), and then
# every id of the person counts as named: two ids sharing a name would each
# get it only as a context alias.
SAME_PERSON = {
    "abdullatif-bin-rashid-alzayani": "abdullatif-bin-rashid-al-zayani",
    "walid-al-moualem": "walid-al-moualem-sy",
    "khadga-prasad-sharma-oli": "k-p-sharma-oli",
    "surangel-whipps": "surangel-whipps-jr",
}
# The letters a name in the language is written in: Arabic, Cyrillic, CJK
# ideographs, kana.
SCRIPTS = {"ar": [(0x0600, 0x06FF)], "ru": [(0x0400, 0x04FF)], "zh": [(0x4E00, 0x9FFF)],
           "ja": [(0x3040, 0x30FF)], "de": [], "fr": [], "es": []}
# Letters Persian and Urdu write and Arabic does not (پ چ ژ گ ک ی, the
# zero-width non-joiner): «علی خامنه‌ای» is Persian and names no one in an
# Arabic article, so it is not an Arabic name.
NOT_ARABIC = set("\u067E\u0686\u0698\u06AF\u06A9\u06CC\u200C")
LANGS = tuple(SCRIPTS)


def read_json(*parts):
    with open(os.path.join(*parts), encoding="utf-8") as f:
        return json.load(f)


def in_script(text, lang):
    if lang == "ar" and NOT_ARABIC & set(text):
        return False
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in SCRIPTS[lang])


def recent_roles(leader, since):
    return [r for r in leader["roles"] if (r.get("end") or "9999") >= since]


def check_selection(rule, where, codes):
    """Exits naming `where` on a `selection` object that does not say what
    this script reads: a misspelt group would silently select no one."""
    want = {"since": str, "except_countries": list, "foreign_ministers": list,
            "spokespersons": bool, "organisation_heads": bool}
    for key, type_ in want.items():
        if not isinstance(rule.get(key), type_):
            sys.exit("%s: selection: want %s, a %s" % (where, key, type_.__name__))
    if not isinstance(rule.get("countries", []), list):
        sys.exit("%s: selection: want countries, a list" % where)
    for key in set(rule) - set(want) - {"comment", "countries"}:
        sys.exit("%s: selection: unknown key %s" % (where, key))
    for c in rule["except_countries"] + rule["foreign_ministers"] + rule.get("countries", []):
        if c not in codes and c not in GROUPS:
            sys.exit("%s: selection: %s is no country code nor one of %s" %
                     (where, c, ", ".join(sorted(GROUPS))))


def check_same_person(leaders):
    """Exits on an id of SAME_PERSON leaders.json no longer lists."""
    unknown = sorted((set(SAME_PERSON) | set(SAME_PERSON.values())) - {l["id"] for l in leaders})
    if unknown:
        sys.exit("leader_name_gaps.py: SAME_PERSON: unknown leader %s" % ", ".join(unknown))


def check_unsettled(unsettled, where, leaders, have):
    """Exits naming `where` on a no_settled_spelling entry that is not
    {leader id: reason}, or whose leader has a name after all."""
    ids = {l["id"] for l in leaders}
    if not isinstance(unsettled, dict):
        sys.exit("%s: no_settled_spelling: want an object" % where)
    for ident, why in unsettled.items():
        if ident not in ids:
            sys.exit("%s: no_settled_spelling: unknown leader %s" % (where, ident))
        if not isinstance(why, str) or not why:
            sys.exit("%s: no_settled_spelling: %s: want the reason" % (where, ident))
        if have.get(ident):
            sys.exit("%s: no_settled_spelling: %s has a name" % (where, ident))


def selection(rule, leaders, org_ids):
    """[(leader, class)] of the leaders `rule` (a `selection` object)
    selects, most prominent first."""
    since = rule["since"]
    fm_countries, only = set(), set()
    for g in rule["foreign_ministers"]:
        fm_countries |= GROUPS.get(g, {g})
    for g in rule.get("countries", []):
        only |= GROUPS.get(g, {g})
    out = []
    for l in leaders:
        if l["country"] in rule["except_countries"] or (only and l["country"] not in only):
            continue
        classes = []
        for r in recent_roles(l, since):
            if rule.get("organisation_heads") and (r.get("organisation") in org_ids or
                                                   l["country"] in org_ids):
                classes.append(ORGANISATION_HEAD)
            elif r["role"] in HEAD_ROLES:
                classes.append(HEAD)
            elif r["role"] in FOREIGN_MINISTER_ROLES and l["country"] in fm_countries:
                classes.append(FOREIGN_MINISTER)
            elif r["role"] in SPOKESPERSON_ROLES and rule.get("spokespersons"):
                classes.append(SPOKESPERSON)
        if classes:
            out.append((l, min(classes)))
    # Latest end first: the characters complemented so an ascending sort
    # puts "9999" (in office) and later dates first.
    latest = lambda l: "".join(chr(0x10FFFF - ord(c))
                               for c in max((r.get("end") or "9999") for r in l["roles"]))
    out.sort(key=lambda x: (x[0]["country"] not in fm_countries, x[1], latest(x[0]), x[0]["id"]))
    return out


def names_in(lang, lang_dir, leaders):
    """{leader id: [names in `lang`]} from every place a name may be,
    each id of one person (SAME_PERSON) sharing the names of the others."""
    by_id = {l["id"]: l for l in leaders}
    table, surnames = leader_table(lang_dir, lang, by_id)
    have = {}
    for ident, names in list(table.items()) + list(surnames.items()):
        have.setdefault(ident, []).extend(n for n in names if n not in have.get(ident, []))
    for l in leaders:
        for a in l.get("aliases", []) + l.get("context_aliases", []):
            if in_script(a, lang) and a not in have.get(l["id"], []):
                have.setdefault(l["id"], []).append(a)
    people = {}  # id -> the ids of the same person
    for a, b in SAME_PERSON.items():
        group = people.get(a, {a}) | people.get(b, {b})
        for ident in group:
            people[ident] = group
    for ident, group in people.items():
        if not have.get(ident):
            twins = sorted(t for t in group if t != ident and have.get(t))
            if twins:
                have[ident] = ["(as %s)" % t for t in twins]
    return have


def name_words(leader):
    """The words of four letters or more of a leader's names, folded."""
    words = set()
    for a in [leader["name"]] + leader.get("aliases", []) + leader.get("context_aliases", []):
        words.update(w.casefold() for w in a.replace("-", " ").replace(",", " ").split(" ")
                     if len(w) >= 4 and w.isalpha())
    return words


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=LANGS, action="append", help="default: all seven")
    out = ap.add_mutually_exclusive_group()
    out.add_argument("--summary", action="store_true", help="counts only")
    out.add_argument("--all", action="store_true", help="every leader of the selection, with names")
    ap.add_argument("--leaders", default=os.path.join(REPO_ROOT, "schema", "gazetteer", "leaders.json"))
    ap.add_argument("--lang-dir", default=os.path.join(HERE, "lang"))
    args = ap.parse_args()
    leaders = read_json(args.leaders)
    gazetteer = os.path.join(REPO_ROOT, "schema", "gazetteer")
    codes = {c["code"] for c in read_json(gazetteer, "countries.json")}
    org_ids = {o["id"] for o in read_json(gazetteer, "organisations.json")} - codes
    check_same_person(leaders)
    for lang in args.lang or LANGS:
        path = os.path.join(args.lang_dir, "names", lang + ".json")
        rule = read_json(path).get("selection", {})
        check_selection(rule, os.path.relpath(path, REPO_ROOT), codes)
        chosen = selection(rule, leaders, org_ids)
        have = names_in(lang, args.lang_dir, leaders)
        unsettled = read_json(path).get("no_settled_spelling", {})
        check_unsettled(unsettled, os.path.relpath(path, REPO_ROOT), leaders, have)
        missing = [(l, c) for l, c in chosen if not have.get(l["id"]) and l["id"] not in unsettled]
        named = [l for l, _ in chosen if have.get(l["id"])]
        none = len(chosen) - len(named) - len(missing)
        print("%s: %d of the %d leaders of the selection have a name, %s%d lack one" %
              (lang, len(named), len(chosen),
               "%d have no settled spelling in its press, " % none if none else "", len(missing)))
        if args.summary:
            continue
        for l, c in (chosen if args.all else missing):
            roles = "; ".join("%s %s..%s" % (r["role"], r["start"][:4], (r.get("end") or "")[:4])
                              for r in recent_roles(l, rule["since"]))
            line = "  %s\t%s\t%s\t%s (%s)" % (l["id"], l["country"], l["name"], roles, CLASS_NAMES[c])
            if have.get(l["id"]):
                line += "\t" + " | ".join(have[l["id"]])
            elif l["id"] in unsettled:
                line += "\tno settled spelling: " + unsettled[l["id"]]
            else:
                same = [o["id"] for o in named
                        if o["country"] == l["country"] and name_words(o) & name_words(l)]
                if same:
                    line += "\tsame person as %s?" % " or ".join(same)
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
