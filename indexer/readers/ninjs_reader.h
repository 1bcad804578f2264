// IPTC ninjs ("News in JSON") 1.x and 2.x: one item object, an array of
// items, or one item per line (JSON lines). The mapping is documented in
// README.md ("Feeds and wire formats").
//
// Thread-safety: pure functions; readers hold no shared state.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "indexer/readers/article_reader.h"

namespace communique {

// True when `j` looks like a ninjs item rather than a plain Communique
// record: it has "uri" and at least one field only ninjs uses
// (versioncreated, firstcreated, headline(s), body_html, bodies, $schema or
// standard naming ninjs).
bool LooksLikeNinjs(const nlohmann::json& j);

// Maps one ninjs item to an Article (origin set by the caller), or an
// error reason.
Result<Article> NinjsToArticle(const nlohmann::json& item, const std::string& origin);

// Reads a ninjs document: an object, an array of objects (origin: the line
// of each element's "{"), or JSON lines. Each bad item is reported as
// "path:line: reason" and the others still go through.
void ReadNinjs(std::string_view content, const std::string& path, const ArticleSink& sink);

}  // namespace communique
