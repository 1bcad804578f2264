// Readers for the input formats: JSON lines, plain text (the seed's
// "date YYYY-MM-DD DATELINE: ..." form) and HTML pages.
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

enum class InputFormat { kJsonLines, kText, kHtml, kUnknown };

// Records larger than this are rejected ("record too large") rather than
// loaded: a 10 MB line is an export gone wrong, not an article.
constexpr size_t kMaxRecordBytes = 8u << 20;

using ArticleSink = std::function<void(Result<Article>)>;

// The format for a path's extension (.jsonl .ndjson .json / .txt / .html .htm).
InputFormat FormatForPath(std::string_view path);
// Parses a --format value ("jsonl", "text", "html").
InputFormat ParseFormatName(std::string_view name);

void ReadJsonLines(std::istream& in, const std::string& path, const ArticleSink& sink);
void ReadTextArticle(std::string_view content, const std::string& path, const ArticleSink& sink);
void ReadHtmlArticle(std::string_view content, const std::string& path, const ArticleSink& sink);

// Opens `path` and dispatches on `format`; an unreadable file is reported
// through `sink` as an error.
void ReadFile(const std::string& path, InputFormat format, const ArticleSink& sink);

}  // namespace communique
