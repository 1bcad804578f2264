#include "searcher/facet_counts.h"

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "schema/value_list.h"

using communique::FacetCounts;
using communique::FacetShape;
using communique::FoldFacetCounts;
using communique::PackValueList;
using communique::SlotCounter;

namespace {

constexpr Xapian::valueno kBundleSlot = 9;

// Counts slots 1 and 2 over every document of `db`, as the searcher does for
// a query matching them all: through the bundle in slot 9 when `bundled`,
// else with one ValueCountMatchSpy per slot.
std::unique_ptr<SlotCounter> Count(const Xapian::Database& db, bool bundled) {
  auto counter = std::make_unique<SlotCounter>(
      std::vector<Xapian::valueno>{1, 2},
      bundled ? std::optional<Xapian::valueno>(kBundleSlot) : std::nullopt);
  Xapian::Enquire e(db);
  e.set_query(Xapian::Query::MatchAll);
  counter->Attach(e);
  e.get_mset(0, 0, db.get_doccount());
  return counter;
}

Xapian::WritableDatabase ThreeArticles() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const char* lists[][3] = {{"PK", "RU", "AF"}, {"PK", "RU", nullptr}, {"RU", "PK", "PK"}};
  const char* dates[] = {"20210914", "20210803", "20210915"};
  for (int i = 0; i < 3; ++i) {
    Xapian::Document d;
    std::vector<std::string> list;
    for (const char* c : lists[i])
      if (c) list.emplace_back(c);
    d.add_value(1, PackValueList(list));
    d.add_value(2, dates[i]);
    // Slot 3 is bundled but not asked for: the counter must skip it.
    d.add_value(kBundleSlot, communique::PackSlotBundle(
                                 {{1, d.get_value(1)}, {2, d.get_value(2)}, {3, "other"}}));
    db.add_document(d);
  }
  Xapian::Document none;  // no values at all, but a bundle like every document
  none.add_value(kBundleSlot, communique::PackSlotBundle({}));
  db.add_document(none);
  return db;
}

}  // namespace

TEST_CASE("packed lists fold into one count per country per article", "[facets]") {
  auto db = ThreeArticles();
  for (bool bundled : {false, true}) {
    INFO("bundled: " << bundled);
    auto counter = Count(db, bundled);
    CHECK(counter->total() == 4);
    // The third article names PK twice: it still counts once.
    CHECK(FoldFacetCounts(counter->Of(1), FacetShape::kPacked) ==
          FacetCounts{{"AF", 1}, {"PK", 3}, {"RU", 3}});
    CHECK(counter->Of(3).empty());  // not asked for
  }
}

TEST_CASE("pairs fold into unordered dyads, each once per article", "[facets]") {
  auto db = ThreeArticles();
  for (bool bundled : {false, true}) {
    INFO("bundled: " << bundled);
    CHECK(FoldFacetCounts(Count(db, bundled)->Of(1), FacetShape::kPairs) ==
          FacetCounts{{"AF-PK", 1}, {"AF-RU", 1}, {"PK-RU", 3}});
  }
}

TEST_CASE("dates fold into months or stay whole", "[facets]") {
  auto db = ThreeArticles();
  for (bool bundled : {false, true}) {
    INFO("bundled: " << bundled);
    auto counter = Count(db, bundled);
    CHECK(FoldFacetCounts(counter->Of(2), FacetShape::kPrefix, 6) ==
          FacetCounts{{"202108", 1}, {"202109", 2}});
    CHECK(FoldFacetCounts(counter->Of(2), FacetShape::kPrefix, 4) == FacetCounts{{"2021", 3}});
    CHECK(FoldFacetCounts(counter->Of(2), FacetShape::kSingle).size() == 3);
  }
}

TEST_CASE("the bundle and per-slot spies count alike on a filtered match", "[facets]") {
  auto db = ThreeArticles();
  // Only the documents whose date is in September.
  Xapian::Query september(Xapian::Query::OP_VALUE_RANGE, 2, "20210901", "20210930");
  std::map<bool, communique::DistinctValueCounts> seen;
  for (bool bundled : {false, true}) {
    SlotCounter counter({1, 2},
                        bundled ? std::optional<Xapian::valueno>(kBundleSlot) : std::nullopt);
    Xapian::Enquire e(db);
    e.set_query(september);
    counter.Attach(e);
    e.get_mset(0, 0, db.get_doccount());
    CHECK(counter.total() == 2);
    seen[bundled] = counter.Of(1);
  }
  CHECK(seen[true] == seen[false]);
  CHECK(seen[true].size() == 2);
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
  for (bool bundled : {false, true}) {
    INFO("bundled: " << bundled);
    CHECK(FoldFacetCounts(Count(both, bundled)->Of(1), FacetShape::kPacked) ==
          FoldFacetCounts(Count(whole, false)->Of(1), FacetShape::kPacked));
  }
}

TEST_CASE("distinct values keep their counts as the table grows", "[facets]") {
  // Thousands of distinct values, as packed lists give per slot on a large
  // match: every value keeps its own count through each growth.
  communique::DistinctValueCounts counts;
  const int n = 5000;
  for (int round = 1; round <= 3; ++round) {
    for (int i = 0; i < n; ++i) {
      if (i % round == 0) counts.Add("value " + std::to_string(i));
    }
  }
  REQUIRE(counts.size() == static_cast<size_t>(n));
  std::map<std::string, Xapian::doccount> seen;
  for (const auto& [value, count] : counts) seen[std::string(value)] = count;
  CHECK(seen.size() == static_cast<size_t>(n));
  CHECK(seen["value 0"] == 3);  // counted in every round
  CHECK(seen["value 2"] == 2);  // rounds 1 and 2
  CHECK(seen["value 3"] == 2);  // rounds 1 and 3
  CHECK(seen["value 7"] == 1);
  // The index Add returns counts the same value again, and an empty value
  // is a value like any other.
  size_t at = counts.Add("value 7", 0);
  CHECK(counts.ValueAt(at) == "value 7");
  counts.AddAt(at, 4);
  counts.Add("");
  Xapian::doccount seven = 0;
  for (const auto& [value, count] : counts) {
    if (value == "value 7") seven = count;
  }
  CHECK(seven == 5);
  CHECK(counts.size() == static_cast<size_t>(n) + 1);
}

TEST_CASE("distinct value tables compare by content, not by order", "[facets]") {
  communique::DistinctValueCounts a;
  communique::DistinctValueCounts b;
  a.Add("PK");
  a.Add("RU", 2);
  b.Add("RU", 2);
  b.Add("PK");
  CHECK(a == b);
  b.Add("PK");
  CHECK_FALSE(a == b);
  a.Add("AF");
  CHECK_FALSE(a == b);
}
