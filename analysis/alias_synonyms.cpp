#include "analysis/alias_synonyms.h"

#include <algorithm>
#include <set>

#include "analysis/text/text_normalizer.h"
#include "analysis/text/tokenizer.h"

namespace communique {
namespace {

// Country codes that are also everyday words once folded; expanding them
// would turn "talks in Moscow" into a search about India.
const std::set<std::string> kCodeStopwords = {"am", "an", "as", "at", "be", "by", "do", "go",
                                              "he", "id", "if", "in", "is", "it", "me", "my",
                                              "no", "of", "on", "or", "so", "to", "tv", "we"};

// Longer aliases are descriptions, not names people type.
constexpr size_t kMaxAliasWords = 6;
// Xapian keys and terms are limited to 245 bytes; stay well below.
constexpr size_t kMaxAliasBytes = 120;

}  // namespace

std::string FoldPhrase(std::string_view text) {
  std::string normalized = NormalizeText(text);
  std::string out;
  for (const Token& t : Tokenize(normalized)) {
    if (t.folded.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += t.folded;
  }
  return out;
}

namespace {

// What one entity contributes: the term that tags it and its folded names.
struct EntityNames {
  std::string term;                 // "" when the schema has no field for its kind
  std::set<std::string> names;      // English names and acronyms: keys and values
  std::set<std::string> generated;  // other languages' names and case forms: keys only
};

EntityNames NamesOf(const GazetteerEntry& e, const FieldSchema& schema) {
  EntityNames out;
  // A name in the text is a mention, so countries map to the field of
  // every mentioned country when the schema has one.
  const Field* field = e.kind == EntityKind::kCountry ? schema.Find("country_mentioned") : nullptr;
  if (!field) field = schema.Find(FieldNameOf(e.kind));
  if (!field) return out;
  out.term = field->prefix + AsciiLower(e.id);
  // Names from a language's rules file («ШОС», «России», «وروسيا») are
  // keys only: a query in that script or form finds the entity (its
  // term tags the article in every language), but a query for another
  // name is not widened by every language's names and case forms.
  for (const Alias& a : e.aliases) {
    if (a.type != AliasType::kName && a.type != AliasType::kAcronym) continue;
    std::string folded = FoldPhrase(a.text);
    size_t words = static_cast<size_t>(std::count(folded.begin(), folded.end(), ' ')) + 1;
    if (folded.empty() || words > kMaxAliasWords || folded.size() > kMaxAliasBytes) continue;
    bool keys_only = a.generated || (!a.language.empty() && a.language != "en");
    (keys_only ? out.generated : out.names).insert(folded);
  }
  return out;
}

}  // namespace

std::vector<SynonymPair> AliasSynonyms(const Gazetteer& gazetteer, const FieldSchema& schema) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const GazetteerEntry& e : gazetteer.entries()) {
    EntityNames entity = NamesOf(e, schema);
    if (entity.term.empty()) continue;
    std::set<std::string> keys = entity.names;
    keys.insert(entity.generated.begin(), entity.generated.end());
    if (e.kind == EntityKind::kCountry) {
      std::string code = AsciiLower(e.id);
      if (!kCodeStopwords.count(code)) keys.insert(code);
    }
    for (const std::string& key : keys) {
      pairs.insert({key, entity.term});
      for (const std::string& other : entity.names) {
        if (other != key) pairs.insert({key, other});
      }
    }
  }
  // A bare surname the gazetteer lets queries widen ("Xi", "Assad") finds
  // its leaders' articles in every script, as their full names do; the
  // other context aliases stay out.
  for (const auto& [surname, ids] : gazetteer.QuerySurnames()) {
    for (const std::string& id : ids) {
      const GazetteerEntry* e = gazetteer.Find(EntityKind::kLeader, id);
      if (!e) continue;
      EntityNames entity = NamesOf(*e, schema);
      if (entity.term.empty()) continue;
      pairs.insert({surname, entity.term});
      for (const std::string& name : entity.names) {
        if (name != surname) pairs.insert({surname, name});
      }
    }
  }
  // A city's former names ("Kiev", "Bombay") and its name today find each
  // other; they name a city, not its country, so no entity term is added.
  for (const std::vector<std::string>& city : gazetteer.CityVariants()) {
    std::set<std::string> names;
    for (const std::string& n : city) {
      std::string folded = FoldPhrase(n);
      if (!folded.empty() && folded.size() <= kMaxAliasBytes) names.insert(folded);
    }
    for (const std::string& key : names) {
      for (const std::string& other : names) {
        if (other != key) pairs.insert({key, other});
      }
    }
  }
  std::vector<SynonymPair> out;
  out.reserve(pairs.size());
  for (const auto& [k, v] : pairs) out.push_back({k, v});
  return out;
}

}  // namespace communique
