#!/usr/bin/env python3
"""Build schema/gazetteer/organisations.json: intergovernmental bodies, their
names and acronyms, and which countries were members when.

Usage (from the repo root):
    python3 scripts/gazetteer/build_organisations.py [--shared ../shared/data]
        [--out schema/gazetteer/organisations.json]

Sources:
  1. scripts/gazetteer/organisations_curated.json: the curated entries
     (ids, display names, acronyms, names, ambiguity marks, notes, `summit`:
     a grouping whose meetings are summits of its members' leaders, read by
     the salience of headlines) and, for
     the bodies news asks about most, every member with the day (or month, or
     year) it joined and left, from public records. Keys only the builder
     reads: `cow` (the body's `ioname` in COW IGO v3), `supraverden` (its
     SupraVerden id), `members_from_cow` (take COW's member list, see 2),
     `dissolved` (ISO date the body ended), `not_from_sources` (names in the
     sources that are not taken).
  2. COW IGO v3 (orgs/cow_igo_v3.csv). Our copy keeps each body's full
     members in its last coded year only (2014 for living bodies), not the
     yearly panel, so it gives no joining years. Where `members_from_cow` is
     set, each COW member becomes a row {"country", "member_in": "2014"}: the
     country was a member in that year, when it joined is not recorded. A
     curated row for the same country without `joined` takes the earlier
     `member_in` and keeps its `left`. For bodies with dated rows COW is a
     cross-check: a disagreement in its last coded year is printed.
  3. SupraVerden (orgs/supraverden_igos.json) and COW: full-name variants
     of the same body (three words or more, no abbreviations, with both
     Organisation and Organization spellings). Their names in other
     languages are not taken: the recogniser wants names capitalised as in
     English, and every name becomes a query synonym of the acronym.
Member rows: {"country": code as in countries.json (historical states with
their own codes: XG, SU, DD, CS, YD), "joined": "YYYY[-MM[-DD]]", "left":
likewise, absent while a member; "note"}. A date's precision is the one the
record gives. Python 3 standard library only; deterministic output.
"""
import argparse
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build_leaders import COW_NAMES  # noqa: E402  (one table of COW state names)

from gazetteer_json import write_entries

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CURATED = os.path.join(REPO, "scripts", "gazetteer", "organisations_curated.json")
COUNTRIES = os.path.join(REPO, "schema", "gazetteer", "countries.json")
BUILDER_KEYS = ("cow", "supraverden", "supraverden_names", "members_from_cow", "not_from_sources")
# Abbreviated words in COW's short names ("Org for Econ Coop"): such a name
# is a label, not a form anyone writes.
ABBREVIATED = re.compile(r"\b(Org|Orgs|Assn|Econ|Coop|Dev|Int|Intl|Int'l|Comm|Euro|Ag|Govt)\b|\.|&")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def spellings(name):
    """The name with both spellings of Organisation/Organization."""
    out = [name]
    for a, b in (("Organization", "Organisation"), ("Organisation", "Organization")):
        if a in name:
            out.append(name.replace(a, b))
    return out


def source_names(cow_row, sv_row):
    """Full names the sources give the body, COW's with its "(ACR)" cut off."""
    names = []
    if sv_row:
        names += [sv_row["name_en"]] + (sv_row.get("other_names_en") or [])
    if cow_row:
        names.append(cow_row["orgname"])
        for part in cow_row["longorgname"].split("/"):
            names.append(re.sub(r"\s*\([^)]*\)\s*$", "", part).strip())
    out = []
    for n in names:
        n = n.replace("\u2019", "'")
        if len(n.split()) < 3 or ABBREVIATED.search(n) or n.isupper():
            continue
        for s in spellings(n):
            if s not in out:
                out.append(s)
    return out


def cow_members(row, codes, by_name):
    out, unknown = [], []
    year = int(row["last_coded_year"])
    for name in row["full_members"].split("; "):
        if not name:
            continue
        code = by_name.get(name)
        # COW names a state by its present name in every year; the gazetteer
        # has the historical state until the day it ended.
        if code == "RU" and year < 1992:
            code = "SU"
        if code == "CZ" and year < 1993:
            code = "CS"
        if code == "YU" and year >= 2006:
            code = "RS"  # COW keeps Yugoslavia's code and name for Serbia
        if code and code in codes:
            out.append(code)
        else:
            unknown.append(name)
    return out, unknown


