#!/usr/bin/env python3
"""Differential test of the query language (issue 13).

Random queries, built from a grammar over the sample corpus's own vocabulary,
are answered twice: by communique-serve over HTTP, and by a brute-force
matcher that implements the semantics documented in searcher/query_parser.h
and searcher/query_builder.h over the index's own terms. The two id sets (and
the server's total) must agree; ranking is not compared. Answers are read
page by page (the sample corpus fits on one page of 100).

The brute-force side never tokenises text itself: every document's terms and
positions, its publication date and the synonym table are read back from the
index with the Xapian Python bindings (python3-xapian), so both sides see the
very tokens ICU produced at indexing time. What it implements by hand is the
query semantics:

  word          the docs holding "Z"+stem (English Snowball), or any of the
                word's stored synonyms (a term, or a phrase when the value
                has spaces); a run of plain words that is a synonym key
                ("vladimir putin") also matches that key's synonyms
  "word"        the exact unstemmed word, no synonyms
  "a b c"       the exact words at consecutive positions
  title:w       "ZS"+stem; title:"w" "S"+w; title:"a b" the S-prefixed phrase
  a-b-c         a run ICU splits: the phrase of its words
  a NEAR/n b    the exact words within a window of n-1+k positions (k words),
                any order; ADJ in order; a chain takes its widest n and is
                ordered only when every operator is ADJ
  word*         any unprefixed word beginning so
  source:"X"    the term XS+lower(X); country:CC XC+lower(CC); likewise
                mentions: XN, dateline: XP, leader: XL, org: XO, dyad: XY
                (either order), lang: L, by the ids and codes the index holds
  date:A..B     the publication date (value slot) within [A, B], a bound
                being a day, a month or a year, either end open
  mentioned:D   a date the text mentions (XD terms) within that day, month
                or year
  2021, September 2021, 14 September 2021, September 14 2021
                a date written as plain words (searcher/query_dates.h: a
                year 1900-2100; a month name, English or from the rules'
                "dates", only with a year after it; the rules' links between):
                its words (the word, or the exact phrase), or a publication
                date within it, or a mentioned date within it
  AND list      every part, none of the -/NOT parts; stopwords dropped
                unless the list has nothing else or they are +required;
                only exclusions mean everything but them
  OR / XOR      union / odd parity (as Xapian's OP_XOR over several)

Left out: role phrases ("the Russian president", searcher/entity_query.h),
which also match the articles of whoever held the office on their dates;
no generated query holds a word of one (ROLE_WORDS). Entity boosts change
the ranking only, which is not compared.

Precedence (OR < XOR < AND < NOT/-) is exercised by printing the generated
tree with parentheses only where a group is needed (plus groups of their
own, which the grammar generates too). Words are typed as users type them
(capitals, accents, dotted acronyms, typographic quotes, field names in any
case), and some queries are written carelessly in ways query_parser.h says
change nothing: a stray ")", a missing last ")" or closing quote, a quote
with nothing after it, punctuation between parts, no spaces around
parentheses.

Usage: differential_query_test.py BIN_DIR SOURCE_DIR [--seed N] [--queries N]
Exit status 0 when every query agrees, 1 on any disagreement or error, 77
when the Xapian Python bindings are missing (scripts/install-deps.sh
installs python3-xapian).
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import xapian
except ImportError:
    # CMake may have found another interpreter than Debian's, which is the
    # one python3-xapian installs into: try that one once.
    debian = "/usr/bin/python3"
    if (os.environ.get("COMMUNIQUE_DIFF_REEXEC") != "1" and os.path.exists(debian)
            and os.path.realpath(sys.executable) != os.path.realpath(debian)):
        os.environ["COMMUNIQUE_DIFF_REEXEC"] = "1"
        os.execv(debian, [debian] + sys.argv)
    print("SKIP: the Xapian Python bindings are not installed "
          "(apt-get install python3-xapian, or scripts/install-deps.sh)")
    sys.exit(77)

# Every part of the grammar some query must use, or the run fails.
FEATURES = ["word", "\"word\"", "\"phrase\"", "a-b", "title:word", "title:\"phrase\"",
            "NEAR/ADJ", "wildcard*", "source:", "country:", "mentions:", "dateline:",
            "leader:", "org:", "dyad:", "lang:", "date:", "mentioned:", "multi-word name", "( )", "+", "-", "NOT", "AND",
            "OR", "XOR", "exclusions alone"]
DEFAULT_SEED = 13
PAGE = 100  # hits per request (the API's largest page)
DEFAULT_QUERIES = 500
DATE_SLOT = 0  # schema/fields.json: "date"
WORD = re.compile(r"^[^\W_]+$")  # one ICU word for sure: letters and digits only
OPERATORS = {"AND", "OR", "XOR", "NOT"}


def decode(b):
    return b.decode("utf-8", "surrogateescape") if isinstance(b, bytes) else b


# --------------------------------------------------------------------------
# The index, read back


class Corpus:
    """Every document's terms, positions and date, and the synonym table."""

    def __init__(self, db_path, stopwords_path):
        db = xapian.Database(db_path)
        self.ids = {}          # docid -> article key
        self.postings = {}     # term -> set of keys
        self.positions = {}    # (key, term) -> set of positions (positional terms only)
        self.dates = {}        # key -> YYYYMMDD
        self.sources = {}      # lower-cased source -> as written
        for docid in range(1, db.get_lastdocid() + 1):
            try:
                doc = db.get_document(docid)
            except xapian.DocNotFoundError:
                continue
            terms = [decode(t.term) for t in doc.termlist()]
            keys = [t[1:] for t in terms if t.startswith("Q")]
            if len(keys) != 1:
                raise SystemExit("document %d has %d key terms" % (docid, len(keys)))
            key = keys[0]
            self.ids[docid] = key
            for t in terms:
                self.postings.setdefault(t, set()).add(key)
                # Text terms are unprefixed or under S (title); the others
                # (Z stems, boolean terms) carry no positions.
                if t[:1] == "S" or not t[:1].isupper():
                    ps = set(db.positionlist(docid, t.encode("utf-8", "surrogateescape")))
                    if ps:
                        self.positions[(key, t)] = ps
            date = decode(doc.get_value(DATE_SLOT))
            if date:
                self.dates[key] = date
            source = decode(doc.get_value(3))
            if source:
                self.sources[source.lower()] = source
        self.all = frozenset(self.ids.values())
        self.synonyms = {}
        for k in db.synonym_keys():
            self.synonyms[decode(k)] = [decode(v) for v in db.synonyms(k)]
        self.stopwords = set()
        with open(stopwords_path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    self.stopwords.add(line)
        self.stemmer = xapian.Stem("english")
        # Documents in docid order, for picking phrases.
        self.order = [self.ids[d] for d in sorted(self.ids)]

    def term(self, t):
        return frozenset(self.postings.get(t, ()))

    def phrase(self, prefix, words):
        terms = [prefix + w for w in words]
        if len(terms) == 1:
            return self.term(terms[0])
        docs = set(self.term(terms[0]))
        for t in terms[1:]:
            docs &= self.term(t)
        out = set()
        for key in docs:
            starts = self.positions.get((key, terms[0]), set())
            if any(all(p + i in self.positions.get((key, t), ()) for i, t in enumerate(terms))
                   for p in starts):
                out.add(key)
        return frozenset(out)

    def stem(self, w):
        return decode(self.stemmer(w.encode("utf-8")))

    def synonym(self, value):
        if " " in value:
            return self.phrase("", value.split())
        return self.term(value)

    def word(self, w, prefix="", quoted=False, synonyms=True):
        if quoted:
            return self.term(prefix + w)
        s = self.stem(w)
        out = set(self.term("Z" + prefix + s if s else prefix + w))
        if synonyms and not prefix:
            for v in self.synonyms.get(w, ()):
                out |= self.synonym(v)
        return frozenset(out)


# --------------------------------------------------------------------------
# The query tree: what the generator builds, prints and the matcher evaluates.
# Shapes mirror searcher/query_parser.h: an OR of XORs of AND lists; an AND
# list holds entries (an item with how it was written); a group is a
# parenthesised OR.


ACCENTS = {"a": "\u00e1", "e": "\u00e9", "i": "\u00ed", "o": "\u00f6", "u": "\u00fc", "c": "\u00e7"}


def written(w, style):
    """Folded word `w` as a user might type it; the server folds it back
    (analysis/text/text_normalizer.h: case, diacritics, dotted acronyms)."""
    if style == "upper" and w.isascii() and w.upper() not in ("AND", "OR", "XOR", "NOT", "NEAR",
                                                              "ADJ"):
        return w.upper()
    if style == "accent" and w.isascii() and w.isalpha():
        for i, ch in enumerate(w):
            if ch in ACCENTS:
                return w[:i] + ACCENTS[ch] + w[i + 1:]
    if style == "dotted" and w.isascii() and w.isalpha() and 2 <= len(w) <= 3:
        return "".join(ch.upper() + "." for ch in w)  # "un" -> "U.N."
    return w[:1].upper() + w[1:]


class Word:
    def __init__(self, w, field="", quoted=False, quote=('"', '"'), cap=False, run=False):
        self.w, self.field, self.quoted, self.quote, self.cap = w, field, quoted, quote, cap
        self.run = run  # one of the words of a multi-word name (for the summary)

    def plain(self):
        return not self.field and not self.quoted

    def text(self):
        w = written(self.w, self.cap) if self.cap else self.w
        if self.quoted:
            w = self.quote[0] + w + self.quote[1]
        name = self.field.capitalize() if self.cap == "cap" else self.field
        return ("%s:" % name if self.field else "") + w

    def eval(self, c):
        return c.word(self.w, "S" if self.field == "title" else "", self.quoted)


class Phrase:
    """"a b c", or a-b-c unquoted (hyphen=True): a run ICU splits is a phrase."""

    def __init__(self, words, field="", quote=('"', '"'), hyphen=False):
        self.words, self.field, self.quote, self.hyphen = words, field, quote, hyphen
        self.upper = False  # in capitals: "PEACE AND SECURITY" is still a phrase

    def plain(self):
        return False

    def text(self):
        if self.hyphen:
            return "-".join(self.words)
        words = [w.upper() if self.upper else w for w in self.words]
        q = self.quote[0] + " ".join(words) + self.quote[1]
        return ("%s:" % self.field if self.field else "") + q

    def eval(self, c):
        return c.phrase("S" if self.field == "title" else "", self.words)


class Near:
    """a NEAR b, a NEAR/n b, a ADJ b, a ADJ/n b (ops: the operators as written)."""

    def __init__(self, words, ops):
        self.words, self.ops = words, ops

    def plain(self):
        return False

    def text(self):
        out = [self.words[0]]
        for op, w in zip(self.ops, self.words[1:]):
            out += [op, w]
        return " ".join(out)

    def eval(self, c):
        # One group takes the widest window written and is ordered only when
        # every operator is ADJ; as Xapian's own parser, the window grows by
        # one position per word joined, and all the words must fit into it
        # (last position - first position < window).
        n = max(int(op.split("/")[1]) if "/" in op else 10 for op in self.ops)
        window = n - 1 + len(self.words)
        ordered = all(op.startswith("ADJ") for op in self.ops)
        docs = set(c.all)
        for w in self.words:
            docs &= c.term(w)
        out = set()
        for key in docs:
            ps = [sorted(c.positions.get((key, w), ())) for w in self.words]
            if ordered:
                hit = False
                for p in ps[0]:
                    last = p
                    for later in ps[1:]:
                        nxt = [q for q in later if q > last]
                        if not nxt:
                            last = None
                            break
                        last = nxt[0]
                    if last is not None and last - p < window:
                        hit = True
                        break
            else:
                starts = sorted(set(p for l in ps for p in l))
                hit = any(all(any(s <= q < s + window for q in l) for l in ps) for s in starts)
            if hit:
                out.add(key)
        return frozenset(out)


class Wildcard:
    """word*: every unprefixed word that begins so (exact forms, no stems)."""

    def __init__(self, stem):
        self.stem = stem

    def plain(self):
        return False

    def text(self):
        return self.stem + "*"

    def eval(self, c):
        out = set()
        for t, keys in c.postings.items():
            if t.startswith(self.stem):
                out |= keys
        return frozenset(out)


class Filter:
    def __init__(self, field, value, written):
        self.field, self.value, self.written = field, value, written

    def plain(self):
        return False

    def text(self):
        return self.written

    PREFIX = {"source": "XS", "country": "XC", "mentions": "XN", "dateline": "XP",
              "leader": "XL", "org": "XO", "dyad": "XY", "lang": "L"}

    def eval(self, c):
        return c.term(self.PREFIX[self.field] + self.value.lower())


class Mentioned:
    """mentioned:2021, mentioned:2021-09, mentioned:2021-09-14: the text
    names a day of that year, month, or that day (XD terms by day)."""

    def __init__(self, written, digits):
        self.written, self.digits = written, digits

    def plain(self):
        return False

    def text(self):
        return self.written

    def eval(self, c):
        out = set()
        for t, keys in c.postings.items():
            if t.startswith("XD" + self.digits):
                out |= keys
        return frozenset(out)


class Date:
    def __init__(self, lo, hi, written):
        self.lo, self.hi, self.written = lo, hi, written  # YYYYMMDD or ""

    def plain(self):
        return False

    def text(self):
        return self.written

    def eval(self, c):
        return frozenset(k for k, d in c.dates.items()
                         if (not self.lo or d >= self.lo) and (not self.hi or d <= self.hi))


class Group:
    def __init__(self, inner):
        self.inner = inner

    def plain(self):
        return False

    def text(self):
        return "(" + self.inner.text() + ")"

    def eval(self, c):
        return self.inner.eval(c)


class Entry:
    """An item of an AND list as written: mode '', '+', '-' or 'NOT'."""

    def __init__(self, item, mode="", and_before=False):
        self.item, self.mode, self.and_before = item, mode, and_before


ENGLISH_MONTHS = [["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"],
                  ["may"], ["june", "jun"], ["july", "jul"], ["august", "aug"],
                  ["september", "sep", "sept"], ["october", "oct"], ["november", "nov"],
                  ["december", "dec"]]


def fold(text):
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch)).lower()


