#include "schema/terms.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/test_support.h"

using namespace communique;

TEST_CASE("word pairs form where either word is a stopword of any language", "[schema]") {
  const FieldSchema& schema = testing::ShippedSchema();
  CHECK(WordPairTerm(schema, "said", "the") == "XBsaid the");
  CHECK(WordPairTerm(schema, "the", "hague") == "XBthe hague");
  // French stopwords pair in any article: the query does not know the
  // article's language, so both sides use every list.
  CHECK(WordPairTerm(schema, "ministre", "de") == "XBministre de");
  CHECK(WordPairTerm(schema, "prime", "minister").empty());
  CHECK(WordPairTerm(schema, "", "the").empty());
  // Past Xapian's term length: no pair, so the phrase reads positions.
  CHECK(WordPairTerm(schema, "the", std::string(300, 'a')).empty());
}

TEST_CASE("the word-pair marker names the stopword lists it was made with", "[schema]") {
  FieldSchema schema = testing::ShippedSchema();
  const std::string marker = WordPairMarker(schema);
  CHECK(marker == "XB " + schema.CommonWordsDigest());
  CHECK(schema.CommonWordsDigest().size() == 16);
  // Another list, another marker: an index paired by the old lists is not
  // read with the new ones.
  schema.SetStopwords({{"en", {"the", "of"}}});
  CHECK(WordPairMarker(schema) != marker);
  CHECK(WordPairTerm(schema, "ministre", "de").empty());
  // The same words in other files: the same marker.
  FieldSchema split = schema;
  split.SetStopwords({{"en", {"the"}}, {"fr", {"of"}}});
  CHECK(WordPairMarker(split) == WordPairMarker(schema));
}
