#include "analysis/alias_synonyms.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

std::vector<std::string> ValuesOf(const std::vector<SynonymPair>& pairs, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& p : pairs) {
    if (p.key == key) out.push_back(p.value);
  }
  return out;
}

// Whether `value` is among `values` exactly once.
bool Has(const std::vector<std::string>& values, const std::string& value) {
  return std::count(values.begin(), values.end(), value) == 1;
}

}  // namespace

TEST_CASE("names fold like indexed text", "[synonyms]") {
  CHECK(FoldPhrase("Shanghai Cooperation  Organisation") == "shanghai cooperation organisation");
  CHECK(FoldPhrase("Erdoğan") == "erdogan");
  CHECK(FoldPhrase("  ") == "");
}

TEST_CASE("gazetteer names become synonyms of each other and of their entity", "[synonyms]") {
  auto pairs = AliasSynonyms(testing::ShippedGazetteer(), testing::ShippedSchema());
  auto sco = ValuesOf(pairs, "sco");
  CHECK(Has(sco, "XOsco"));
  CHECK(Has(sco, "shanghai cooperation organisation"));
  CHECK(Has(sco, "shanghai cooperation organization"));
  // Other languages' names are keys only: «ШОС» and a case form find the
  // entity and its English names; "sco" is not widened by them.
  CHECK_FALSE(Has(sco, "шос"));
  CHECK(Has(ValuesOf(pairs, "шос"), "XOsco"));
  CHECK(Has(ValuesOf(pairs, "шос"), "shanghai cooperation organisation"));
  CHECK(Has(ValuesOf(pairs, "шанхаискои организации сотрудничества"), "XOsco"));
  auto scorg = ValuesOf(pairs, "shanghai cooperation organization");
  CHECK(Has(scorg, "XOsco"));
  CHECK(Has(scorg, "sco"));
  CHECK(Has(scorg, "shanghai cooperation organisation"));
  auto pk = ValuesOf(pairs, "pk");
  CHECK(std::count(pk.begin(), pk.end(), "pakistan") == 1);
  CHECK((std::count(pk.begin(), pk.end(), "XNpk") + std::count(pk.begin(), pk.end(), "XCpk")) == 1);
  // Codes that are English words are not keys: "in" must not mean India.
  CHECK(ValuesOf(pairs, "in").empty());
  CHECK(ValuesOf(pairs, "it").empty());
  // Demonyms and metonyms are not expanded: "russian" is not "Russia".
  CHECK(ValuesOf(pairs, "kremlin").empty());
  auto putin = ValuesOf(pairs, "putin");
  CHECK(std::count(putin.begin(), putin.end(), "XLvladimir-putin") == 1);
  CHECK(std::count(putin.begin(), putin.end(), "vladimir putin") == 1);
  CHECK(std::is_sorted(pairs.begin(), pairs.end(), [](const SynonymPair& a, const SynonymPair& b) {
    return std::tie(a.key, a.value) < std::tie(b.key, b.value);
  }));
}

TEST_CASE("a city's former names and its name today find each other", "[synonyms]") {
  auto pairs = AliasSynonyms(testing::ShippedGazetteer(), testing::ShippedSchema());
  using V = std::vector<std::string>;
  CHECK(ValuesOf(pairs, "kiev") == V{"kyiv"});
  CHECK(ValuesOf(pairs, "kyiv") == V{"kiev"});
  CHECK(ValuesOf(pairs, "bombay") == V{"mumbai"});
  CHECK(ValuesOf(pairs, "mumbai") == V{"bombay"});
  CHECK(ValuesOf(pairs, "peking") == V{"beijing"});
  CHECK(ValuesOf(pairs, "leningrad") == V{"saint petersburg", "st petersburg"});
  CHECK(ValuesOf(pairs, "saigon") == V{"ho chi minh city"});
  // A city is not its country: no entity term, and English names (Geneva
  // for Geneve) stay dateline names only.
  CHECK(ValuesOf(pairs, "geneva").empty());
  // Countries' former names were already names of the country.
  auto burma = ValuesOf(pairs, "burma");
  CHECK(std::count(burma.begin(), burma.end(), "myanmar") == 1);
  auto swaziland = ValuesOf(pairs, "swaziland");
  CHECK(std::count(swaziland.begin(), swaziland.end(), "eswatini") == 1);
  auto turkey = ValuesOf(pairs, "turkey");
  CHECK(std::count(turkey.begin(), turkey.end(), "turkiye") == 1);
  auto ivory = ValuesOf(pairs, "ivory coast");
  CHECK(std::count(ivory.begin(), ivory.end(), "cote d'ivoire") == 1);
}

TEST_CASE("a listed bare surname finds its leaders in every script, other context aliases do not",
          "[synonyms]") {
  auto pairs = AliasSynonyms(testing::ShippedGazetteer(), testing::ShippedSchema());
  // "Xi" is only a context alias of Xi Jinping: as a query word it now
  // reaches the articles tagged with him (习近平, Си Цзиньпин) and his name.
  auto xi = ValuesOf(pairs, "xi");
  CHECK(Has(xi, "XLxi-jinping"));
  CHECK(Has(xi, "xi jinping"));
  CHECK(Has(ValuesOf(pairs, "abe"), "XLshinzo-abe"));
  CHECK(Has(ValuesOf(pairs, "assad"), "XLbashar-al-assad"));
  // A surname two leaders bear widens to both.
  auto sharif = ValuesOf(pairs, "sharif");
  CHECK(Has(sharif, "XLnawaz-sharif"));
  CHECK(Has(sharif, "XLshehbaz-sharif"));
  // Everyday words and given names stay literal: "May" the month, "Moon",
  // "Kim" (Kim Campbell's given name as well as a surname).
  CHECK(ValuesOf(pairs, "may").empty());
  CHECK(ValuesOf(pairs, "moon").empty());
  CHECK(ValuesOf(pairs, "kim").empty());
}