def load_date_words(source_dir):
    """Month forms (folded word tuples -> month) and link words, English
    and every language's rules, as searcher/query_dates.cpp reads them."""
    import glob
    months, links = {}, set()
    for m, forms in enumerate(ENGLISH_MONTHS, 1):
        for f in forms:
            months[(f,)] = m
    for path in glob.glob(os.path.join(source_dir, "schema", "gazetteer", "rules", "*.json")):
        with open(path, encoding="utf-8") as f:
            dates = json.load(f).get("dates", {})
        for m, forms in enumerate(dates.get("months", []), 1):
            for form in forms:
                months.setdefault(tuple(fold(form).split()), m)
        links.update(fold(w) for w in dates.get("links", []))
    return months, links


def query_dates(words, months, links):
    """(begin, end, from, to, mentioned digits) of each date among `words`
    ("" where a position is not a plain word), as QueryDateFinder::Find."""
    import calendar

    def number(k, lo, hi, digits):
        if k >= len(words) or not words[k].isascii() or not words[k].isdigit():
            return -1
        if not digits[0] <= len(words[k]) <= digits[1]:
            return -1
        n = int(words[k])
        return n if lo <= n <= hi else -1

    def month_at(k):
        best, end = 0, 0
        for form, m in months.items():
            e = k + len(form)
            if e <= len(words) and e > end and tuple(words[k:e]) == form and words[k]:
                best, end = m, e
        return best, end

    def skip(k):
        while k < len(words) and words[k] and words[k] in links:
            k += 1
        return k

    def valid(y, m, d):
        return 1 <= d <= calendar.monthrange(y, m)[1]

    def day_span(begin, ya, m, d):
        """The day d of month m with its year at ya, as a span from begin;
        the position after it, or None."""
        y = number(ya, 1900, 2100, (4, 4))
        if y <= 0 or not valid(y, m, d):
            return None
        day = "%04d%02d%02d" % (y, m, d)
        out.append((begin, ya + 1, day, day, day))
        return ya + 1

    out, i = [], 0
    while i < len(words):
        d = number(i, 1, 31, (1, 2))
        if d > 0:
            m, me = month_at(skip(i + 1))
            after = day_span(i, skip(me), m, d) if m else None
            if after is not None:
                i = after
                continue
        m, me = month_at(i)
        if m:
            nx = skip(me)
            d = number(nx, 1, 31, (1, 2))
            after = day_span(i, skip(nx + 1), m, d) if d > 0 else None
            if after is not None:
                i = after
                continue
            y = number(nx, 1900, 2100, (4, 4))
            if y > 0:
                last = calendar.monthrange(y, m)[1]
                out.append((i, nx + 1, "%04d%02d01" % (y, m), "%04d%02d%02d" % (y, m, last),
                            "%04d%02d" % (y, m)))
                i = nx + 1
                continue
        y = number(i, 1900, 2100, (4, 4))
        if y > 0:
            out.append((i, i + 1, "%04d0101" % y, "%04d1231" % y, "%04d" % y))
        i += 1
    return out


