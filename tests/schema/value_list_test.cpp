#include "schema/value_list.h"

#include <catch2/catch.hpp>

using communique::PackValueList;
using communique::UnpackValueList;

TEST_CASE("value lists round-trip any bytes, including empty items", "[schema]") {
  std::vector<std::string> items = {"PK", "", std::string("a\0b", 3), "Россия"};
  CHECK(UnpackValueList(PackValueList(items)) == items);
  CHECK(UnpackValueList("").empty());
}

TEST_CASE("a truncated value list decodes what is whole and stops", "[schema]") {
  std::string packed = PackValueList({"PK", "RU"});
  packed.pop_back();
  CHECK(UnpackValueList(packed) == std::vector<std::string>{"PK"});
  CHECK(UnpackValueList(std::string(1, '\xff')).empty());
}
