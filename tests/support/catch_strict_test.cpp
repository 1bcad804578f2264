// Deliberately empty test cases, hidden ([.]) from the normal run: CTest runs
// them with the strict flags (tests/CMakeLists.txt, meta.*) and expects them
// to FAIL, proving that a test case which asserts nothing cannot pass.
#include <catch2/catch.hpp>

TEST_CASE("a test case that asserts nothing", "[.strict]") {
  // No assertion: with --warn NoAssertions this must fail.
}
