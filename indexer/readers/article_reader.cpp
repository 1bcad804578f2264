#include "indexer/readers/article_reader.h"

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/clean/html_text.h"

namespace communique {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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

}  // namespace

InputFormat FormatForPath(std::string_view path) {
  std::string p = Lower(path);
  if (EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson") || EndsWith(p, ".json"))
    return InputFormat::kJsonLines;
  if (EndsWith(p, ".txt") || EndsWith(p, ".text")) return InputFormat::kText;
  if (EndsWith(p, ".html") || EndsWith(p, ".htm")) return InputFormat::kHtml;
  return InputFormat::kUnknown;
}

InputFormat ParseFormatName(std::string_view name) {
  std::string n = Lower(name);
  if (n == "jsonl" || n == "json" || n == "ndjson") return InputFormat::kJsonLines;
  if (n == "text" || n == "txt") return InputFormat::kText;
  if (n == "html" || n == "htm") return InputFormat::kHtml;
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

void ReadFile(const std::string& path, InputFormat format, const ArticleSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink(Error(path, "cannot open file"));
    return;
  }
  if (format == InputFormat::kJsonLines) {
    ReadJsonLines(in, path, sink);
    return;
  }
  std::string content;
  content.resize(kMaxRecordBytes + 1);
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<size_t>(in.gcount()));
  if (format == InputFormat::kText)
    ReadTextArticle(content, path, sink);
  else if (format == InputFormat::kHtml)
    ReadHtmlArticle(content, path, sink);
  else
    sink(Error(path, "unknown input format (use .jsonl, .txt or .html, or --format)"));
}

}  // namespace communique
