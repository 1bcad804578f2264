#include "indexer/readers/article_reader.h"

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/clean/html_text.h"
#include "common/strings.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/newsml_g2_reader.h"
#include "indexer/readers/ninjs_reader.h"
#include "indexer/readers/reader_fields.h"

namespace communique {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

bool IsBlank(std::string_view s) { return TrimLeft(s).empty(); }

Status Error(const std::string& origin, const std::string& reason) {
  return Status::BadRequest(origin + ": " + reason);
}

// Reads a string field that may also be written as a number (Reuters ids).
// Returns false with `reason` set when the field has another type.
bool StringField(const nlohmann::json& j, const char* name, std::string& out, std::string& reason,
                 bool allow_number = false) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return true;
  if (it->is_string()) {
    out = it->get<std::string>();
  } else if (allow_number && it->is_number_integer()) {
    out = std::to_string(it->get<long long>());
  } else {
    reason = std::string("field \"") + name + "\" must be a string";
    return false;
  }
  return true;
}

// "author": "Jane Smith" or "authors": ["Jane Smith", {"name": "Ali Khan"}].
bool AuthorFields(const nlohmann::json& j, Article& a, std::string& reason) {
  std::string one;
  if (!StringField(j, "author", one, reason)) return false;
  AddAuthor(a, one);
  auto it = j.find("authors");
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_array()) {
    reason = "field \"authors\" must be an array of names";
    return false;
  }
  for (const auto& e : *it) {
    if (e.is_string()) {
      AddAuthor(a, e.get<std::string>());
    } else if (e.is_object() && e.value("name", nlohmann::json()).is_string()) {
      AddAuthor(a, e["name"].get<std::string>());
    } else {
      reason = "field \"authors\" must hold names (strings or {\"name\": ...})";
      return false;
    }
  }
  return true;
}

// "subjects": ["medtop:11000000", {"code": "medtop:20000638", "name":
// "diplomacy"}] ("qcode" or "uri" for "code" too, as IPTC formats write it).
bool SubjectFields(const nlohmann::json& j, Article& a, std::string& reason) {
  auto it = j.find("subjects");
  if (it == j.end() || it->is_null()) return true;
  const char* bad = "field \"subjects\" must be an array of codes or {\"code\", \"name\"} objects";
  if (!it->is_array()) {
    reason = bad;
    return false;
  }
  for (const auto& e : *it) {
    if (e.is_string()) {
      AddSubject(a, SubjectCode("", e.get<std::string>()), "");
      continue;
    }
    if (!e.is_object()) {
      reason = bad;
      return false;
    }
    std::string code, name;
    for (const char* key : {"code", "qcode", "uri"})
      if (code.empty() && !StringField(e, key, code, reason)) return false;
    if (!StringField(e, "name", name, reason)) return false;
    if (IsBlank(code) && IsBlank(name)) {
      reason = bad;
      return false;
    }
    AddSubject(a, SubjectCode("", code), name);
  }
  return true;
}

}  // namespace