class AndList:
    def __init__(self, entries):
        self.entries = entries

    def text(self):
        out = []
        for i, e in enumerate(self.entries):
            if i and e.and_before:
                out.append("AND")
            t = e.item.text()
            out.append({"": t, "+": "+" + t, "-": "-" + t, "NOT": "NOT " + t}[e.mode])
        return " ".join(out)

    def eval(self, c):
        children = [e for e in self.entries if e.mode in ("", "+")]
        excluded = [e.item for e in self.entries if e.mode in ("-", "NOT")]
        parts = []
        # Runs of plain words that are a synonym key, longest first from each
        # word, become one group: all the words, or any synonym of the key.
        grouped = [False] * len(children)
        i = 0
        while i < len(children):
            if not children[i].item.plain():
                i += 1
                continue
            run = []
            j = i
            while j < len(children) and j - i < 6 and children[j].item.plain():
                run.append(children[j].item.w)
                j += 1
            step = 1
            for n in range(len(run), 1, -1):
                key = " ".join(run[:n])
                if key in c.synonyms:
                    docs = set(c.all)
                    for e in children[i:i + n]:
                        docs &= e.item.eval(c)
                    for v in c.synonyms[key]:
                        docs |= c.synonym(v)
                    parts.append(frozenset(docs))
                    for k in range(i, i + n):
                        grouped[k] = True
                    step = n
                    break
            i += step

        # Dates written as plain words, among the words no name took.
        plain = [e.item.w if not grouped[k] and isinstance(e.item, Word) and e.item.plain() else ""
                 for k, e in enumerate(children)]
        for b, e, lo, hi, digits in query_dates(plain, c.months, c.links):
            words = children[b].item.eval(c) if e - b == 1 else c.phrase("", plain[b:e])
            parts.append(frozenset(words | Date(lo, hi, "").eval(c) | Mentioned("", digits).eval(c)))
            for k in range(b, e):
                grouped[k] = True

        def stopword(e):
            return e.item.plain() and e.mode != "+" and e.item.w in c.stopwords

        has_other = any(grouped[k] or not stopword(e) for k, e in enumerate(children))
        for k, e in enumerate(children):
            if grouped[k] or (has_other and stopword(e)):
                continue
            parts.append(e.item.eval(c))
        docs = set(c.all)
        for p in parts:
            docs &= p
        for x in excluded:
            docs -= x.eval(c)
        return frozenset(docs)


