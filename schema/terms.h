// The one place a prefix + value term is built, so the indexer writes and
// the searcher looks up the same bytes.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "schema/field_schema.h"

namespace communique {

// The boolean term of `value` in `field`: its prefix and the value in ASCII
// lower case ("XC" + "pk"), so a value never runs into an upper-case
// prefix and `country=PK` meets `XCpk`.
std::string BooleanTerm(const Field& field, std::string_view value);

// The unique-key term of `key` ("Q" + key, case kept: keys are ids).
std::string KeyTerm(const FieldSchema& schema, std::string_view key);

}  // namespace communique
