#include "schema/terms.h"

#include "schema/gazetteer.h"

namespace communique {

std::string BooleanTerm(const Field& field, std::string_view value) {
  return field.prefix + AsciiLower(value);
}

std::string KeyTerm(const FieldSchema& schema, std::string_view key) {
  return schema.Prefix("id") + std::string(key);
}

}  // namespace communique