class Xor:
    def __init__(self, operands):
        self.operands = operands

    def text(self):
        return " XOR ".join(o.text() for o in self.operands)

    def eval(self, c):
        counts = {}
        for o in self.operands:
            for k in o.eval(c):
                counts[k] = counts.get(k, 0) + 1
        return frozenset(k for k, n in counts.items() if n % 2)


class Or:
    def __init__(self, operands):
        self.operands = operands

    def text(self):
        return " OR ".join(o.text() for o in self.operands)

    def eval(self, c):
        out = set()
        for o in self.operands:
            out |= o.eval(c)
        return frozenset(out)


# --------------------------------------------------------------------------
# The generator


class Generator:
    QUOTES = [('"', '"')] * 6 + [("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u300c", "\u300d")]

    def __init__(self, corpus, rng):
        self.c, self.r = corpus, rng
        df = {}
        for t, keys in corpus.postings.items():
            if WORD.match(t) and t.lower() == t and t not in corpus.stopwords:
                df[t] = len(keys)
        # Mostly words of a few articles, so answers are small and telling.
        self.rare = sorted(t for t, n in df.items() if n <= 3)
        self.middle = sorted(t for t, n in df.items() if 4 <= n <= 30)
        self.common = sorted(t for t, n in df.items() if n > 30)
        self.stopwords = sorted(w for w in corpus.stopwords if corpus.term(w))
        self.titles = sorted(t[1:] for t in corpus.postings
                             if t.startswith("S") and WORD.match(t[1:]) and t[1:].lower() == t[1:])
        # Synonym keys the corpus uses, single and multi-word.
        used = [k for k in corpus.synonyms if all(WORD.match(w) for w in k.split())]
        self.syn_words = sorted(k for k in used if " " not in k and corpus.term(k))
        self.syn_runs = sorted(k for k in used if " " in k and corpus.phrase("", k.split()))
        self.sources = sorted(corpus.sources.values())
        self.countries = sorted(t[2:] for t in corpus.postings
                                if t.startswith("XC") and t[2:].isalpha() and len(t) == 4)
        self.dates = sorted(set(corpus.dates.values()))
        self.mentioned = sorted(t[2:] for t in corpus.postings
                                if t.startswith("XD") and len(t) == 10 and t[2:].isdigit())
        self.entities = {}
        for name, prefix in Filter.PREFIX.items():
            if name in ("source", "country"):
                continue
            values = sorted(t[len(prefix):] for t in corpus.postings
                            if t.startswith(prefix) and t[len(prefix):len(prefix) + 1].islower())
            if values:
                self.entities[name] = values
        # Positions of unprefixed words, for phrases.
        self.docwords = {}
        for (key, t), ps in corpus.positions.items():
            if not t[:1].isupper() and WORD.match(t):
                for p in ps:
                    self.docwords.setdefault(key, {})[p] = t
        self.phrase_keys = sorted(self.docwords)

    def pick(self, xs):
        return xs[self.r.randrange(len(xs))]

    def vocab(self):
        x = self.r.random()
        if x < 0.45:
            return self.pick(self.rare)
        if x < 0.85:
            return self.pick(self.middle)
        if x < 0.92 and self.syn_words:
            return self.pick(self.syn_words)
        if x < 0.97:
            return self.pick(self.common)
        return self.pick(["zqxwv", "blorptic", "quuxian"])  # in no article

    def phrase_words(self, title=False):
        for _ in range(100):
            key = self.pick(self.phrase_keys)
            words = self.docwords[key]
            ps = sorted(words)
            if title:
                ps = [p for p in ps if p < 50]  # the title comes first
            if not ps:
                continue
            p = self.pick(ps)
            n = self.r.choice([2, 2, 3])
            if all(p + i in words for i in range(n)):
                return [words[p + i] for i in range(n)]
        return ["foreign", "minister"]

    def word_item(self):
        x = self.r.random()
        cap = self.r.random() < 0.3 and self.r.choice(["cap", "cap", "upper", "accent", "dotted"])
        if x < 0.08 and self.stopwords:
            return Word(self.pick(self.stopwords), cap=cap)
        if x < 0.16:
            w = self.pick(self.stopwords) if self.r.random() < 0.25 else self.vocab()
            return Word(w, quoted=True, quote=self.pick(self.QUOTES), cap=cap)
        return Word(self.vocab(), cap=cap)

    def date(self):
        def bound(d):
            kind = self.r.choice(["day", "month", "year"])
            if kind == "day":
                return d[:4] + "-" + d[4:6] + "-" + d[6:], d, d
            if kind == "month":
                # the month's first and last day, as ParseDateBound reads it
                last = {2: 29 if int(d[:4]) % 4 == 0 else 28, 4: 30, 6: 30, 9: 30, 11: 30}
                days = last.get(int(d[4:6]), 31)
                return d[:4] + "-" + d[4:6], d[:6] + "01", d[:6] + "%02d" % days
            return d[:4], d[:4] + "0101", d[:4] + "1231"

        a_text, a_lo, a_hi = bound(self.pick(self.dates))
        x = self.r.random()
        if x < 0.5:
            return Date(a_lo, a_hi, self.field("date") + a_text)
        if x < 0.65:
            return Date(a_lo, "", "date:" + a_text + "..")
        if x < 0.8:
            return Date("", a_hi, "date:.." + a_text)
        b_text, b_lo, b_hi = bound(self.pick(self.dates))
        if b_hi < a_lo:
            (a_text, a_lo, a_hi), (b_text, b_lo, b_hi) = (b_text, b_lo, b_hi), (a_text, a_lo, a_hi)
        if b_hi < a_lo:  # overlapping bounds of different widths: one side only
            return Date(a_lo, a_hi, "date:" + a_text)
        return Date(a_lo, b_hi, "date:%s..%s" % (a_text, b_text))

    def field(self, name):
        """`name:` as a user might type it: field names ignore case."""
        x = self.r.random()
        return (name.upper() if x < 0.1 else name.capitalize() if x < 0.2 else name) + ":"

    def near(self):
        """Two or three distinct words found near each other in some article."""
        for _ in range(100):
            key = self.pick(self.phrase_keys)
            words = self.docwords[key]
            p = self.pick(sorted(words))
            k = self.r.choice([2, 2, 3])
            picked = []
            for q in sorted(words):
                if p <= q < p + 8 and words[q] not in picked and \
                        words[q] not in OPERATORS and self.r.random() < 0.5:
                    picked.append(words[q])
            if len(picked) >= 2:
                picked = picked[:k]
                if self.r.random() < 0.4:
                    self.r.shuffle(picked)
                ops = [self.r.choice(["NEAR", "NEAR/%d" % self.r.randint(1, 6), "ADJ",
                                      "ADJ/%d" % self.r.randint(1, 6)])
                       for _ in picked[1:]]
                if self.r.random() < 0.7:
                    ops = [ops[0]] * len(ops)
                return Near(picked, ops)
        return Word("minister")

    def wildcard(self):
        """A word's first 3-6 letters, when at most 200 words begin so
        (kMaxWildcardExpansion: more is a 400)."""
        for _ in range(100):
            w = self.pick(self.middle + self.rare)
            if len(w) < 4 or not w.isalpha():
                continue
            stem = w[:self.r.randint(3, min(6, len(w) - 1))]
            n = sum(1 for t in self.c.postings if t.startswith(stem))
            if n <= 200:
                return Wildcard(stem)
        return Wildcard("sanction")

    def item(self, depth):
        x = self.r.random()
        if x < 0.05:
            return self.near()
        if x < 0.08:
            return self.wildcard()
        x = self.r.random()
        if x < 0.45:
            return self.word_item()
        if x < 0.58:
            words = self.phrase_words()
            hyphen = self.r.random() < 0.2 and all(w.isalpha() for w in words)
            p = Phrase(words, quote=self.pick(self.QUOTES), hyphen=hyphen)
            p.upper = not hyphen and self.r.random() < 0.15
            return p
        if x < 0.66:
            if self.r.random() < 0.6:
                return Word(self.pick(self.titles), field="title")
            if self.r.random() < 0.5:
                return Word(self.pick(self.titles), field="title", quoted=True)
            return Phrase(self.phrase_words(title=True), field="title")
        if x < 0.72:
            s = self.pick(self.sources)
            written = self.r.choice([s, s.lower(), s.upper()])
            return Filter("source", s, '%s"%s"' % (self.field("source"), written))
        if x < 0.76:
            cc = self.pick(self.countries)
            return Filter("country", cc, self.field("country") + self.r.choice([cc, cc.upper()]))
        if x < 0.8:
            # an entity or code field, by the id or code the index holds
            name = self.pick(sorted(self.entities))
            value = self.pick(self.entities[name])
            written = value.upper() if len(value) == 2 or name == "dyad" else value
            if name == "dyad" and self.r.random() < 0.5:
                written = written[3:] + "-" + written[:2]  # either order
            return Filter(name, value, self.field(name) + written)
        if x < 0.86:
            return self.date()
        if x < 0.88 and self.mentioned:
            d = self.pick(self.mentioned)
            n = self.r.choice([4, 6, 8])
            text = {4: d[:4], 6: d[:4] + "-" + d[4:6], 8: d[:4] + "-" + d[4:6] + "-" + d[6:]}[n]
            return Mentioned(self.field("mentioned") + text, d[:n])
        if depth < 3:
            return Group(self.or_expr(depth + 1))
        return self.word_item()

    def and_list(self, depth):
        entries = []
        n = self.r.choice([1, 1, 2, 2, 2, 3, 3, 4])
        while len(entries) < n:
            if self.syn_runs and self.r.random() < 0.06:
                # a multi-word name typed as plain words
                for w in self.pick(self.syn_runs).split():
                    entries.append(Entry(Word(w, run=True)))
                continue
            mode = self.r.choices(["", "+", "-", "NOT"], [55, 10, 20, 15])[0]
            entries.append(Entry(self.item(depth), mode,
                                 and_before=bool(entries) and self.r.random() < 0.2))
        return AndList(entries)

    def or_expr(self, depth):
        def xor():
            x = self.r.random()
            n = 1 if x < 0.85 else 2 if x < 0.96 else 3  # three: odd parity
            return Xor([self.and_list(depth) for _ in range(n)])

        n = 1 if self.r.random() < (0.6 if depth == 0 else 0.4) else self.r.choice([2, 2, 3])
        return Or([xor() for _ in range(n)])


