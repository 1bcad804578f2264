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

With `--push-rounds N` it then does the same to a server that takes pushes
(communique-serve --accept-pushes, issue 15): a client pushes batches of the
corpus with POST /api/admin/articles?wait=commit and notes every id answered
"added" or "replaced"; the server is SIGKILLed at a random moment, mid-push
or not. After each kill:

  1. `xapian-check` passes on the database;
  2. a restarted server opens it (taking the write lock again at once);
  3. every id ever acknowledged is found by a word search, none twice.

The next round pushes on through the restarted server (every `--epoch`
rounds into a fresh, empty database). At the end one unkilled push of the
whole corpus leaves exactly the corpus.

Usage: crash_safety.py BIN_DIR [--rounds 50] [--docs 1500] [--seed N]
                               [--push-rounds 0] [--push-batch 20]
Exit status 0 when every round held; 1 with the failing round described.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
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

    def __init__(self, bin_dir, db, extra=()):
        self.err = tempfile.TemporaryFile(mode="w+")  # a pipe nobody reads could fill up
        self.proc = subprocess.Popen(
            [os.path.join(bin_dir, "communique-serve"), "--db", db, "--port", "0"] + list(extra),
            stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            self.proc.wait(timeout=10)
            self.err.seek(0)
            raise RuntimeError("communique-serve did not start: %r %s" % (line, self.err.read()))
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


ADMIN_KEY = "crash-safety-admin-key-0123456789"


def push(base, records, timeout=60):
    """POSTs JSON lines with wait=commit; returns the ids answered added or replaced.

    Raises on any failure (connection reset by the kill, or a non-2xx answer).
    """
    body = "".join(json.dumps(r) + "\n" for r in records).encode()
    req = urllib.request.Request(base + "/api/admin/articles?wait=commit", data=body,
                                 method="POST", headers={"Content-Type": "application/x-ndjson",
                                                         "X-Communique-Key": ADMIN_KEY})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        answer = json.loads(r.read())
    if not answer.get("committed"):
        raise AssertionError("a wait=commit push answered committed=false: %s" % answer)
    return [rec["id"] for rec in answer["records"] if rec["status"] in ("added", "replaced")]


class Pusher(threading.Thread):
    """Pushes batches of the corpus, round-robin, until the server dies or stop is set.

    `acked` collects every id a 2xx answer acknowledged; `in_flight` says
    whether a request had been sent and not answered when the pushing ended.
    """

    def __init__(self, base, records, start, batch, acked):
        super().__init__(daemon=True)
        self.base, self.records, self.next, self.batch = base, records, start, batch
        self.acked = acked
        self.stop = threading.Event()
        self.in_flight = False
        self.pushes = 0
        self.error = None

    def run(self):
        while not self.stop.is_set():
            batch = [self.records[(self.next + i) % len(self.records)] for i in range(self.batch)]
            self.in_flight = True
            try:
                ids = push(self.base, batch)
            except AssertionError as e:
                self.error = str(e)
                return
            except urllib.error.HTTPError as e:  # an answer, so not the kill
                self.error = "a push answered %d: %s" % (e.code, e.read()[:500])
                return
            except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError):
                return  # the kill: this batch was not acknowledged
            self.in_flight = False
            self.acked.update(ids)
            self.pushes += 1
            self.next = (self.next + self.batch) % len(self.records)


