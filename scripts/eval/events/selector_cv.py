#!/usr/bin/env python3
"""Would a small learned primary-event selector beat the hand rules? (issue 18)

Cross-validates, within the tune half only (score.py's split), a softmax
selector over each article's candidate events (the recogniser's events plus
"no event") against the hand rules' choice on the same held-out folds.
Features of a candidate: headline or lead, its order in the headline, a
clause or occasion word before it, a passive "by" after it, its type, whether
its participants are the headline's countries; a second model also sees
whether the hand rules chose it (a correction layer over them). Folds by a
hash of the label key. Prints the accuracies; nothing is fitted into the
recogniser (it would be kept only if it won on the held-out folds).

Usage: python3 scripts/eval/events/selector_cv.py [--bin build/bin/communique-index]
"""
import argparse
import hashlib
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402

TYPES = ["call", "expulsion", "sanctions", "vote", "summit", "visit", "agreement", "aid",
         "military", "election", "meeting", "statement"]
CLAUSE = {"after", "before", "ahead", "amid", "despite", "as", "once", "until", "if", "during"}
OCCASION = {"on", "over", "for", "about", "against"}


def words(s):
    return re.findall(r"[a-z0-9]+", s.lower())


def candidates(rec, with_rule):
    """(features, type) per candidate; "" is the no-event candidate."""
    title = rec["title"]
    tl = title.lower()
    title_countries = {c["code"] for c in rec.get("countries", [])
                       if c.get("name") and c["name"].lower() in tl}
    events = rec.get("events", [])
    rule = next((e["type"] for e in events if e.get("primary")), "")
    in_title = [e for e in events if e["trigger"].lower() in tl]
    order = sorted(in_title, key=lambda e: tl.find(e["trigger"].lower()))
    out = []
    for e in events:
        f = {}
        at = tl.find(e["trigger"].lower())
        if at >= 0:
            f["title"] = 1.0
            f["title_rank%d" % min(order.index(e), 2)] = 1.0
            before = words(tl[:at])
            if CLAUSE & set(before):
                f["title_clause"] = 1.0
            if OCCASION & set(before[-3:]):
                f["title_occasion"] = 1.0
            if words(tl[at + len(e["trigger"]):])[:1] == ["by"]:
                f["title_passive"] = 1.0
        else:
            f["lead"] = 1.0
            f["lead_first"] = 1.0 if e is next((x for x in events if x not in in_title), None) else 0.0
        f["type_" + e["type"]] = 1.0
        if title_countries and set(e.get("countries", [])) & title_countries:
            f["headline_countries"] = 1.0
        if with_rule and e["type"] == rule:
            f["rule"] = 1.0
        out.append((f, e["type"]))
    f = {"none": 1.0}
    if not in_title:
        f["none_no_title_event"] = 1.0
    if not events:
        f["none_no_event"] = 1.0
    if with_rule and rule == "":
        f["rule"] = 1.0
    out.append((f, ""))
    return out


def fit(data, epochs=60, rate=0.1, l2=1e-3, seed=1):
    w = {}
    rnd = random.Random(seed)
    data = list(data)
    for _ in range(epochs):
        rnd.shuffle(data)
        for cands, gold in data:
            scores = [sum(w.get(k, 0.0) * v for k, v in f.items()) for f, _ in cands]
            m = max(scores)
            ps = [math.exp(s - m) for s in scores]
            z = sum(ps)
            for (f, t), p in zip(cands, ps):
                g = (1.0 if t == gold else 0.0) - p / z
                for k, v in f.items():
                    w[k] = w.get(k, 0.0) * (1 - rate * l2) + rate * g * v
    return w


def choose(w, cands):
    return max(cands, key=lambda c: sum(w.get(k, 0.0) * v for k, v in c[0].items()))[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(score.ROOT, "build", "bin", "communique-index"))
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    items = [t for t in score.load(args.bin) if score.half_of(t[0]) == "tune"]
    fold = {k: hashlib.sha1(("cv:" + k).encode()).digest()[0] % args.folds for k, _, _ in items}
    for with_rule in (False, True):
        data = {k: (candidates(rec, with_rule), lab["primary"]) for k, lab, rec in items}
        ok = rule_ok = 0
        for i in range(args.folds):
            w = fit(v for k, v in data.items() if fold[k] != i)
            for k, lab, rec in items:
                if fold[k] != i:
                    continue
                ok += choose(w, data[k][0]) == lab["primary"]
                rule = next((e["type"] for e in rec.get("events", []) if e.get("primary")), "")
                rule_ok += rule == lab["primary"]
        n = len(items)
        print("%-40s held-out primary %.3f   hand rules on the same articles %.3f (n=%d)" % (
            "learned + the rules' choice" if with_rule else "learned (candidate features)",
            ok / n, rule_ok / n, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