# --------------------------------------------------------------------------
# The server


OPEN_QUOTES = {q[0] for q in Generator.QUOTES}
CLOSE_QUOTES = {q[1] for q in Generator.QUOTES}


def sloppy(q, rng):
    """`q` written carelessly in ways query_parser.h says change nothing: a
    stray ")" (ignored), the last ")" or closing quote left out (closed at
    the end), no space around parentheses."""
    x = rng.random()
    if x < 0.1:
        # a stray ")" between two words outside any parentheses or quotes
        depth, quoted, spots = 0, False, [0]
        for i, ch in enumerate(q):
            if quoted:
                quoted = ch not in CLOSE_QUOTES
            elif ch in OPEN_QUOTES:
                quoted = True
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == " " and depth == 0:
                spots.append(i)
        i = rng.choice(spots)
        return q[:i] + " ) " + q[i:]
    if x < 0.15 and q.endswith(")"):
        return q[:-1]
    if x < 0.2 and q[-1:] in CLOSE_QUOTES:
        return q[:-1]
    if x < 0.25:
        return q.replace(" (", "(").replace(") ", ")")
    if x < 0.28:
        return q + ' "'  # a quote with nothing after it
    if x < 0.38:
        # punctuation between two parts (not next to NEAR/ADJ, which join
        # words only): a run with no word in it stands for nothing
        quoted, spots = False, [0]
        for i, ch in enumerate(q):
            if quoted:
                quoted = ch not in CLOSE_QUOTES
            elif ch in OPEN_QUOTES:
                quoted = True
            elif ch == " ":
                before, after = q[:i].split(" ")[-1], q[i + 1:].split(" ")[0]
                if not re.match(r"^(NEAR|ADJ)(/\d+)?$", before) and \
                        not re.match(r"^(NEAR|ADJ)(/\d+)?$", after):
                    spots.append(i)
        i = rng.choice(spots)
        return q[:i] + " " + rng.choice([",", "-", "&", "/", "()", "\u2014"]) + " " + q[i:]
    return q


