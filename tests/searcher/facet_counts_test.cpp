#include "searcher/facet_counts.h"

#include <catch2/catch.hpp>
#include <memory>

#include "schema/value_list.h"

using communique::FacetCounts;
using communique::FacetShape;
using communique::FoldFacetCounts;
using communique::PackValueList;

namespace {

// Runs a ValueCountMatchSpy on `slot` over every document of `db`, as the
// searcher does for a query matching them all.
std::unique_ptr<Xapian::ValueCountMatchSpy> Spy(const Xapian::Database& db, Xapian::valueno slot) {
  auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
  Xapian::Enquire e(db);
  e.set_query(Xapian::Query::MatchAll);
  e.add_matchspy(spy.get());
  e.get_mset(0, 0, db.get_doccount());
  return spy;
}

Xapian::WritableDatabase ThreeArticles() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const char* lists[][3] = {{"PK", "RU", "AF"}, {"PK", "RU", nullptr}, {"RU", "PK", "PK"}};
  const char* dates[] = {"20210914", "20210803", "20210915"};
  for (int i = 0; i < 3; ++i) {
    Xapian::Document d;
    std::vector<std::string> list;
    for (const char* c : lists[i])
      if (c) list.push_back(c);
    d.add_value(1, PackValueList(list));
    d.add_value(2, dates[i]);
    db.add_document(d);
  }
  db.add_document(Xapian::Document());  // no values at all
  return db;
}

}  // namespace

TEST_CASE("packed lists fold into one count per country per article", "[facets]") {
  auto db = ThreeArticles();
  auto spy = Spy(db, 1);
  CHECK(spy->get_total() == 4);
  // The third article names PK twice: it still counts once.
  CHECK(FoldFacetCounts(*spy, FacetShape::kPacked) == FacetCounts{{"AF", 1}, {"PK", 3}, {"RU", 3}});
}

TEST_CASE("pairs fold into unordered dyads, each once per article", "[facets]") {
  auto db = ThreeArticles();
  CHECK(FoldFacetCounts(*Spy(db, 1), FacetShape::kPairs) ==
        FacetCounts{{"AF-PK", 1}, {"AF-RU", 1}, {"PK-RU", 3}});
}

TEST_CASE("dates fold into months or stay whole", "[facets]") {
  auto db = ThreeArticles();
  auto spy = Spy(db, 2);
  CHECK(FoldFacetCounts(*spy, FacetShape::kPrefix, 6) == FacetCounts{{"202108", 1}, {"202109", 2}});
  CHECK(FoldFacetCounts(*spy, FacetShape::kPrefix, 4) == FacetCounts{{"2021", 3}});
  CHECK(FoldFacetCounts(*spy, FacetShape::kSingle).size() == 3);
}

TEST_CASE("counts from two shards add up as from one database", "[facets]") {
  // Xapian merges the spies of sub-databases: the folded counts of a
  // sharded match equal those of the whole.
  auto whole = ThreeArticles();
  Xapian::WritableDatabase a(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::WritableDatabase b(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (Xapian::docid id = 1; id <= whole.get_doccount(); ++id)
    (id % 2 ? a : b).add_document(whole.get_document(id));
  Xapian::Database both;
  both.add_database(a);
  both.add_database(b);
  CHECK(FoldFacetCounts(*Spy(both, 1), FacetShape::kPacked) ==
        FoldFacetCounts(*Spy(whole, 1), FacetShape::kPacked));
}
