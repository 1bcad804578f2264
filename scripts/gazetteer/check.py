#!/usr/bin/env python3
"""Sanity checks for schema/gazetteer/{countries,organisations,leaders}.json,
cities.tsv and city_variants.tsv.

Usage: python3 scripts/gazetteer/check.py [--dir schema/gazetteer]
Exits non-zero on any error; warnings do not fail the run.
"""
import argparse
import datetime
import json
import os
import re
import sys

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ROLES = {"president", "prime minister", "chancellor", "king", "emir", "crown prince",
         "supreme leader", "foreign minister", "finance minister", "vice president",
         "secretary of state", "leader", "general secretary", "sultan",
         "government spokesperson", "foreign ministry spokesperson",
         "pope"}  # the Vatican's head of state (curated: Francis)
# The offices of international organisations' heads (io_heads_curated.json),
# held in a term that names the body; "head" is the role phrases' "chief".
ORGANISATION_ROLES = {"secretary-general", "director-general", "managing director", "president",
                      "commission president", "council president", "high representative",
                      "commission chairperson"}
RULE_ROLES = ROLES | ORGANISATION_ROLES | {"head"}

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, list):
        err("%s: top level is not an array" % path)
        return []
    return data


def parse_date(s, where):
    try:
        return datetime.date.fromisoformat(s)
    except (TypeError, ValueError):
        err("%s: bad date %r" % (where, s))
        return None


def check_strings(lst, where, field, min_len=2):
    if not isinstance(lst, list):
        err("%s: %s is not a list" % (where, field))
        return
    seen = set()
    for s in lst:
        if not isinstance(s, str) or not s.strip():
            err("%s: empty %s entry" % (where, field))
        elif len(s) < min_len:
            err("%s: %s entry %r shorter than %d chars" % (where, field, s, min_len))
        elif s != s.strip():
            err("%s: %s entry %r has surrounding whitespace" % (where, field, s))
        if s in seen:
            err("%s: duplicate %s entry %r" % (where, field, s))
        seen.add(s)


def partial_date(s, where):
    """A "YYYY", "YYYY-MM" or "YYYY-MM-DD" string, as precise as the record."""
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
        err("%s: bad partial date %r" % (where, s))
        return None
    parse_date((s + "-01-01")[:10] if len(s) < 10 else s, where)
    return s


def check_members(rows, where, codes):
    """Member rows: country, joined or member_in, optional left; spells of one
    country must not overlap."""
    spells = {}
    for r in rows:
        if not isinstance(r, dict):
            err("%s: member %r is not an object" % (where, r))
            continue
        w = "%s member %s" % (where, r.get("country"))
        if r.get("country") not in codes:
            err("%s: unknown member code" % w)
        for k in r:
            if k not in ("country", "joined", "member_in", "left", "note"):
                err("%s: unknown key %r" % (w, k))
        start = None
        for k in ("joined", "member_in", "left"):
            if k in r:
                partial_date(r[k], w)
        start = r.get("joined", r.get("member_in"))
        if start is None:
            err("%s: neither joined nor member_in" % w)
            continue
        if "left" in r and r["left"] <= start:
            err("%s: left %s is not after %s" % (w, r["left"], start))
        spells.setdefault(r.get("country"), []).append((start, r.get("left", "9999")))
    for code, ss in spells.items():
        ss.sort()
        for (a, b), (c, d) in zip(ss, ss[1:]):
            if c < b:
                err("%s: member %s has overlapping spells" % (where, code))


