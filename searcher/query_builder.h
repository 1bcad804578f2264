// Turns the `q` of a search into a Xapian::Query, on Xapian's own
// QueryParser: words (stemmed like indexed text), "phrases", AND OR NOT XOR,
// +/-, NEAR and ADJ, trailing wildcards, parentheses; the field prefixes of
// schema/fields.json (title:, source:, lang:…), entity prefixes that accept
// any name, alias or code (country:pakistan, country:PK, leader:putin,
// org:"shanghai cooperation organization"), date:YYYY-MM-DD..YYYY-MM-DD; the
// gazetteer's aliases as synonyms stored in the index (see
// indexer/alias_synonyms.h); and a spelling suggestion from the index's
// spelling table.
//
// Also builds the filter query for a facet value, so `country=pakistan` and
// `q=country:pakistan` mean the same.
//
// Thread-safety: immutable after construction; Parse() and the other const
// methods may run concurrently (each call makes its own QueryParser; the
// Database passed in must not be shared with another thread meanwhile).
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "searcher/entity_query.h"

namespace communique {

// Limits on what one query may cost; past them Parse() is a 400 naming it.
constexpr Xapian::termcount kMaxWildcardExpansion = 200;
constexpr Xapian::termcount kMaxExpandedTerms = 2000;  // after aliases and wildcards

struct ParsedQuery {
  Xapian::Query query;     // MatchAll for a blank q
  std::string suggestion;  // corrected q when a word is unknown, else ""
};

class QueryBuilder {
 public:
  // `schema` and `gazetteer` must outlive the builder.
  QueryBuilder(const FieldSchema& schema, const Gazetteer& gazetteer);

  // Parses `q` against `db` (for synonyms, spelling and wildcards). 400
  // when q has too many words, a wildcard matches too many words, the
  // expanded query is too large, or q cannot be parsed at all.
  Result<ParsedQuery> Parse(const Xapian::Database& db, std::string_view q) const;

  // The gazetteer ids of `kind` that `text` names: an id or code ("PK",
  // "vladimir-putin"), or a name or acronym in any spelling the gazetteer
  // lists, compared after folding ("pakistan", "Shanghai Cooperation
  // Organization"). Empty when nothing matches.
  std::vector<std::string> ResolveEntity(EntityKind kind, std::string_view text) const;

  // The query for documents whose facet `field` holds `value`; entity
  // values are resolved as above (an unknown one matches nothing).
  // The "dyad" pseudo-field ("PK-RU") is both countries when the schema has
  // no dyad field.
  Xapian::Query FacetFilter(const std::string& field, const std::string& value) const;

  const FieldSchema& schema() const { return schema_; }

 private:
  const FieldSchema& schema_;
  const Gazetteer& gazetteer_;
  // kind digit + folded alias -> ids, for ResolveEntity().
  std::map<std::string, std::vector<std::string>> aliases_;
  // Entity boosts and role expansions added at the end of Parse().
  EntityQuery entity_query_{schema_, gazetteer_};
};

// Xapian 1.4's QueryParser turns a multi-word synonym into one term with
// spaces in it, which matches nothing; this rebuilds such terms as phrases
// (within the Boolean and synonym operators the parser produces) and leaves
// everything else as it was.
Xapian::Query PhrasesForSpacedTerms(const Xapian::Query& query);

}  // namespace communique
