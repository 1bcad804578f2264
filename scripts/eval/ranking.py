#!/usr/bin/env python3
"""Ranking benchmark: P@10 on Reuters-21578 (TRAIN split) with the editors'
tags as relevance judgments, for Communique, plain Xapian and the ceiling.

Usage (from the repo root, after a CMake build of communique-index and
communique-serve):
    scripts/eval/ranking.py [--data ../shared/data/reuters21578]
                            [--bin build/bin] [--work DIR] [--port 18290]
                            [--half fit|report|both] [--per-query FILE]

The articles are split by id parity into two halves, each indexed on its own:
  fit    (odd ids)  - anything tuned in the ranking was fitted on this half;
  report (even ids) - the half the figures are reported on.
The indexes hold the title, body, date and dateline only, never the tags.

Queries are generated from the tags by rule, the same set for both halves
(a query qualifies when it has enough relevant articles in *each* half):
  country        every Reuters place with >= 10 relevant articles per half;
                 query words: the country's gazetteer name ("Japan",
                 "Soviet Union", "West Germany"); relevant: `places` has it.
  country+topic  every (place, topic) pair with >= 5 relevant articles per
                 half whose topic has query words: the topic's description in
                 cat-descriptions when it has at most two words and no '/'
                 or 'and' ("Crude Oil", "Shipping", "Trade"), else the code
                 itself when it is one word ("coffee", "grain"); query
                 "<country name> <topic words>"; relevant: the place and the
                 topic.
  organisation   every Reuters org with >= 10 relevant articles per half that
                 maps to a gazetteer entry; query words: the entry's alias
                 (acronym or name) found in most of its tagged articles of the
                 fit half ("IMF", "World Bank", "EC"); relevant: `orgs` has it.
Reuters slugs map to gazetteer ids through scripts/eval/reuters-slugs.tsv.

Systems:
  communique     communique-index + communique-serve over HTTP (loopback),
                 /api/search?q=...&size=10, default ranking (BM25 plus the
                 entity boosts of searcher/entity_query.*), collapse on.
  xapian-and / xapian-or
                 plain Xapian (python3-xapian): TermGenerator with the English
                 stemmer over title then body (unprefixed), QueryParser with the
                 English stemmer (STEM_SOME), BM25 defaults, default op AND / OR.
  ceiling        mean of min(10, relevant) / 10.

Prints a Markdown table per half (for docs/ranking.md). Exits 0; 77 when the
data is absent (a message says so); 2 when a binary is missing or fails.
Needs python3-xapian for the plain-Xapian rows (skipped with a message
without it). Takes about a minute on 2 cores.
"""
import argparse
import collections
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_DATA = os.path.join(ROOT, "..", "shared", "data", "reuters21578")
if not os.path.isdir(DEFAULT_DATA):
    DEFAULT_DATA = "/work/shared/data/reuters21578"

MIN_COUNTRY = 10
MIN_PAIR = 5
MIN_ORG = 10
HALVES = (("fit", 1), ("report", 0))  # name, id % 2


def load_mapping(path):
    m = collections.defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, slug, ident = line.rstrip("\n").split("\t")
            if ident != "-":
                m[kind][slug] = ident
    return m


def topic_words(data_dir):
    """Reuters topic code -> query words, by the rule in the docstring."""
    desc = {}
    path = os.path.join(data_dir, "cat-descriptions_120396.txt")
    with open(path, encoding="latin-1") as f:
        for line in f:
            m = re.match(r"^([A-Z][^()]*?)\s*\(([A-Z0-9-]+)\)\s*$", line.rstrip())
            if m:
                desc.setdefault(m.group(2).lower(), m.group(1))
    out = {}
    with open(os.path.join(data_dir, "all-topics-strings.lc.txt"), encoding="latin-1") as f:
        for code in (l.strip() for l in f):
            if not code:
                continue
            d = desc.get(code)
            if d is not None:
                if "/" in d or " and " in d.lower() or len(d.split()) > 2:
                    continue
                out[code] = d.lower()
            elif re.fullmatch(r"[a-z]+", code):
                out[code] = code
    return out


def org_alias(entry, texts):
    """The alias of a gazetteer organisation found in most of `texts`."""
    best, best_n = None, -1
    for alias in entry.get("acronyms", []) + entry.get("names", []):
        if alias.isupper():  # acronyms are matched as written
            pat = re.compile(r"(?<![A-Za-z])" + re.escape(alias) + r"(?![A-Za-z])")
        else:
            pat = re.compile(r"(?<![a-z])" + re.escape(alias.lower()) + r"(?![a-z])")
        n = sum(1 for t, low in texts if pat.search(t if alias.isupper() else low))
        if n > best_n or (n == best_n and len(alias) < len(best)):
            best, best_n = alias, n
    return best