InputFormat FormatForPath(std::string_view path) {
  std::string p = Lower(path);
  if (EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson") || EndsWith(p, ".json"))
    return InputFormat::kJsonLines;
  if (EndsWith(p, ".txt") || EndsWith(p, ".text")) return InputFormat::kText;
  if (EndsWith(p, ".html") || EndsWith(p, ".htm")) return InputFormat::kHtml;
  if (EndsWith(p, ".xml") || EndsWith(p, ".rss") || EndsWith(p, ".atom") || EndsWith(p, ".rdf"))
    return InputFormat::kAuto;
  return InputFormat::kUnknown;
}

InputFormat SniffFormat(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  head = TrimLeft(head);
  if (head.empty()) return InputFormat::kUnknown;
  if (head[0] == '[' || head[0] == '{') {
    size_t nl = head.find('\n');
    // One line with no end in sight: only a minified array is likely.
    if (nl == std::string_view::npos && head.size() >= (64u << 10))
      return head[0] == '[' ? InputFormat::kNinjs : InputFormat::kJsonLines;
    std::string_view first = head.substr(0, nl);
    nlohmann::json j = nlohmann::json::parse(first.begin(), first.end(), nullptr, false);
    if (j.is_discarded()) {
      // A pretty-printed document opens with "{" or "[" alone on its line;
      // anything else is a JSON-lines file with a broken first record.
      std::string_view t = TrimLeft(first);
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
      return t == "{" || t == "[" ? InputFormat::kNinjs : InputFormat::kJsonLines;
    }
    if (j.is_array())  // a one-line ninjs array, unless more records follow
      return nl == std::string_view::npos || IsBlank(head.substr(nl)) ? InputFormat::kNinjs
                                                                      : InputFormat::kJsonLines;
    return LooksLikeNinjs(j) ? InputFormat::kNinjs : InputFormat::kJsonLines;
  }
  if (head[0] != '<') return InputFormat::kUnknown;
  // Skip the prolog: declarations, processing instructions, comments and a
  // doctype (with or without an internal subset), then read the root name.
  size_t i = 0;
  while (i < head.size() && head[i] == '<') {
    std::string_view rest = head.substr(i);
    size_t end;
    if (rest.substr(0, 4) == "<!--") {
      end = rest.find("-->");
      if (end != std::string_view::npos) end += 3;
    } else if (rest.substr(0, 2) == "<?") {
      end = rest.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (rest.size() > 9 && Lower(rest.substr(0, 9)) == "<!doctype") {
      if (Lower(rest.substr(0, 14)) == "<!doctype html") return InputFormat::kHtml;
      size_t bracket = rest.find('['), close = rest.find('>');
      if (bracket != std::string_view::npos && bracket < close) close = rest.find("]>", bracket);
      end = close == std::string_view::npos ? close : rest.find('>', close) + 1;
    } else {
      break;
    }
    if (end == std::string_view::npos) return InputFormat::kUnknown;
    i += end;
    while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  }
  if (i >= head.size() || head[i] != '<') return InputFormat::kUnknown;
  size_t j = i + 1;
  while (j < head.size() && !std::isspace(static_cast<unsigned char>(head[j])) && head[j] != '>' &&
         head[j] != '/')
    ++j;
  std::string_view name = head.substr(i + 1, j - i - 1);
  if (size_t colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  if (name == "rss" || name == "RDF" || name == "feed" || name == "entry")
    return InputFormat::kFeed;
  if (name == "newsItem" || name == "packageItem" || name == "newsMessage")
    return InputFormat::kNewsMlG2;
  if (Lower(name) == "html") return InputFormat::kHtml;
  return InputFormat::kUnknown;
}

InputFormat ParseFormatName(std::string_view name) {
  std::string n = Lower(name);
  if (n == "jsonl" || n == "json" || n == "ndjson") return InputFormat::kJsonLines;
  if (n == "text" || n == "txt") return InputFormat::kText;
  if (n == "html" || n == "htm") return InputFormat::kHtml;
  if (n == "rss" || n == "atom" || n == "feed" || n == "rdf") return InputFormat::kFeed;
  if (n == "ninjs") return InputFormat::kNinjs;
  if (n == "newsml" || n == "newsml-g2" || n == "g2") return InputFormat::kNewsMlG2;
  if (n == "auto") return InputFormat::kAuto;
  return InputFormat::kUnknown;
}

// Reads one line into `line` (without the newline). Bytes past
// kMaxRecordBytes are dropped and reported through `too_long`, so an endless
// line costs bounded memory. Returns false at end of input.
bool ReadBoundedLine(std::streambuf& sb, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  for (;;) {
    int c = sb.sbumpc();
    if (c == std::char_traits<char>::eof()) return any;
    any = true;
    if (c == '\n') return true;
    if (line.size() < kMaxRecordBytes)
      line.push_back(static_cast<char>(c));
    else
      too_long = true;
  }
}

void ReadJsonLines(std::istream& in, const std::string& path, const ArticleSink& sink) {
  std::string line;
  bool too_long = false;
  std::streambuf* sb = in.rdbuf();
  for (size_t lineno = 1; sb && ReadBoundedLine(*sb, line, too_long); ++lineno) {
    std::string origin = path + ":" + std::to_string(lineno);
    if (too_long) {
      sink(Error(origin,
                 "record too large (over " + std::to_string(kMaxRecordBytes >> 20) + " MiB)"));
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsBlank(line)) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      std::string what = e.what();
      // nlohmann's messages start with "[json.exception.parse_error.101] ".
      size_t cut = what.find("] ");
      sink(Error(origin,
                 "invalid JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2))));
      continue;
    }
    if (!j.is_object()) {
      sink(Error(origin, "expected a JSON object"));
      continue;
    }
    Article a;
    a.origin = origin;
    a.input_bytes = line.size() + 1;
    std::string reason;
    bool ok =
        StringField(j, "id", a.id, reason, /*allow_number=*/true) &&
        StringField(j, "url", a.url, reason) && StringField(j, "title", a.title, reason) &&
        StringField(j, "date", a.date, reason) && StringField(j, "source", a.source, reason) &&
        StringField(j, "language", a.language, reason) &&
        StringField(j, "dateline", a.dateline, reason) && StringField(j, "body", a.body, reason);
    // Common alternatives in real exports (UN speeches use "text").
    if (ok && a.body.empty()) ok = StringField(j, "text", a.body, reason);
    if (ok && a.body.empty()) ok = StringField(j, "content", a.body, reason);
    ok = ok && AuthorFields(j, a, reason) && SubjectFields(j, a, reason);
    if (!ok) {
      sink(Error(origin, reason));
      continue;
    }
    if (IsBlank(a.body)) {
      sink(Error(origin, "missing \"body\""));
      continue;
    }
    sink(std::move(a));
  }
}

void ReadTextArticle(std::string_view content, const std::string& path, const ArticleSink& sink) {
  if (content.size() > kMaxRecordBytes) {
    sink(Error(path + ":1", "record too large"));
    return;
  }
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);  // BOM
  Article a;
  a.origin = path + ":1";
  a.input_bytes = content.size();
  std::string_view rest = TrimLeft(content);
  // The seed's header: "date 2021-09-14 ISLAMABAD: ..." on the first line.
  if (rest.size() > 5 && Lower(rest.substr(0, 5)) == "date ") {
    std::string_view after = TrimLeft(rest.substr(5));
    size_t end = 0;
    while (end < after.size() && !std::isspace(static_cast<unsigned char>(after[end]))) ++end;
    a.date = std::string(after.substr(0, end));
    rest = TrimLeft(after.substr(end));
  }
  a.body = std::string(rest);
  if (IsBlank(a.body)) {
    sink(Error(a.origin, "empty article"));
    return;
  }
  sink(std::move(a));
}

void ReadHtmlArticle(std::string_view content, const std::string& path, const ArticleSink& sink) {
  if (content.size() > kMaxRecordBytes) {
    sink(Error(path + ":1", "record too large"));
    return;
  }
  HtmlPage page = ParseHtmlPage(content);
  Article a;
  a.origin = path + ":1";
  a.input_bytes = content.size();
  a.title = !IsBlank(page.headline) ? page.headline : page.title;
  a.url = page.canonical;
  a.date = page.date;
  a.language = page.language;
  a.source = page.source;
  std::string_view body = TrimLeft(page.body);
  while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back())))
    body.remove_suffix(1);
  // The headline usually opens the article element too.
  std::string_view headline = TrimLeft(page.headline);
  while (!headline.empty() && std::isspace(static_cast<unsigned char>(headline.back())))
    headline.remove_suffix(1);
  if (!headline.empty() && body.substr(0, headline.size()) == headline)
    body = TrimLeft(body.substr(headline.size()));
  a.body = std::string(body);
  if (IsBlank(a.body)) {
    sink(Error(a.origin, "no article text found in the page"));
    return;
  }
  sink(std::move(a));
}

