#!/usr/bin/env python3
"""Builds the benchmark query mix from the corpus: frequent words, word
pairs, exact phrases taken from the text, a facet filter and a date range.
Deterministic (fixed seed), so every engine and every run gets the same file.

Each line of queries.tsv: kind <TAB> text <TAB> country filter <TAB> from <TAB> to
(kind: word | words | phrase | filter | range).
"""
import argparse, collections, json, random, re

STOP = set("the a an of to in and for on at by with from that this is was be are were as it its said "
           "he she they has have had will would not but or which mln pct dlrs reuter reuters also new".split())
COUNTRIES = ["US", "GB", "JP", "DE", "FR", "CN", "RU", "IN", "BR", "CA"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=240)
    a = ap.parse_args()
    rnd = random.Random(1987)
    freq = collections.Counter()
    bodies = []
    with open(a.corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 15090:  # the base set; replicas repeat it
                break
            body = json.loads(line)["body"]
            bodies.append(body)
            for w in re.findall(r"[a-z]{4,}", body.lower()):
                if w not in STOP:
                    freq[w] += 1
    words = [w for w, c in freq.most_common(3000)[100:]]  # mid-frequency: neither stopword-like nor rare
    out = []
    per = a.count // 5
    for _ in range(per):
        out.append(("word", rnd.choice(words), "", "", ""))
    for _ in range(per):
        out.append(("words", rnd.choice(words) + " " + rnd.choice(words), "", "", ""))
    while len(out) < 3 * per:
        toks = re.findall(r"[A-Za-z]{3,}", rnd.choice(bodies))
        if len(toks) > 5:
            i = rnd.randrange(len(toks) - 2)
            out.append(("phrase", '"%s %s"' % (toks[i].lower(), toks[i + 1].lower()), "", "", ""))
    for _ in range(per):
        out.append(("filter", rnd.choice(words), rnd.choice(COUNTRIES), "", ""))
    for _ in range(a.count - len(out)):
        y = rnd.choice([1987, 2004, 2005])
        m = rnd.randint(1, 10)
        out.append(("range", rnd.choice(words), "", "%d-%02d-01" % (y, m), "%d-%02d-28" % (y, m + 2)))
    with open(a.out, "w", encoding="utf-8") as f:
        for q in out:
            f.write("\t".join(q) + "\n")


if __name__ == "__main__":
    main()
