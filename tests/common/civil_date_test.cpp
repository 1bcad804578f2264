#include "common/civil_date.h"

#include <catch2/catch.hpp>

using namespace communique;

static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2000, 3, 1) == 11017);

TEST_CASE("civil dates round-trip through day numbers", "[civil_date]") {
  CHECK(DaysFromCivil(1969, 12, 31) == -1);
  CHECK(DaysFromCivil(2021, 9, 14) == 18884);
  for (long day = -800000; day <= 800000; day += 997) {
    CivilDate d = CivilFromDays(day);
    INFO(day);
    REQUIRE(IsCivilDate(d.year, d.month, d.day));
    REQUIRE(DaysFromCivil(d.year, d.month, d.day) == day);
  }
  CHECK(IsCivilDate(2024, 2, 29));
  CHECK_FALSE(IsCivilDate(2023, 2, 29));
  CHECK_FALSE(IsCivilDate(1900, 2, 29));
  CHECK(IsCivilDate(2000, 2, 29));
  CHECK_FALSE(IsCivilDate(2021, 13, 1));
}
