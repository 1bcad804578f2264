#include "schema/gazetteer.h"

#include <catch2/catch.hpp>
#include <set>

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

TEST_CASE("cities, translations, historical coverage and leaders since 1980 ship", "[schema]") {
  using communique::Alias;
  using communique::GazetteerEntry;
  const Gazetteer& g = communique::testing::ShippedGazetteer();
  CHECK(g.CityCountries("houston") == std::vector<std::string>{"US"});
  CHECK(g.CityCountries("nj") == std::vector<std::string>{"US"});  // "N.J." in a dateline
  auto paris = g.CityCountries("paris");
  REQUIRE(paris.size() >= 2);
  CHECK(paris[0] == "FR");  // the most populous place of the name first
  CHECK(g.CityCountries("no such town").empty());
  const GazetteerEntry* pk = g.Find(EntityKind::kCountry, "PK");
  REQUIRE(pk);
  std::set<std::string> names;
  for (const Alias& a : pk->aliases) names.insert(a.text);
  for (const char* n : {"Пакистан", "باكستان", "巴基斯坦", "पाकिस्तान", "پاکستان"}) {
    INFO(n);
    CHECK(names.count(n));
  }
  const GazetteerEntry* xg = g.Find(EntityKind::kCountry, "XG");
  REQUIRE(xg);
  REQUIRE(xg->covers.size() == 1);
  CHECK(xg->covers[0].code == "DE");
  CHECK(xg->covers[0].end == "1990-10-03");
  // Heads of government of the G7 in 1987, and Yeltsin in 1995, with roles.
  for (const char* id :
       {"ronald-reagan", "margaret-thatcher", "helmut-kohl", "yasuhiro-nakasone", "brian-mulroney",
        "francois-mitterrand", "boris-yeltsin", "nigel-lawson", "kiichi-miyazawa", "james-baker"}) {
    INFO(id);
    const GazetteerEntry* e = g.Find(EntityKind::kLeader, id);
    REQUIRE(e);
    CHECK_FALSE(e->terms.empty());
  }
}
