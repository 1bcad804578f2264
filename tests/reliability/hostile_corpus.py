#!/usr/bin/env python3
"""Hostile articles: at least 10 000 generated malformed inputs.

Builds an index of the sample corpus, starts communique-serve on it and
records every sample document (/api/doc). Then indexes a generated hostile
corpus into the same database: truncated and invalid JSON, wrong types,
invalid UTF-8, NUL bytes, 10 MB lines, deeply nested HTML, 300-byte tokens,
terms past Xapian's 245-byte limit, dates out of range, empty files, and
records that are malformed *and* carry the id of an indexed sample article;
and hostile feeds: billion laughs, external entities, a 12 MB text node, a
33 MB file, 100 000 levels of nesting, truncated XML, ninjs that is no
object, NewsML-G2 with only remote content.

It checks that:
  * the indexer finishes (no crash, no hang) and exits 1 (some skipped);
  * every rejected record is reported as `path:line: reason`, one line each,
    and the reports add up with the summary (added + skipped = records);
  * every record that must be rejected is rejected, with its own path:line;
  * no sample document changed, and the hostile records that were accepted
    are searchable by their ids;
  * `xapian-check` passes.

Usage: hostile_corpus.py BIN_DIR SOURCE_DIR
"""

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

REPORT = re.compile(r"^(.+?):(\d+): (.+)$")


def generate(root, rng, sample_ids):
    """Writes the hostile corpus; returns (records, must_reject, accepted_ids).

    `must_reject` is a set of "path:line" origins the indexer must report.
    """
    must_reject, accepted, records = set(), [], 0
    os.makedirs(os.path.join(root, "jsonl"))
    os.makedirs(os.path.join(root, "text"))
    os.makedirs(os.path.join(root, "html"))

    def bad_line(i):
        victim = rng.choice(sample_ids)  # a malformed record must not touch it
        kind = i % 12
        if kind == 0:
            return '{"id": "%s", "body": "truncated' % victim
        if kind == 1:
            return '{"id": "%s", "body": 42}' % victim
        if kind == 2:
            return '["not", "an", "object"]'
        if kind == 3:
            return '{"id": "%s", "title": "no body"}' % victim
        if kind == 4:
            return '{"id": "%s", "body": "   "}' % victim
        if kind == 5:
            return '{"id": {"nested": true}, "body": "x"}'
        if kind == 6:
            return "\x00\x00\x00"
        if kind == 7:
            return '{"id": "%s", "body": "a" "b"}' % victim
        if kind == 8:
            return "{" * 5000 + "}" * 4999
        if kind == 9:
            return '{"id": "%s", "date": [2021], "body": "x"}' % victim
        if kind == 10:
            return "nul"
        return '{"id": "%s", "body": "x", "title": "\\ud800 unpaired \\' % victim

    def odd_line(i):
        """Well-formed JSON with hostile content: may be accepted, must not crash."""
        doc_id = "hostile-%d" % i
        kind = i % 8
        if kind == 0:
            body = "token " + "x" * 300 + " end"
        elif kind == 1:
            body = " ".join("".join(rng.choice("abcdefghij") for _ in range(rng.randint(240, 600)))
                            for _ in range(5))
        elif kind == 2:
            body = "nul \u0000 inside \u0000 text"
        elif kind == 3:
            body = "date far away"
            return json.dumps({"id": doc_id, "body": body, "date": rng.choice(
                ["0000-00-00", "9999-99-99", "-2021-01-01", "2021-02-30", "1e309", "99999999999"])})
        elif kind == 4:
            body = "\u202e\u200b\ufeff" * 50 + " bidi and zero width"
        elif kind == 5:
            body = "<script>alert(1)</script> &#0; &#x110000; &amp;&lt;"
        elif kind == 6:
            body = "\ue000\ue001 private use markers \ue000"
        else:
            body = "emoji \U0001F600" * 100
        return json.dumps({"id": doc_id, "body": body, "title": body[:80], "url": "javascript:x"})

    n = 0
    for f in range(10):
        path = os.path.join(root, "jsonl", "feed-%02d.jsonl" % f)
        with open(path, "wb") as out:
            for line_no in range(1, 1001):
                n += 1
                records += 1
                if n % 3 == 0:
                    line = odd_line(n).encode("utf-8")
                    accepted.append(("%s:%d" % (path, line_no), "hostile-%d" % n))
                else:
                    line = bad_line(n).encode("utf-8")
                    must_reject.add("%s:%d" % (path, line_no))
                out.write(line + b"\n")
    # Invalid UTF-8 and a 10 MB line, between good records.
    path = os.path.join(root, "jsonl", "bytes.jsonl")
    with open(path, "wb") as out:
        out.write(b'{"id": "utf8-1", "body": "bad \xff\xfe bytes \xc3"}\n')
        out.write(b'{"id": "' + sample_ids[0].encode() + b'", "body": "' + b"y" * (10 << 20) + b'"}\n')
        must_reject.add("%s:2" % path)
        out.write(b'{"id": "utf8-2", "body": "overlong \xc0\xaf and surrogate \xed\xa0\x80"}\n')
        out.write(b'{"id": "utf8-3", "body": "truncated at the end \xe2\x82')
        records += 4
        accepted += [(path + ":1", "utf8-1"), (path + ":3", "utf8-2")]
    # Text and HTML files.
    for i in range(300):
        records += 2
        tpath = os.path.join(root, "text", "t%03d.txt" % i)
        hpath = os.path.join(root, "html", "h%03d.html" % i)
        kind = i % 5
        unique = b" file %d " % i  # identical files would share a key and replace each other
        with open(tpath, "wb") as out:
            if kind == 0:
                must_reject.add(tpath + ":1")
            elif kind == 1:
                out.write(b"date 2021-99-99\nISLAMABAD: \x00\xff" + b"z" * 400 + unique)
            elif kind == 2:
                out.write(b"   \n\n\t ")
                must_reject.add(tpath + ":1")
            elif kind == 3:
                out.write(b"date \n" + bytes(rng.randrange(256) for _ in range(2000)))
            else:
                out.write(b"\xef\xbb\xbfdate 2021-01-01 " + b"w" * 300 + unique)
        with open(hpath, "wb") as out:
            if kind == 0:
                out.write(b"<div>" * 100000 + b"deep" + unique + b"</div>" * 100000)
            elif kind == 1:
                out.write(b"<html><body><script>" + b"x" * 5000)  # unterminated: no text
                must_reject.add(hpath + ":1")
            elif kind == 2:
                out.write(b"<!--" + b"<p>never closed comment" * 100)
                must_reject.add(hpath + ":1")
            elif kind == 3:
                out.write(b"<h1>" + b"&#" * 2000 + b"</h1><article><p>" + bytes(
                    rng.randrange(256) for _ in range(3000)) + b"</p></article>")
            else:
                out.write(b'<meta name="date" content="31 Febtember 20210"><title>\x00</title>'
                          b"<p>" + b"<b>" * 20000 + b"text" + unique)
    records += feeds(os.path.join(root, "feeds"), sample_ids, must_reject, accepted)
    return records, must_reject, accepted


