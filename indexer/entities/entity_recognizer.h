// Finds the countries, leaders and organisations an article mentions by
// matching gazetteer aliases against its tokens (longest match wins, so
// "Shanghai Cooperation Organisation" is one organisation, not a mention of
// Shanghai).
//
// This is the first, dictionary-based recogniser. Its extension points are
// the alias types (a metonym or a context alias is weighed differently) and
// the Mention list it returns, which a later salience model can score.
//
// Thread-safety: immutable after construction; Recognise() may be called
// concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indexer/analysis/tokenizer.h"
#include "indexer/dates/date_parser.h"
#include "schema/gazetteer.h"

namespace communique {

struct Mention {
  const GazetteerEntry* entry = nullptr;
  AliasType via = AliasType::kName;
  size_t first_token = 0;  // token range [first_token, end_token)
  size_t end_token = 0;
  bool from_role = false;  // "the Russian president" resolved by date
};

// Mentions grouped per entity, in order of first mention.
struct EntityCount {
  std::string id;
  int count = 0;
};
struct EntitySummary {
  std::vector<EntityCount> countries, leaders, organisations;
  const std::vector<EntityCount>& Of(EntityKind kind) const;
  std::vector<EntityCount>& Of(EntityKind kind);
};

class EntityRecognizer {
 public:
  // Compiles every alias of `gazetteer`, which must outlive this object.
  explicit EntityRecognizer(const Gazetteer& gazetteer);

  // Mentions in `tokens` (from Tokenize()), in text order. `date` is the
  // publication date, used to resolve roles ("the Russian president").
  std::vector<Mention> Recognise(const std::vector<Token>& tokens, std::optional<Date> date) const;

  // Regional-indicator flag emoji ("🇵🇰") in raw text, as country entries.
  std::vector<const GazetteerEntry*> FindFlags(std::string_view text) const;

  static EntitySummary Summarise(const std::vector<Mention>& mentions,
                                 const std::vector<const GazetteerEntry*>& flags);

 private:
  struct Pattern {
    std::vector<std::string> words;  // folded tokens
    const GazetteerEntry* entry;
    AliasType type;
    bool upper_only;  // the alias is an acronym written in capitals ("UN", "SCO", "US")
  };
  bool Matches(const Pattern& p, const std::vector<Token>& tokens, size_t i) const;
  const GazetteerEntry* LeaderInRole(std::string_view country, std::string_view role,
                                     const Date& date) const;

  const Gazetteer& gazetteer_;
  std::unordered_map<std::string, std::vector<Pattern>> by_first_word_;
};

}  // namespace communique