def active(rows, year):
    """Countries whose rows show them a member at some time in `year`."""
    y = str(year)
    return {r["country"] for r in rows
            if r.get("joined", r.get("member_in", "")) <= y + "-12-31" and r.get("left", "9999") > y}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO, "schema", "gazetteer", "organisations.json"))
    args = ap.parse_args()

    countries = load(COUNTRIES)
    codes = {c["code"] for c in countries}
    by_name = {}
    for c in countries:
        for n in [c["name"], c["official"]] + c["names"]:
            by_name.setdefault(n, c["code"])
    by_name.update(COW_NAMES)

    with open(os.path.join(args.shared, "orgs", "cow_igo_v3.csv"), encoding="utf-8") as f:
        cow = {r["ioname"]: r for r in csv.DictReader(f)}
    sv = {r["id"]: r for r in load(os.path.join(args.shared, "orgs", "supraverden_igos.json"))}

    entries, warnings = [], []
    n_cow_rows = n_names = 0
    for cur in load(CURATED):
        e = {k: v for k, v in cur.items() if k not in BUILDER_KEYS}
        cow_row = cow.get(cur.get("cow", ""))
        sv_row = sv.get(cur.get("supraverden", ""))
        if cur.get("cow") and not cow_row:
            sys.exit("%s: no COW body %r" % (cur["id"], cur["cow"]))
        if cur.get("supraverden") and not sv_row:
            sys.exit("%s: no SupraVerden body %r" % (cur["id"], cur["supraverden"]))

        # Names: the sources' full names the entry lacks, unless refused.
        refused = set(cur.get("not_from_sources", []))
        have = {n.casefold() for n in e.get("names", []) + [e["name"]] + e.get("acronyms", [])}
        added = []
        for n in source_names(cow_row, sv_row):
            if n.casefold() not in have and n not in refused:
                added.append(n)
                have.add(n.casefold())
        if added:
            e["names"] = e.get("names", []) + added
            n_names += len(added)

        rows = [dict(r) for r in cur.get("members", [])]
        if cow_row:
            year = cow_row["last_coded_year"]
            members, unknown = cow_members(cow_row, codes, by_name)
            for name in unknown:
                warnings.append("%s: COW member %r has no country code" % (cur["id"], name))
            if cur.get("members_from_cow"):
                for code in members:
                    snapshot = [r for r in rows if r["country"] == code and "joined" not in r]
                    if snapshot:
                        r = snapshot[0]
                        r["member_in"] = min(r.get("member_in", year), year)
                    elif code not in active(rows, year):
                        if any("member_in" in r for r in cur.get("members", [])):
                            warnings.append("%s: COW lists %s in %s, the curated list does not" % (
                                cur["id"], code, year))
                        rows.append({"country": code, "member_in": year})
                        n_cow_rows += 1
            elif rows:
                mine = active(rows, year)
                for code in sorted(set(members) - mine):
                    warnings.append("%s: COW lists %s as a member in %s, the curated rows do not" % (
                        cur["id"], code, year))
                for code in sorted(mine - set(members)):
                    warnings.append("%s: curated rows make %s a member in %s, COW does not" % (
                        cur["id"], code, year))
        for r in rows:
            if r["country"] not in codes:
                sys.exit("%s: unknown member code %r" % (cur["id"], r["country"]))
        if rows:
            order = ("country", "joined", "member_in", "left", "note")
            rows = [{k: r[k] for k in order if k in r} for r in rows]
            rows.sort(key=lambda r: (r["country"], r.get("joined", r.get("member_in", ""))))
            e["members"] = rows
        entries.append(e)

    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        sys.exit("duplicate ids")
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    write_entries(args.out, entries)
    with_members = [e for e in entries if e.get("members")]
    print("organisations: %d entries, %d with members (%d member rows, %d dated, %d from COW), "
          "%d names from COW/SupraVerden; wrote %s" % (
              len(entries), len(with_members), sum(len(e["members"]) for e in with_members),
              sum(1 for e in with_members for r in e["members"] if "joined" in r), n_cow_rows,
              n_names, os.path.relpath(args.out)))


if __name__ == "__main__":
    main()
