#include "schema/terms.h"

#include "schema/gazetteer.h"

namespace communique {

std::string BooleanTerm(const Field& field, std::string_view value) {
  return field.prefix + AsciiLower(value);
}

std::string KeyTerm(const FieldSchema& schema, std::string_view key) {
  return schema.Prefix("id") + std::string(key);
}

std::string WordPairTerm(const FieldSchema& schema, std::string_view first,
                         std::string_view second) {
  // Xapian's limit is 245 bytes for a term.
  constexpr size_t kMaxTerm = 240;
  const Field* field = schema.Find("word_pair");
  if (!field || first.empty() || second.empty()) return "";
  if (!schema.IsCommonWord(first) && !schema.IsCommonWord(second)) return "";
  if (field->prefix.size() + first.size() + 1 + second.size() > kMaxTerm) return "";
  std::string term = field->prefix;
  term.append(first).append(" ").append(second);
  return term;
}

std::string WordPairMarker(const FieldSchema& schema) {
  const Field* field = schema.Find("word_pair");
  if (!field) return "";
  return field->prefix + " " + schema.CommonWordsDigest();
}

}  // namespace communique
