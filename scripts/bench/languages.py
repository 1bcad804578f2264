#!/usr/bin/env python3
"""What the multilingual analysers cost: the same corpus indexed and searched
twice in one command, once as it is (each article analysed in its declared or
detected language: detection, per-language stemmers and stopwords, query
words stemmed in every language the index holds) and once with every article
declared English (the English-only analysis Communique had before issue 14:
no detection, one stemmer, one-term queries).

Usage (from the repo root, after building communique-index and
communique-query-bench):
    scripts/bench/languages.py [--bin build/bin] [--copies 40] [--runs 3] [--rounds 20]

The corpus is the English sample (scripts/sample/articles.jsonl) plus the
multilingual fixture (tests/fixtures/multilingual), each copied --copies
times under new ids. Prints documents per second of indexing and the query
mix's p50 / queries per second for each mode, and the ratios multilingual /
English-only. A benchmark, not a test: it never fails on the numbers.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

QUERIES = [
    "sanctions", "president", "foreign minister", "Putin", "Khan Putin", "summit",
    "\"telephone call\"", "talks OR negotiations", "pipeline", "Afghanistan",
    "Путина", "переговоры", "习近平", "首脳会談", "الرئيس", "présidents", "négociations",
    "presidente", "negociar", "Sanktionen", "Verhandlungen", "Bruselas", "Dakar",
    "the president", "le président", "security council", "trade", "energy", "election",
    "ambassadors",
]


def corpus(path, copies, english_only):
    sources = [os.path.join(ROOT, "scripts/sample/articles.jsonl"),
               os.path.join(ROOT, "tests/fixtures/multilingual/articles.jsonl")]
    records = []
    for src in sources:
        with open(src, encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    with open(path, "w", encoding="utf-8") as out:
        for k in range(copies):
            for r in records:
                r = dict(r, id=f"{r.get('id', 'x')}-{k}", url=f"{r.get('url', '')}?copy={k}")
                if english_only:
                    r["language"] = "en"
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(records) * copies


def index(binary, corpus_path, db):
    shutil.rmtree(db, ignore_errors=True)
    start = time.perf_counter()
    p = subprocess.run([binary, "--db", db, "--no-progress", "--batch", "5000", corpus_path],
                       capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(p.stderr)
    docs = int(re.search(r"(\d+) added", p.stderr).group(1))
    return docs / wall


def query(binary, db, queries_path, rounds):
    p = subprocess.run([binary, "--db", db, "--queries", queries_path, "--rounds", str(rounds)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(p.stderr + p.stdout)
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build/bin"))
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3, help="runs per mode, alternating (best kept)")
    ap.add_argument("--rounds", type=int, default=20, help="rounds of the query mix")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="cq-bench-lang-")
    try:
        queries_path = os.path.join(work, "queries.tsv")
        with open(queries_path, "w", encoding="utf-8") as f:
            for i, q in enumerate(QUERIES):
                f.write(f"q{i}\t{q}\t\t\t\n")
        # The modes alternate run by run (and the best run of each is kept),
        # so neither profits from a warmer page cache or a quieter moment.
        modes = (("english_only", True), ("multilingual", False))
        paths, docs, rates, queries = {}, {}, {}, {}
        for mode, english_only in modes:
            paths[mode] = os.path.join(work, mode + ".jsonl")
            docs[mode] = corpus(paths[mode], args.copies, english_only)
        for _ in range(args.runs):
            for mode, _english in modes:
                db = os.path.join(work, mode + ".db")
                rate = index(os.path.join(args.bin, "communique-index"), paths[mode], db)
                rates[mode] = max(rates.get(mode, 0), rate)
        for _ in range(args.runs):
            for mode, _english in modes:
                db = os.path.join(work, mode + ".db")
                q = query(os.path.join(args.bin, "communique-query-bench"), db, queries_path,
                          args.rounds)
                if mode not in queries or q["p50_ms"] < queries[mode]["p50_ms"]:
                    queries[mode] = q
        result = {}
        for mode, _english in modes:
            q = queries[mode]
            result[mode] = {"docs": docs[mode], "index_docs_per_s": round(rates[mode], 1),
                            "query_p50_ms": q["p50_ms"], "query_p99_ms": q["p99_ms"],
                            "qps": q["qps"]}
        e, m = result["english_only"], result["multilingual"]
        result["ratio_multilingual_over_english"] = {
            "index_docs_per_s": round(m["index_docs_per_s"] / e["index_docs_per_s"], 3),
            "query_p50_ms": round(m["query_p50_ms"] / e["query_p50_ms"], 3),
            "qps": round(m["qps"] / e["qps"], 3),
        }
        print(json.dumps(result, indent=2, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