def start_pushing_server(bin_dir, db, key_file):
    """Starts a server with --accept-pushes; retries briefly while the killed one's lock lingers."""
    extra = ["--accept-pushes", "--admin-key-file", key_file, "--commit-interval", "1000"]
    deadline = time.monotonic() + 10
    while True:
        try:
            return Server(bin_dir, db, extra)
        except RuntimeError as e:
            if "locked by another writer" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def push_rounds(args, work, corpus, rng):
    """The push scenario (see the module docstring); returns a summary line."""
    with open(corpus) as f:
        records = [json.loads(line) for line in f]
    want = {r["id"] for r in records}
    key_file = os.path.join(work, "admin.key")
    with open(key_file, "w") as f:
        f.write(ADMIN_KEY + "\n")
    server = None
    interrupted = 0
    acked_at_kill = []
    next_record = 0
    push_seconds = 0.3  # one batch, until measured
    try:
        for rnd in range(args.push_rounds):
            if rnd % args.epoch == 0:
                db = os.path.join(work, "push-db-%d" % rnd)  # created by the server
                acked = set()
            if server is None:
                server = start_pushing_server(args.bin_dir, db, key_file)
            pusher = Pusher(server.base, records, next_record, args.push_batch, acked)
            started = time.monotonic()
            pusher.start()
            # Kills land anywhere in the first dozen batches or so.
            time.sleep(rng.uniform(0.0, 12 * push_seconds))
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait()
            pusher.join(timeout=60)
            if pusher.is_alive():
                fail(rnd, "the pusher did not notice the kill")
            if pusher.error:
                fail(rnd, pusher.error)
            if pusher.pushes:
                push_seconds = max(0.05, (time.monotonic() - started) / (pusher.pushes + 1))
            interrupted += pusher.in_flight
            next_record = pusher.next
            server = None
            acked_at_kill.append(len(acked))

            check = subprocess.run(["xapian-check", db], capture_output=True, text=True)
            if check.returncode != 0:
                fail(rnd, "xapian-check failed after killing the pushing server:\n"
                     + check.stdout + check.stderr)
            try:
                server = start_pushing_server(args.bin_dir, db, key_file)
            except RuntimeError as e:
                fail(rnd, "the restarted server could not open the index: %s" % e)
            found = server.ids_matching(MARKER)
            if len(found) != len(set(found)):
                fail(rnd, "duplicate documents after the kill")
            missing = acked - set(found)
            if missing:
                fail(rnd, "%d acknowledged pushes are not searchable after the kill, e.g. %s"
                     % (len(missing), sorted(missing)[:5]))
            if rnd % args.epoch == args.epoch - 1 or rnd == args.push_rounds - 1:
                # The end of an epoch: an unkilled push of the whole corpus
                # leaves exactly the corpus.
                for i in range(0, len(records), 100):
                    acked.update(push(server.base, records[i:i + 100], timeout=300))
                found = server.ids_matching(MARKER)
                if len(found) != len(set(found)) or set(found) != want:
                    fail(rnd, "after pushing the whole corpus the index holds %d hits "
                         "(%d distinct), want exactly %d" % (len(found), len(set(found)), len(want)))
                server.close()
                server = None
    finally:
        if server:
            server.close()
    if interrupted < args.push_rounds // 2:
        print("crash_safety: only %d of %d kills of the pushing server landed mid-push"
              % (interrupted, args.push_rounds), file=sys.stderr)
        sys.exit(1)
    acked_at_kill.sort()
    return ("crash_safety: %d push rounds held (%d killed mid-push); ids acknowledged by the "
            "kill: min %d, median %d, max %d of %d"
            % (args.push_rounds, interrupted, acked_at_kill[0],
               acked_at_kill[len(acked_at_kill) // 2], acked_at_kill[-1], len(want)))


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
    ap.add_argument("--push-rounds", type=int, default=0,
                    help="rounds of killing a server that takes pushes (after the indexer rounds)")
    ap.add_argument("--push-batch", type=int, default=20, help="records per push")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print("crash_safety: seed %d, %d rounds, %d push rounds, %d docs"
          % (args.seed, args.rounds, args.push_rounds, args.docs))

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
        if server:
            server.close()
            server = None
        push_summary = push_rounds(args, work, corpus, rng) if args.push_rounds else None
    finally:
        if server:
            server.close()
        shutil.rmtree(work, ignore_errors=True)

    if push_summary:
        print(push_summary)
    if not args.rounds:
        return
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
