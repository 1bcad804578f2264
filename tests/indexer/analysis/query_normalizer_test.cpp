#include "indexer/analysis/query_normalizer.h"

#include <catch2/catch.hpp>

using communique::NormalizeQuery;

TEST_CASE("NormalizeQuery folds words like the indexer and keeps the syntax", "[analysis]") {
  CHECK(NormalizeQuery("Erdoğan AND \"Türkiye talks\"") == "erdogan AND \"turkiye talks\"");
  CHECK(NormalizeQuery("title:Putin -Khan +SCO") == "title:putin -khan +sco");
  CHECK(NormalizeQuery("sanction* NEAR Iran") == "sanction* NEAR iran");
  CHECK(NormalizeQuery("U.S. OR (UK NOT EU)") == "us. OR (uk NOT eu)");
  CHECK(NormalizeQuery("country:PK") == "country:pk");
  CHECK(NormalizeQuery("and or not") == "and or not");  // lower-case words are words
  CHECK(NormalizeQuery("a\nb") == "a b");
}
