#include "indexer/readers/newsml_g2_reader.h"

#include "analysis/clean/html_text.h"
#include "common/html_escape.h"
#include "indexer/readers/reader_fields.h"
#include "indexer/readers/xml_input.h"

namespace communique {
namespace {

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A concept's display name: <x><name>Geneva</name></x>, else its literal or
// qcode attribute.
std::string ConceptName(const xmlNode* n) {
  if (!n) return {};
  std::string name = ChildText(n, "name");
  if (Blank(name)) name = Attr(n, "literal");
  if (Blank(name)) name = Attr(n, "qcode");
  return name;
}

// The text of a contentSet: the fullest inline rendition. XHTML yields its
// <body> (the <head> title would repeat the headline).
std::string InlineBody(const xmlNode* content_set) {
  std::string best;
  size_t best_len = 0;
  for (const xmlNode* c = content_set ? content_set->children : nullptr; c; c = c->next) {
    std::string_view name = LocalName(c);
    std::string text;
    if (name == "inlineXML") {
      const xmlNode* html = Child(c, "html");
      const xmlNode* body = Child(html ? html : c, "body");
      text = InnerXml(body ? body : c);
    } else if (name == "inlineData") {
      std::string type = Attr(c, "contenttype");
      text = type.find("html") != std::string::npos ? Text(c) : EscapeHtml(Text(c));
    } else {
      continue;
    }
    size_t len = StripMarkup(text).size();
    if (!Blank(text) && (best.empty() || len > best_len)) {
      best = std::move(text);
      best_len = len;
    }
  }
  return best;
}

// The name of a party (<creator>, <contributor>): its <name>, else its
// literal; a qcode alone ("aprp:1234") names no one readable.
std::string PartyName(const xmlNode* n) {
  std::string name = ChildText(n, "name");
  return Blank(name) ? Attr(n, "literal") : name;
}

// The <name> of a concept in the item's language when it has several
// (<name xml:lang="fr">), else the first.
std::string NameIn(const xmlNode* concept, const std::string& language) {
  const xmlNode* first = Child(concept, "name");
  for (const xmlNode* n = first; n && !language.empty(); n = NextNamed(n))
    if (Lang(n) == language) return Text(n);
  return Text(first);
}

// Creators, then contributors, then the free-text <by> when neither names
// anyone; subjects by qcode (else uri, else literal) with their names.
void ReadPeopleAndSubjects(const xmlNode* cmeta, Article& a) {
  for (const char* role : {"creator", "contributor"})
    for (const xmlNode* n = Child(cmeta, role); n; n = NextNamed(n)) AddAuthor(a, PartyName(n));
  if (a.authors.empty()) AddAuthor(a, ChildText(cmeta, "by"));
  for (const xmlNode* n = Child(cmeta, "subject"); n; n = NextNamed(n)) {
    std::string code = Attr(n, "qcode");
    if (Blank(code)) code = SubjectCode("", Attr(n, "uri"));
    if (Blank(code)) code = Attr(n, "literal");
    AddSubject(a, code, NameIn(n, a.language));
  }
}

void ReadNewsItem(const xmlNode* item, const std::string& path, const ArticleSink& sink) {
  Article a;
  a.origin = path + ":" + std::to_string(Line(item));
  a.id = Attr(item, "guid");
  const xmlNode* meta = Child(item, "itemMeta");
  const xmlNode* cmeta = Child(item, "contentMeta");
  a.title = ChildText(cmeta, "headline");
  a.date = ChildText(cmeta, "contentCreated");
  if (Blank(a.date)) a.date = ChildText(meta, "firstCreated");
  if (Blank(a.date)) a.date = ChildText(meta, "versionCreated");
  a.language = Attr(Child(cmeta, "language"), "tag");
  if (Blank(a.language)) a.language = Lang(item);
  a.dateline = ChildText(cmeta, "dateline");
  if (Blank(a.dateline)) a.dateline = ConceptName(Child(cmeta, "located"));
  a.source = ConceptName(Child(cmeta, "infoSource"));
  if (Blank(a.source)) a.source = ConceptName(Child(Child(item, "rightsInfo"), "copyrightHolder"));
  if (Blank(a.source)) a.source = ConceptName(Child(meta, "provider"));
  // A web rendition of the item, when the provider links one.
  for (const xmlNode* l = Child(meta, "link"); l && a.url.empty(); l = NextNamed(l)) {
    std::string href = Attr(l, "href");
    if (href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0) a.url = href;
  }
  ReadPeopleAndSubjects(cmeta, a);
  a.body = InlineBody(Child(item, "contentSet"));
  if (Blank(a.body)) {
    const xmlNode* d = Child(cmeta, "description");
    a.body = d ? EscapeHtml(Text(d)) : std::string();
  }
  EmitItem(std::move(a), "newsItem has no inline text (remote content is not fetched)", sink);
}

}  // namespace

void ReadNewsMlG2(std::string_view content, const std::string& path, const ArticleSink& sink) {
  ReadXmlRoot(content, path, sink, [&](const xmlNode* root, std::string_view name) {
    if (name == "newsItem") {
      ReadNewsItem(root, path, sink);
    } else if (name == "newsMessage") {
      for (const xmlNode* set = Child(root, "itemSet"); set; set = NextNamed(set))
        for (const xmlNode* c = set->children; c; c = c->next)
          if (LocalName(c) == "newsItem") ReadNewsItem(c, path, sink);
    } else if (name != "packageItem") {  // a packageItem arranges items sent separately
      sink(WrongRoot(path, root, "NewsML-G2", "newsItem, packageItem or newsMessage"));
    }
  });
}

}  // namespace communique
