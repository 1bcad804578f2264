// Query aliases as Xapian synonyms, derived from the gazetteers.
//
// The indexer stores these with WritableDatabase::add_synonym, and the
// searcher's QueryParser expands query words with them
// (FLAG_AUTO_MULTIWORD_SYNONYMS), so "SCO" also finds "Shanghai Cooperation
// Organisation", "Pakistan" finds "PK" (and every article the recogniser
// tagged with Pakistan) and "Putin" finds "Vladimir Putin". Keys and
// single-word values are folded exactly like indexed words; a multi-word
// value is stored as its folded words joined by spaces, which the searcher
// turns into a phrase (Xapian 1.4 would otherwise look it up as one term).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/field_schema.h"
#include "schema/gazetteer.h"

namespace communique {

struct SynonymPair {
  std::string key;    // folded word(s), space-separated
  std::string value;  // folded word(s), or an entity term such as "XCpk"
};

// The folded words of `text` joined by single spaces ("Shanghai Cooperation
// Organisation" -> "shanghai cooperation organisation"); "" when none.
std::string FoldPhrase(std::string_view text);

// Every synonym pair for the gazetteer's names and acronyms (not demonyms,
// metonyms or context-only aliases, which would widen queries too far), and
// for country codes that are not also common words ("pk", but not "in").
// Each name maps to its entity's term (schema prefix + lower-cased id; for
// countries the `country_mentioned` field when the schema has it) and to the
// entity's other names. The bare surnames of Gazetteer::QuerySurnames ("xi")
// map to their leaders' terms and names too. The former names of cities (Gazetteer::CityVariants:
// "kiev" <-> "kyiv", "bombay" <-> "mumbai") map to each other only. Sorted
// and without duplicates.
std::vector<SynonymPair> AliasSynonyms(const Gazetteer& gazetteer, const FieldSchema& schema);

}  // namespace communique
