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
constexpr int kMaxPageSize = 100;
constexpr int kMaxResultWindow = 10000;  // page * size
constexpr size_t kMaxFilterValues = 32;

struct SearchRequest {
  std::string q;
  // Facet field name ("country", "organisation"…) -> values; a document
  // must carry every value listed for a field.
  std::map<std::string, std::vector<std::string>> filters;
  std::string from, to;  // inclusive, "YYYYMMDD"; empty = open
  enum class Sort { kRelevance, kDate };
  Sort sort = Sort::kRelevance;
  int page = 1;
  int size = 10;
  int facet_size = 10;
};

// Builds a request from query parameters (repeated keys allowed). Filter
// parameters are the schema's facet fields and their query names ("org" for
// "organisation"). Unknown parameters are rejected so a typo ("contry=PK")
// does not silently widen a search.
Result<SearchRequest> ParseSearchRequest(const std::multimap<std::string, std::string>& params,
                                         const FieldSchema& schema);

// Parses "2021-09-14", "2021-09" or "2021" into "YYYYMMDD": the first day of
// the period when `end` is false, its last day when true.
Result<std::string> ParseDateBound(const std::string& text, bool end);

}  // namespace communique
