#include "common/numbers.h"

#include <catch2/catch.hpp>

using namespace communique;

TEST_CASE("ParseNumber takes plain decimal digits within the bounds", "[common]") {
  CHECK(ParseNumber("size", "0", 0, 10).value() == 0);
  CHECK(ParseNumber("size", "10", 0, 10).value() == 10);
  CHECK(ParseNumber("size", "007", 0, 10).value() == 7);
  CHECK(ParseNumber("big", "999999999999", 0, 999999999999).value() == 999999999999);
}

TEST_CASE("ParseNumber refuses signs, spaces, junk, overflow and out-of-range values", "[common]") {
  const std::string expected = "page must be a number from 1 to 100";
  for (const char* bad : {"", "0", "101", "-1", "+1", " 1", "1 ", "1x", "0x10", "1.0", "1e2",
                          "9999999999999", "99999999999999999999999"}) {
    auto r = ParseNumber("page", bad, 1, 100);
    INFO('"' << bad << '"');
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code == 400);
    CHECK(r.status().message == expected);
  }
  // The bounds in the message are the caller's, negative ones included.
  CHECK(ParseNumber("n", "x", -5, 5).status().message == "n must be a number from -5 to 5");
}