void ReadContent(std::string_view content, const std::string& path, InputFormat format,
                 const ArticleSink& sink) {
  if (format == InputFormat::kAuto) {
    format = SniffFormat(content.substr(0, 64 << 10));
    if (format == InputFormat::kUnknown) format = FormatForPath(path);
  }
  switch (format) {
    case InputFormat::kJsonLines: {
      std::istringstream in{std::string(content)};
      ReadJsonLines(in, path, sink);
      return;
    }
    case InputFormat::kText:
      return ReadTextArticle(content, path, sink);
    case InputFormat::kHtml:
      return ReadHtmlArticle(content, path, sink);
    case InputFormat::kFeed:
      return ReadFeed(content, path, sink);
    case InputFormat::kNinjs:
      return ReadNinjs(content, path, sink);
    case InputFormat::kNewsMlG2:
      return ReadNewsMlG2(content, path, sink);
    default:
      sink(Error(path,
                 "unknown input format (use .jsonl, .txt, .html, .xml, .rss or .atom, or "
                 "--format)"));
  }
}

void ReadFile(const std::string& path, InputFormat format, const ArticleSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink(Error(path, "cannot open file"));
    return;
  }
  if (format == InputFormat::kAuto) {
    // The head decides; a JSON-lines file is then streamed, never loaded.
    std::string head(64 << 10, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    format = SniffFormat(head);
    if (format == InputFormat::kUnknown) format = FormatForPath(path);
    if (format == InputFormat::kAuto) format = InputFormat::kUnknown;  // XML, but no known root
    in.clear();
    in.seekg(0);
  }
  if (format == InputFormat::kJsonLines) {
    ReadJsonLines(in, path, sink);
    return;
  }
  bool whole_document = format == InputFormat::kFeed || format == InputFormat::kNinjs ||
                        format == InputFormat::kNewsMlG2;
  size_t limit = whole_document ? kMaxDocumentBytes : kMaxRecordBytes;
  std::string content;
  content.resize(limit + 1);
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<size_t>(in.gcount()));
  if (content.size() > limit) {
    sink(Error(path + ":1", whole_document ? "file too large (over " +
                                                 std::to_string(kMaxDocumentBytes >> 20) + " MiB)"
                                           : "record too large"));
    return;
  }
  if (format == InputFormat::kUnknown)
    sink(Error(path, "cannot tell the format from the content or the extension (use --format)"));
  else
    ReadContent(content, path, format, sink);
}

}  // namespace communique
