#!/usr/bin/env python3
"""Writes the benchmark corpus from ../shared/data as JSON lines, TSV (for
Sphinx and Lucene) and scriptindex input, replicated to a target size.

Real articles: Reuters-21578 TRAIN (12,865 dated 1987 wire stories) and the
BBC News set (2,225 stories, 2004-2005, undated: given dates spread over
2004-2005 by their position). Replication to N articles: copy k of article i
gets id "<id>~k" and a date shifted by k*7 days (so date ranges and sorting
stay meaningful), and the same text - index cost depends on the text, and the
benchmark must not invent prose.
"""
import argparse, datetime, gzip, json, os, sys


def load(shared):
    arts = []
    with gzip.open(os.path.join(shared, "reuters21578/train.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            body = r["body"]
            if r.get("dateline"):
                body = r["dateline"] + " " + body
            arts.append({"id": "reuters-%s" % r["id"], "title": r.get("title", ""),
                         "body": body, "date": r["date"][:10], "source": "Reuters"})
    start = datetime.date(2004, 1, 1)
    with gzip.open(os.path.join(shared, "bbc/bbc_news_2004_2005.jsonl.gz"), "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            r = json.loads(line)
            d = start + datetime.timedelta(days=(i * 7) % 730)
            arts.append({"id": "bbc-" + r["id"].replace("/", "-"), "title": r.get("title", ""),
                         "body": r["body"], "date": d.isoformat(), "source": "BBC"})
    return arts


def tsv_escape(s):
    return s.replace("\\", " ").replace("\t", " ").replace("\r", " ").replace("\n", " ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True, help="output folder")
    a = ap.parse_args()
    base = load(a.shared)
    os.makedirs(a.out, exist_ok=True)
    jl = open(os.path.join(a.out, "corpus.jsonl"), "w", encoding="utf-8")
    tsv = open(os.path.join(a.out, "corpus.tsv"), "w", encoding="utf-8")
    si = open(os.path.join(a.out, "corpus.scriptindex"), "w", encoding="utf-8")
    for n in range(a.count):
        src = base[n % len(base)]
        k = n // len(base)
        rec = dict(src)
        if k:
            rec["id"] = "%s~%d" % (src["id"], k)
            d = datetime.date.fromisoformat(src["date"]) + datetime.timedelta(days=7 * k)
            rec["date"] = d.isoformat()
        jl.write(json.dumps(rec, ensure_ascii=False) + "\n")
        ymd = rec["date"].replace("-", "")
        # TSV: numeric doc id (Sphinx needs one), key, date, source, title, body.
        tsv.write("%d\t%s\t%s\t%s\t%s\t%s\n" % (n + 1, rec["id"], ymd, rec["source"],
                                                 tsv_escape(rec["title"]), tsv_escape(rec["body"])))
        si.write("id=%s\ndate=%s\nsource=%s\ntitle=%s\n" % (rec["id"], ymd, rec["source"], tsv_escape(rec["title"])))
        body_lines = rec["body"].split("\n")
        si.write("body=" + body_lines[0] + "\n")
        for bl in body_lines[1:]:
            si.write("=" + bl + "\n")
        si.write("\n")
    for f in (jl, tsv, si):
        f.close()
    print("wrote %d articles to %s" % (a.count, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
