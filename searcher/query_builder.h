// Turns the `q` of a search into a Xapian::Query. The text is parsed by
// ParseQueryText (searcher/query_parser.h: the query language, documented
// there), then compiled here against the index: words stemmed exactly like
// indexed text; stopwords dropped from ranking and highlighting but kept in
// phrases; the gazetteer's aliases expanded as synonyms stored in the index
// (analysis/alias_synonyms.h) — for excluded words too, so `Khan -Putin`
// leaves out every article naming Putin by any of his names; entity
// prefixes that accept any name, alias or code (country:pakistan, country:PK,
// leader:putin, org:"shanghai cooperation organization"); a leader's,
// country's or organisation's name in a spelling or script the gazetteer
// does not list, met by its transliteration key ("Selenskij", "Si
// Tszinpin": analysis/text/transliteration_key.h); dates by day,
// month or year, and a date written as words ("SCO summit 2021", "14
// September 2021": searcher/query_dates.h) met by its words, the
// publication date or a date the text mentions; a spelling suggestion only for a word the index
// hardly knows, when the index knows the suggestion much better; the query without its quotes,
// offered when an exact phrase matches nothing; and the parts of a conjunction as written, so the
// searcher can offer the query without those that keep it from matching anything.
//
// Also builds the filter query for a facet value, so `country=pakistan` and
// `q=country:pakistan` mean the same.
//
// Thread-safety: immutable after construction; Parse() and the other const
// methods may run concurrently (the Databases passed in must not be shared
// with another thread meanwhile).
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/text/transliteration_key.h"
#include "common/status.h"
#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "searcher/entity_query.h"
#include "searcher/query_dates.h"
#include "searcher/query_parser.h"

namespace communique {

// Limits on what one query may cost; past them Parse() is a 400 naming it.
constexpr Xapian::termcount kMaxWildcardExpansion = 200;
constexpr Xapian::termcount kMaxExpandedTerms = 2000;  // after aliases and wildcards

// The parts of q's top-level AND as written, for offering q with some of
// them left out when all of them together find nothing ("no article has
// both Scholz and Telefonat; Scholz alone finds 19").
struct QueryConjunction {
  // Every part in the order written: words, phrases, groups, filters,
  // dates, exclusions ("-putin", "NOT khan").
  std::vector<std::string> written;
  // Indexes into `written` of the parts that may be left out: those that
  // search text and were not written with +. Filters, dates, exclusions
  // and stopwords stay in every relaxed form.
  std::vector<size_t> droppable;
  // Indexed like `droppable`: the part is a plain word that some language
  // of the index stops ("por", "de"). An offer of such parts alone
  // ("por" for "por teléfono") helps no one.
  std::vector<bool> function_word;

  // The query without the droppable parts whose `drop` (indexed like
  // `droppable`) is true: the other parts joined by spaces, which is the
  // same conjunction ("" when none is left).
  std::string Without(const std::vector<bool>& drop) const;
};

struct ParsedQuery {
  Xapian::Query query;  // match-everything for a blank q (or only exclusions)
  // The same matches as `query`, for passes that only count them: a
  // two-word phrase is its word-pair term alone where the index has pairs
  // (no positions read). Weights and snippets come from `query`.
  Xapian::Query count_query;
  // Whether any part of the query ranks (words, phrases): without one the
  // hits show their lead instead of a passage around the matches.
  bool ranked = false;
  // Other ways to write q, offered beside its answer ("" when none). Only
  // their text: the searcher parses one only when it will count it.
  std::string suggestion;  // q respelled, when a word looks mistyped
  std::string unquoted;    // q with its phrases as plain words, when it has any
  // q's parts, when it is a conjunction of two to kMaxDroppableParts parts
  // that search text (else `droppable` is empty).
  QueryConjunction conjunction;
  // The role phrases of q and the holders they were widened to
  // (EntityQuery::RoleExpansions), for showing the reader.
  std::vector<RoleExpansion> expansions;
};

// A query of more text parts than this is not relaxed part by part.
constexpr size_t kMaxDroppableParts = 8;

class QueryBuilder {
 public:
  // `schema` and `gazetteer` must outlive the builder.
  QueryBuilder(const FieldSchema& schema, const Gazetteer& gazetteer);

