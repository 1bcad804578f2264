#!/usr/bin/env python3
"""Shards answer as one database; a dead or frozen shard never means a 500.

The sample corpus (and, when ../shared is there, 3,000 Reuters articles) is
indexed twice: as one database and with --shards 3. Three xapian-tcpsrv
processes serve the shards on loopback, and a stub file lists them as remote
shards. Three communique-serve processes answer from: the database, the shard
directory, the remote stub. For a set of queries with filters, facets, sorts,
pages, cursors and collapse, the three must give identical ids in identical
order, identical totals, facet counts, snippets and suggestions.

Then one xapian-tcpsrv is killed: answers from the remote stub come within
the timeout, say "partial": true and name the missing shard, and /healthz
reports it down; another is frozen (SIGSTOP): the same, within the timeout.
Restarted (and thawed), the shards come back without restarting the server
and the answers are whole and identical again. Finally an article that
already exists is re-indexed: there is still exactly one copy across shards.

Usage: shards_test.py BIN_DIR SOURCE_DIR
Exit status 0 on success, 1 on a failed check, 77 when xapian-tcpsrv is not
installed (scripts/install-deps.sh installs it).
"""

import gzip
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
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT_MS = 1000
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, flush=True)
    return cond


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


class Server:
    def __init__(self, bin_dir, target, extra=()):
        self.proc = subprocess.Popen(
            [os.path.join(bin_dir, "communique-serve"), "--db", target, "--port", "0",
             "--shard-timeout", str(TIMEOUT_MS), *extra],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "127.0.0.1:" not in line:
            raise SystemExit("communique-serve did not start on %s: %r" % (target, line))
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])

    def get(self, path):
        """(status, parsed JSON or text, seconds)."""
        started = time.time()
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.port, path),
                                        timeout=30) as r:
                body, status = r.read().decode(), r.status
        except urllib.error.HTTPError as e:
            body, status = e.read().decode(), e.code
        took = time.time() - started
        try:
            return status, json.loads(body), took
        except ValueError:
            return status, body, took

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def comparable(body, path=""):
    """The parts of a response that must not depend on the layout."""
    if not isinstance(body, dict):
        return body
    out = dict(body)
    # Xapian weights snippet terms by the largest per-shard bound of each
    # term's score (Weight::Internal::set_max_part), not the bound over the
    # whole index, so the passage chosen may differ by layout: for a query
    # of two dozen near-equal terms (more like this) often, for two words
    # ("economy growth") when two passages score nearly alike.
    # docs/scale-out.md says so. What must not differ: which words are marked.
    similar = path.startswith("/api/similar/")
    for volatile in ("took_ms", "partial", "missing_shards"):
        out.pop(volatile, None)
    hits = []
    for h in out.get("hits", []):
        h = dict(h)
        # BM25 sums the same statistics in another order per shard: equal
        # to the last few bits, so compared rounded.
        h["score"] = round(h.get("score", 0), 9)
        if similar:
            h.pop("snippet", None)
        elif "snippet" in h:
            h["snippet"] = sorted(set(re.findall(r"<mark>(.*?)</mark>", h["snippet"].lower())))
        hits.append(h)
    if "hits" in out:
        out["hits"] = hits
    return out


QUERIES = [
    "/api/search?q=putin",
    "/api/search?q=Putin+Khan+call",
    "/api/search?q=Russian+president+Afghanistan",  # a role by date (searcher/entity_query.h)
    "/api/search?q=Pakistan+trade+talks",  # salience boost and relaxed match
    "/api/search?q=pakistan&country=PK&size=5",
    "/api/search?q=%22foreign+minister%22",
    "/api/search?q=talks&sort=date&size=7",
    "/api/search?q=talks&sort=date&size=7&page=2",
    "/api/search?q=talks&sort=recent",
    "/api/search?q=&sort=date&size=10",
    "/api/search?q=summit&org=SCO",
    "/api/search?q=minister&country_any=RU&country_any=CN&facet_size=50",
    "/api/search?q=minister&from=2021-01-01&to=2022-12-31&date_interval=month",
    "/api/search?q=ceasefire&collapse=false",
    "/api/search?q=presdient",  # a misspelling: the suggestion must agree
    "/api/search?q=country:Pakistan+OR+country:Russia",
    "/api/search?q=trade&dyad=PK-RU",
    "/api/search?q=sanctions&size=3&page=3",
    "/api/search?q=oil&size=20",
    "/api/search?q=economy+growth&sort=date&size=25",
    "/api/suggest?q=pak",
    "/api/suggest?q=vla",
    "/api/facets/country?q=minister",
    "/api/facets/organisation",
]