def build_queries(articles, data_dir):
    mapping = load_mapping(os.path.join(ROOT, "scripts", "eval", "reuters-slugs.tsv"))
    gaz = os.path.join(ROOT, "schema", "gazetteer")
    with open(os.path.join(gaz, "countries.json"), encoding="utf-8") as f:
        country_name = {c["code"]: c["name"] for c in json.load(f)}
    with open(os.path.join(gaz, "organisations.json"), encoding="utf-8") as f:
        orgs = {o["id"]: o for o in json.load(f)}
    words = topic_words(data_dir)

    halves = {h: [a for a in articles if a["id"] % 2 == p] for h, p in HALVES}
    place, pair, org = {}, {}, {}
    for h, arts in halves.items():
        place[h] = collections.Counter(p for a in arts for p in set(a["places"]))
        pair[h] = collections.Counter(
            (p, t) for a in arts for p in set(a["places"]) for t in set(a["topics"]))
        org[h] = collections.Counter(o for a in arts for o in set(a["orgs"]))

    def everywhere(counts, key, n):
        return all(counts[h][key] >= n for h, _ in HALVES)

    queries = []
    for p in sorted(place["fit"]):
        code = mapping["place"].get(p)
        if code in country_name and everywhere(place, p, MIN_COUNTRY):
            queries.append({"kind": "country", "q": country_name[code],
                            "rel": lambda a, p=p: p in a["places"]})
    for p, t in sorted(pair["fit"]):
        code = mapping["place"].get(p)
        if code in country_name and t in words and everywhere(pair, (p, t), MIN_PAIR):
            queries.append({"kind": "country+topic", "q": country_name[code] + " " + words[t],
                            "rel": lambda a, p=p, t=t: p in a["places"] and t in a["topics"]})
    for o in sorted(org["fit"]):
        oid = mapping["org"].get(o)
        if oid in orgs and everywhere(org, o, MIN_ORG):
            texts = [(a["title"] + "\n" + a["body"], (a["title"] + "\n" + a["body"]).lower())
                     for a in halves["fit"] if o in a["orgs"]]
            queries.append({"kind": "organisation", "q": org_alias(orgs[oid], texts),
                            "rel": lambda a, o=o: o in a["orgs"]})
    return queries, halves


def write_jsonl(arts, path):
    with open(path, "w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps({"id": str(a["id"]), "title": a["title"], "date": a["date"][:10],
                                "dateline": a["dateline"], "body": a["body"]}) + "\n")


