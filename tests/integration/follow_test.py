#!/usr/bin/env python3
"""communique-index --follow against a local HTTP server whose feeds change.

A threaded http.server on loopback serves an RSS feed (ETag validators), an
Atom feed behind a 301 redirect (Last-Modified validators), and a ninjs feed
that first answers 500 with Retry-After; a NewsML-G2 file on disk is followed
too. The feeds are named through a list file and an OPML file. While the
follower runs, the RSS feed gains an item and edits another, and the G2 file
is rewritten.

Checks:
  * conditional GETs are sent and answered 304, the redirect is followed,
    the 500 is reported ("path: HTTP 500 (will retry)") and later recovers;
  * one log line per poll that changed something, with the right counts,
    never a line for a poll that changed nothing;
  * SIGTERM stops the follower with exit 0 after a commit;
  * the index holds each item once (by key), edited text replaced the old,
    and the summary says nothing unchanged was written again.

The index is read with xapian-delve (xapian-tools).

Usage: follow_test.py BIN_DIR SOURCE_DIR
Exit status 0 on success, 1 on a failed check, 77 without xapian-delve.
"""

import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

FAILURES = []


def termfreq(db, term):
    out = subprocess.run(["xapian-delve", "-t", term, db], capture_output=True, text=True).stdout
    m = re.search(r"\(termfreq (\d+),", out)
    return int(m.group(1)) if m else 0


def doccount(db):
    out = subprocess.run(["xapian-delve", db], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"number of documents = (\d+)", out).group(1))


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL: " + what, file=sys.stderr)


def rss(items):
    return ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Harbour Times</title>'
            '<language>en</language>\n%s</channel></rss>\n' % "".join(
                '<item><guid>%s</guid><title>%s</title><pubDate>Tue, 11 Mar 2025 08:00:00 GMT'
                '</pubDate><description>%s</description></item>\n' % i for i in items))


ATOM = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>Atlas Daily</title>'
        '<entry><id>tag:atlas,2025:1</id><title>Jakarta meeting</title>'
        '<link href="https://atlas.example/1"/><published>2025-04-02T09:30:00Z</published>'
        '<content type="html">&lt;p&gt;JAKARTA: ASEAN ministers met on Wednesday.&lt;/p&gt;'
        '</content></entry></feed>')

NINJS = ('[{"uri": "urn:wire:1", "type": "text", "versioncreated": "2025-05-05T10:20:00Z",'
         ' "headline": "Geneva talks", "located": "GENEVA",'
         ' "body_html": "<p>GENEVA: Negotiators from Armenia and Azerbaijan resumed talks.</p>"}]')


def g2(text):
    return ('<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:g2:1" xml:lang="en">'
            '<contentMeta><contentCreated>2025-06-10T06:30:00Z</contentCreated>'
            '<headline>IAEA board</headline></contentMeta><contentSet>'
            '<inlineData contenttype="text/plain">%s</inlineData></contentSet></newsItem>' % text)


class State:
    lock = threading.Lock()
    rss = rss([("a", "Kenya Ethiopia", "NAIROBI: Ministers met in Nairobi on Tuesday."),
               ("b", "Sudan", "KHARTOUM: The original statement on the ceasefire.")])
    rss_etag = '"r1"'
    flaky_failures = 1
    seen = []  # (path, status, conditional header or "")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with State.lock:
            cond = self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since") or ""
            State.seen.append((self.path, status, cond))

    def do_GET(self):
        with State.lock:
            body, etag = State.rss.encode(), State.rss_etag
        if self.path == "/rss.xml":
            if self.headers.get("If-None-Match") == etag:
                return self.answer(304, headers=[("ETag", etag)])
            return self.answer(200, body, [("ETag", etag), ("Content-Type", "application/rss+xml")])
        if self.path == "/moved.atom":
            return self.answer(301, headers=[("Location", "/atom.xml")])
        if self.path == "/atom.xml":
            stamp = "Wed, 02 Apr 2025 10:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                return self.answer(304)
            return self.answer(200, ATOM.encode(), [("Last-Modified", stamp)])
        if self.path == "/flaky.json":
            with State.lock:
                fail = State.flaky_failures > 0
                State.flaky_failures -= 1
            if fail:
                return self.answer(500, b"oops", [("Retry-After", "1")])
            return self.answer(200, NINJS.encode())
        return self.answer(404, b"no such feed")


def wait_for(pred, what, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.1)
    check(False, "timed out waiting for " + what)
    return False


