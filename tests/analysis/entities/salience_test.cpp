#include "analysis/entities/salience.h"

#include <catch2/catch.hpp>
#include <tuple>

using namespace communique;

namespace {

EntitySummary Countries(const std::vector<std::pair<std::string, int>>& counts) {
  EntitySummary s;
  for (const auto& [id, n] : counts) s.countries.push_back({id, n, false, ""});
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

std::vector<bool> SalientOrgs(const EntitySummary& s) {
  std::vector<bool> out;
  for (const auto& o : s.organisations) out.push_back(o.salient);
  return out;
}

// "SUDAN REJECTS IMF DEMAND FOR DEVALUATION": the headline names the IMF,
// the lead names the EC once, in passing ("a demand it made to the EC").
TEST_CASE("an organisation in the headline is salient, one named once in the lead is not",
          "[salience]") {
  EntitySummary s;
  s.organisations = {{"IMF", 1, false, "", 0.0f}, {"EEC", 1, false, "", 0.05f}};
  SalienceSignals sig;
  sig.orgs_in_title = {"IMF"};
  sig.orgs_in_lead = {"EEC"};
  MarkSalientOrganisations(s, sig);
  CHECK(SalientOrgs(s) == std::vector<bool>{true, false});
  // Named again later, the lead's body is what the story is about.
  s.organisations[1].count = 2;
  MarkSalientOrganisations(s, sig);
  CHECK(SalientOrgs(s) == std::vector<bool>{true, true});
  // A headline made from the lead: the lead is the headline.
  s.organisations[1].count = 1;
  sig.title_is_lead = true;
  MarkSalientOrganisations(s, sig);
  CHECK(SalientOrgs(s) == std::vector<bool>{true, true});
}

// "Qatar, an OPEC member, ..." twice in the last paragraphs of a budget story
// is background; the GATT named twice from the second paragraph on is not.
TEST_CASE("a repeated organisation is salient when first named in the top third of the text",
          "[salience]") {
  EntitySummary s;
  s.organisations = {{"OPEC", 2, false, "", 0.8f},
                     {"GATT", 2, false, "", 0.2f},
                     {"WB", 4, false, "", 0.7f},
                     {"UN", 1, false, "", 0.1f}};
  MarkSalientOrganisations(s, SalienceSignals{});
  // The World Bank, named four times, is salient wherever it starts; the UN
  // named once near the top is not.
  CHECK(SalientOrgs(s) == std::vector<bool>{false, true, true, false});
}

TEST_CASE("dyads are the unordered pairs of salient countries, sorted", "[salience]") {
  EntitySummary s = Countries({{"RU", 5}, {"PK", 5}, {"CN", 1}, {"AF", 5}});
  MarkSalientCountries(s, SalienceSignals{});
  CHECK(Dyads(s) == std::vector<std::string>{"AF-PK", "AF-RU", "PK-RU"});
  CHECK(Dyads(Countries({{"RU", 9}})).empty());
}

namespace {

// The mentions of `entry` at the token ranges given, as Recognise() reports them.
std::vector<Mention> MentionsOf(const GazetteerEntry& entry,
                                const std::vector<std::tuple<size_t, size_t, AliasType>>& ranges) {
  std::vector<Mention> out;
  out.reserve(ranges.size());
  for (auto [first, end, via] : ranges) out.push_back({&entry, via, first, end});
  return out;
}

GazetteerEntry Organisation(std::string id) {
  GazetteerEntry e;
  e.kind = EntityKind::kOrganisation;
  e.id = std::move(id);
  return e;
}

}  // namespace

TEST_CASE("a glossed body that says something is the subject and defined", "[salience]") {
  GazetteerEntry ico = Organisation("ICO");
  std::string text = "The International Coffee Organization (ICO) said quotas would stay.";
  std::vector<Token> tokens = Tokenize(text);
  REQUIRE(tokens[4].text == "ICO");
  SalienceSignals sig;
  NoteOrganisationUse(
      text, tokens, MentionsOf(ico, {{1, 4, AliasType::kName}, {4, 5, AliasType::kAcronym}}), sig);
  CHECK(sig.body_words == tokens.size());
  CHECK(sig.orgs_subject == std::set<std::string>{"ICO"});
  CHECK(sig.orgs_defined == std::set<std::string>{"ICO"});
}

TEST_CASE("a body named in passing is neither subject nor defined", "[salience]") {
  GazetteerEntry ec = Organisation("EEC");
  // After a comma the verb belongs to someone else; "EC, Sudan" is no gloss.
  std::string text = "Sudan rejected a demand made to the European Community, officials said.";
  std::vector<Token> tokens = Tokenize(text);
  REQUIRE(tokens[7].text == "European");
  SalienceSignals sig;
  NoteOrganisationUse(text, tokens, MentionsOf(ec, {{7, 9, AliasType::kName}}), sig);
  CHECK(sig.orgs_subject.empty());
  CHECK(sig.orgs_defined.empty());
  // A gloss between commas defines the acronym; the acronym must start with
  // the name's initial.
  std::string glossed = "The European Investment Bank, EIB, lent more. The Bank, WB, too.";
  tokens = Tokenize(glossed);
  GazetteerEntry eib = Organisation("EIB");
  GazetteerEntry wb = Organisation("WB");
  std::vector<Mention> mentions = MentionsOf(eib, {{1, 4, AliasType::kName}});
  mentions.push_back({&wb, AliasType::kName, 8, 9});
  REQUIRE(tokens[8].text == "Bank");
  NoteOrganisationUse(glossed, tokens, mentions, sig);
  CHECK(sig.orgs_defined == std::set<std::string>{"EIB"});
}
