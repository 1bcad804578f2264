#include "indexer/readers/feed_reader.h"

#include "analysis/clean/html_text.h"
#include "common/strings.h"
#include "indexer/readers/reader_fields.h"
#include "indexer/readers/xml_input.h"

namespace communique {
namespace {

constexpr const char kAtomNs[] = "http://www.w3.org/2005/Atom";

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string TrimmedCopy(std::string_view s) { return std::string(TrimSpace(s)); }

// Atom person constructs (<author>, <contributor>): their <name>.
void AddAtomPeople(Article& a, const xmlNode* parent, std::string_view element) {
  for (const xmlNode* p = Child(parent, element, kAtomNs); p; p = NextNamed(p))
    AddAuthor(a, ChildText(p, "name", kAtomNs));
}

std::string Origin(const std::string& path, const xmlNode* n) {
  return path + ":" + std::to_string(Line(n));
}

// The fullest of the candidate bodies: the one with the most text once the
// markup is gone (a teaser in <description> loses to content:encoded).
std::string Fullest(std::initializer_list<std::string> candidates) {
  std::string best;
  size_t best_len = 0;
  for (const std::string& c : candidates) {
    if (Blank(c)) continue;
    size_t len = StripMarkup(c).size();
    if (best.empty() || len > best_len) {
      best = c;
      best_len = len;
    }
  }
  return best;
}

void Emit(Article a, const xmlNode* item, const std::string& path, const ArticleSink& sink) {
  a.origin = Origin(path, item);
  EmitItem(std::move(a), "item has no text (no content, description or title)", sink);
}

// RSS 2.0 <item> or RSS 1.0 <item rdf:about>.
void ReadRssItem(const xmlNode* item, const std::string& source, const std::string& language,
                 const std::string& path, const ArticleSink& sink) {
  Article a;
  a.id = ChildText(item, "guid");
  if (Blank(a.id)) {  // RSS 1.0: rdf:about
    for (xmlAttr* at = item->properties; at; at = at->next)
      if (at->name && std::string_view(reinterpret_cast<const char*>(at->name)) == "about")
        a.id = Text(reinterpret_cast<const xmlNode*>(at));
  }
  a.url = ChildText(item, "link");
  a.title = ChildText(item, "title");
  a.date = ChildText(item, "pubDate");
  if (Blank(a.date)) a.date = ChildText(item, "date");  // dc:date (RFC 3339)
  a.language = ChildText(item, "language");             // dc:language
  if (Blank(a.language)) a.language = language;
  a.source = source;
  a.body = Fullest({ChildText(item, "encoded"), ChildText(item, "description")});
  if (Blank(a.body)) a.body = a.title;
  // <author> is an address with the name in brackets; dc:creator a name.
  for (const xmlNode* n = Child(item, "author"); n; n = NextNamed(n))
    AddAuthor(a, RssAuthorName(Text(n)));
  for (const xmlNode* n = Child(item, "creator"); n; n = NextNamed(n)) AddAuthor(a, Text(n));
  // <category domain="http://cv.iptc.org/newscodes/mediatopic/">11000000</category>
  // is a code in a vocabulary; a category without a known domain is its own name.
  for (const xmlNode* n = Child(item, "category"); n; n = NextNamed(n)) {
    std::string text = Text(n);
    std::string code = SubjectCode(Attr(n, "domain"), text);
    AddSubject(a, code, code == TrimmedCopy(text) ? code : std::string());
  }
  for (const xmlNode* n = Child(item, "subject"); n; n = NextNamed(n))  // dc:subject
    AddSubject(a, "", Text(n));
  Emit(std::move(a), item, path, sink);
}

// Atom text constructs: type="html" holds escaped markup (the cleaner
// decodes it), "xhtml" a <div> of inline markup, "text" (the default) plain
// text, escaped here so the cleaner leaves a literal "<" alone.
std::string AtomText(const xmlNode* n) {
  if (!n) return {};
  std::string type = Attr(n, "type");
  if (type == "html") return Text(n);
  if (type == "xhtml") return InnerXml(n);
  if (type.empty() || type == "text") return EscapeHtml(Text(n));
  // Another media type: only text/* says anything readable.
  return type.rfind("text/", 0) == 0 ? EscapeHtml(Text(n)) : std::string();
}

std::string AtomLink(const xmlNode* entry) {
  std::string fallback;
  for (const xmlNode* l = Child(entry, "link", kAtomNs); l; l = NextNamed(l)) {
    std::string rel = Attr(l, "rel");
    if (rel.empty() || rel == "alternate") return Attr(l, "href");
    if (fallback.empty() && rel == "self") fallback = Attr(l, "href");
  }
  return fallback;
}

// `feed` is the <feed> element whose authors an entry without its own
// inherits (RFC 4287 4.2.1), or null for an entry document.
void ReadAtomEntry(const xmlNode* entry, const xmlNode* feed, const std::string& source,
                   const std::string& path, const ArticleSink& sink) {
  Article a;
  a.id = ChildText(entry, "id", kAtomNs);
  a.url = AtomLink(entry);
  a.title = AtomText(Child(entry, "title", kAtomNs));
  a.date = ChildText(entry, "published", kAtomNs);
  if (Blank(a.date)) a.date = ChildText(entry, "updated", kAtomNs);
  a.language = Lang(entry);
  a.source = source;
  if (const xmlNode* src = Child(entry, "source", kAtomNs))  // an entry copied from elsewhere
    if (std::string t = Text(Child(src, "title", kAtomNs)); !Blank(t)) a.source = t;
  a.body = Fullest(
      {AtomText(Child(entry, "content", kAtomNs)), AtomText(Child(entry, "summary", kAtomNs))});
  if (Blank(a.body)) a.body = a.title;
  AddAtomPeople(a, entry, "author");
  if (a.authors.empty()) AddAtomPeople(a, Child(entry, "source", kAtomNs), "author");
  if (a.authors.empty()) AddAtomPeople(a, feed, "author");
  AddAtomPeople(a, entry, "contributor");
  for (const xmlNode* n = Child(entry, "category", kAtomNs); n; n = NextNamed(n)) {
    std::string term = Attr(n, "term"), label = Attr(n, "label");
    std::string code = SubjectCode(Attr(n, "scheme"), term);
    // A term that is a word, not a code in a scheme, names itself.
    if (Blank(label) && code == TrimmedCopy(term)) label = code;
    AddSubject(a, code, label);
  }
  Emit(std::move(a), entry, path, sink);
}

// The items of a parsed feed, by its root element.
void ReadFeedRoot(const xmlNode* root, std::string_view name, const std::string& path,
                  const ArticleSink& sink) {
  if (name == "rss") {
    const xmlNode* channel = Child(root, "channel");
    if (!channel) {
      sink(Status::BadRequest(Origin(path, root) + ": RSS without a <channel>"));
      return;
    }
    std::string source = ChildText(channel, "title"), language = ChildText(channel, "language");
    for (const xmlNode* item = Child(channel, "item"); item; item = NextNamed(item))
      ReadRssItem(item, source, language, path, sink);
  } else if (name == "RDF") {
    const xmlNode* channel = Child(root, "channel");
    std::string source = ChildText(channel, "title");
    std::string language = ChildText(channel, "language");
    for (const xmlNode* item = Child(root, "item"); item; item = NextNamed(item))
      ReadRssItem(item, source, language, path, sink);
  } else if (name == "feed" && NamespaceOf(root) == kAtomNs) {
    std::string source = StripMarkup(AtomText(Child(root, "title", kAtomNs)));
    for (const xmlNode* e = Child(root, "entry", kAtomNs); e; e = NextNamed(e))
      ReadAtomEntry(e, root, source, path, sink);
  } else if (name == "entry" && NamespaceOf(root) == kAtomNs) {
    ReadAtomEntry(root, nullptr, "", path, sink);  // an Atom entry document
  } else {
    sink(WrongRoot(path, root, "a feed", "rss, rdf:RDF or Atom feed"));
  }
  // An empty feed is valid (nothing published yet) and yields nothing.
}

}  // namespace

void ReadFeed(std::string_view content, const std::string& path, const ArticleSink& sink) {
  ReadXmlRoot(content, path, sink, [&](const xmlNode* root, std::string_view name) {
    ReadFeedRoot(root, name, path, sink);
  });
}

}  // namespace communique
