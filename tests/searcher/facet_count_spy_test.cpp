#include "searcher/facet_count_spy.h"

#include <catch2/catch.hpp>
#include <memory>

#include "schema/value_list.h"

using communique::FacetCountSpy;

TEST_CASE("the spy counts packed, single and prefix values", "[facets]") {
  Xapian::Document a, b;
  a.add_value(1, communique::PackValueList({"PK", "RU"}));
  b.add_value(1, communique::PackValueList({"PK"}));
  a.add_value(2, "20210914");
  b.add_value(2, "20210803");
  FacetCountSpy packed(1, FacetCountSpy::Shape::kPacked);
  FacetCountSpy months(2, FacetCountSpy::Shape::kPrefix, 6);
  FacetCountSpy single(2, FacetCountSpy::Shape::kSingle);
  for (auto* spy : {&packed, &months, &single}) {
    (*spy)(a, 1.0);
    (*spy)(b, 1.0);
  }
  CHECK(packed.counts() == std::map<std::string, Xapian::doccount>{{"PK", 2}, {"RU", 1}});
  CHECK(months.counts() == std::map<std::string, Xapian::doccount>{{"202108", 1}, {"202109", 1}});
  CHECK(single.counts().size() == 2);
  CHECK(packed.documents_seen() == 2);
}

TEST_CASE("the spy serialises itself and merges results, as remote shards need", "[facets]") {
  FacetCountSpy spy(5, FacetCountSpy::Shape::kPacked);
  Xapian::Registry registry;
  std::unique_ptr<Xapian::MatchSpy> copy(spy.unserialise(spy.serialise(), registry));
  CHECK(copy->name() == spy.name());
  Xapian::Document d;
  d.add_value(5, communique::PackValueList({"SCO"}));
  (*copy)(d, 0);
  FacetCountSpy total(5, FacetCountSpy::Shape::kPacked);
  total.merge_results(copy->serialise_results());
  total.merge_results(copy->serialise_results());
  CHECK(total.counts().at("SCO") == 2);
  CHECK(total.documents_seen() == 2);
  CHECK_THROWS(spy.unserialise("garbage", registry));
}

TEST_CASE("the pairs shape counts each unordered pair of a list once", "[facets]") {
  Xapian::Document a, b;
  a.add_value(1, communique::PackValueList({"RU", "PK", "AF", "PK"}));  // PK twice
  b.add_value(1, communique::PackValueList({"PK", "RU"}));
  FacetCountSpy pairs(1, FacetCountSpy::Shape::kPairs);
  pairs(a, 1.0);
  pairs(b, 1.0);
  CHECK(pairs.counts() ==
        std::map<std::string, Xapian::doccount>{{"AF-PK", 1}, {"AF-RU", 1}, {"PK-RU", 2}});
  Xapian::Registry registry;
  std::unique_ptr<Xapian::MatchSpy> copy(pairs.unserialise(pairs.serialise(), registry));
  CHECK(copy->get_description() == "FacetCountSpy(slot 1, 0 values)");
}
