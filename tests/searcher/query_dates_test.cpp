#include "searcher/query_dates.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

const QueryDateFinder& Finder() {
  static const QueryDateFinder finder(testing::ShippedGazetteer());
  return finder;
}

// Each span as "begin-end:from..to~mentioned".
std::vector<std::string> Spans(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const QueryDateSpan& s : Finder().Find(words))
    out.push_back(std::to_string(s.begin) + "-" + std::to_string(s.end) + ":" + s.from + ".." +
                  s.to + "~" + s.mentioned);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("a year, a month and year, a day in words are dates in a query", "[query_dates]") {
  CHECK(Spans({"sco", "summit", "2021"}) == V{"2-3:20210101..20211231~2021"});
  CHECK(Spans({"putin", "khan", "september", "2021"}) == V{"2-4:20210901..20210930~202109"});
  CHECK(Spans({"sept", "2021"}) == V{"0-2:20210901..20210930~202109"});
  CHECK(Spans({"february", "2024"}) == V{"0-2:20240201..20240229~202402"});
  CHECK(Spans({"14", "september", "2021", "call"}) == V{"0-3:20210914..20210914~20210914"});
  CHECK(Spans({"september", "14", "2021"}) == V{"0-3:20210914..20210914~20210914"});
}

TEST_CASE("query dates in the languages the gazetteer has month names for", "[query_dates]") {
  CHECK(Spans({"сентябрь", "2021"}) == V{"0-2:20210901..20210930~202109"});
  CHECK(Spans({"14", "сентября", "2021"}) == V{"0-3:20210914..20210914~20210914"});
  CHECK(Spans({"septiembre", "de", "2021"}) == V{"0-3:20210901..20210930~202109"});
  CHECK(Spans({"14", "de", "septiembre", "de", "2021"}) == V{"0-5:20210914..20210914~20210914"});
}

TEST_CASE("what is not a date in a query stays words", "[query_dates]") {
  CHECK(Spans({"may"}).empty());              // a month needs its year
  CHECK(Spans({"theresa", "may"}).empty());   // and a name stays a name
  CHECK(Spans({"14", "september"}).empty());  // a day needs its year
  CHECK(Spans({"g20", "1899", "2101", "123", "20210"}).empty());
  // No such day: the month and year still are.
  CHECK(Spans({"31", "september", "2021"}) == V{"1-3:20210901..20210930~202109"});
  // A position that is not a plain word breaks a date.
  CHECK(Spans({"september", "", "2021"}) == V{"2-3:20210101..20211231~2021"});
}
