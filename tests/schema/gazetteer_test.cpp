#include "schema/gazetteer.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using communique::EntityKind;
using communique::Gazetteer;

TEST_CASE("the shipped gazetteers load and cover what the product promises", "[schema]") {
  auto g = Gazetteer::LoadDir(communique::testing::SourceDir() + "/schema/gazetteer");
  REQUIRE(g.ok());
  const Gazetteer& gz = g.value();
  int countries = 0, un_members = 0, leaders = 0, orgs = 0;
  for (const auto& e : gz.entries()) {
    if (e.kind == EntityKind::kCountry) ++countries;
    if (e.kind == EntityKind::kLeader) ++leaders;
    if (e.kind == EntityKind::kOrganisation) ++orgs;
  }
  (void)un_members;
  CHECK(countries >= 193);
  CHECK(leaders >= 50);
  CHECK(orgs >= 30);
  CHECK(gz.Label(EntityKind::kCountry, "PK") == "Pakistan");
  CHECK(gz.CanonicalId(EntityKind::kCountry, "pk") == "PK");
  CHECK(gz.Label(EntityKind::kOrganisation, "SCO").find("Shanghai Cooperation") == 0);
  const auto* putin = gz.Find(EntityKind::kLeader, "vladimir-putin");
  REQUIRE(putin != nullptr);
  CHECK(putin->country == "RU");
  CHECK_FALSE(putin->terms.empty());
  CHECK(gz.Label(EntityKind::kCountry, "ZZ") == "ZZ");
}

TEST_CASE("a malformed gazetteer is an error that names the file", "[schema]") {
  auto r = Gazetteer::Parse("[{\"code\": \"PK\"}]", "[]", "[]");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message.find("countries") != std::string::npos);
  auto dup =
      Gazetteer::Parse(R"([{"code":"PK","name":"Pakistan"},{"code":"pk","name":"P"}])", "[]", "[]");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.status().message.find("duplicate") != std::string::npos);
}
