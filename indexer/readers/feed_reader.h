// Syndication feeds: RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0. One
// Article per item/entry; the mapping is documented in README.md ("Feeds
// and wire formats").
//
// Thread-safety: pure function; readers hold no shared state.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/article_reader.h"

namespace communique {

// Reads a whole feed document. A document that is not XML, or not a feed,
// is one error ("path:line: reason"); an item without text is reported on
// its own line and the other items still go through. Origins are
// "path:line" of the item element.
void ReadFeed(std::string_view content, const std::string& path, const ArticleSink& sink);

}  // namespace communique