def walk_cursor(server, query):
    """Every id a date-sorted cursor walk visits, in order."""
    ids, cursor = [], ""
    for _ in range(200):
        status, body, _ = server.get(query + ("&cursor=" + cursor if cursor else ""))
        if status != 200:
            return ["status %d" % status]
        ids += [h["id"] for h in body["hits"]]
        cursor = body.get("next_cursor", "")
        if not cursor:
            break
    return ids


def compare_all(reference, other, label, extra_queries=()):
    same = True
    for q in QUERIES + list(extra_queries):
        s1, b1, _ = reference.get(q)
        s2, b2, _ = other.get(q)
        ok = check(s1 == s2 == 200, "%s %s: status %s vs %s" % (label, q, s1, s2))
        if ok and not check(comparable(b1, q) == comparable(b2, q),
                            "%s %s: answers differ" % (label, q)):
            same = False
            if isinstance(b1, dict) and isinstance(b2, dict):
                print("  reference ids:", [h["id"] for h in b1.get("hits", [])][:10])
                print("  other ids:    ", [h["id"] for h in b2.get("hits", [])][:10])
                for k in sorted(set(b1) | set(b2)):
                    if comparable(b1, q).get(k) != comparable(b2, q).get(k):
                        print("  differs:", k)
        if ok and isinstance(b2, dict) and "partial" in b2:
            check(b2["partial"] is False, "%s %s: partial although every shard is up" % (label, q))
    walk = "/api/search?q=minister&sort=date&size=4"
    check(walk_cursor(reference, walk) == walk_cursor(other, walk),
          "%s: cursor walks differ" % label)
    return same


SAMPLED_QUERIES = [
    "/api/search?q=&collapse=false",
    "/api/search?q=said+OR+minister&collapse=false",
    "/api/search?q=said+OR+minister",
    "/api/search?q=&country=US&collapse=false",
    "/api/search?q=the&source=Reuters&country=US",
    "/api/facets/country?q=",
    "/api/facets/country?q=said&country=US",
]


def compare_sampled(bin_dir, plain, stub, procs):
    """Past --exact-counts, facets come from a sample chosen by key hash:
    the same articles whatever the layout, so the same estimates, counted by
    our bundle spy in one database and by Xapian's spies in remote shards.
    Totals are compared when both are exact (an estimated one is clamped to
    Xapian's bounds, which depend on the layout)."""
    one = Server(bin_dir, plain, ["--exact-counts", "20"])
    remote = Server(bin_dir, stub, ["--exact-counts", "20"])
    procs += [one.proc, remote.proc]
    sampled = 0
    for q in SAMPLED_QUERIES:
        s1, b1, _ = one.get(q)
        s2, b2, _ = remote.get(q)
        if not check(s1 == s2 == 200, "sampled %s: status %s vs %s" % (q, s1, s2)):
            continue
        sampled += b1.get("facets_exact") is False
        for key in ("facets", "values", "facets_exact", "facets_sample"):
            check(b1.get(key) == b2.get(key), "sampled %s: %s differs: %r vs %r"
                  % (q, key, b1.get(key), b2.get(key)))
        if b1.get("total_exact") and b2.get("total_exact"):
            check(b1["total"] == b2["total"], "sampled %s: exact totals differ: %s vs %s"
                  % (q, b1["total"], b2["total"]))
    print("sampled: %d of %d queries estimated, alike in both layouts" % (sampled, len(SAMPLED_QUERIES)))
    check(sampled >= 3, "only %d of the sampled queries were estimated" % sampled)
    one.stop()
    remote.stop()