def unique_ids(items, key, what):
    ids = [x.get(key) for x in items]
    for i in sorted({i for i in ids if ids.count(i) > 1}, key=str):
        err("%s: duplicate %s %r" % (what, key, i))
    for i in ids:
        if not isinstance(i, str) or not i:
            err("%s: missing %s" % (what, key))
    return set(ids)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=os.path.join(REPO_ROOT, "schema", "gazetteer"))
    args = ap.parse_args()
    countries = load(os.path.join(args.dir, "countries.json"))
    orgs = load(os.path.join(args.dir, "organisations.json"))
    leaders = load(os.path.join(args.dir, "leaders.json"))

    # --- countries
    codes = unique_ids(countries, "code", "countries")
    surface = {}  # surface form -> list of owners, for cross-file warnings
    for c in countries:
        w = "country %s" % c.get("code")
        for k in ("name", "official", "names", "demonyms", "metonyms", "un_member", "historical"):
            if k not in c:
                err("%s: missing %s" % (w, k))
        if c.get("name") not in c.get("names", []) and not c.get("historical"):
            warn("%s: name %r not among names" % (w, c.get("name")))
        for f in ("names", "demonyms", "metonyms"):
            check_strings(c.get(f, []), w, f)
            if f != "demonyms":
                for s in c.get(f, []):
                    surface.setdefault(s, []).append(w)
        for s in c.get("names", []):
            if len(s) == 2 and s.islower():
                err("%s: 2-letter lower-case name %r" % (w, s))
        for s in c.get("ambiguous_names", []):
            if s not in c.get("names", []):
                err("%s: ambiguous name %r not in names" % (w, s))

    # --- organisations
    org_ids = unique_ids(orgs, "id", "organisations")
    for o in orgs:
        w = "org %s" % o.get("id")
        if not o.get("name"):
            err("%s: missing name" % w)
        check_strings(o.get("acronyms", []), w, "acronyms")
        check_strings(o.get("names", []), w, "names")
        if not o.get("acronyms") and not o.get("names"):
            err("%s: no surface forms" % w)
        for s in o.get("acronyms", []) + o.get("names", []):
            surface.setdefault(s, []).append(w)
        for code in o.get("permanent_members", []):
            if code not in codes:
                err("%s: unknown member code %r" % (w, code))
        check_members(o.get("members", []), w, codes)
        for m in o.get("member_orgs", []):
            if m not in org_ids:
                err("%s: unknown member org %r" % (w, m))

    # --- leaders
    unique_ids(leaders, "id", "leaders")
    alias_owner = {}
    for p in leaders:
        w = "leader %s" % p.get("id")
        pid = p.get("id", "")
        if not pid.isascii() or pid != pid.lower() or " " in pid:
            err("%s: id is not a lower-case ascii slug" % w)
        roles = p.get("roles") or []
        # A head of an organisation with no national office has no country.
        heads_only = bool(roles) and all(r.get("organisation") for r in roles)
        if p.get("country") not in codes and not (heads_only and p.get("country") == ""):
            err("%s: unknown country %r" % (w, p.get("country")))
        if not roles:
            err("%s: no roles" % w)
        for r in roles:
            body = r.get("organisation")
            if body is not None and body not in org_ids:
                err("%s: unknown organisation %r" % (w, body))
            if r.get("role") not in (ORGANISATION_ROLES if body else ROLES):
                err("%s: unknown role %r" % (w, r.get("role")))
            start = parse_date(r.get("start"), w)
            end = None if r.get("end") is None else parse_date(r.get("end"), w)
            if start and end and end < start:
                err("%s: role %s ends before it starts" % (w, r.get("role")))
        for f in ("aliases", "context_aliases", "handles"):
            check_strings(p.get(f, []), w, f)
        if not p.get("aliases"):
            err("%s: no aliases" % w)
        for h in p.get("handles", []):
            if not h.startswith("@"):
                err("%s: handle %r does not start with @" % (w, h))
        for a in p.get("aliases", []):
            if a in alias_owner:
                err("alias %r used by both %s and %s" % (a, alias_owner[a], pid))
            alias_owner[a] = pid
            if a in surface:
                warn("%s: alias %r is also %s" % (w, a, ", ".join(surface[a])))
    for p in leaders:
        for a in p.get("context_aliases", []):
            if a in alias_owner and alias_owner[a] != p["id"]:
                warn("leader %s: context alias %r is a full alias of %s" % (p["id"], a, alias_owner[a]))

    # --- cities.tsv and city_variants.tsv (build_cities.py)
    n_cities = n_variants = 0
    cities_path = os.path.join(args.dir, "cities.tsv")
    if os.path.exists(cities_path):
        with open(cities_path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                n_cities += 1
                cols = line.split("\t")
                w = "cities.tsv:%d" % n
                if len(cols) not in (2, 3) or (len(cols) == 3 and cols[2] != "firm"):
                    err("%s: expected key<TAB>CC[,CC...][<TAB>firm]" % w)
                    continue
                ccs = cols[1].split(",")
                if any(cc not in codes for cc in ccs):
                    warn("%s: %r has a code the country gazetteer lacks" % (w, cols[1]))
                if len(cols) == 3 and len(ccs) < 2:
                    err("%s: 'firm' on an unambiguous name" % w)
    variants_path = os.path.join(args.dir, "city_variants.tsv")
    if os.path.exists(variants_path):
        with open(variants_path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                n_variants += 1
                names = line.split("\t")
                if len(names) < 2 or len(set(names)) != len(names) or not all(names):
                    err("city_variants.tsv:%d: expected two or more distinct names" % n)

    # --- rules/<lang>.json (build_lang_rules.py)
    n_rules = n_rule_aliases = 0
    rules_dir = os.path.join(args.dir, "rules")
    ids = {"country": codes, "leader": {p["id"] for p in leaders}, "organisation": {o["id"] for o in orgs}}
    for name in sorted(os.listdir(rules_dir)) if os.path.isdir(rules_dir) else []:
        if not name.endswith(".json"):
            continue
        n_rules += 1
        w = "rules/" + name
        with open(os.path.join(rules_dir, name), encoding="utf-8") as f:
            r = json.load(f)
        if r.get("language") != name[:-5]:
            err("%s: language %r does not match the file name" % (w, r.get("language")))
        for k, a in enumerate(r.get("aliases", []), 1):
            n_rule_aliases += 1
            if a.get("kind") not in ids or a.get("id") not in ids[a.get("kind")]:
                err("%s: alias %d: unknown %s %r" % (w, k, a.get("kind"), a.get("id")))
            if a.get("type", "name") not in ("name", "demonym", "metonym", "acronym", "context", "blocker"):
                err("%s: alias %d: unknown type %r" % (w, k, a.get("type")))
            if not a.get("text", "").strip():
                err("%s: alias %d: empty text" % (w, k))
        for k, rr in enumerate(r.get("roles", []), 1):
            if rr.get("role") not in RULE_ROLES:
                err("%s: role %d: unknown role %r" % (w, k, rr.get("role")))
            if rr.get("country"):
                if rr["country"] not in codes:
                    err("%s: role %d: unknown country %r" % (w, k, rr["country"]))
            elif rr.get("side") not in ("before", "after", "either"):
                err("%s: role %d: side must be before, after or either" % (w, k))

    for m in warnings:
        print("warning:", m)
    for m in errors:
        print("ERROR:", m)
    print("countries %d, organisations %d, leaders %d (roles %d, aliases %d, context aliases %d, handles %d)" % (
        len(countries), len(orgs), len(leaders), sum(len(p.get("roles", [])) for p in leaders),
        sum(len(p.get("aliases", [])) for p in leaders),
        sum(len(p.get("context_aliases", [])) for p in leaders),
        sum(len(p.get("handles", [])) for p in leaders)))
    print("cities %d names, %d cities with former names" % (n_cities, n_variants))
    print("rules: %d languages, %d aliases" % (n_rules, n_rule_aliases))
    print("OK" if not errors else "FAILED: %d error(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
