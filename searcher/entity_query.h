// Ranking that knows the entities a query names.
//
// The indexer stores, per article, the countries it is about (`XC`, wdf =
// mentions), every country it mentions (`XN`), the leaders (`XL`, including
// "the Russian president" resolved to the holder on the article's date) and
// the organisations (`XO`). A query that names a country, leader or
// organisation, by any alias the gazetteer knows, is given that entity's
// term as an extra weighted part (OP_AND_MAYBE with a scaled term), so
// stories *about* it outrank passing mentions while the set of matches stays
// what the words matched.
//
// A role phrase ("the Russian president", "president of Russia",
// "Pakistan's prime minister", "UN secretary-general", «президент России»,
// "国家主席", «le président français»: English phrases by this file's
// reading, every language's and the organisations' offices by the
// recogniser's own, EntityRecognizer::FindRoles) also matches the articles
// whose resolved leader held that office on the article's date: for every
// holder of the role, their `XL` term filtered by the date range of their
// term in office (value slot `date`, YYYYMMDD, OP_VALUE_RANGE), OR-ed with
// the words of the phrase where they stand in the query. Only the terms
// that overlap a date window (the request's dates within the index's) are
// asked for, and RoleExpansions() lists their holders for the reader.
//
// Everything is built from Xapian's own query operators and BM25 weights
// (no PostingSource, no MatchDecider), so it runs inside remote shards
// served by a stock xapian-tcpsrv.
//
// Thread-safety: immutable after construction; Find() and Apply() may run
// concurrently.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/entities/entity_recognizer.h"
#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "searcher/search_result.h"

namespace communique {

// Scale factors on the BM25 weight of the entity terms added to a query.
// The defaults were fitted on the odd-id half of Reuters-21578 (TRAIN) and
// are reported on the even half by scripts/eval/ranking.py
// (docs/ranking.md); 0 turns that part off.
struct EntityWeights {
  double country = 1.0;   // XC: the article is about a country the query names
  double dateline = 0.5;  // XP: the article is datelined there
  // Articles *about* a named country that lack one of the query's other
  // words ("Iran crude oil": an Iran story that says "oil") also match,
  // with their score scaled by this. Off by default: the query language
  // promises every word (searcher/query_parser.h), and totals and facet
  // counts that silently include stories missing a word cost more trust
  // than the precision gained (docs/ranking.md has both figures).
  double relaxed = 0;
  double leader = 1.0;        // XL: the leader named
  double organisation = 1.0;  // XO: the organisation named
  double role = 2.0;          // XL of the holders of a role phrase, by date
};

// An entity the query text names: the token range of its alias (tokens of
// NormalizeText(text) as Tokenize() splits them) and the gazetteer ids the
// alias may mean (several when an alias is shared, "Congo").
struct QueryEntity {
  EntityKind kind = EntityKind::kCountry;
  std::vector<std::string> ids;
  size_t first_token = 0;  // [first_token, end_token)
  size_t end_token = 0;
  // The folded words of the alias as written ("pakistan's", "pakistan"),
  // which locate its part of the parsed query.
  std::vector<std::string> words;
};

// A role phrase in the query: "the Russian president" is country "RU",
// role "president"; "UN secretary-general" organisation "UN", role
// "secretary-general" (the gazetteer's role names), over its token range.
struct QueryRole {
  EntityKind kind = EntityKind::kCountry;  // whose office: a country's or an organisation's
  std::string id;                          // "RU", "UN"
  std::string role;
  size_t first_token = 0;
  size_t end_token = 0;
  // The folded words of the phrase ("the", "russian", "president"), which
  // locate its part of the parsed query.
  std::vector<std::string> words;
  std::string written;  // the phrase as the (normalised) query writes it
};

// Publication dates a query can match, "YYYYMMDD" inclusive, "" = open:
// the request's from/to within the index's first and last article. Role
// holders whose terms lie outside it are left out of the query and of
// what the reader is shown.
struct DateWindow {
  std::string from, to;
};

struct QueryEntities {
  std::vector<QueryEntity> entities;  // not including the countries of roles
  std::vector<QueryRole> roles;       // only roles someone is known to have held
};

class EntityQuery {
 public:
  // Compiles the gazetteer's names, acronyms and demonyms; `schema` and
  // `gazetteer` must outlive this object. Without the schema's `country`,
  // `leader`, `organisation` fields or `date` slot the matching boost or
  // role expansion is left out.
  EntityQuery(const FieldSchema& schema, const Gazetteer& gazetteer, EntityWeights weights = {});