def reuters_articles(source_dir, limit):
    path = os.path.join(source_dir, "..", "shared", "data", "reuters21578", "train.jsonl.gz")
    if not os.path.exists(path):
        return []
    out = []
    with gzip.open(path, "rt") as f:
        for line in f:
            r = json.loads(line)
            body = r.get("body") or ""
            if not body:
                continue
            out.append({"id": "reuters-%s" % r.get("id"), "title": r.get("title", ""),
                        "date": r.get("date", ""), "body": body, "source": "Reuters"})
            if len(out) >= limit:
                break
    return out


def main():
    bin_dir, source_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    tcpsrv = shutil.which("xapian-tcpsrv")
    if not tcpsrv:
        print("SKIP: xapian-tcpsrv is not installed (scripts/install-deps.sh installs it)")
        return 77
    work = tempfile.mkdtemp(prefix="communique-shards-")
    procs = []
    try:
        return run(bin_dir, source_dir, tcpsrv, work, procs)
    finally:
        for p in procs:
            try:
                if os.getpgid(p.pid) == p.pid:  # a xapian-tcpsrv and its children
                    os.killpg(p.pid, signal.SIGCONT)
                    os.killpg(p.pid, signal.SIGKILL)
                else:
                    p.kill()
                p.wait(5)
            except Exception:
                pass
        shutil.rmtree(work, ignore_errors=True)