def features(node, out):
    """Adds to `out` the names of the grammar's parts `node` uses."""
    if isinstance(node, Word):
        out.add("title:word" if node.field else "\"word\"" if node.quoted else "word")
        if node.run:
            out.add("multi-word name")
    elif isinstance(node, Phrase):
        out.add("title:\"phrase\"" if node.field else "a-b" if node.hyphen else "\"phrase\"")
    elif isinstance(node, Near):
        out.add("NEAR/ADJ")
    elif isinstance(node, Wildcard):
        out.add("wildcard*")
    elif isinstance(node, Filter):
        out.add(node.field + ":")
    elif isinstance(node, Date):
        out.add("date:")
    elif isinstance(node, Mentioned):
        out.add("mentioned:")
    elif isinstance(node, Group):
        out.add("( )")
        features(node.inner, out)
    elif isinstance(node, AndList):
        for i, e in enumerate(node.entries):
            if e.mode:
                out.add(e.mode)
            if i and e.and_before:
                out.add("AND")
            features(e.item, out)
        if all(e.mode in ("-", "NOT") for e in node.entries):
            out.add("exclusions alone")
    elif isinstance(node, (Or, Xor)):
        if len(node.operands) > 1:
            out.add("OR" if isinstance(node, Or) else "XOR")
        for o in node.operands:
            features(o, out)


