#include "indexer/entities/salience.h"

#include <catch2/catch.hpp>

using namespace communique;

namespace {

EntitySummary Countries(std::vector<std::pair<std::string, int>> counts) {
  EntitySummary s;
  for (auto& [id, n] : counts) s.countries.push_back({id, n, false, ""});
  return s;
}

std::vector<std::string> Salient(const EntitySummary& s) {
  std::vector<std::string> out;
  for (const auto& c : s.countries) {
    if (c.salient) out.push_back(c.id);
  }
  return out;
}

}  // namespace

TEST_CASE("headline, dateline, a returning lead country and frequent ones are salient",
          "[salience]") {
  EntitySummary s = Countries({{"PK", 1}, {"RU", 1}, {"AF", 2}, {"CN", 1}, {"IN", 4}, {"US", 3}});
  SalienceSignals sig;
  sig.in_title = {"RU"};
  sig.dateline_country = "PK";
  sig.in_lead = {"AF", "CN"};
  MarkSalientCountries(s, sig);
  // CN is in the lead but named once; US three times is not enough alone.
  CHECK(Salient(s) == std::vector<std::string>{"PK", "RU", "AF", "IN"});
}

TEST_CASE("leader mentions weigh for their country, a derived headline makes the lead count",
          "[salience]") {
  EntitySummary s = Countries({{"US", 2}, {"JP", 1}});
  SalienceSignals sig;
  sig.via_leaders = {{"US", 2}};
  sig.in_lead = {"JP"};
  MarkSalientCountries(s, sig);
  CHECK(Salient(s) == std::vector<std::string>{"US"});
  sig.title_is_lead = true;
  MarkSalientCountries(s, sig);
  CHECK(Salient(s) == std::vector<std::string>{"US", "JP"});
}

TEST_CASE("organisations are salient in the headline, the lead or when repeated", "[salience]") {
  EntitySummary s;
  s.organisations = {
      {"SCO", 1, false, ""}, {"UN", 1, false, ""}, {"IMF", 2, false, ""}, {"EEC", 1, false, ""}};
  SalienceSignals sig;
  sig.orgs_in_title = {"SCO"};
  sig.orgs_in_lead = {"EEC"};
  MarkSalientOrganisations(s, sig);
  std::vector<bool> salient;
  for (const auto& o : s.organisations) salient.push_back(o.salient);
  CHECK(salient == std::vector<bool>{true, false, true, true});
}

TEST_CASE("dyads are the unordered pairs of salient countries, sorted", "[salience]") {
  EntitySummary s = Countries({{"RU", 5}, {"PK", 5}, {"CN", 1}, {"AF", 5}});
  MarkSalientCountries(s, SalienceSignals{});
  CHECK(Dyads(s) == std::vector<std::string>{"AF-PK", "AF-RU", "PK-RU"});
  CHECK(Dyads(Countries({{"RU", 9}})).empty());
}
