// Safe XML input for the feed readers, over libxml2: one call parses a
// document under fixed limits, and a few helpers read elements by local
// name so RSS, Atom and NewsML-G2 readers stay short.
//
// Why libxml2 (Debian libxml2-dev): it reports errors with line numbers,
// transcodes declared encodings (ISO-8859-1 feeds are common) to UTF-8, and
// without XML_PARSE_HUGE it bounds nesting (256 levels) and names; the
// readers bound each item's text (kMaxRecordBytes) and ParseXml the whole
// document (kMaxDocumentBytes). ParseXml never loads a DTD or touches the
// network (XML_PARSE_NONET, no DTDLOAD, no NOENT) and refuses any entity
// declaration, so billion-laughs and external-entity documents stop at the
// declaration instead of being expanded.
//
// Thread-safety: ParseXml may run on several threads at once (each call has
// its own parser context); an XmlDoc and its nodes belong to one thread.
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "indexer/readers/article_reader.h"

namespace communique {

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses `content` (at most kMaxDocumentBytes); a malformed or hostile document is a 400 whose
// message is "path:line: reason".
Result<XmlDoc> ParseXml(std::string_view content, const std::string& path);

// How every XML reader starts: parses `content` (ParseXml) and calls
// `read(root, name)` with the root element and its local name; a document
// that does not parse is reported to `sink` instead and `read` is not
// called. The document is freed when ReadXmlRoot returns, so `read` keeps no
// node.
void ReadXmlRoot(std::string_view content, const std::string& path, const ArticleSink& sink,
                 const std::function<void(const xmlNode* root, std::string_view name)>& read);
// The error for a document whose root is not what the reader reads:
// "path:line: not <what> (root element <name>, expected <expected>)".
Status WrongRoot(const std::string& path, const xmlNode* root, std::string_view what,
                 std::string_view expected);

// Hands a finished item (a.origin set) to `sink`, as every XML reader
// ends one: "origin: record too large" past kMaxRecordBytes of body,
// "origin: <empty_reason>" when the body is blank, else the article with
// input_bytes set (body and title).
void EmitItem(Article a, std::string_view empty_reason, const ArticleSink& sink);

// The element's local name ("encoded" for content:encoded), or "" for
// other nodes.
std::string_view LocalName(const xmlNode* node);
// The namespace URI of an element, or "".
std::string_view NamespaceOf(const xmlNode* node);
// The first child element with this local name (any namespace when `ns` is
// null), or null.
const xmlNode* Child(const xmlNode* parent, std::string_view local, const char* ns = nullptr);
// The next sibling element of `node` with the same local name, or null.
const xmlNode* NextNamed(const xmlNode* node);
// The text of an element and its descendants (entities and CDATA decoded).
std::string Text(const xmlNode* node);
// Text of the first child with this local name, or "".
std::string ChildText(const xmlNode* parent, std::string_view local, const char* ns = nullptr);
// An attribute without namespace, or "".
std::string Attr(const xmlNode* node, const char* name);
// The xml:lang in force on `node` (inherited from ancestors), or "".
std::string Lang(const xmlNode* node);
// The children of `node` serialised as markup (inline XHTML bodies), for
// the HTML cleaner.
std::string InnerXml(const xmlNode* node);
// The source line of `node` (1 when unknown).
long Line(const xmlNode* node);

}  // namespace communique
