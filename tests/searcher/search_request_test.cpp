#include "searcher/search_request.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;
using Params = std::multimap<std::string, std::string>;

using testing::ShippedSchema;

TEST_CASE("search parameters parse into a request", "[request]") {
  auto r = ParseSearchRequest({{"q", "putin"},
                               {"country", "PK"},
                               {"country", "RU"},
                               {"org", "SCO"},
                               {"from", "2021-09"},
                               {"to", "2021-09-30"},
                               {"page", "2"},
                               {"size", "5"}},
                              ShippedSchema());
  REQUIRE(r.ok());
  const SearchRequest& s = r.value();
  CHECK(s.q == "putin");
  CHECK(s.filters.at("country") == std::vector<std::string>{"PK", "RU"});
  CHECK(s.filters.at("organisation") == std::vector<std::string>{"SCO"});
  CHECK(s.from == "20210901");
  CHECK(s.to == "20210930");
  CHECK(s.page == 2);
  CHECK(s.size == 5);
  CHECK(s.sort == SearchRequest::Sort::kRelevance);
}

TEST_CASE("NAME_not excludes values, comma-separated like NAME_any", "[request]") {
  auto r = ParseSearchRequest(
      {{"country_not", "RU,UA"}, {"org_not", "NATO"}, {"country_any", "PK"}, {"dyad_not", "ru-cn"}},
      ShippedSchema());
  REQUIRE(r.ok());
  CHECK(r.value().not_filters.at("country") == std::vector<std::string>{"RU", "UA"});
  CHECK(r.value().not_filters.at("organisation") == std::vector<std::string>{"NATO"});
  CHECK(r.value().not_filters.at("dyad") == std::vector<std::string>{"CN-RU"});
  CHECK(r.value().any_filters.at("country") == std::vector<std::string>{"PK"});
  CHECK(r.value().filters.empty());
  CHECK(ParseSearchRequest({{"country_not", ""}}, ShippedSchema()).value().not_filters.empty());
  auto bad = ParseSearchRequest({{"contry_not", "RU"}}, ShippedSchema());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code == 400);
}

TEST_CASE("an empty query sorts by date unless told otherwise", "[request]") {
  CHECK(ParseSearchRequest({}, ShippedSchema()).value().sort == SearchRequest::Sort::kDate);
  CHECK(ParseSearchRequest({{"sort", "relevance"}}, ShippedSchema()).value().sort ==
        SearchRequest::Sort::kRelevance);
}

TEST_CASE("bad parameters are 400s that say what is wrong", "[request]") {
  const std::pair<Params, const char*> cases[] = {
      {{{"size", "0"}}, "size must be a number from 1 to 100"},
      {{{"size", "abc"}}, "size must be a number from 1 to 100"},
      {{{"page", "-1"}}, "page must be a number"},
      {{{"page", "500"}, {"size", "100"}}, "page * size must not exceed 10000"},
      {{{"sort", "random"}}, "sort must be relevance, date or recent"},
      {{{"from", "2021-02-30"}}, "from: date \"2021-02-30\" must be"},
      {{{"from", "2022"}, {"to", "2021"}}, "from must not be after to"},
      {{{"contry", "PK"}}, "unknown parameter \"contry\""},
      {{{"q", std::string(2000, 'a')}}, "q is too long"},
  };
  for (const auto& [params, message] : cases) {
    auto r = ParseSearchRequest(params, ShippedSchema());
    INFO(message);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code == 400);
    CHECK(r.status().message.find(message) == 0);
  }
}

TEST_CASE("date bounds widen to whole months and years", "[request]") {
  CHECK(ParseDateBound("2024-02", true).value() == "20240229");
  CHECK(ParseDateBound("2023-02", true).value() == "20230228");
  CHECK(ParseDateBound("2021", false).value() == "20210101");
  CHECK(ParseDateBound("2021", true).value() == "20211231");
  CHECK_FALSE(ParseDateBound("21-09-14", false).ok());
}
