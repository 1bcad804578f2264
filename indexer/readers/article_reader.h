// Readers for the input formats: JSON lines, plain text (the seed's
// "date YYYY-MM-DD DATELINE: ..." form) and HTML pages here; RSS/Atom
// (feed_reader.h), IPTC ninjs (ninjs_reader.h) and NewsML-G2
// (newsml_g2_reader.h) beside them, chosen by SniffFormat.
//
// Each reader calls `sink` once per record with either an Article or an
// error whose message is "path:line: reason"; a bad record never stops the
// reader. Thread-safety: readers hold no shared state.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <string_view>

#include "analysis/article.h"
#include "common/status.h"

namespace communique {

// kFeed is RSS 2.0, RSS 1.0 (RDF) or Atom; kAuto decides by content
// (SniffFormat), falling back to the extension.
enum class InputFormat { kJsonLines, kText, kHtml, kFeed, kNinjs, kNewsMlG2, kAuto, kUnknown };

// Records larger than this are rejected ("record too large") rather than
// loaded: a 10 MB line is an export gone wrong, not an article.
constexpr size_t kMaxRecordBytes = 8u << 20;
// Whole-document formats (feeds, ninjs arrays, NewsML-G2 messages) hold many
// records; past this size a file is refused ("file too large") unparsed.
constexpr size_t kMaxDocumentBytes = 32u << 20;

using ArticleSink = std::function<void(Result<Article>)>;

// The format for a path's extension (.jsonl .ndjson .json / .txt / .html
// .htm); kAuto for .xml .rss .atom .rdf (feed or NewsML-G2: the content
// decides).
InputFormat FormatForPath(std::string_view path);
// The format the start of a file shows: an XML root element (rss, rdf:RDF,
// Atom feed/entry → kFeed; newsItem, packageItem, newsMessage → kNewsMlG2;
// html → kHtml); for JSON, kNinjs when the first line is a ninjs object
// (LooksLikeNinjs), a one-line array, or "{" / "[" alone (pretty-printed),
// else kJsonLines (so a JSON-lines file with a broken first record stays
// JSON lines); else kUnknown. Reads only `head` (a prefix of the file).
InputFormat SniffFormat(std::string_view head);
// Parses a --format value ("jsonl", "text", "html", "rss"/"atom"/"feed",
// "ninjs", "newsml"/"g2", "auto").
InputFormat ParseFormatName(std::string_view name);

void ReadJsonLines(std::istream& in, const std::string& path, const ArticleSink& sink);
void ReadTextArticle(std::string_view content, const std::string& path, const ArticleSink& sink);
void ReadHtmlArticle(std::string_view content, const std::string& path, const ArticleSink& sink);

// Opens `path` and dispatches on `format` (kAuto: SniffFormat, then the
// extension); an unreadable file is reported through `sink` as an error.
void ReadFile(const std::string& path, InputFormat format, const ArticleSink& sink);
// Dispatches an in-memory document (a fetched feed) the same way; `path`
// names it in messages. kJsonLines reads it as lines.
void ReadContent(std::string_view content, const std::string& path, InputFormat format,
                 const ArticleSink& sink);

}  // namespace communique
