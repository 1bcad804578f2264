// The field schema read from schema/fields.json: every field's Xapian term
// prefix, value slot and facet flag. Indexer and searcher both take prefixes
// and slots from here and nowhere else.
//
// Thread-safety: immutable after Load(); share one instance freely.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace communique {

// How a field is indexed.
enum class FieldKind {
  kKey,      // the unique-key term (one per document)
  kText,     // free text: positional terms, stemmed
  kBoolean,  // exact-match filter terms
  kDate,     // a date: sortable value plus D/M/Y terms
  kValue,    // a value slot only, no terms (the near-duplicate signature)
};

struct Field {
  std::string name;
  std::string prefix;  // Xapian term prefix ("" for unprefixed body text)
  FieldKind kind = FieldKind::kBoolean;
  std::optional<unsigned> slot;          // value slot, when the field has one
  bool facet = false;                    // counted in search responses
  bool multi = false;                    // several values per document
  unsigned weight = 1;                   // wdf multiplier for text fields
  std::string entity;                    // gazetteer whose ids the values are ("country"…)
  std::vector<std::string> query_names;  // prefixes users type: "title:", "org:"
};

class FieldSchema {
 public:
  // Parses the JSON text of fields.json. Errors name the reason (400-coded).
  static Result<FieldSchema> Parse(std::string_view json_text);
  // Reads and parses `path`; errors name the file. Also reads the
  // stopword lists in the `stopwords/` folder beside it (one folded word a
  // line, `#` comments; the file name is the language code, `en.txt`), if
  // there is one.
  static Result<FieldSchema> Load(const std::string& path);

  // The field called `name`. Throws std::out_of_range when absent: the code
  // asks only for fields it knows, so a missing one is a broken schema file,
  // caught by Validate() at load time.
  const Field& Get(std::string_view name) const;
  const Field* Find(std::string_view name) const;
  const std::vector<Field>& fields() const { return fields_; }

  // Shorthands for the two things callers want most.
  const std::string& Prefix(std::string_view name) const { return Get(name).prefix; }
  unsigned Slot(std::string_view name) const;

  // Whether `folded` is a stopword of `language` ("en"): a word too common
  // to rank or highlight by (the searcher still matches it in phrases).
  // False for a language without a list.
  bool IsStopword(std::string_view language, std::string_view folded) const;
  // Whether `folded` is a stopword of any language: the words that form
  // word pairs (schema/terms.h, WordPairTerm). Every language's list at
  // once, so the indexer and a query that does not know the article's
  // language agree on which pairs exist.
  bool IsCommonWord(std::string_view folded) const { return common_words_.count(folded) > 0; }
  // A digest (16 hex digits) of the words IsCommonWord accepts: an index's
  // word pairs serve queries only while the lists are unchanged.
  const std::string& CommonWordsDigest() const { return common_words_digest_; }
  // Replaces the stopword lists (Load() fills them from files; tests may
  // set their own).
  void SetStopwords(std::map<std::string, std::set<std::string>, std::less<>> lists);

 private:
  Status Validate() const;
  std::vector<Field> fields_;
  std::map<std::string, std::set<std::string>, std::less<>> stopwords_;  // language -> words
  std::set<std::string, std::less<>> common_words_;                      // every language's
  std::string common_words_digest_;
};

}  // namespace communique
