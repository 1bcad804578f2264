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

std::vector<SynonymPair> AliasSynonyms(const Gazetteer& gazetteer, const FieldSchema& schema) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (const GazetteerEntry& e : gazetteer.entries()) {
    // A name in the text is a mention, so countries map to the field of
    // every mentioned country when the schema has one.
    const Field* field =
        e.kind == EntityKind::kCountry ? schema.Find("country_mentioned") : nullptr;
    if (!field) field = schema.Find(FieldNameOf(e.kind));
    if (!field) continue;
    std::string entity_term = field->prefix + AsciiLower(e.id);
    std::set<std::string> names;  // folded names and acronyms
    // Names from a language's rules file («ШОС», «России», «وروسيا») are
    // keys only: a query in that script or form finds the entity (its
    // term tags the article in every language), but a query for another
    // name is not widened by every language's names and case forms.
    std::set<std::string> generated;
    for (const Alias& a : e.aliases) {
      if (a.type != AliasType::kName && a.type != AliasType::kAcronym) continue;
      std::string folded = FoldPhrase(a.text);
      size_t words = static_cast<size_t>(std::count(folded.begin(), folded.end(), ' ')) + 1;
      if (folded.empty() || words > kMaxAliasWords || folded.size() > kMaxAliasBytes) continue;
      bool keys_only = a.generated || (!a.language.empty() && a.language != "en");
      (keys_only ? generated : names).insert(folded);
    }
    std::set<std::string> keys = names;
    keys.insert(generated.begin(), generated.end());
    if (e.kind == EntityKind::kCountry) {
      std::string code = AsciiLower(e.id);
      if (!kCodeStopwords.count(code)) keys.insert(code);
    }
    for (const std::string& key : keys) {
      pairs.insert({key, entity_term});
      for (const std::string& other : names) {
        if (other != key) pairs.insert({key, other});
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