class Communique:
    def __init__(self, bin_dir, arts, work, port):
        self.db = os.path.join(work, "communique.db")
        src = os.path.join(work, "articles.jsonl")
        write_jsonl(arts, src)
        shutil.rmtree(self.db, ignore_errors=True)
        r = subprocess.run([os.path.join(bin_dir, "communique-index"), "--db", self.db,
                            "--threads", "2", "--no-progress", src],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("ranking: communique-index failed: " + r.stderr[-2000:])
        self._start(bin_dir, port)

    @classmethod
    def Serve(cls, bin_dir, db, port):
        """A server over an index another instance built."""
        self = cls.__new__(cls)
        self.db = db
        self._start(bin_dir, port)
        return self

    def _start(self, bin_dir, port):
        self.proc = subprocess.Popen([os.path.join(bin_dir, "communique-serve"), "--db", self.db,
                                      "--port", str(port), "--threads", "2"],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not m:
            self.proc.kill()
            sys.exit("ranking: communique-serve did not start: " + line)
        self.base = "http://127.0.0.1:%s/api/search?" % m.group(1)

    def search(self, q):
        url = self.base + urllib.parse.urlencode({"q": q, "size": 10, "facets": "false"})
        with urllib.request.urlopen(url, timeout=30) as r:
            return [int(h["id"]) for h in json.load(r)["hits"]]

    def close(self):
        self.proc.terminate()
        self.proc.wait()


class PlainXapian:
    def __init__(self, xapian, arts, op):
        self.x = xapian
        self.db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        for a in arts:
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(a["title"])
            tg.increase_termpos()
            tg.index_text(a["body"])
            doc.set_data(str(a["id"]))
            self.db.add_document(doc)
        self.qp = xapian.QueryParser()
        self.qp.set_stemmer(xapian.Stem("english"))
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.qp.set_database(self.db)
        self.qp.set_default_op(op)

    def search(self, q):
        e = self.x.Enquire(self.db)
        e.set_query(self.qp.parse_query(q))
        return [int(m.document.get_data()) for m in e.get_mset(0, 10)]


def evaluate(queries, arts, systems, per_query):
    """{system: {kind: [P@10 per query]}} plus the ceiling."""
    by_id = {a["id"]: a for a in arts}
    out = collections.defaultdict(lambda: collections.defaultdict(list))
    for q in queries:
        rel = sum(1 for a in arts if q["rel"](a))
        out["ceiling"][q["kind"]].append(min(10, rel) / 10)
        for name, system in systems.items():
            ids = system.search(q["q"])
            p10 = sum(1 for i in ids if q["rel"](by_id[i])) / 10
            out[name][q["kind"]].append(p10)
            if per_query is not None:
                per_query.append((q["kind"], q["q"], rel, name, p10))
    return out


def table(results, queries, order):
    kinds = ["country", "country+topic", "organisation"]
    n = collections.Counter(q["kind"] for q in queries)
    rows = ["| system | " + " | ".join("%s (%d)" % (k, n[k]) for k in kinds) + " | all |",
            "|---|" + "---|" * (len(kinds) + 1)]
    for name in order:
        if name not in results:
            continue
        cells = []
        every = []
        for k in kinds:
            v = results[name][k]
            every += v
            cells.append("%.3f" % (sum(v) / len(v)) if v else "-")
        rows.append("| %s | %s | %.3f |" % (name, " | ".join(cells), sum(every) / len(every)))
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "eval-ranking"))
    ap.add_argument("--port", type=int, default=0, help="communique-serve port (0: any free)")
    ap.add_argument("--half", choices=["fit", "report", "both"], default="both")
    ap.add_argument("--per-query", help="write per-query P@10 as TSV to this file")
    ap.add_argument("--label", default="communique", help="name of the Communique row")
    ap.add_argument("--baseline-bin", help="also rank with the communique-serve in this folder "
                    "(e.g. a build of main before a ranking change), as row 'communique-before'")
    args = ap.parse_args()

    train = os.path.join(args.data, "train.jsonl.gz")
    if not os.path.exists(train):
        print("ranking: %s is absent (see ../shared/data/SOURCES.md); skipped" % train)
        return 77
    for b in ("communique-index", "communique-serve"):
        if not os.access(os.path.join(args.bin, b), os.X_OK):
            print("ranking: %s/%s not built" % (args.bin, b), file=sys.stderr)
            return 2
    try:
        import xapian
    except ImportError:
        # Debian's python3-xapian is built for the system interpreter.
        if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") and \
                os.access("/usr/bin/python3", os.X_OK) and not os.environ.get("RANKING_REEXEC"):
            os.environ["RANKING_REEXEC"] = "1"
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        xapian = None
        print("ranking: python3-xapian is not installed: plain-Xapian rows skipped "
              "(apt-get install python3-xapian)", file=sys.stderr)

    with gzip.open(train, "rt", encoding="utf-8") as f:
        articles = [json.loads(l) for l in f]
    queries, halves = build_queries(articles, args.data)
    per_query = [] if args.per_query else None
    os.makedirs(args.work, exist_ok=True)
    for half, parity in HALVES:
        if args.half not in ("both", half):
            continue
        arts = halves[half]
        t0 = time.time()
        work = os.path.join(args.work, half)
        os.makedirs(work, exist_ok=True)
        comm = Communique(args.bin, arts, work, args.port)
        systems = {args.label: comm}
        servers = [comm]
        try:
            if args.baseline_bin:
                # The same index, served by the other build.
                servers.append(Communique.Serve(args.baseline_bin, comm.db,
                                                args.port + 1 if args.port else 0))
                systems = {"communique-before": servers[-1], args.label: comm}
            if xapian is not None:
                systems["xapian-and"] = PlainXapian(xapian, arts, xapian.Query.OP_AND)
                systems["xapian-or"] = PlainXapian(xapian, arts, xapian.Query.OP_OR)
            res = evaluate(queries, arts, systems, per_query)
        finally:
            for server in servers:
                server.close()
        print("\n%s half (%s ids, %d articles, %d queries, %.0f s)\n" %
              (half, "odd" if parity else "even", len(arts), len(queries), time.time() - t0))
        print(table(res, queries, ["communique-before", args.label, "xapian-and", "xapian-or",
                                   "ceiling"]))
        if per_query is not None:
            with open(args.per_query, "a" if half == "report" and args.half == "both" else "w",
                      encoding="utf-8") as f:
                for row in per_query:
                    f.write("%s\t%s\t%s\t%d\t%s\t%.1f\n" % ((half,) + row))
            per_query.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
