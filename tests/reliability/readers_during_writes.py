#!/usr/bin/env python3
"""Readers during writes: communique-serve keeps answering while the indexer
commits again and again.

An indexer re-indexes (replaces) a corpus in a loop with --batch 5, so the
database gets a new revision every few milliseconds and old revisions are
recycled under the readers (what raises Xapian's DatabaseModifiedError).
Meanwhile client threads search, page, sort and fetch documents. Every answer
must be a 200 with a well-formed body: a DatabaseModifiedError that escaped the
reopen-and-retry would show up as a 500 or a 503.

Usage: readers_during_writes.py BIN_DIR [--seconds 20] [--clients 6]
Exit status 0 when every answer was a 200; 1 otherwise.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

WORDS = ("minister talks summit treaty border ceasefire delegation embassy sanctions "
         "agreement trade security council envoy parliament election").split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin_dir")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--clients", type=int, default=6)
    # Documents per commit. A search that takes longer than two commit
    # intervals cannot finish on any revision (Xapian keeps two) and gets a
    # 503 after its retries: the pace must leave searches room to run.
    ap.add_argument("--batch", type=int, default=5)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="communique-rw-")
    index_bin = os.path.join(args.bin_dir, "communique-index")
    rng = random.Random(7)
    corpus = os.path.join(work, "corpus.jsonl")
    with open(corpus, "w") as f:
        for i in range(300):
            body = " ".join(rng.choice(WORDS) for _ in range(200))
            f.write(json.dumps({"id": "rw-%d" % i, "title": "Talks %d" % i,
                                "date": "2022-01-%02d" % (1 + i % 28),
                                "body": "MOSCOW: Russia and Pakistan %s" % body}) + "\n")
    db = os.path.join(work, "db")
    subprocess.run([index_bin, "--db", db, corpus], check=True, capture_output=True)
    server = subprocess.Popen([os.path.join(args.bin_dir, "communique-serve"), "--db", db,
                               "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    port = int(line.split("127.0.0.1:")[1].split("/")[0])

    stop = threading.Event()
    lock = threading.Lock()
    counts = {"ok": 0, "bad": 0, "commits": 0}
    failures = []

    def writer():
        while not stop.is_set():
            r = subprocess.run([index_bin, "--db", db, "--batch", str(args.batch), corpus],
                               capture_output=True, text=True)
            if r.returncode != 0:
                failures.append("indexer exited %d: %s" % (r.returncode, r.stderr[-500:]))
                return
            with lock:
                counts["commits"] += 300 // args.batch

    def reader(seed):
        r = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while not stop.is_set():
            path = r.choice([
                "/api/search?q=%s" % r.choice(WORDS),
                "/api/search?q=%s+%s&sort=date&page=2" % (r.choice(WORDS), r.choice(WORDS)),
                "/api/search?q=%%22%s+%s%%22" % (r.choice(WORDS), r.choice(WORDS)),
                "/api/search?country=PK",
                "/api/doc/rw-%d" % r.randrange(300),
                "/healthz",
            ])
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                ok = resp.status == 200 and isinstance(json.loads(body), dict)
            except (OSError, http.client.HTTPException, ValueError) as e:
                ok, body = False, str(e).encode()
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                resp = None
            with lock:
                counts["ok" if ok else "bad"] += 1
                if not ok and len(failures) < 10:
                    failures.append("%s -> %s %s" % (path, resp.status if resp else "no answer",
                                                     body[:300]))

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    # The reads go on for --seconds, and past them (up to 8 times as long,
    # as under ASan, where one indexer run can take longer than --seconds)
    # until two complete re-indexing runs have overlapped them.
    started = time.monotonic()
    time.sleep(args.seconds)
    while time.monotonic() - started < 8 * args.seconds and not failures:
        with lock:
            if counts["commits"] >= 2 * (300 // args.batch):
                break
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    stop.set()
    for t in threads:
        t.join()
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)

    print("readers_during_writes: %d answers, %d not 200, ~%d commits in %.0f s"
          % (counts["ok"] + counts["bad"], counts["bad"], counts["commits"], elapsed))
    if failures or counts["bad"]:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    # At least two complete re-indexing runs must have overlapped the reads.
    if counts["ok"] < 100 or counts["commits"] < 2 * (300 // args.batch):
        print("readers_during_writes: too little happened to prove anything", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