def main():
    if not shutil.which("xapian-delve"):
        print("follow_test: xapian-delve (xapian-tools) is not installed; skipping")
        sys.exit(77)
    bin_dir = sys.argv[1]
    work = tempfile.mkdtemp(prefix="communique-follow-")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]
    proc = None
    try:
        g2_path = os.path.join(work, "wire.xml")
        with open(g2_path, "w") as f:
            f.write(g2("VIENNA: The preliminary version of the IAEA story."))
        with open(os.path.join(work, "feeds.txt"), "w") as f:
            f.write("# the ministries\n%s/rss.xml\n%s\n" % (base, g2_path))
        with open(os.path.join(work, "feeds.opml"), "w") as f:
            f.write('<?xml version="1.0"?><opml version="2.0"><body><outline text="wires">'
                    '<outline type="rss" xmlUrl="%s/moved.atom"/>'
                    '<outline type="rss" xmlUrl="%s/flaky.json"/></outline></body></opml>'
                    % (base, base))
        db = os.path.join(work, "db")
        log_path = os.path.join(work, "log")
        log = open(log_path, "w")
        proc = subprocess.Popen([os.path.join(bin_dir, "communique-index"), "--db", db,
                                 "--follow", "--interval", "1", "--no-progress",
                                 os.path.join(work, "feeds.txt"),
                                 os.path.join(work, "feeds.opml")],
                                stderr=log, stdout=subprocess.DEVNULL)

        def lines():
            with open(log_path) as f:
                return f.read().splitlines()

        def has(pattern):
            return any(re.search(pattern, l) for l in lines())

        wait_for(lambda: has(r"/rss.xml: 2 new, 0 changed, committed"), "the RSS items")
        wait_for(lambda: has(r"/atom.xml: 1 new, 0 changed") or has(r"/moved.atom: 1 new"),
                 "the Atom entry behind the redirect")
        wait_for(lambda: has(r"wire.xml: 1 new, 0 changed"), "the NewsML-G2 file")
        wait_for(lambda: has(r"/flaky.json: HTTP 500 \(will retry\)"), "the 500 report")
        wait_for(lambda: has(r"/flaky.json: 1 new, 0 changed"), "the ninjs feed to recover")
        # Some conditional polls answered 304 before anything changes.
        wait_for(lambda: sum(1 for p, s, c in State.seen if p == "/rss.xml" and s == 304) >= 2,
                 "304s for the RSS feed")
        wait_for(lambda: any(p == "/atom.xml" and s == 304 and c for p, s, c in State.seen),
                 "a 304 for the Atom feed (If-Modified-Since)")

        with State.lock:
            State.rss = rss([("a", "Kenya Ethiopia", "NAIROBI: Ministers met in Nairobi on Tuesday."),
                             ("b", "Sudan", "KHARTOUM: The amended statement on the ceasefire."),
                             ("c", "Mercosur", "BRASILIA: Brazil and Argentina paused tariffs.")])
            State.rss_etag = '"r2"'
        time.sleep(0.05)
        with open(g2_path, "w") as f:
            f.write(g2("VIENNA: The revised version of the IAEA story, with more detail."))
        wait_for(lambda: has(r"/rss.xml: 1 new, 1 changed, committed"), "the RSS changes")
        wait_for(lambda: has(r"wire.xml: 0 new, 1 changed"), "the G2 file change")
        time.sleep(2.5)  # a few more unchanged polls

        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        check(code == 0, "follower exited %s after SIGTERM, want 0" % code)
        out = lines()
        check(any(l.startswith("communique-index: stopped; 6 added, 2 replaced, 0 skipped")
                  for l in out), "summary: 6 added, 2 replaced (nothing rewritten); got %r"
              % out[-1:])
        changes = [l for l in out if re.search(r": \d+ new, \d+ changed", l)]
        check(len(changes) == 6, "one line per poll that changed something: %r" % changes)
        check(not any(" 0 new, 0 changed" in l for l in changes), "a line for an idle poll")
        for l in out:  # every other line reports a problem with one feed
            if not l.startswith("communique-index: "):
                check(l.startswith(base + "/flaky.json: "), "unexpected report: %r" % l)

        check(doccount(db) == 6, "index holds %d documents, want 6" % doccount(db))
        for key in ["a", "b", "c", "tag:atlas,2025:1", "urn:wire:1", "urn:g2:1"]:
            check(termfreq(db, "Q" + key) == 1, "key %s is indexed once" % key)
        check(termfreq(db, "amended") == 1 and termfreq(db, "original") == 0,
              "the edited RSS item replaced the old text")
        check(termfreq(db, "revised") == 1 and termfreq(db, "preliminary") == 0,
              "the rewritten G2 file replaced the old text")
        conditional = [c for p, s, c in State.seen if p == "/rss.xml" and c]
        check(len(conditional) >= 2, "If-None-Match sent to the RSS feed")
    finally:
        if proc and proc.poll() is None:
            proc.kill()
            proc.wait()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print("follow_test: %d failures" % len(FAILURES), file=sys.stderr)
        sys.exit(1)
    print("follow_test: ok (%d requests served)" % len(State.seen))


if __name__ == "__main__":
    main()