# Every role phrase of searcher/entity_query.cpp ("the Russian president",
# "prime minister of Pakistan", "PM") holds one of these words. A role phrase
# also matches the articles of whoever held the office on their dates, which
# the matcher does not model, so queries with these words are not generated.
ROLE_WORDS = {"minister", "secretary", "president", "state", "prince", "leader", "premier", "pm",
              "chancellor", "king", "emir"}


def text_words(node):
    """The words of `node` as the parser reads them (not filter values)."""
    if isinstance(node, Word):
        return [node.w]
    if isinstance(node, (Phrase, Near)):
        return list(node.words)
    if isinstance(node, Group):
        return text_words(node.inner)
    if isinstance(node, AndList):
        return [w for e in node.entries for w in text_words(e.item)]
    if isinstance(node, (Or, Xor)):
        return [w for o in node.operands for w in text_words(o)]
    return []


def words_in(node):
    """Words the parser counts in `node` (filters and dates count none)."""
    if isinstance(node, Word):
        return 1
    if isinstance(node, (Phrase, Near)):
        return len(node.words)
    if isinstance(node, Wildcard):
        return 1
    if isinstance(node, Group):
        return words_in(node.inner)
    if isinstance(node, AndList):
        return sum(words_in(e.item) for e in node.entries)
    if isinstance(node, (Or, Xor)):
        return sum(words_in(o) for o in node.operands)
    return 0


