#include "common/status.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <variant>

using namespace communique;

TEST_CASE("a Status is ok below 300 and keeps its code and message", "[common]") {
  CHECK(Status().ok());
  CHECK(Status::Ok().ok());
  CHECK(Status::Ok().code == 200);
  CHECK(Status::Ok().message.empty());
  CHECK(Status{204, ""}.ok());
  CHECK_FALSE(Status{300, ""}.ok());
  const std::pair<Status, int> errors[] = {
      {Status::BadRequest("b"), 400}, {Status::NotFound("n"), 404},    {Status::Conflict("c"), 409},
      {Status::Internal("i"), 500},   {Status::Unavailable("u"), 503},
  };
  for (const auto& [s, code] : errors) {
    CHECK_FALSE(s.ok());
    CHECK(s.code == code);
    CHECK(s.message.size() == 1);
  }
  CHECK(Status::NotFound("no such id").message == "no such id");
}

TEST_CASE("a Result holds a value or an error, never both", "[common]") {
  Result<std::string> good = std::string("value");
  REQUIRE(good.ok());
  CHECK(good.value() == "value");
  CHECK(good.status().ok());
  CHECK(good.status().message.empty());
  good.value() += "!";
  CHECK(good.value() == "value!");

  Result<std::string> bad = Status::NotFound("gone");
  CHECK_FALSE(bad.ok());
  CHECK(bad.status().code == 404);
  CHECK(bad.status().message == "gone");
  // Reading the value of an error is a programming mistake: it throws.
  CHECK_THROWS_AS(bad.value(), std::bad_variant_access);

  // A move-only value can be taken out of an rvalue Result.
  Result<std::unique_ptr<int>> owned = std::make_unique<int>(7);
  std::unique_ptr<int> taken = std::move(owned).value();
  REQUIRE(taken);
  CHECK(*taken == 7);
}
