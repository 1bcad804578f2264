#!/usr/bin/env python3
"""Benchmark peer: Sphinx 2.2 (Debian sphinxsearch). Indexes corpus.tsv with
`indexer` fed by tsvpipe, serves it with `searchd`, and runs the query mix
over SphinxQL (the MySQL wire protocol, spoken here by a minimal client so
no MySQL library is needed). Prints JSON lines: one for indexing, one for
querying.

  sphinx_bench.py --work DIR --tsv corpus.tsv --queries queries.tsv [--rounds N]
"""
import argparse, json, os, socket, struct, subprocess, sys, time

CONF = """
source corpus
{{
  type = tsvpipe
  tsvpipe_command = cut -f1,3-6 {tsv}
  tsvpipe_attr_uint = date
  tsvpipe_attr_string = source
  tsvpipe_field = title
  tsvpipe_field = body
}}
index corpus
{{
  source = corpus
  path = {work}/idx
  morphology = stem_en
  index_exact_words = 1
  docinfo = extern
}}
indexer
{{
  mem_limit = 512M
}}
searchd
{{
  listen = 127.0.0.1:{port}:mysql41
  log = {work}/searchd.log
  query_log = {work}/query.log
  pid_file = {work}/searchd.pid
  binlog_path =
  workers = threads
}}
"""


class SphinxQL:
    """The few bytes of the MySQL protocol that SphinxQL needs."""

    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self._read()  # greeting
        caps = 0x0200 | 0x8000 | 0x0001 | 0x0004  # PROTOCOL_41 | SECURE_CONNECTION | LONG_PASSWORD | LONG_FLAG
        payload = struct.pack("<IIB23x", caps, 1 << 24, 33) + b"bench\0" + b"\0"
        self._write(payload, 1)
        ok = self._read()
        if ok[0] == 0xFF:
            raise RuntimeError("sphinx handshake failed: %r" % ok)

    def _read(self):
        head = self._recv(4)
        n = head[0] | head[1] << 8 | head[2] << 16
        return self._recv(n)

    def _recv(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("sphinx closed the connection")
            buf += chunk
        return buf

    def _write(self, payload, seq):
        self.s.sendall(struct.pack("<I", len(payload))[:3] + bytes([seq]) + payload)

    def query(self, sql):
        """Runs `sql`; returns the number of rows."""
        self._write(b"\x03" + sql.encode("utf-8"), 0)
        first = self._read()
        if first[0] == 0xFF:
            raise RuntimeError(first[9:].decode("utf-8", "replace"))
        if first[0] == 0x00:
            return 0
        while True:  # column definitions, then EOF
            p = self._read()
            if p[0] == 0xFE and len(p) < 9:
                break
        rows = 0
        while True:
            p = self._read()
            if p[0] == 0xFE and len(p) < 9:
                return rows
            rows += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--tsv", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--port", type=int, default=19306)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    conf = os.path.join(a.work, "sphinx.conf")
    with open(conf, "w") as f:
        f.write(CONF.format(tsv=os.path.abspath(a.tsv), work=os.path.abspath(a.work), port=a.port))
    t0 = time.time()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", os.path.join(a.work, "rss"), "indexer", "--config", conf,
                    "--all", "--quiet"], check=True, stdout=subprocess.DEVNULL)
    secs = time.time() - t0
    rss = int(open(os.path.join(a.work, "rss")).read().split()[-1])
    size = sum(os.path.getsize(os.path.join(a.work, f)) for f in os.listdir(a.work) if f.startswith("idx"))
    print(json.dumps({"engine": "sphinx", "phase": "index", "seconds": secs, "peak_rss_kb": rss, "index_bytes": size}))
    subprocess.run(["searchd", "--config", conf], check=True, stdout=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                ql = SphinxQL(a.port)
                break
            except OSError:
                time.sleep(0.1)
        queries = [l.rstrip("\n").split("\t") for l in open(a.queries, encoding="utf-8")]
        lat, errors = [], 0
        start = time.time()
        for _ in range(a.rounds):
            for kind, text, country, frm, to in queries:
                match = text.replace("\\", " ").replace("'", " ")
                sql = "SELECT id, date, source FROM corpus WHERE MATCH('%s')" % match
                if frm:
                    sql += " AND date BETWEEN %s AND %s" % (frm.replace("-", ""), to.replace("-", ""))
                sql += " LIMIT 10"
                t = time.perf_counter()
                try:
                    ql.query(sql)
                except RuntimeError:
                    errors += 1
                lat.append((time.perf_counter() - t) * 1000)
        total = time.time() - start
        lat.sort()
        print(json.dumps({"engine": "sphinx", "phase": "query", "queries": len(lat), "errors": errors,
                          "p50_ms": lat[len(lat) // 2], "p99_ms": lat[int(len(lat) * 0.99)],
                          "qps": len(lat) / total}))
    finally:
        subprocess.run(["searchd", "--config", conf, "--stopwait"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
