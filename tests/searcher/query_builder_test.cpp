#include "searcher/query_builder.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;
using Q = Xapian::Query;

namespace {

const QueryBuilder& Builder() {
  static const QueryBuilder builder(testing::ShippedSchema(), testing::ShippedGazetteer());
  return builder;
}

}  // namespace

TEST_CASE("entity values resolve from ids, codes, names and acronyms", "[query]") {
  using V = std::vector<std::string>;
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "pk") == V{"PK"});
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "Pakistan") == V{"PK"});
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "islamic republic of PAKISTAN") == V{"PK"});
  CHECK(Builder().ResolveEntity(EntityKind::kLeader, "putin") == V{"vladimir-putin"});
  CHECK(Builder().ResolveEntity(EntityKind::kLeader, "Путин") == V{"vladimir-putin"});
  CHECK(Builder().ResolveEntity(EntityKind::kOrganisation, "Shanghai Cooperation Organization") ==
        V{"SCO"});
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "Atlantis").empty());
}

TEST_CASE("facet filters are the schema's terms", "[query]") {
  CHECK(Builder().FacetFilter("country", "pakistan").get_description() == "Query(XCpk)");
  CHECK(Builder().FacetFilter("organisation", "sco").get_description() == "Query(XOsco)");
  CHECK(Builder().FacetFilter("source", "Harbour Times").get_description() ==
        "Query(XSharbour times)");
  CHECK(Builder().FacetFilter("no-such-field", "x").get_description() ==
        Q::MatchNothing.get_description());
}

TEST_CASE("a subject filter is its code or the words of its name", "[query][subjects]") {
  // K: the code's boolean term; XT: the subject names, a phrase in order.
  CHECK(Builder().FacetFilter("subject", "Politics").get_description() ==
        "Query((Kpolitics OR XTpolitics))");
  CHECK(Builder().FacetFilter("subject", "International Trade").get_description() ==
        "Query((Kinternational trade OR (XTinternational PHRASE 2 XTtrade)))");
  CHECK(Builder().FacetFilter("subject", "medtop:11000000").get_description() ==
        "Query((Kmedtop:11000000 OR (XTmedtop PHRASE 2 XT11000000)))");
}