def feeds(root, sample_ids, must_reject, accepted):
    """Hostile feed documents; returns how many records they count for."""
    os.makedirs(root)
    victim = sample_ids[0]
    laughs = '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
    for i in range(1, 10):
        laughs += ' <!ENTITY lol%d "%s">\n' % (i, ("&lol%s;" % (i - 1 if i > 1 else "")) * 10)
    laughs += ']>\n<rss><channel><item><guid>%s</guid><description>&lol9;</description>' \
              '</item></channel></rss>' % victim
    docs = {
        "laughs.xml": (laughs.encode(), 3),
        "xxe.rss": (('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM '
                     '"file:///etc/passwd">]>\n<rss><channel><item><guid>%s</guid><description>&x;'
                     '</description></item></channel></rss>' % victim).encode(), 2),
        "deep.atom": (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>' + b"<a>" * 100000, 1),
        "huge-text.xml": (b"<rss><channel><item><description>" + b"x" * (12 << 20) +
                          b"</description></item></channel></rss>", 1),
        "too-big.rss": (b"<rss>" + b" " * (33 << 20) + b"</rss>", 1),
        "truncated.rss": (b"<rss><channel><item><guid>" + victim.encode() + b"</guid><descr", 1),
        "nested.json": (b"[" * 100000 + b"]" * 100000, 1),
        "remote.xml": (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="' +
                       victim.encode() + b'"><contentSet><remoteContent href="http://127.0.0.1:9/x"/>'
                       b"</contentSet></newsItem>", 1),
    }
    for name, (data, line) in docs.items():
        path = os.path.join(root, name)
        with open(path, "wb") as out:
            out.write(data)
        must_reject.add("%s:%d" % (path, line))
    # A well-formed feed with hostile content: accepted, never crashing.
    path = os.path.join(root, "odd.rss")
    with open(path, "wb") as out:
        out.write(b'<rss><channel><title>\xe2\x80\xae</title>\n'
                  b"<item><guid>feed-odd-1</guid><description><![CDATA[<script>x</script>"
                  b"token " + b"q" * 400 + b" end]]></description></item>\n"
                  b"<item><guid>feed-odd-2</guid><title> </title></item>\n"
                  b"</channel></rss>")
    accepted.append((path + ":2", "feed-odd-1"))
    must_reject.add(path + ":3")  # an item without text
    return len(docs) + 2


def main():
    bin_dir, source_dir = sys.argv[1], sys.argv[2]
    index_bin = os.path.join(bin_dir, "communique-index")
    work = tempfile.mkdtemp(prefix="communique-hostile-")
    rng = random.Random(2024)
    try:
        db = os.path.join(work, "db")
        sample = os.path.join(source_dir, "scripts", "sample", "articles.jsonl")
        sample_ids = [json.loads(l).get("id") for l in open(sample, encoding="utf-8") if l.strip()]
        sample_ids = [i for i in sample_ids if i]
        subprocess.run([index_bin, "--db", db, sample], check=True, capture_output=True)
        server = subprocess.Popen([os.path.join(bin_dir, "communique-serve"), "--db", db,
                                   "--port", "0"], stdout=subprocess.PIPE, text=True)
        base = server.stdout.readline().split("listening on ")[1].split("/ ")[0]

        def get(path):
            try:
                with urllib.request.urlopen(base + path, timeout=30) as r:
                    return r.status, r.read()
            except urllib.error.HTTPError as e:
                return e.code, e.read()

        before = {i: get("/api/doc/" + i) for i in sample_ids}
        hostile = os.path.join(work, "hostile")
        records, must_reject, accepted = generate(hostile, rng, sample_ids)
        assert records >= 10000, records

        run = subprocess.run([index_bin, "--db", db, "--no-progress", hostile],
                             capture_output=True, timeout=900)
        problems = []
        try:
            # Reports must be clean UTF-8 whatever the input held.
            err = run.stderr.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append("stderr is not UTF-8: %s" % e)
            err = run.stderr.decode("utf-8", "replace")
        if run.returncode != 1:
            problems.append("indexer exited %d, want 1 (some skipped)" % run.returncode)
        lines = [l for l in err.split("\n") if l]  # "\n" only: a report is one line
        summary = [l for l in lines if l.startswith("communique-index: ") and " added, " in l]
        reports = [l for l in lines if not l.startswith("communique-index: ")]
        reported = set()
        for l in reports:
            m = REPORT.match(l)
            if not m or any(ord(c) < 0x20 or ord(c) == 0x7f for c in l):
                problems.append("not path:line: reason: %r" % l[:200])
            else:
                reported.add("%s:%s" % (m.group(1), m.group(2)))
        missed = must_reject - reported
        if missed:
            problems.append("%d malformed records were not reported, e.g. %s"
                            % (len(missed), sorted(missed)[:3]))
        if len(reported) != len(reports):
            problems.append("some record was reported twice")
        m = re.search(r"(\d+) added, (\d+) replaced, (\d+) skipped", summary[-1] if summary else "")
        if not m:
            problems.append("no summary line")
        else:
            added, replaced, skipped = map(int, m.groups())
            if replaced:
                problems.append("%d documents were replaced: a hostile record overwrote one"
                                % replaced)
            if skipped != len(reports):
                problems.append("summary says %d skipped, %d reports" % (skipped, len(reports)))
            if added + skipped != records:
                problems.append("added %d + skipped %d != %d records" % (added, skipped, records))
            if added < records // 4:
                problems.append("only %d records went in: the odd-but-valid ones should" % added)
        changed = [i for i in sample_ids if get("/api/doc/" + i) != before[i]]
        if changed:
            problems.append("sample documents changed: %s" % changed[:5])
        # A well-formed record with hostile content is either reported (e.g. a
        # date out of range) or indexed and retrievable: never lost silently.
        lost = [i for origin, i in accepted
                if origin not in reported and get("/api/doc/" + i)[0] != 200]
        if lost:
            problems.append("%d hostile records were neither reported nor indexed, e.g. %s"
                            % (len(lost), lost[:3]))
        status, _ = get("/api/search?q=token+end")
        if status != 200:
            problems.append("search over the hostile index answered %d" % status)
        server.terminate()
        server.wait()
        check = subprocess.run(["xapian-check", db], capture_output=True, text=True)
        if check.returncode != 0:
            problems.append("xapian-check failed: " + check.stdout[-500:])
        print("hostile_corpus: %d records (%d must be rejected), %d reports, %s"
              % (records, len(must_reject), len(reports), summary[-1] if summary else "?"))
        if problems:
            print("\n".join(problems), file=sys.stderr)
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
