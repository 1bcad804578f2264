#include "common/strings.h"

#include <catch2/catch.hpp>

using namespace communique;

TEST_CASE("TrimSpace drops ASCII white space at both ends only", "[common]") {
  CHECK(TrimSpace(" \t a b \r\n") == "a b");
  CHECK(TrimSpace("").empty());
  CHECK(TrimSpace("\xC2\xA0x") == "\xC2\xA0x");  // NBSP is not ASCII white space
}

TEST_CASE("EndsWith compares the tail byte for byte", "[common]") {
  CHECK(EndsWith("feed.jsonl", ".jsonl"));
  CHECK(EndsWith("saying", "ing"));
  CHECK(EndsWith("x", ""));
  CHECK_FALSE(EndsWith("ing", "saying"));
  CHECK_FALSE(EndsWith("feed.JSONL", ".jsonl"));
}
