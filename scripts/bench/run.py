#!/usr/bin/env python3
"""Runs the whole benchmark in one process and writes docs/benchmarks/.
See README.md ("Benchmarks") and scripts/bench/run.sh, which installs and
builds first. Every figure is printed beside a ratio to Communique measured
in the same run, on the same corpus, on the same machine.
"""
import argparse, glob, json, os, platform, re, shutil, signal, socket, subprocess, sys, time, urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
BIN = os.path.join(ROOT, "build/bin")
HERE = os.path.dirname(os.path.abspath(__file__))
SCALES = {"10k": 15090, "100k": 100000, "1m": 1000000}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS KiB, stdout)."""
    rss_file = "/tmp/communique-bench-rss"
    t0 = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, **kw)
    secs = time.time() - t0
    if p.returncode not in (0, 1):
        raise RuntimeError("%s failed: %s" % (cmd[0], p.stderr[-2000:]))
    rss = int(open(rss_file).read().split()[-1])
    return secs, rss, p.stdout


def du(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def paths_file(queries, out):
    """Writes the /api/search path of each query of the mix (TSV: kind, text,
    country, from, to) to `out`, one a line, for wrk."""
    with open(queries, encoding="utf-8") as f, open(out, "w") as o:
        for line in f:
            kind, text, country, frm, to = line.rstrip("\n").split("\t")
            params = [("q", text)]
            if country:
                params.append(("country", country))
            if frm:
                params += [("from", frm), ("to", to)]
            o.write("/api/search?" + urllib.parse.urlencode(params) + "\n")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def parse_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    v = float(m.group(1))
    return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v


def wrk(port, paths, conns, seconds):
    env = dict(os.environ, WRK_PATHS=paths)
    threads = min(conns, 2)
    out = subprocess.run(["wrk", "-t%d" % threads, "-c%d" % conns, "-d%ds" % seconds, "--latency",
                          "-s", os.path.join(HERE, "wrk_paths.lua"), "http://127.0.0.1:%d" % port],
                         env=env, stdout=subprocess.PIPE, text=True, check=True).stdout
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"connections": conns, "p50_ms": parse_ms(lat["50"]), "p99_ms": parse_ms(lat["99"]),
            "qps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "non_2xx": int(non2xx.group(1)) if non2xx else 0, "socket_errors": errors.group(1) if errors else ""}


def lucene_classpath():
    jars = []
    for name in ("core", "analyzers-common", "queryparser"):
        jars += glob.glob("/usr/share/java/lucene-%s-8*.jar" % name)[:1]
    return ":".join(jars)


def bench_scale(label, count, args, work, queries):
    res = {"scale": label, "documents": count, "date": time.strftime("%Y-%m-%d %H:%M")}
    d = os.path.join(work, label)
    os.makedirs(d, exist_ok=True)
    log("== %s: writing corpus (%d articles)" % (label, count))
    subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), "--count", str(count), "--out", d,
                    "--shared", args.shared], check=True)
    corpus = os.path.join(d, "corpus.jsonl")
    mb = os.path.getsize(corpus) / 1e6
    res["corpus_mb"] = mb
    idx = {}

    def record(name, secs, rss, path):
        idx[name] = {"seconds": secs, "docs_per_s": count / secs, "mb_per_s": mb / secs,
                     "peak_rss_kb": rss, "index_bytes": du(path)}
        log("   %-28s %8.1f docs/s  %6.1f MB/s  rss %7d KB  size %6.1f MB" %
            (name, count / secs, mb / secs, rss, du(path) / 1e6))

    db = os.path.join(d, "communique")
    shutil.rmtree(db, ignore_errors=True)
    secs, rss, _ = timed([os.path.join(BIN, "communique-index"), "--db", db, corpus])
    record("communique", secs, rss, db)
    compact = db + "-compact"
    shutil.rmtree(compact, ignore_errors=True)
    t0 = time.time()
    subprocess.run(["xapian-compact", "-m", db, compact], check=True, stdout=subprocess.DEVNULL)
    idx["communique"]["compact_seconds"] = time.time() - t0
    idx["communique"]["compact_index_bytes"] = du(compact)

    if args.no_entities_flag:
        db2 = os.path.join(d, "communique-noent")
        shutil.rmtree(db2, ignore_errors=True)
        secs, rss, _ = timed([os.path.join(BIN, "communique-index"), "--db", db2, args.no_entities_flag, corpus])
        record("communique_no_entities", secs, rss, db2)
        shutil.rmtree(db2, ignore_errors=True)

    if "scriptindex" not in args.skip.split(","):
        si = os.path.join(d, "scriptindex")
        shutil.rmtree(si, ignore_errors=True)
        secs, rss, _ = timed(["scriptindex", "--overwrite", si, os.path.join(HERE, "corpus.indexscript"),
                              os.path.join(d, "corpus.scriptindex")])
        record("scriptindex", secs, rss, si)
        shutil.rmtree(si, ignore_errors=True)

    lu = os.path.join(d, "lucene")
    shutil.rmtree(lu, ignore_errors=True)
    cp = work + "/classes:" + lucene_classpath()
    secs, rss, _ = timed(["java", "-Xmx4g", "-cp", cp, "LuceneBench", "index", os.path.join(d, "corpus.tsv"), lu])
    record("lucene", secs, rss, lu)

    sp = os.path.join(d, "sphinx")
    shutil.rmtree(sp, ignore_errors=True)
    out = subprocess.run([sys.executable, os.path.join(HERE, "sphinx_bench.py"), "--work", sp, "--tsv",
                          os.path.join(d, "corpus.tsv"), "--queries", queries, "--rounds", str(args.rounds)],
                         stdout=subprocess.PIPE, text=True, check=True).stdout.splitlines()
    sphinx_index, sphinx_query = json.loads(out[0]), json.loads(out[1])
    idx["sphinx"] = {"seconds": sphinx_index["seconds"], "docs_per_s": count / sphinx_index["seconds"],
                     "mb_per_s": mb / sphinx_index["seconds"], "peak_rss_kb": sphinx_index["peak_rss_kb"],
                     "index_bytes": sphinx_index["index_bytes"]}
    res["indexing"] = idx

    log("== %s: queries" % label)
    q = {}
    qb = os.path.join(BIN, "communique-query-bench")
    q["xapian_in_process"] = json.loads(subprocess.run([qb, "--db", db, "--queries", queries, "--rounds",
                                                        str(args.rounds)], stdout=subprocess.PIPE, text=True).stdout)
    q["xapian_in_process_no_facets"] = json.loads(subprocess.run(
        [qb, "--db", db, "--queries", queries, "--rounds", str(args.rounds), "--no-facets"],
        stdout=subprocess.PIPE, text=True).stdout)
    # The cost of exactness: every query's facets counted over all its matches.
    q["xapian_in_process_exact"] = json.loads(subprocess.run(
        [qb, "--db", db, "--queries", queries, "--rounds", str(args.rounds), "--exact-counts", "0"],
        stdout=subprocess.PIPE, text=True).stdout)
    q["lucene_in_process"] = json.loads(subprocess.run(["java", "-Xmx4g", "-cp", cp, "LuceneBench", "query", lu, queries,
                                                        str(args.rounds)], stdout=subprocess.PIPE, text=True,
                                                       check=True).stdout)
    q["sphinx_searchd"] = sphinx_query
    paths = os.path.join(d, "paths.txt")
    paths_file(queries, paths)
    port = free_port()
    server = subprocess.Popen([os.path.join(BIN, "communique-serve"), "--db", db, "--port", str(port)],
                              stdout=subprocess.PIPE, text=True)
    server.stdout.readline()
    try:
        q["http"] = [wrk(port, paths, c, args.seconds) for c in (1, 8, 64)]
        with open("/proc/%d/status" % server.pid) as st:
            q["server_rss_kb"] = int(re.search(r"VmHWM:\s+(\d+)", st.read()).group(1))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    res["querying"] = q
    with open(queries, encoding="utf-8") as f:
        res["query_mix"] = sum(1 for _ in f)
    for name in ("lucene",):
        shutil.rmtree(os.path.join(d, name), ignore_errors=True)
    for f in ("corpus.tsv", "corpus.scriptindex"):
        os.remove(os.path.join(d, f))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scales", default="10k", help="comma-separated: 10k,100k,1m")
    ap.add_argument("--work", default="/tmp/communique-bench")
    ap.add_argument("--shared", default=os.path.join(ROOT, "../shared/data"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10, help="wrk duration per connection count")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs/benchmarks"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "build/bin"), help="folder with the Communique binaries")
    ap.add_argument("--skip", default="", help="comma-separated peers not to run (scriptindex), to save time at 1m")
    ap.add_argument("--merge", action="store_true",
                    help="keep the other scales already in OUT/results.json (a long 1m run on its own)")
    ap.add_argument("--no-entities-flag", default="--no-entities",
                    help="communique-index flag that disables entity extraction (\"\" skips that run)")
    args = ap.parse_args()
    global BIN
    BIN = args.bin
    if not os.path.isdir(args.shared):
        sys.exit("benchmark needs the real corpus in %s" % args.shared)
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(os.path.join(args.work, "classes"), exist_ok=True)
    subprocess.run(["javac", "-d", os.path.join(args.work, "classes"), "-cp", lucene_classpath(),
                    os.path.join(HERE, "LuceneBench.java")], check=True)
    queries = os.path.join(args.work, "queries.tsv")
    base = os.path.join(args.work, "base")
    subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), "--count", "15090", "--out", base,
                    "--shared", args.shared], check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_queries.py"), "--corpus",
                    os.path.join(base, "corpus.jsonl"), "--out", queries], check=True)
    shutil.rmtree(base)
    results = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                           "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
               "versions": versions(), "date": time.strftime("%Y-%m-%d"), "scales": []}
    labels = args.scales.split(",")
    previous = os.path.join(args.out, "results.json")
    if args.merge and os.path.exists(previous):
        with open(previous) as f:
            kept = [s for s in json.load(f)["scales"] if s["scale"] not in labels]
        results["scales"] = kept
    for label in labels:
        count = SCALES[label] if label in SCALES else int(label)  # a plain number: a quick smoke run
        results["scales"].append(bench_scale(label, count, args, args.work, queries))
        results["scales"].sort(key=lambda s: s["documents"])
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "results.json"), "w") as f:
            json.dump(results, f, indent=1)
    subprocess.run([sys.executable, os.path.join(HERE, "report.py"), os.path.join(args.out, "results.json"),
                    args.out], check=True)


def versions():
    def first_line(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.splitlines()[0]
        except Exception as e:  # noqa: BLE001 - a missing peer shows as its error
            return str(e)
    def pkg(name):
        return first_line(["dpkg-query", "-W", "-f=${Version}", name])
    return {"xapian-core": pkg("libxapian30"), "xapian-omega": pkg("xapian-omega"), "sphinxsearch": pkg("sphinxsearch"),
            "liblucene8-java": pkg("liblucene8-java"), "java": first_line(["java", "-version"]),
            "wrk": pkg("wrk"), "g++": first_line(["g++", "--version"])}


if __name__ == "__main__":
    main()