def run(bin_dir, source_dir, tcpsrv, work, procs):
    index = os.path.join(bin_dir, "communique-index")
    inputs = [os.path.join(source_dir, "scripts", "sample")]
    extra = reuters_articles(source_dir, 3000)
    if extra:
        real = os.path.join(work, "reuters.jsonl")
        with open(real, "w") as f:
            for a in extra:
                f.write(json.dumps(a) + "\n")
        inputs.append(real)
        print("corpus: sample + %d Reuters articles" % len(extra))
    else:
        print("corpus: sample only (../shared/data absent)")
    plain, shards = os.path.join(work, "plain"), os.path.join(work, "shards")
    for args in ([index, "--db", plain, *inputs], [index, "--db", shards, "--shards", "3", *inputs]):
        r = subprocess.run(args, capture_output=True, text=True)
        if not check(r.returncode == 0, "indexing failed: %s" % r.stderr[-500:]):
            return 1

    # Three xapian-tcpsrv on loopback, one per shard, and a stub listing them.
    ports = [free_port() for _ in range(3)]

    def start_tcpsrv(i):
        p = subprocess.Popen([tcpsrv, "--port", str(ports[i]), "--interface", "127.0.0.1",
                              "--quiet", os.path.join(shards, "shard-%03d" % i)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        procs.append(p)
        if not wait_for_port(ports[i]):
            raise SystemExit("xapian-tcpsrv on port %d did not start" % ports[i])
        return p

    tcp = [start_tcpsrv(i) for i in range(3)]
    stub = os.path.join(shards, "remote.stub")
    with open(stub, "w") as f:
        for port in ports:
            f.write("remote 127.0.0.1:%d\n" % port)

    one, local, remote = Server(bin_dir, plain), Server(bin_dir, shards), Server(bin_dir, stub)
    for s in (one, local, remote):
        procs.append(s.proc)

    status, health, _ = remote.get("/healthz")
    check(status == 200 and health["status"] == "ok" and len(health["shards"]) == 3 and
          all(s["state"] == "up" and s["kind"] == "remote" for s in health["shards"]),
          "healthz of the remote stub: %r" % (health,))
    total = one.get("/healthz")[1]["documents"]
    check(health.get("documents") == total, "remote shards hold %s documents, the database %s"
          % (health.get("documents"), total))

    doc_id = one.get("/api/search?q=putin&size=1")[1]["hits"][0]["id"]
    per_doc = ["/api/doc/" + urllib.parse.quote(doc_id, safe=""),
               "/api/similar/" + urllib.parse.quote(doc_id, safe="") + "?size=5"]
    compare_all(one, local, "local shards", per_doc)
    compare_all(one, remote, "remote shards", per_doc)
    compare_sampled(bin_dir, plain, stub, procs)

    # A dead shard: answers from the other two, within the timeout, marked.
    # xapian-tcpsrv forks a child per connection: a dead host takes them all,
    # so the whole process group goes.
    os.killpg(tcp[1].pid, signal.SIGKILL)
    tcp[1].wait()
    missing = "127.0.0.1:%d" % ports[1]
    for q in ("/api/search?q=minister", "/api/search?q=talks&sort=date",
              "/api/facets/country", "/api/suggest?q=pak"):
        status, body, took = remote.get(q)
        check(status == 200, "%s with a dead shard: status %s" % (q, status))
        check(took < 3 * TIMEOUT_MS / 1000 + 1, "%s with a dead shard took %.1fs" % (q, took))
        if q.startswith("/api/search") or q.startswith("/api/facets"):
            check(body.get("partial") is True and body.get("missing_shards") == [missing],
                  "%s with a dead shard: partial=%r missing=%r" % (q, body.get("partial"),
                                                                   body.get("missing_shards")))
    full = one.get("/api/search?q=minister")[1]["total"]
    part = remote.get("/api/search?q=minister")[1]
    check(0 < part["total"] < full, "partial total %s vs whole %s" % (part["total"], full))
    status, health, _ = remote.get("/healthz")
    check(status == 200 and health["status"] == "degraded" and
          [s["state"] for s in health["shards"]] == ["up", "down", "up"],
          "healthz with a dead shard: %r" % (health,))

    # A frozen shard (accepts connections, never answers): the same.
    os.killpg(tcp[2].pid, signal.SIGSTOP)
    status, body, took = remote.get("/api/search?q=minister&sort=date")
    check(status == 200 and body.get("partial") is True and
          sorted(body.get("missing_shards", [])) == sorted([missing, "127.0.0.1:%d" % ports[2]]),
          "with a frozen shard: %s %r" % (status, body.get("missing_shards")))
    check(took < 4 * TIMEOUT_MS / 1000 + 1, "search with a frozen shard took %.1fs" % took)

    # Back: restarted and thawed, without restarting communique-serve.
    tcp[1] = start_tcpsrv(1)
    os.killpg(tcp[2].pid, signal.SIGCONT)
    deadline, whole = time.time() + 15, False
    while time.time() < deadline and not whole:
        time.sleep(0.5)
        whole = remote.get("/api/search?q=minister")[1].get("partial") is False
    check(whole, "the shards did not come back within 15 s")
    compare_all(one, remote, "remote shards after recovery")

    # Re-indexing an existing article: still one copy across the shards.
    again = os.path.join(work, "again.jsonl")
    article = one.get("/api/doc/" + urllib.parse.quote(doc_id, safe=""))[1]
    with open(again, "w") as f:
        f.write(json.dumps({"id": doc_id, "title": article["title"] + " (updated)",
                            "date": article["date"], "body": article["body"]}) + "\n")
    for db in (plain, shards):
        r = subprocess.run([index, "--db", db, again], capture_output=True, text=True)
        check(r.returncode == 0 and "0 added, 1 replaced" in r.stderr,
              "re-indexing into %s: %s" % (db, r.stderr.strip()))
    copies = 0
    for i in range(3):
        r = subprocess.run(["xapian-delve", "-t", "Q" + doc_id,
                            os.path.join(shards, "shard-%03d" % i)], capture_output=True, text=True)
        if "termfreq" in r.stdout:
            copies += int(r.stdout.split("termfreq ")[1].split()[0].rstrip(","))
    check(copies == 1, "%d copies of %s across the shards" % (copies, doc_id))
    time.sleep(1.5)  # remote shards are reopened at most once a second
    check(remote.get("/healthz")[1]["documents"] == total, "document count changed by re-indexing")
    status, body, _ = remote.get("/api/doc/" + urllib.parse.quote(doc_id, safe=""))
    check(status == 200 and body["title"].endswith("(updated)"), "re-indexed title not served")
    compare_all(one, remote, "remote shards after re-indexing")

    for s in (one, local, remote):
        s.stop()
    if FAILURES:
        print("%d checks failed" % len(FAILURES))
        return 1
    print("ok: identical answers from 1 database, 3 local and 3 remote shards; partial "
          "answers with a dead and a frozen shard; recovery; one copy after re-indexing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
