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

// Word pairs (field `word_pair`; Lucene's "common grams"): every two
// adjacent words of the unprefixed text of which at least one is a common
// word (FieldSchema::IsCommonWord), as one term without positions. A
// phrase of common words ("said the", "and the") otherwise makes Xapian
// read both words' positions in nearly every article; through its pairs it
// reads one short posting list, and a two-word phrase needs no positions
// at all.
//
// The pair term of `first` then `second` (folded words): "XB" + first +
// " " + second. "" when neither is a common word, the schema has no
// word_pair field, or the term would be longer than Xapian allows.
std::string WordPairTerm(const FieldSchema& schema, std::string_view first,
                         std::string_view second);

// The term every document indexed with word pairs carries, naming the
// common-word list it used ("XB " + CommonWordsDigest()): a searcher uses
// pairs only when every document of the index has it, so an index written
// before pairs existed, or with other stopword lists, still finds every
// phrase. "" when the schema has no word_pair field.
std::string WordPairMarker(const FieldSchema& schema);

}  // namespace communique
