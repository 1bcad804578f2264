#!/usr/bin/env python3
"""Crash safety of communique-index: SIGKILL at random moments.

Each round runs the same indexing command with --commit-log, kills it with
SIGKILL after a random delay, and then checks, against a communique-serve
that stays up on the same database the whole time:

  1. `xapian-check` passes on the database;
  2. every id the indexer reported in its commit log (written only after
     Xapian's commit returned) is found by a word search over HTTP, and no
     id is listed twice (replace-by-key held);
  3. re-running the same command, unkilled, exits 0 and leaves exactly the
     corpus: every id once, nothing else.

Every `--epoch` rounds a fresh database (and server) starts, so kills land
both in first-time additions and in replacements of existing documents.

Usage: crash_safety.py BIN_DIR [--rounds 50] [--docs 1500] [--seed N]
Exit status 0 when every round held; 1 with the failing round described.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

WORDS = (
    "minister talks summit treaty border ceasefire delegation embassy sanctions "
    "agreement trade security council envoy parliament election cooperation "
    "visit bilateral foreign ministry statement spokesman crisis refugees "
    "nuclear energy pipeline climate finance negotiations ambassador"
).split()
MARKER = "crashcorpus"  # one word every generated article carries


def make_corpus(path, docs, rng):
    """Writes `docs` JSON-lines articles with ids crash-00000...; returns the ids."""
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(docs):
            doc_id = "crash-%05d" % i
            ids.append(doc_id)
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 400)))
            f.write(json.dumps({
                "id": doc_id,
                "title": "Round %d: %s %s" % (i, rng.choice(WORDS), rng.choice(WORDS)),
                "date": "2021-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                "source": "crash-test",
                "body": "ISLAMABAD: %s %s. Pakistan and Russia %s." % (MARKER, body, rng.choice(WORDS)),
            }) + "\n")
    return ids


class Server:
    """A communique-serve on a free port, kept up across kills of the indexer."""

    def __init__(self, bin_dir, db):
        self.proc = subprocess.Popen(
            [os.path.join(bin_dir, "communique-serve"), "--db", db, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError("communique-serve did not start: %r" % line)
        self.base = line.split("listening on ")[1].split("/ ")[0]

    def get(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def ids_matching(self, word):
        """Every id a search for `word` returns (paging through all hits), as a list."""
        found, page = [], 1
        while True:
            status, body = self.get("/api/search?q=%s&size=100&page=%d&sort=date" % (word, page))
            if status != 200:
                raise AssertionError("search answered %d: %s" % (status, body))
            found += [h["id"] for h in body["hits"]]
            if len(body["hits"]) < 100:
                return found
            page += 1

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def fail(round_no, message):
    print("crash_safety: round %d: %s" % (round_no, message), file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin_dir")
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--epoch", type=int, default=10, help="rounds per fresh database")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print("crash_safety: seed %d, %d rounds, %d docs" % (args.seed, args.rounds, args.docs))

    work = tempfile.mkdtemp(prefix="communique-crash-")
    index_bin = os.path.join(args.bin_dir, "communique-index")
    corpus = os.path.join(work, "corpus.jsonl")
    ids = make_corpus(corpus, args.docs, rng)
    want = set(ids)
    server = None
    kills_mid_run = 0
    committed_at_kill = []
    full_run_seconds = 1.5  # until measured
    try:
        for rnd in range(args.rounds):
            if rnd % args.epoch == 0:
                if server:
                    server.close()
                db = os.path.join(work, "db-%d" % rnd)
                # The server needs a database to open: seed it with one commit.
                seed = os.path.join(work, "seed.jsonl")
                with open(seed, "w") as f:
                    f.write(json.dumps({"id": "seed-doc", "body": "seed document"}) + "\n")
                subprocess.run([index_bin, "--db", db, seed], capture_output=True, check=True)
                server = Server(args.bin_dir, db)
            log = os.path.join(work, "commits-%d.log" % rnd)
            cmd = [index_bin, "--db", db, "--batch", "50", "--commit-log", log, corpus]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            # Kills land anywhere from start-up to just past the end of a full
            # run: the fastest unkilled re-run so far. The fastest, because
            # ctest runs other tests beside this one: a first run measured
            # while the machine was busy would put most kills after the end.
            time.sleep(rng.uniform(0.0, 1.1 * full_run_seconds))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if proc.returncode == -signal.SIGKILL:
                kills_mid_run += 1
            committed = []
            if os.path.exists(log):
                with open(log) as f:
                    committed = [line.rstrip("\n") for line in f if line.endswith("\n")]
            committed_at_kill.append(len(committed))

            check = subprocess.run(["xapian-check", db], capture_output=True, text=True)
            if check.returncode != 0:
                fail(rnd, "xapian-check failed after the kill:\n" + check.stdout + check.stderr)

            found = server.ids_matching(MARKER)
            if len(found) != len(set(found)):
                fail(rnd, "duplicate documents after the kill")
            missing = set(committed) - set(found)
            if missing:
                fail(rnd, "%d documents reported committed are not searchable, e.g. %s"
                     % (len(missing), sorted(missing)[:5]))

            started = time.monotonic()
            rerun = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True, timeout=600)
            elapsed = time.monotonic() - started
            full_run_seconds = elapsed if rnd == 0 else min(full_run_seconds, elapsed)
            if rerun.returncode != 0:
                fail(rnd, "re-run exited %d: %s" % (rerun.returncode, rerun.stderr[-2000:]))
            found = server.ids_matching(MARKER)
            if len(found) != len(set(found)) or set(found) != want:
                fail(rnd, "after the re-run the index holds %d hits (%d distinct), want exactly %d"
                     % (len(found), len(set(found)), len(want)))
            status, health = server.get("/healthz")
            if status != 200 or health.get("documents") != len(want) + 1:  # + the seed doc
                fail(rnd, "after the re-run /healthz says %s, want %d documents"
                     % (health, len(want) + 1))
            check = subprocess.run(["xapian-check", db], capture_output=True, text=True)
            if check.returncode != 0:
                fail(rnd, "xapian-check failed after the re-run:\n" + check.stdout)
    finally:
        if server:
            server.close()
        shutil.rmtree(work, ignore_errors=True)

    if kills_mid_run < args.rounds // 2:
        # The delays are meant to land mid-run; if most runs finished before
        # the kill, the test proved little: make that a failure, not a pass.
        print("crash_safety: only %d of %d kills landed mid-run; the corpus is too small"
              % (kills_mid_run, args.rounds), file=sys.stderr)
        sys.exit(1)
    committed_at_kill.sort()
    print("crash_safety: %d rounds held (%d killed mid-run); documents committed at the kill: "
          "min %d, median %d, max %d of %d"
          % (args.rounds, kills_mid_run, committed_at_kill[0],
             committed_at_kill[len(committed_at_kill) // 2], committed_at_kill[-1], len(want)))


if __name__ == "__main__":
    main()
