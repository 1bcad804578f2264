#include "indexer/readers/xml_input.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cstring>
#include <mutex>

namespace communique {
namespace {

// Set on the parser context when a document declares an entity: the parser
// stops there, so nothing is ever expanded or fetched.
struct ParseGuard {
  bool entity_declared = false;
  long entity_line = 0;
};

void RefuseEntityDecl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  auto* guard = static_cast<ParseGuard*>(ctxt->_private);
  if (guard && !guard->entity_declared) {
    guard->entity_declared = true;
    guard->entity_line = ctxt->input ? ctxt->input->line : 0;
  }
  xmlStopParser(ctxt);
}

std::string Trimmed(const char* message) {
  std::string m = message ? message : "malformed XML";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

std::string FromXml(xmlChar* s) {
  if (!s) return {};
  std::string out(reinterpret_cast<const char*>(s));
  xmlFree(s);
  return out;
}

}  // namespace

Result<XmlDoc> ParseXml(std::string_view content, const std::string& path) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (content.size() > kMaxDocumentBytes)
    return Status::BadRequest(path + ":1: file too large (over " +
                              std::to_string(kMaxDocumentBytes >> 20) + " MiB)");
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(xmlNewParserCtxt(),
                                                                  xmlFreeParserCtxt);
  if (!ctxt) return Status::Internal(path + ":1: out of memory");
  ParseGuard guard;
  ctxt->_private = &guard;
  ctxt->sax->entityDecl = RefuseEntityDecl;
  // No NOENT (entities stay unexpanded), no DTDLOAD/DTDATTR (no external
  // subset), NONET (no fetching), no HUGE (libxml2's own size and depth
  // limits stay on); NOCDATA merges CDATA sections into text.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  XmlDoc doc(xmlCtxtReadMemory(ctxt.get(), content.data(), static_cast<int>(content.size()),
                               nullptr, nullptr, options));
  if (guard.entity_declared)
    return Status::BadRequest(path + ":" +
                              std::to_string(guard.entity_line > 0 ? guard.entity_line : 1) +
                              ": entity declarations are not accepted");
  // libxml2 reports some of its limits (huge text nodes, in versions that
  // check them) as a memory error that stops the parse but may leave the
  // document "well formed".
  if (!doc || !ctxt->wellFormed || ctxt->errNo == XML_ERR_NO_MEMORY) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    long line = e && e->line > 0 ? e->line : 1;
    return Status::BadRequest(path + ":" + std::to_string(line) +
                              ": malformed XML: " + Trimmed(e ? e->message : nullptr));
  }
  if (!xmlDocGetRootElement(doc.get())) return Status::BadRequest(path + ":1: empty XML document");
  return Result<XmlDoc>(std::move(doc));
}

void ReadXmlRoot(std::string_view content, const std::string& path, const ArticleSink& sink,
                 const std::function<void(const xmlNode* root, std::string_view name)>& read) {
  auto doc = ParseXml(content, path);
  if (!doc.ok()) {
    sink(doc.status());
    return;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.value().get());
  read(root, LocalName(root));
}

Status WrongRoot(const std::string& path, const xmlNode* root, std::string_view what,
                 std::string_view expected) {
  return Status::BadRequest(path + ":" + std::to_string(Line(root)) + ": not " + std::string(what) +
                            " (root element <" + std::string(LocalName(root)) + ">, expected " +
                            std::string(expected) + ")");
}

void EmitItem(Article a, std::string_view empty_reason, const ArticleSink& sink) {
  if (a.body.size() > kMaxRecordBytes) {
    sink(Status::BadRequest(a.origin + ": record too large"));
    return;
  }
  if (a.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink(Status::BadRequest(a.origin + ": " + std::string(empty_reason)));
    return;
  }
  a.input_bytes = a.body.size() + a.title.size();
  sink(std::move(a));
}

std::string_view LocalName(const xmlNode* node) {
  if (!node || node->type != XML_ELEMENT_NODE || !node->name) return {};
  return reinterpret_cast<const char*>(node->name);
}

std::string_view NamespaceOf(const xmlNode* node) {
  if (!node || !node->ns || !node->ns->href) return {};
  return reinterpret_cast<const char*>(node->ns->href);
}

const xmlNode* Child(const xmlNode* parent, std::string_view local, const char* ns) {
  if (!parent) return nullptr;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (LocalName(c) != local) continue;
    if (ns && NamespaceOf(c) != ns) continue;
    return c;
  }
  return nullptr;
}

const xmlNode* NextNamed(const xmlNode* node) {
  std::string_view name = LocalName(node);
  for (const xmlNode* c = node ? node->next : nullptr; c; c = c->next)
    if (LocalName(c) == name && NamespaceOf(c) == NamespaceOf(node)) return c;
  return nullptr;
}

std::string Text(const xmlNode* node) {
  return node ? FromXml(xmlNodeGetContent(node)) : std::string();
}

std::string ChildText(const xmlNode* parent, std::string_view local, const char* ns) {
  return Text(Child(parent, local, ns));
}

std::string Attr(const xmlNode* node, const char* name) {
  if (!node || node->type != XML_ELEMENT_NODE) return {};
  return FromXml(xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name)));
}

std::string Lang(const xmlNode* node) { return node ? FromXml(xmlNodeGetLang(node)) : ""; }

std::string InnerXml(const xmlNode* node) {
  if (!node) return {};
  std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buf(xmlBufferCreate(), xmlBufferFree);
  if (!buf) return {};
  for (xmlNode* c = node->children; c; c = c->next) xmlNodeDump(buf.get(), node->doc, c, 0, 0);
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                     static_cast<size_t>(xmlBufferLength(buf.get())));
}

long Line(const xmlNode* node) {
  long l = node ? xmlGetLineNo(node) : 0;
  return l > 0 ? l : 1;
}

}  // namespace communique
