#!/usr/bin/env python3
"""Shards benchmark: what sharding costs a query and what it buys indexing.

One command, one corpus, one run for every figure, each printed as a ratio
to one database:
  indexing   communique-index into 1 database, --shards 2 and --shards 3
             (one writer thread per shard): documents/s, best of --runs;
  querying   the benchmark query mix (scripts/bench/make_queries.py: words,
             phrases, a country filter, date ranges; facets on) through
             communique-query-bench over 1 database, 3 local shards (the
             shard directory) and 3 remote shards (three xapian-tcpsrv on
             loopback, started here): p50, p99, queries/s.

Usage (from the repo root, after scripts/build.sh):
    scripts/bench/shards.py [--count 15090] [--runs 2] [--rounds 3]
                            [--json docs/benchmarks/shards.json]
The corpus is Reuters-21578 + BBC News from ../shared/data (as scripts/bench/
run.py builds it); without ../shared, the sample corpus. A benchmark, not a
test: it never fails on the numbers.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def index(binary, corpus, db, shards):
    args = [binary, "--db", db, "--no-progress", "--batch", "5000"]
    if shards:
        args += ["--shards", str(shards)]
    start = time.perf_counter()
    p = subprocess.run(args + [corpus], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode not in (0, 1):
        sys.exit(p.stderr)
    return int(re.search(r"(\d+) added", p.stderr).group(1)), wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--count", type=int, default=15090)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--json")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="cq-shards-bench-")
    servers = []
    try:
        corpus = os.path.join(work, "corpus", "corpus.jsonl")
        if os.path.isdir(args.shared):
            subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), "--count",
                            str(args.count), "--out", os.path.dirname(corpus), "--shared",
                            args.shared], check=True)
        else:
            os.makedirs(os.path.dirname(corpus))
            shutil.copy(os.path.join(ROOT, "scripts", "sample", "articles.jsonl"), corpus)
        queries = os.path.join(work, "queries.tsv")
        subprocess.run([sys.executable, os.path.join(HERE, "make_queries.py"), "--corpus", corpus,
                        "--out", queries], check=True)
        binary = os.path.join(args.bin, "communique-index")

        results = {"corpus_articles": None, "indexing": {}, "querying": {}}
        layouts = {"1 database": 0, "2 shards": 2, "3 shards": 3}
        for label, shards in layouts.items():
            best = None
            for run in range(args.runs):
                db = os.path.join(work, "db-%d-%d" % (shards, run))
                docs, wall = index(binary, corpus, db, shards)
                results["corpus_articles"] = docs
                if best is None or wall < best:
                    best = wall
                if run + 1 < args.runs:
                    shutil.rmtree(db)
            results["indexing"][label] = {"seconds": round(best, 2),
                                          "docs_per_s": round(results["corpus_articles"] / best, 1)}
            print("indexed %s: %.1f docs/s" % (label, results["corpus_articles"] / best),
                  file=sys.stderr, flush=True)
        plain = os.path.join(work, "db-0-%d" % (args.runs - 1))
        sharded = os.path.join(work, "db-3-%d" % (args.runs - 1))

        # Three xapian-tcpsrv over the shards and a stub beside the lexicon.
        stub = os.path.join(sharded, "bench.stub")
        with open(stub, "w") as f:
            for i in range(3):
                port = free_port()
                servers.append(subprocess.Popen(
                    ["xapian-tcpsrv", "--port", str(port), "--interface", "127.0.0.1", "--quiet",
                     os.path.join(sharded, "shard-%03d" % i)], start_new_session=True,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                f.write("remote 127.0.0.1:%d\n" % port)
        time.sleep(1)
        qb = os.path.join(args.bin, "communique-query-bench")
        for label, target in (("1 database", plain), ("3 local shards", sharded),
                              ("3 remote shards", stub)):
            out = subprocess.run([qb, "--db", target, "--queries", queries, "--rounds",
                                  str(args.rounds)], stdout=subprocess.PIPE, text=True, check=True)
            results["querying"][label] = json.loads(out.stdout)
            print("queried %s: %s" % (label, out.stdout.strip()), file=sys.stderr, flush=True)

        base_i = results["indexing"]["1 database"]["docs_per_s"]
        base_q = results["querying"]["1 database"]
        print("\n%d articles, %d CPUs\n" % (results["corpus_articles"], os.cpu_count()))
        print("| indexing | docs/s | ratio to 1 database |\n|---|---:|---:|")
        for label, r in results["indexing"].items():
            print("| %s | %.0f | %.2f× |" % (label, r["docs_per_s"], r["docs_per_s"] / base_i))
        print("\n| querying (in process, facets on) | p50 ms | p99 ms | queries/s | p50 ratio | "
              "p99 ratio |\n|---|---:|---:|---:|---:|---:|")
        for label, r in results["querying"].items():
            print("| %s | %.2f | %.2f | %.0f | %.2f× | %.2f× |" % (
                label, r["p50_ms"], r["p99_ms"], r["qps"], r["p50_ms"] / base_q["p50_ms"],
                r["p99_ms"] / base_q["p99_ms"]))
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
    finally:
        for s in servers:
            try:
                os.killpg(s.pid, signal.SIGKILL)
            except OSError:
                pass
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
