#include "searcher/query_builder.h"

#include <algorithm>
#include <memory>

#include "indexer/alias_synonyms.h"
#include "indexer/analysis/query_normalizer.h"
#include "indexer/analysis/text_normalizer.h"
#include "indexer/analysis/tokenizer.h"
#include "searcher/search_request.h"

namespace communique {
namespace {

std::string AliasKey(EntityKind kind, std::string_view folded) {
  return std::to_string(static_cast<int>(kind)) + std::string(folded);
}

std::optional<EntityKind> KindOf(const Field& field) {
  for (EntityKind k : {EntityKind::kCountry, EntityKind::kLeader, EntityKind::kOrganisation}) {
    if (FieldNameOf(k) == field.entity) return k;
  }
  return std::nullopt;
}

// Hands a prefix's text to QueryBuilder::FacetFilter, so `country:pakistan`
// in q and `country=pakistan` as a parameter resolve the same way.
class FilterProcessor : public Xapian::FieldProcessor {
 public:
  FilterProcessor(const QueryBuilder& builder, std::string field)
      : builder_(builder), field_(std::move(field)) {}
  Xapian::Query operator()(const std::string& text) override {
    return builder_.FacetFilter(field_, text);
  }

 private:
  const QueryBuilder& builder_;
  std::string field_;
};

bool HasSpacedTerm(const Xapian::Query& q) {
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    if ((*t).find(' ') != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Xapian::Query PhrasesForSpacedTerms(const Xapian::Query& q) {
  if (!HasSpacedTerm(q)) return q;
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      std::string term = *q.get_terms_begin();
      std::vector<Xapian::Query> words;
      size_t begin = 0;
      while (begin < term.size()) {
        size_t space = term.find(' ', begin);
        if (space == std::string::npos) space = term.size();
        if (space > begin) words.emplace_back(term.substr(begin, space - begin));
        begin = space + 1;
      }
      if (words.size() == 1) return words[0];
      return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      std::vector<Xapian::Query> subs;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        subs.push_back(PhrasesForSpacedTerms(q.get_subquery(i)));
      return Xapian::Query(q.get_type(), subs.begin(), subs.end());
    }
    default:
      return q;  // operators with parameters Xapian 1.4 does not expose
  }
}

QueryBuilder::QueryBuilder(const FieldSchema& schema, const Gazetteer& gazetteer)
    : schema_(schema), gazetteer_(gazetteer) {
  for (const GazetteerEntry& e : gazetteer.entries()) {
    for (const Alias& a : e.aliases) {
      std::string folded = FoldPhrase(a.text);
      if (folded.empty()) continue;
      auto& ids = aliases_[AliasKey(e.kind, folded)];
      if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) ids.push_back(e.id);
    }
  }
}

std::vector<std::string> QueryBuilder::ResolveEntity(EntityKind kind, std::string_view text) const {
  std::string id = gazetteer_.CanonicalId(kind, text);
  if (!id.empty()) return {id};
  auto it = aliases_.find(AliasKey(kind, FoldPhrase(text)));
  if (it == aliases_.end()) return {};
  return it->second;
}

Xapian::Query QueryBuilder::FacetFilter(const std::string& field_name,
                                        const std::string& value) const {
  const Field* field = schema_.Find(field_name);
  if (field_name == kDyadField && !field) {
    std::string dyad = CanonicalDyad(value);
    if (dyad.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_AND, FacetFilter("country", dyad.substr(0, 2)),
                         FacetFilter("country", dyad.substr(3, 2)));
  }
  if (!field) return Xapian::Query::MatchNothing;
  if (field_name == kDyadField) {
    std::string dyad = CanonicalDyad(value);
    return Xapian::Query(field->prefix + AsciiLower(dyad.empty() ? value : dyad));
  }
  std::optional<EntityKind> kind = KindOf(*field);
  if (!kind) return Xapian::Query(field->prefix + AsciiLower(value));
  std::vector<std::string> ids = ResolveEntity(*kind, value);
  if (ids.empty()) return Xapian::Query(field->prefix + AsciiLower(value));
  std::vector<Xapian::Query> terms;
  for (const std::string& id : ids) terms.emplace_back(field->prefix + AsciiLower(id));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

namespace {
constexpr int kMaxParenthesesDepth = 16;
}  // namespace

Result<ParsedQuery> QueryBuilder::Parse(const Xapian::Database& db, std::string_view q) const {
  // Not Xapian::Query::MatchAll: that is one static object whose reference
  // count (a plain integer in Xapian 1.4) every copy bumps, so copying it
  // from several server threads at once corrupts the count and frees it
  // under a reader (heap-use-after-free found by ASan in
  // tests/reliability/readers_during_writes.py). The empty term is the
  // same match-everything query, built fresh per call.
  ParsedQuery out{Xapian::Query(std::string()), ""};
  std::string normalized_text = NormalizeText(q);
  if (Tokenize(normalized_text).size() > kMaxQueryWords)
    return Status::BadRequest("query has too many words (at most " +
                              std::to_string(kMaxQueryWords) + ")");
  std::string normalized = NormalizeQuery(q);
  if (normalized.find_first_not_of(' ') == std::string::npos) return out;
  // Deep nesting buys a journalist nothing and costs the parser and matcher
  // recursion: refuse it up front (docs/security.md).
  int depth = 0, max_depth = 0;
  for (char c : normalized) {
    if (c == '(') max_depth = std::max(max_depth, ++depth);
    if (c == ')' && depth > 0) --depth;
  }
  if (max_depth > kMaxParenthesesDepth)
    return Status::BadRequest("query nests parentheses too deeply (at most " +
                              std::to_string(kMaxParenthesesDepth) + " levels)");

  // The processors must outlive the parser, so they are declared first.
  std::vector<std::unique_ptr<FilterProcessor>> processors;
  Xapian::DateRangeProcessor dates(schema_.Slot("date"), "date:");
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                       Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
  for (const Field& f : schema_.fields()) {
    for (const std::string& name : f.query_names) {
      if (f.kind == FieldKind::kText) {
        qp.add_prefix(name, f.prefix);
      } else if (f.facet && f.kind == FieldKind::kBoolean) {
        processors.push_back(std::make_unique<FilterProcessor>(*this, f.name));
        qp.add_boolean_prefix(name, processors.back().get());
      } else {
        qp.add_boolean_prefix(name, f.prefix);
      }
    }
  }
  qp.add_rangeprocessor(&dates);
  unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                   Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                   Xapian::QueryParser::FLAG_PURE_NOT |
                   Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS |
                   Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
  Xapian::Query query = qp.parse_query(normalized, flags);
  // "NOT putin" alone is every document but a few: a scan
  // of the whole index for no useful answer. A filter-only listing (empty q)
  // is the cheap way to browse.
  if (query.get_type() == Xapian::Query::OP_AND_NOT && query.get_num_subqueries() > 0 &&
      query.get_subquery(0).get_type() == Xapian::Query::LEAF_MATCH_ALL)
    return Status::BadRequest(
        "a query of only excluded words (pure NOT) is refused: add a word to search for, "
        "or use filters with an empty query");
  out.suggestion = qp.get_corrected_query_string();
  if (!query.empty()) out.query = PhrasesForSpacedTerms(query);
  if (out.query.get_length() > kMaxExpandedTerms)
    return Status::BadRequest("query expands to too many terms (at most " +
                              std::to_string(kMaxExpandedTerms) + ")");
  out.query = entity_query_.Apply(out.query, q);  // searcher/entity_query.h
  return out;
}

}  // namespace communique
