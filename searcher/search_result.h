// What a search engine answers, as plain values: the engine fills these,
// and the HTTP layer alone turns them into JSON, CSV or Atom
// (searcher/search_json.h), so the engine knows nothing of wire formats and
// the HTTP layer nothing of Xapian.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "searcher/search_request.h"

namespace communique {

// A gazetteer id with its display name.
struct EntityRef {
  std::string value;  // id or code ("PK", "vladimir-putin")
  std::string label;  // "Pakistan", "Vladimir Putin"
};

// One article on a result page. Untrusted text stays as written in `title`;
// `title_html` and `snippet` are safe HTML (everything escaped, then <mark>
// around matched words).
// A quote shown with a hit: the one the query's words match, else the
// article's first. `text_html` is safe HTML like `snippet`.
struct QuoteRef {
  std::string speaker, speaker_id, text_html;
};

struct SearchHit {
  std::string id, url, date, source, title, title_html, snippet;
  // The article's language (declared or detected: "ru") and its name in
  // that language ("Русский"); both "" when unknown.
  std::string language, language_name;
  std::vector<EntityRef> countries, leaders, organisations;
  std::vector<std::string> events;  // event types, the primary first
  // Bylines as the input gave them, and its subjects (value: the code,
  // label: the input's name for it, else the code). Untrusted text.
  std::vector<std::string> authors;
  std::vector<EntityRef> subjects;
  std::optional<QuoteRef> quote;
  double score = 0;
  uint64_t duplicates = 0;  // near-duplicates folded into this hit
  // The article had no headline: `title` is its first sentence, cut, made
  // by the indexer (readers should be told; see web/article.js).
  bool title_derived = false;
};

struct FacetBucket {
  std::string value, label;
  uint64_t count = 0;
};

// One facet's counts: sorted by count (the date histogram in date order).
struct FacetResult {
  std::string name;
  std::vector<FacetBucket> buckets;
};

// A role phrase of q and the holders it was widened to
// (searcher/entity_query.h): "UN secretary-general" also finds the
// articles of António Guterres dated within his term.
struct RoleHolder {
  std::string value, label;  // leader id and name
  std::string from, to;      // the term, ISO dates; `to` "" while in office
};
struct RoleExpansion {
  std::string phrase;               // as q writes it (untrusted text)
  std::string role;                 // "secretary-general", "president"
  EntityRef of;                     // the country or organisation whose office it is
  std::vector<RoleHolder> holders;  // the latest term first
};

// Another way to write the query, offered with the number of articles it
// finds: a respelled word, the query without its phrase quotes, or
// without the words that kept it from finding anything.
struct QueryAlternative {
  std::string q;
  uint64_t total = 0;
  std::vector<std::string> dropped;  // the parts of the query left out, as written
};

// How far the counts are exact (see CountOptions in xapian_searcher.h).
struct CountQuality {
  bool counted = false;      // facets were counted at all
  bool facets_exact = true;  // every match was counted
  double facets_sample = 1;  // else: the share of the index counted
};

// Which shards answered (an index on one disk always answers whole).
struct ShardCoverage {
  std::vector<std::string> missing;  // shards that did not answer
  bool partial() const { return !missing.empty(); }
};

// The answer to /api/search and /api/similar/{id}.
struct SearchResult {
  std::string query;
  uint64_t total = 0;
  uint64_t total_lower = 0, total_upper = 0;
  int page = 1, size = 10;
  SearchRequest::Sort sort = SearchRequest::Sort::kRelevance;
  bool collapse = true;
  SearchRequest::DateInterval date_interval = SearchRequest::DateInterval::kMonth;
  double took_ms = 0;
  std::vector<SearchHit> hits;
  std::vector<FacetResult> facets;  // in the order they are declared
  CountQuality counts;
  std::optional<QueryAlternative> suggestion;  // "did you mean"
  std::optional<QueryAlternative> unquoted;    // a phrase matched nothing
  std::optional<QueryAlternative> relaxed;     // all the words together matched nothing
  std::vector<RoleExpansion> expansions;       // role phrases of q and their holders
  std::string next_cursor;                     // date-sorted pages only
  ShardCoverage shards;
  // /api/similar only: the article and the terms "more like" was built from.
  std::string similar_to;
  std::vector<std::string> terms;
};

// The answer to /api/facets/{field}: every value of one facet.
struct FacetListing {
  std::string field;
  uint64_t total = 0;
  std::vector<FacetBucket> values;
  CountQuality counts;
  ShardCoverage shards;
};

}  // namespace communique
