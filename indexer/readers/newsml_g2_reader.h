// IPTC NewsML-G2: a newsItem document, or a newsMessage carrying newsItems
// and packageItems, with the text inline (inlineXML XHTML or inlineData).
// The mapping is documented in README.md ("Feeds and wire formats").
//
// Thread-safety: pure function; readers hold no shared state.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/article_reader.h"

namespace communique {

// Reads every newsItem of the document as one Article (origin: the line of
// its <newsItem>). packageItems only arrange other items, so they yield no
// article; a document with neither a readable newsItem nor a packageItem is
// an error. Remote content (contentSet/remoteContent) is never fetched.
void ReadNewsMlG2(std::string_view content, const std::string& path, const ArticleSink& sink);

}  // namespace communique
