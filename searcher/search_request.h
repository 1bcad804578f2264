// A search request as the HTTP layer understands it, and its validation.
// No Xapian here: the HTTP layer and its tests compile without it.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "schema/field_schema.h"

namespace communique {

// Limits for untrusted input; past them a request is a 400 naming the limit.
constexpr size_t kMaxQueryBytes = 1024;
constexpr size_t kMaxQueryWords = 64;  // words in q, before alias expansion
constexpr int kMaxPageSize = 100;
constexpr int kMaxExportSize = 1000;     // size for format=csv|atom
constexpr int kMaxResultWindow = 10000;  // page * size; deeper with `cursor`
constexpr size_t kMaxFilterValues = 32;
constexpr int kMaxSuggestions = 20;  // /api/suggest size

// The pseudo-facet of country pairs. When schema/fields.json has a field of
// this name the indexer stores the pairs; otherwise the searcher derives
// them from the country list.
constexpr char kDyadField[] = "dyad";

struct SearchRequest {
  std::string q;
  // Facet field name ("country", "organisation"…) -> values; a document
  // must carry every value listed for a field.
  std::map<std::string, std::vector<std::string>> filters;
  // Facet field name -> values, from `country_any=PK,RU`: a document must
  // carry at least one of them.
  std::map<std::string, std::vector<std::string>> any_filters;
  // Facet field name -> values, from `country_not=RU,UA`: a document must
  // carry none of them.
  std::map<std::string, std::vector<std::string>> not_filters;
  std::string from, to;  // inclusive, "YYYYMMDD"; empty = open
  // kRecent: relevance blended with a decay on the article's age.
  enum class Sort { kRelevance, kDate, kRecent };
  Sort sort = Sort::kRelevance;
  // Bucket width of the date histogram (facets.date).
  enum class DateInterval { kDay, kMonth, kYear };
  DateInterval date_interval = DateInterval::kMonth;
  // What the HTTP layer renders: JSON, or the CSV / Atom export.
  enum class Format { kJson, kCsv, kAtom };
  Format format = Format::kJson;
  int page = 1;
  int size = 10;
  int facet_size = 10;
  bool facets = true;    // count facets (exports skip them)
  bool collapse = true;  // fold near-duplicates into one hit
  // Opaque position after the last hit of the previous page (`next_cursor`
  // of a date-sorted response); when set, `page` is ignored.
  std::string cursor;
};

// The canonical form of a dyad value: two country codes, upper-cased,
// sorted and joined by '-' ("ru-pk" -> "PK-RU"); "" when `value` is not two
// distinct codes of two ASCII letters.
std::string CanonicalDyad(const std::string& value);

// Builds a request from query parameters (repeated keys allowed). Filter
// parameters are the schema's facet fields and their query names ("org" for
// "organisation"), `NAME_any` for any-of filters and `NAME_not` for
// exclusions (both comma-separated), and `dyad`. Unknown parameters are rejected so a typo
// ("contry=PK") does not silently widen a search.
Result<SearchRequest> ParseSearchRequest(const std::multimap<std::string, std::string>& params,
                                         const FieldSchema& schema);

// Parses "2021-09-14", "2021-09" or "2021" into "YYYYMMDD": the first day of
// the period when `end` is false, its last day when true.
Result<std::string> ParseDateBound(const std::string& text, bool end);

// The wire names of the enums above ("relevance", "month", "csv").
const char* SortName(SearchRequest::Sort sort);
const char* DateIntervalName(SearchRequest::DateInterval interval);

}  // namespace communique