class Server:
    def __init__(self, bin_dir, db):
        self.proc = subprocess.Popen(
            [os.path.join(bin_dir, "communique-serve"), "--db", db, "--port", "0"],
            stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "127.0.0.1:" not in line:
            raise SystemExit("communique-serve did not start: %r" % line)
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])

    def page(self, q, page):
        params = urllib.parse.urlencode(
            {"q": q, "collapse": "false", "size": str(PAGE), "facets": "false", "page": str(page)})
        url = "http://127.0.0.1:%d/api/search?%s" % (self.port, params)
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                return r.status, json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def search(self, q):
        """(status, body) with the hits of every page (the sample corpus fits
        on one page of 100; a larger one is paged through)."""
        status, body = self.page(q, 1)
        last = body["hits"] if status == 200 else []
        n = 1
        while len(last) == PAGE and n < 100:  # a full page: there may be more
            n += 1
            more_status, more = self.page(q, n)
            if more_status != 200:
                return more_status, more
            last = more["hits"]
            body["hits"] += last
        return status, body

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin_dir")
    ap.add_argument("source_dir")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("DIFF_SEED", DEFAULT_SEED)))
    ap.add_argument("--queries", type=int, default=DEFAULT_QUERIES)
    ap.add_argument("--verbose", action="store_true", help="print every query and its count")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="communique-diff-")
    server = None
    try:
        db = os.path.join(work, "db")
        r = subprocess.run([os.path.join(args.bin_dir, "communique-index"), "--db", db,
                            os.path.join(args.source_dir, "scripts", "sample")],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print("FAIL: indexing failed:", r.stderr[-500:])
            return 1
        corpus = Corpus(db, os.path.join(args.source_dir, "schema", "stopwords", "en.txt"))
        corpus.months, corpus.links = load_date_words(args.source_dir)
        server = Server(args.bin_dir, db)
        rng = random.Random(args.seed)
        gen = Generator(corpus, rng)
        print("seed %d: %d queries over %d articles (%d rare, %d middle words, %d synonym keys used)"
              % (args.seed, args.queries, len(corpus.all), len(gen.rare), len(gen.middle),
                 len(gen.syn_words) + len(gen.syn_runs)), flush=True)
        started = time.time()
        passed = failed = 0
        seen = {}
        sizes = []
        for n in range(args.queries):
            # Past 64 words a query is a 400 (kMaxQueryWords); a readable
            # failure report wants far fewer.
            tree = gen.or_expr(0)
            while words_in(tree) > 30 or ROLE_WORDS.intersection(text_words(tree)):
                tree = gen.or_expr(0)
            q = sloppy(tree.text(), rng)
            used = set()
            features(tree, used)
            for f in used:
                seen[f] = seen.get(f, 0) + 1
            want = tree.eval(corpus)
            status, body = server.search(q)
            if status != 200:
                failed += 1
                print("FAIL #%d %s\n  status %d: %s" % (n, q, status, str(body)[:300]), flush=True)
                continue
            ids = [h["id"] for h in body["hits"]]
            got = frozenset(ids)
            problems = []
            if len(ids) != len(got):
                problems.append("an id comes twice in the pages")
            if got != want:
                problems.append("ids differ: server only %s, matcher only %s"
                                % (sorted(got - want)[:10], sorted(want - got)[:10]))
            # Without facets the total is Xapian's estimate, exact when the
            # first page held every match (always, for the sample corpus);
            # else the bounds must hold the true count.
            bounds = body.get("total_bounds", {})
            if len(want) < PAGE and not body.get("total_exact"):
                problems.append("total is not exact although one page holds every match")
            if body.get("total_exact") and body["total"] != len(want):
                problems.append("total %d, matcher %d" % (body["total"], len(want)))
            if not bounds.get("lower", 0) <= len(want) <= bounds.get("upper", 0):
                problems.append("%d matches outside the total's bounds %s" % (len(want), bounds))
            if problems:
                failed += 1
                print("FAIL #%d %s\n  %s" % (n, q, "\n  ".join(problems)), flush=True)
            else:
                passed += 1
                sizes.append(len(want))
                if args.verbose:
                    print("ok #%d %s -> %d" % (n, q, len(want)))
        sizes.sort()
        print("answers: %d empty, median %d, %d everything-but or more than 45"
              % (sum(1 for s in sizes if s == 0), sizes[len(sizes) // 2] if sizes else 0,
                 sum(1 for s in sizes if s > 45)))
        print("queries using each part: " +
              ", ".join("%s %d" % (f, seen.get(f, 0)) for f in FEATURES))
        missing = [f for f in FEATURES if not seen.get(f)]
        if missing:
            failed += 1
            print("FAIL: no query used %s (generator too narrow for this seed)" % ", ".join(missing))
        print("%d passed, %d failed (seed %d, %.1fs)"
              % (passed, failed, args.seed, time.time() - started))
        if failed or passed < args.queries:
            return 1
        return 0
    finally:
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
