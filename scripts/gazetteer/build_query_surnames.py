#!/usr/bin/env python3
"""Build schema/gazetteer/query_surnames.tsv: the bare surnames a search box
may widen to the leaders who bear them.

Usage (from the repo root):
    python3 scripts/gazetteer/build_query_surnames.py \
        [--gazetteer schema/gazetteer] \
        [--speeches ../shared/data/ungdc/speeches.jsonl.gz] \
        [--out schema/gazetteer/query_surnames.tsv]

Why: a leader's bare surname that is only a context alias ("Xi", "Abe",
"Trudeau", "Assad") tags an article only beside a full name or a title, and
it is no query synonym (alias_synonyms.h: context aliases would widen
queries too far). So `Xi` found the articles that write the word "Xi" but
none of those that write 习近平 or Си Цзиньпин, which `Xi Jinping` finds.
This list names the surnames that are safe to widen, by a stated rule
rather than by hand:

1. The leader held, from 2000 on, a top office: head of state or
   government, foreign minister, spokesperson, or the head of an
   international organisation (ROLE_PATTERN).
2. The word is one of the leader's context aliases, single-word, in Latin
   letters, and it is the leader's surname: the last word of the leader's
   shortest multi-word name, that word without an Arabic article ("Assad"
   of "al-Assad"), or the first word where names put the surname first
   (SURNAME_FIRST countries: "Xi" of "Xi Jinping").
3. It is not an everyday word: in the UN General Debate speeches from 1990
   (199 M characters of English) at most 2 % of its occurrences, and at
   most 2, are lower-case ("May", "Moon", "Lee", "Power", "Green" fail).
4. It is not another leader's given name (the first word of a name whose
   bearer's surname it is not: "Abbas" of Abbas Araghchi, "Kim" of Kim
   Campbell), and not a whole name or acronym of a country or
   organisation ("Montenegro").
5. It is not an honorific or suffix (SUFFIXES: "Jr", "Hon").

A surname that several such leaders bear widens to all of them ("Assad":
Bashar and Hafez). The literal word is always searched as well, so the
list only adds articles: those tagged with the leader in another script or
through a title.

Output: `surname<TAB>id[,id...]`, the surname folded as the tokenizer folds
words (lower case, no diacritics), sorted. Python 3 standard library only;
deterministic output.
"""
import argparse
import collections
import gzip
import json
import os
import re
import sys
import unicodedata

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_GAZETTEER = os.path.join(REPO_ROOT, "schema", "gazetteer")
DEFAULT_SPEECHES = os.path.join(REPO_ROOT, "..", "shared", "data", "ungdc", "speeches.jsonl.gz")

ROLE_PATTERN = re.compile(
    r"president|prime minister|chancellor|premier|king|queen|emir|sultan|supreme leader|"
    r"crown prince|head of (state|government)|foreign minister|spokes|secretary.general|"
    r"director.general|managing director|chairperson|high representative")
SURNAME_FIRST = {"CN", "TW", "HK", "MO", "KR", "KP", "VN", "SG", "KH"}
SUFFIXES = {"jr", "sr", "hon", "obe", "mp", "ii", "iii", "iv"}
ARTICLES = ("al-", "el-", "as-", "ash-", "ad-", "an-", "ar-")
FIRST_YEAR = "2000"
SPEECH_YEAR = 1990
MAX_LOWER_SHARE = 0.02
MAX_LOWER_ALWAYS = 2
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def fold(text):
    """Lower case without diacritics, as the tokenizer folds a word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(word):
    return all(ord(c) < 0x250 for c in word)


def surname_forms(leader):
    """The words that can be this leader's surname (rule 2), folded."""
    names = [n for n in [leader["name"]] + leader["aliases"] if len(n.split()) > 1 and is_latin(n)]
    if not names:
        return set()
    words = min(names, key=lambda n: len(n.split())).split()
    last = fold(words[-1])
    forms = {last}
    forms.update(last[len(a):] for a in ARTICLES if last.startswith(a))
    if leader.get("country") in SURNAME_FIRST:
        forms.add(fold(words[0]))
    return forms


def top_office_since(leader):
    return any(
        ROLE_PATTERN.search(r["role"]) and (r["end"] is None or r["end"] >= FIRST_YEAR)
        for r in leader["roles"])


def entity_names(gazetteer_dir):
    """Whole folded names and acronyms of countries and organisations."""
    out = set()
    with open(os.path.join(gazetteer_dir, "countries.json"), encoding="utf-8") as f:
        for c in json.load(f):
            for n in [c["name"], c.get("official") or ""] + c["names"] + c["demonyms"]:
                out.add(fold(n))
    with open(os.path.join(gazetteer_dir, "organisations.json"), encoding="utf-8") as f:
        for o in json.load(f):
            for n in [o["name"]] + o["acronyms"] + o["names"]:
                out.add(fold(n))
    out.discard("")
    return out


def case_counts(speeches_path, words):
    """(lower-case, capitalised) occurrences of each folded word in speeches."""
    lower = collections.Counter()
    upper = collections.Counter()
    with gzip.open(speeches_path, "rt", encoding="utf-8") as f:
        for line in f:
            speech = json.loads(line)
            if speech["year"] < SPEECH_YEAR:
                continue
            for m in WORD.finditer(speech["text"]):
                w = m.group()
                key = fold(w)
                if key in words:
                    (lower if w[0].islower() else upper)[key] += 1
    return lower, upper


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gazetteer", default=DEFAULT_GAZETTEER)
    parser.add_argument("--speeches", default=DEFAULT_SPEECHES)
    parser.add_argument("--out", default=os.path.join(DEFAULT_GAZETTEER, "query_surnames.tsv"))
    args = parser.parse_args()
    with open(os.path.join(args.gazetteer, "leaders.json"), encoding="utf-8") as f:
        leaders = json.load(f)

    given = set()  # first words of names whose bearer's surname they are not
    for leader in leaders:
        own = {fold(c) for c in leader["context_aliases"]}
        for n in [leader["name"]] + leader["aliases"]:
            words = n.split()
            if len(words) > 1 and fold(words[0]) not in own:
                given.add(fold(words[0]))

    candidates = collections.defaultdict(set)
    for leader in leaders:
        if not top_office_since(leader):
            continue
        forms = surname_forms(leader)
        for alias in leader["context_aliases"]:
            if " " in alias or not is_latin(alias) or not WORD.fullmatch(alias):
                continue
            key = fold(alias)
            if key in forms and key not in SUFFIXES and len(key) > 1:
                candidates[key].add(leader["id"])

    lower, upper = case_counts(args.speeches, set(candidates))
    blocked = given | entity_names(args.gazetteer)
    kept = {}
    for key, ids in candidates.items():
        lo, up = lower[key], upper[key]
        if lo > max(MAX_LOWER_ALWAYS, MAX_LOWER_SHARE * (lo + up)) or key in blocked:
            continue
        kept[key] = sorted(ids)

    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# Bare surnames a query widens to their leaders: folded surname<TAB>leader ids.\n")
        out.write("# Generated by scripts/gazetteer/build_query_surnames.py (rules in its header)\n")
        out.write("# from leaders.json and the case of each word in the UN General Debate speeches.\n")
        for key in sorted(kept):
            out.write(f"{key}\t{','.join(kept[key])}\n")
    print(f"query surnames: {len(kept)} of {len(candidates)} candidates kept", file=sys.stderr)


if __name__ == "__main__":
    main()
