#include "indexer/readers/feed_reader.h"

#include "analysis/clean/html_text.h"
#include "indexer/readers/xml_input.h"

namespace communique {
namespace {

constexpr const char kAtomNs[] = "http://www.w3.org/2005/Atom";

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

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
  if (a.body.size() > kMaxRecordBytes) {
    sink(Status::BadRequest(a.origin + ": record too large"));
    return;
  }
  if (Blank(a.body)) {
    sink(Status::BadRequest(a.origin + ": item has no text (no content, description or title)"));
    return;
  }
  a.input_bytes = a.body.size() + a.title.size();
  sink(std::move(a));
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

void ReadAtomEntry(const xmlNode* entry, const std::string& source, const std::string& path,
                   const ArticleSink& sink) {
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
  Emit(std::move(a), entry, path, sink);
}

}  // namespace

void ReadFeed(std::string_view content, const std::string& path, const ArticleSink& sink) {
  auto doc = ParseXml(content, path);
  if (!doc.ok()) {
    sink(doc.status());
    return;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.value().get());
  std::string_view name = LocalName(root);
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
      ReadAtomEntry(e, source, path, sink);
  } else if (name == "entry" && NamespaceOf(root) == kAtomNs) {
    ReadAtomEntry(root, "", path, sink);  // an Atom entry document
  } else {
    sink(Status::BadRequest(Origin(path, root) + ": not a feed (root element <" +
                            std::string(name) + ">, expected rss, rdf:RDF or Atom feed)"));
  }
  // An empty feed is valid (nothing published yet) and yields nothing.
}

}  // namespace communique