  // The entities and role phrases `text` (a raw query) names. Words after a
  // '-' or NOT (excluded), inside a `field:` term or inside a blocker phrase
  // ("New Mexico") name nothing. Acronyms that are also common words ("US",
  // "WHO") count only in capitals; other acronyms in any case ("imf").
  QueryEntities Find(std::string_view text) const;

  // `parsed` (QueryBuilder's query for `text`) with the entity boosts, the
  // relaxed match for named countries and the role expansions of
  // Find(text); `parsed` itself when `text` names nothing. Every document
  // `parsed` matches still matches: boosts only weigh, a role phrase adds
  // the articles of its holders (by date), and when `parsed` is a
  // conjunction (the default AND) the articles about a named country that
  // hold all of the other words but one (either of two) are added, ranked
  // below those holding them all.
  Xapian::Query Apply(const Xapian::Query& parsed, std::string_view text) const;
  // The same for what Find() found, role holders limited to `window`.
  Xapian::Query Apply(const Xapian::Query& parsed, const QueryEntities& found,
                      const DateWindow& window) const;

  // Documents whose leader held `role` of `id` (a country's office, or an
  // organisation's: `kind`) on the document's date, in a term overlapping
  // `window`: OR over the holders' terms in office of XL<id> FILTER date
  // range; an empty query when the gazetteer knows no such holder.
  Xapian::Query RoleHolders(EntityKind kind, std::string_view id, std::string_view role,
                            const DateWindow& window = {}) const;

  // What each role phrase of `found` was widened to, for the reader: the
  // phrase, the office and its country or body, and the holders whose
  // terms overlap `window`, the latest term first. Phrases with no such
  // holder are left out (the query is not widened for them either).
  std::vector<RoleExpansion> RoleExpansions(const QueryEntities& found,
                                            const DateWindow& window) const;

  const EntityWeights& weights() const { return weights_; }

 private:
  struct Target {
    EntityKind kind;
    std::string id;
    bool demonym;         // only a demonym ("Russian") spells it this way
    bool needs_capitals;  // only a short or common-word acronym ("US", "EC")
  };
  struct Phrase {
    std::vector<Target> targets;  // empty: a blocker ("New Mexico")
  };

  // One holder's spell in the office, dates compacted ("YYYYMMDD"); `end`
  // is the day the next holder took over ("" while in office).
  struct Spell {
    const GazetteerEntry* leader;
    const Term* term;
    std::string start, end;
  };
  // The spells of `role` of `id` overlapping `window`, in gazetteer order.
  // An organisation's "head" is any of its offices while its holder is the
  // body's only head (as EntityRecognizer resolves "NATO chief").
  std::vector<Spell> Spells(EntityKind kind, std::string_view id, std::string_view role,
                            const DateWindow& window) const;

  Xapian::Query Boost(const QueryEntity& e) const;
  // `q` OR the relaxed match of the named countries (see
  // EntityWeights::relaxed) when `q` is a conjunction; `entity_terms` are
  // the terms of every named entity's words.
  // The word_pair field's prefix ("" without one).
  std::string PairPrefix() const;
  Xapian::Query Relaxed(const Xapian::Query& q, const QueryEntities& found,
                        const std::set<std::string>& entity_terms) const;
  // OR over the `field` terms of `e`'s ids and the historical states that
  // stood for them.
  Xapian::Query Terms(const std::string& field, const QueryEntity& e) const;

  const FieldSchema& schema_;
  EntityWeights weights_;
  std::map<std::string, Phrase> phrases_;  // folded words joined by ' ' -> what they name
  size_t max_words_ = 1;
  const Gazetteer& gazetteer_;
  // Every language's role phrases and the organisations' offices, read
  // as the indexer reads them.
  EntityRecognizer recognizer_;
  // The languages whose rules files give role phrases ("fr", "ru"…).
  std::vector<std::string> role_languages_;
  // Country code -> leaders of that country, for roles.
  std::map<std::string, std::vector<const GazetteerEntry*>> leaders_by_country_;
  // Organisation id -> leaders with a term at its head.
  std::map<std::string, std::vector<const GazetteerEntry*>> leaders_by_organisation_;
  // Present-day country code -> historical states that stood for it (XG for DE).
  std::map<std::string, std::vector<std::string>> covered_by_;
};

}  // namespace communique
