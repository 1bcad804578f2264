#include "indexer/readers/ninjs_reader.h"

#include <algorithm>
#include <vector>

#include "common/html_escape.h"
#include "indexer/readers/reader_fields.h"

namespace communique {
namespace {

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// ninjs 2.x text lists (headlines, bodies, descriptions): the value whose
// role is `role` (or has no role), preferring HTML, else the longest.
std::string FromList(const nlohmann::json& j, const char* key, bool prefer_html) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return {};
  std::string best;
  bool best_html = false;
  for (const auto& e : *it) {
    if (!e.is_object()) continue;
    std::string v = Str(e, "value");
    if (Blank(v)) continue;
    bool html = Str(e, "contenttype").find("html") != std::string::npos;
    bool better = best.empty() || (prefer_html && html && !best_html) ||
                  (html == best_html && v.size() > best.size());
    if (better) {
      best = std::move(v);
      best_html = html;
    }
  }
  return best;
}

// The first "name" of an array of objects (infosources, places).
std::string FirstName(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return {};
  for (const auto& e : *it)
    if (e.is_object())
      if (std::string n = Str(e, "name"); !Blank(n)) return n;
  return {};
}

// Lines on which each top-level array element starts. A small scanner over
// JSON already known to parse: it tracks strings and nesting only.
std::vector<size_t> ElementLines(std::string_view s) {
  std::vector<size_t> lines;
  size_t line = 1;
  int depth = 0;
  bool in_string = false, expect = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (expect && c != ']') lines.push_back(line);
    expect = false;
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      expect = depth == 0 && c == '[';
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expect = true;
    }
  }
  return lines;
}

// Bylines: "byline" (1.x) and "by" (2.x) are statements ("By Jane Smith"),
// kept as written; "authors" (an extension some wires use) lists names or
// {"name"} objects.
void ReadAuthors(const nlohmann::json& item, Article& a) {
  for (const char* key : {"by", "byline"}) AddAuthor(a, Str(item, key));
  auto it = item.find("authors");
  if (it == item.end() || !it->is_array()) return;
  for (const auto& e : *it) {
    if (e.is_string()) AddAuthor(a, e.get<std::string>());
    if (e.is_object()) AddAuthor(a, Str(e, "name"));
  }
}

// Subjects: 1.x "subject" [{code, scheme, name}], 2.x "subjects" [{uri,
// literal, name}]; a uri of IPTC NewsCodes becomes its qcode.
void ReadSubjects(const nlohmann::json& item, Article& a) {
  for (const char* key : {"subject", "subjects"}) {
    auto it = item.find(key);
    if (it == item.end() || !it->is_array()) continue;
    for (const auto& e : *it) {
      if (!e.is_object()) continue;
      std::string code = SubjectCode(Str(e, "scheme"), Str(e, "code"));
      if (Blank(code)) code = SubjectCode("", Str(e, "uri"));
      if (Blank(code)) code = Str(e, "literal");
      AddSubject(a, code, Str(e, "name"));
    }
  }
}

std::string JsonError(const nlohmann::json::exception& e) {
  std::string what = e.what();
  size_t cut = what.find("] ");
  return "invalid JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2));
}

void EmitItem(const nlohmann::json& item, const std::string& origin, size_t bytes,
              const ArticleSink& sink) {
  if (!item.is_object()) {
    sink(Status::BadRequest(origin + ": expected a ninjs object"));
    return;
  }
  auto a = NinjsToArticle(item, origin);
  if (a.ok()) a.value().input_bytes = bytes;
  sink(std::move(a));
}

}  // namespace

bool LooksLikeNinjs(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("uri")) return false;
  for (const char* k : {"versioncreated", "firstcreated", "headline", "headlines", "body_html",
                        "bodies", "$schema", "standard"})
    if (j.contains(k)) return true;
  return false;
}

Result<Article> NinjsToArticle(const nlohmann::json& item, const std::string& origin) {
  Article a;
  a.origin = origin;
  a.id = Str(item, "uri");
  std::string type = Str(item, "type");
  if (!type.empty() && type != "text" && type != "composite")
    return Status::BadRequest(origin + ": ninjs item of type \"" + type + "\" holds no text");
  a.title = Str(item, "headline");
  if (Blank(a.title)) a.title = FromList(item, "headlines", /*prefer_html=*/false);
  a.date = Str(item, "versioncreated");
  if (Blank(a.date)) a.date = Str(item, "firstcreated");
  if (Blank(a.date)) a.date = Str(item, "contentcreated");
  a.language = Str(item, "language");
  a.dateline = Str(item, "located");
  if (Blank(a.dateline)) a.dateline = FirstName(item, "place");
  if (Blank(a.dateline)) a.dateline = FirstName(item, "places");
  a.source = FirstName(item, "infosources");
  if (Blank(a.source)) a.source = Str(item, "copyrightholder");
  // A uri that is a web address doubles as the link.
  if (a.id.rfind("http://", 0) == 0 || a.id.rfind("https://", 0) == 0) a.url = a.id;
  // The fullest body: HTML, else text, else the description.
  for (std::string b :
       {Str(item, "body_html"), FromList(item, "bodies", true), EscapeHtml(Str(item, "body_text")),
        Str(item, "description_html"), FromList(item, "descriptions", true),
        EscapeHtml(Str(item, "description_text"))}) {
    if (!Blank(b)) {
      a.body = std::move(b);
      break;
    }
  }
  if (a.body.size() > kMaxRecordBytes) return Status::BadRequest(origin + ": record too large");
  if (Blank(a.body)) return Status::BadRequest(origin + ": ninjs item has no body");
  ReadAuthors(item, a);
  ReadSubjects(item, a);
  return a;
}

void ReadNinjs(std::string_view content, const std::string& path, const ArticleSink& sink) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  size_t start = content.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return;
  if (content.size() > kMaxDocumentBytes) {
    sink(Status::BadRequest(path + ":1: file too large"));
    return;
  }
  nlohmann::json doc = nlohmann::json::parse(content.begin(), content.end(), nullptr,
                                             /*allow_exceptions=*/false);
  if (!doc.is_discarded()) {
    if (doc.is_array()) {
      std::vector<size_t> lines = ElementLines(content);
      for (size_t i = 0; i < doc.size(); ++i) {
        size_t line = i < lines.size() ? lines[i] : 1;
        EmitItem(doc[i], path + ":" + std::to_string(line), content.size() / doc.size(), sink);
      }
      return;
    }
    size_t line =
        1 + static_cast<size_t>(std::count(content.begin(), content.begin() + start, '\n'));
    EmitItem(doc, path + ":" + std::to_string(line), content.size(), sink);
    return;
  }
  // Not one JSON value: JSON lines, one item per line.
  size_t lineno = 0;
  while (!content.empty()) {
    ++lineno;
    size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    if (Blank(line)) continue;
    std::string origin = path + ":" + std::to_string(lineno);
    try {
      EmitItem(nlohmann::json::parse(line), origin, line.size() + 1, sink);
    } catch (const nlohmann::json::exception& e) {
      sink(Status::BadRequest(origin + ": " + JsonError(e)));
    }
  }
}

}  // namespace communique
