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

TEST_CASE("spaced synonym terms become phrases, the rest is kept", "[query]") {
  std::vector<Q> syn{Q("Zsco"), Q("XOsco"), Q("shanghai cooperation organisation")};
  Q in(Q::OP_AND, Q(Q::OP_SYNONYM, syn.begin(), syn.end()), Q("Zsummit"));
  CHECK(PhrasesForSpacedTerms(in).get_description() ==
        "Query(((Zsco SYNONYM XOsco SYNONYM (shanghai PHRASE 3 cooperation PHRASE 3 "
        "organisation)) AND Zsummit))");
  Q plain(Q::OP_OR, Q("a"), Q("b"));
  CHECK(PhrasesForSpacedTerms(plain).get_description() == plain.get_description());
}