  // Parses `q`; `words` gives synonyms and spelling (the index's own
  // tables, or the lexicon beside remote shards), `db` the term
  // frequencies that decide whether a word is rare. 400 with a message
  // saying what is wrong and how to write it when q has too many words,
  // the expanded query is too large, or q is malformed (a wildcard that
  // matches too many words fails later, when the query runs).
  // `alternatives` false: leave suggestion and unquoted empty (parsing an
  // alternative itself).
  // `language` (a BCP 47 tag, from the request's single `language`
  // filter) names the one analyzer for q's words; "" stems each word in the
  // languages of its script the index holds (its L terms), joined with
  // OP_SYNONYM, and drops English stopwords plus those of q's detected
  // language. A role phrase of q is widened to the holders whose terms
  // overlap `window` (the dates the request can match; open by default).
  Result<ParsedQuery> Parse(const Xapian::Database& words, const Xapian::Database& db,
                            std::string_view q, bool alternatives = true,
                            std::string_view language = "", const DateWindow& window = {}) const;

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
  // What one Parse() compiles against: the synonym/spelling database and
  // the languages that decide stems and stopwords.
  struct Context {
    const Xapian::Database& words;
    // The request's language ("" when none): the only analyzer used.
    std::string language;
    // Without one: the languages the index holds (primary subtags, with
    // kDefaultLanguage), and whether any of them has no stemmer (its
    // words are matched in their exact form).
    std::vector<std::string> index_languages;
    bool unstemmed_language = false;
    // Languages whose stopwords q's words are dropped by.
    std::vector<std::string> stop_languages;
    // Every document of the index has word pairs by this schema's common
    // words (schema/terms.h, WordPairMarker): phrases may use them.
    bool word_pairs = false;
    // Compiling ParsedQuery::count_query: only the matches matter.
    bool counting = false;
    // Set by compiling a phrase that word pairs filter: count_query differs.
    mutable bool paired_phrase = false;
  };
  Context MakeContext(const Xapian::Database& words, const Xapian::Database& db, std::string_view q,
                      std::string_view language) const;
  // The terms a plain word matches under `prefix`: its stem ("Z" + prefix
  // + stem) by each analyzer that applies, and the exact form when one of
  // them stems nothing.
  std::vector<std::string> WordTerms(const std::string& prefix, const std::string& word,
                                     const Context& cx) const;
  // The query of one parsed node (see the .cpp for each kind).
  Xapian::Query Compile(const QueryNode& node, const Context& cx) const;
  Xapian::Query CompileAnd(const QueryNode& node, const Context& cx) const;
  // The parts of `text`'s top-level AND (QueryConjunction).
  QueryConjunction Conjunction(const ParsedText& text, const Context& cx) const;
  // A plain word of a conjunction that is dropped for being a stopword
  // (when the conjunction has other parts).
  bool IsStopword(const QueryNode& part, const Context& cx) const;
  Xapian::Query WordQuery(const QueryNode& word, const Context& cx) const;
  // The phrase of unprefixed `words`, filtered by their word pairs when
  // the index has them: the same matches, weights and snippets as the
  // plain phrase, at the cost of reading positions in the matches only.
  Xapian::Query TextPhrase(const std::vector<std::string>& words, const Context& cx) const;
  // An unquoted run of words written without spaces (CJK: 习近平, プーチン,
  // 习近平普京) that is wholly names the synonyms know, as those names: each
  // name's words OR its entity term and other names, the names AND-ed.
  // nullopt when any part of the run is not a known name (it stays a phrase).
  std::optional<Xapian::Query> NameRun(const std::vector<std::string>& words,
                                       const Context& cx) const;
  // q with mistyped words respelled, "" when no word qualifies.
  std::string Respell(const ParsedText& parsed, const Context& cx,
                      const Xapian::Database& db) const;

  const FieldSchema& schema_;
  const Gazetteer& gazetteer_;
  // kind digit + folded alias -> ids, for ResolveEntity().
  std::map<std::string, std::vector<std::string>> aliases_;
  QuerySyntax syntax_;
  // Entity boosts and role expansions added at the end of Parse().
  EntityQuery entity_query_{schema_, gazetteer_};
  // The gazetteer's names by transliteration key, for words that name
  // nothing the index knows (see CompileAnd).
  TransliterationIndex transliterations_{gazetteer_};
  // Dates written as words ("SCO summit 2021", "September 2021").
  QueryDateFinder dates_{gazetteer_};
};

}  // namespace communique
