#include "indexer/entities/entity_recognizer.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

EntitySummary Recognise(const std::string& text, std::optional<Date> date = Date{2021, 9, 14}) {
  static const EntityRecognizer recognizer(testing::ShippedGazetteer());
  return EntityRecognizer::Summarise(recognizer.Recognise(Tokenize(text), date),
                                     recognizer.FindFlags(text));
}

std::vector<std::string> Ids(const std::vector<EntityCount>& counts) {
  std::vector<std::string> ids;
  for (const auto& c : counts) ids.push_back(c.id);
  return ids;
}

bool Has(const std::vector<EntityCount>& counts, const std::string& id) {
  for (const auto& c : counts) {
    if (c.id == id) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("names, demonyms and capitals give countries", "[entities]") {
  auto s = Recognise("ISLAMABAD: Pakistani officials said Afghanistan and Russia would meet.");
  CHECK(Ids(s.countries) == std::vector<std::string>{"PK", "AF", "RU"});
  CHECK(s.countries[0].count == 2);  // Islamabad + Pakistani
}

TEST_CASE("the longest alias wins: the SCO is not a mention of Shanghai or China", "[entities]") {
  auto s = Recognise("Leaders met at the Shanghai Cooperation Organization summit.");
  CHECK(Ids(s.organisations) == std::vector<std::string>{"SCO"});
  CHECK(s.countries.empty());
  auto spelled = Recognise("the Shanghai Cooperation Organisation (SCO) said");
  REQUIRE(spelled.organisations.size() == 1);
  CHECK(spelled.organisations[0].count == 2);
}

TEST_CASE("capitalisation separates names from ordinary words", "[entities]") {
  CHECK(Recognise("they ate turkey and china plates; us too").countries.empty());
  CHECK(Has(Recognise("Turkey and China said").countries, "TR"));
  CHECK(Has(Recognise("the US and the UK").countries, "US"));
  CHECK(Has(Recognise("U.S. officials").countries, "US"));
}

TEST_CASE("leaders by full name, distinctive surname, title and handle", "[entities]") {
  auto s = Recognise("Prime Minister Imran Khan received a call from President Putin.");
  CHECK(Ids(s.leaders) == std::vector<std::string>{"imran-khan", "vladimir-putin"});
  CHECK(Has(Recognise("PM Khan spoke").leaders, "imran-khan"));  // context alias after a title
  CHECK_FALSE(
      Has(Recognise("Khan Market was busy").leaders, "imran-khan"));  // bare ambiguous surname
  CHECK(Has(Recognise("said @ImranKhanPTI on Twitter").leaders, "imran-khan"));
}

TEST_CASE("roles resolve to the office holder on the publication date", "[entities]") {
  CHECK(Has(Recognise("the Russian President said", Date{2021, 9, 14}).leaders, "vladimir-putin"));
  CHECK(Has(Recognise("the US President said", Date{2022, 1, 10}).leaders, "joe-biden"));
  CHECK(Has(Recognise("the US President said", Date{2019, 1, 10}).leaders, "donald-trump"));
  // A role across a paragraph break is not a role.
  CHECK(Recognise("a visit to Russia.\n\nPrime Minister Khan", Date{2021, 9, 14}).leaders.size() ==
        1);
}

TEST_CASE("flag emoji count as country mentions", "[entities]") {
  auto s = Recognise("Prime Minister 🇵🇰 and 🇷🇺 today");
  CHECK(Has(s.countries, "PK"));
  CHECK(Has(s.countries, "RU"));
}
