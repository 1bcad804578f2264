#include "schema/sort_key.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace communique;

TEST_CASE("the sort key is the compact date, then the article's key", "[schema]") {
  CHECK(SortKeyValue("20210914", "cq-0025") == "20210914cq-0025");
  CHECK(SortKeyValue("20210914", "") == "20210914");
  // Anything but an 8-character date counts as undated.
  CHECK(SortKeyValue("", "k") == "00000000k");
  CHECK(SortKeyValue("2021091", "k") == "00000000k");
  CHECK(SortKeyValue("2021-09-14", "k") == "00000000k");
}

TEST_CASE("sort keys order by date, undated last when newest come first, then by key", "[schema]") {
  std::vector<std::string> keys = {SortKeyValue("20210914", "b"), SortKeyValue("", "a"),
                                   SortKeyValue("20210914", "a"), SortKeyValue("19870301", "z"),
                                   SortKeyValue("20220101", "a")};
  std::sort(keys.rbegin(), keys.rend());  // newest first, as the date sort does
  CHECK(keys ==
        std::vector<std::string>{"20220101a", "20210914b", "20210914a", "19870301z", "00000000a"});
}
