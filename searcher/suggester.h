// Search-box completions (/api/suggest): entities first (leaders,
// countries, organisations whose name, acronym or code starts with what was
// typed, or has a word that does), then frequent indexed words with that
// beginning. Counts are documents in the index; entities absent from the
// index are not offered.
//
// Thread-safety: immutable after construction; Suggest() may run
// concurrently with distinct Database handles.
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "searcher/search_request.h"

namespace communique {

class Suggester {
 public:
  // `schema` and `gazetteer` must outlive the suggester.
  Suggester(const FieldSchema& schema, const Gazetteer& gazetteer);

  // {"query": prefix, "suggestions": [{"text","kind","value","count"}]},
  // at most `size` (1..kMaxSuggestions) items. A blank prefix has none.
  nlohmann::json Suggest(const Xapian::Database& db, std::string_view prefix, int size) const;

 private:
  struct Name {
    std::string folded;  // the alias, folded; matched by prefix or word prefix
    const GazetteerEntry* entry;
    std::string term;  // the entity's term, for its document count
  };
  std::vector<Name> names_;
};

}  // namespace communique
