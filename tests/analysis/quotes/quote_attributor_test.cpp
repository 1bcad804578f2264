#include "analysis/quotes/quote_attributor.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

std::vector<Quote> QuotesOf(const std::string& text, const char* date = "2023-06-12",
                            std::string_view home = "") {
  const Gazetteer& g = testing::ShippedGazetteer();
  static const EntityRecognizer recognizer(g);
  static const QuoteAttributor attributor(g);
  std::optional<Date> d = ParseDate(date);
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Mention> mentions = recognizer.Recognise(tokens, d);
  return attributor.Attribute(text, tokens, mentions, d, home);
}

}  // namespace

TEST_CASE("attribution after the quote, by name and by a gazetteer alias", "[quotes]") {
  auto q = QuotesOf("\"We will respond,\" Putin said.");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "vladimir-putin");
  CHECK(q[0].text == "We will respond");
  CHECK(q[0].role == "president");
  auto s = QuotesOf("\"The talks were useful,\" said Peskov.");
  REQUIRE(s.size() == 1);
  CHECK(s[0].speaker_id == "dmitry-peskov");
  CHECK(s[0].role == "government spokesperson");
}

TEST_CASE("attribution before the quote, with a colon", "[quotes]") {
  auto q = QuotesOf("Zakharova said: \u201cAny hostile action will receive a response.\u201d");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "maria-zakharova");
  CHECK(q[0].text == "Any hostile action will receive a response.");
}

TEST_CASE("a role resolves to the office holder on the date", "[quotes]") {
  auto q = QuotesOf("\"Everything is fine,\" the Kremlin spokesman told reporters.");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "dmitry-peskov");
  auto m = QuotesOf(
      "Chinese Foreign Minister Wang Yi arrived on Monday. "
      "\"We want stability,\" the minister told reporters.",
      "2024-03-01");  // Wang Yi's second spell (Qin Gang held the office in mid-2023)
  REQUIRE(m.size() == 1);
  CHECK(m[0].speaker_id == "wang-yi");
  // A spokesperson of another year is someone else: none before Peskov's term.
  auto old = QuotesOf("\"No comment,\" the Kremlin spokesman said.", "2005-01-01");
  for (const Quote& x : old) CHECK(x.speaker_id != "dmitry-peskov");
}

TEST_CASE("a quote split around its attribution is one quote", "[quotes]") {
  auto q = QuotesOf("\"We should not get ahead of ourselves,\" Peskov said, \"and wait.\"");
  REQUIRE(q.size() == 1);
  // Each part loses its trailing comma; the parts join with a space.
  CHECK(q[0].text == "We should not get ahead of ourselves and wait.");
  CHECK(q[0].speaker_id == "dmitry-peskov");
}

TEST_CASE("a quote spanning paragraphs goes on after an opening mark", "[quotes]") {
  auto q = QuotesOf(
      "\u201cThis is a major achievement,\u201d Biden said. \u201cIt took work.\n"
      "\u201cWe will go on.\u201d",
      "2022-06-24");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "joe-biden");
  CHECK(q[0].text.find("We will go on.") != std::string::npos);
  CHECK(q[0].text.find("It took work.") != std::string::npos);
  // Left open with no continuation: dropped.
  CHECK(QuotesOf("Biden said \"it never closes\nNext paragraph.", "2022-06-24").empty());
}

TEST_CASE("partial quotes take the sentence's speaker, names outside the gazetteer stay names",
          "[quotes]") {
  auto q = QuotesOf("UN Secretary-General Antonio Guterres called the deal \"a beacon of hope\".");
  REQUIRE(q.size() == 1);
  CHECK(q[0].text == "a beacon of hope");
  CHECK(q[0].speaker == "Antonio Guterres");
  CHECK(q[0].speaker_id.empty());
}

TEST_CASE("an unattributed quote far from any speaker is not attributed", "[quotes]") {
  CHECK(QuotesOf("The plan was called a \"reset\" by nobody in particular.").empty());
}

TEST_CASE("a speaker the gazetteer lacks is stored as a slug and found by its words", "[quotes]") {
  CHECK(SpeakerSlug("Ant\u00f3nio Guterres") == "antonio-guterres");
  CHECK(SpeakerSlug("antonio-guterres") == "antonio-guterres");
  CHECK(SpeakerSlug("  ") == "");
  CHECK(SpeakerSlug(std::string(120, 'a')) == "");
  using Parts = std::vector<std::string>;
  CHECK(SpeakerSlugParts("antonio-guterres") == Parts{"antonio", "guterres"});
  CHECK(SpeakerSlugParts("ban-ki-moon") == Parts{"ban", "ki", "moon", "ban-ki", "ki-moon"});
  CHECK(SpeakerSlugParts("guterres").empty());       // the whole slug is stored already
  CHECK(SpeakerSlugParts("a-a").size() == 1);        // no part twice
  CHECK(SpeakerSlugParts("a-b-c-d-e-f-g").empty());  // no name is that long
}

TEST_CASE("a bare surname speaks for the person last named in full with it", "[quotes]") {
  // Not East Timor's Francisco Guterres, who shares the surname and led it
  // in 2024 in the gazetteer: the UN's António Guterres named before.
  auto q = QuotesOf(
      "UN Secretary-General Ant\u00f3nio Guterres called for restraint.\n"
      "\"The world cannot afford another war,\" Guterres told reporters.",
      "2024-01-05");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Ant\u00f3nio Guterres");
  CHECK(q[0].speaker_id.empty());
  // With no full name before it, the bare surname is the gazetteer's leader.
  auto alone = QuotesOf("\"We are ready,\" Guterres said.", "2019-01-05");
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].speaker_id == "francisco-guterres");
}

TEST_CASE("guillemets are quote marks", "[quotes]") {
  auto q = QuotesOf("French Foreign Minister Catherine Colonna said: \u00abWe will act.\u00bb",
                    "2023-06-07");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "catherine-colonna");
  CHECK(q[0].text == "We will act.");
}

TEST_CASE("he or she is the leader the latest sentence names, else the last speaker", "[quotes]") {
  auto q = QuotesOf(
      "\"Today's era is not of war,\" Modi told Putin.\n"
      "Putin said he understood. \"We will stop this soon,\" he said.\n"
      "\"We will talk again,\" he added.",
      "2022-09-16");
  REQUIRE(q.size() == 3);
  CHECK(q[0].speaker_id == "narendra-modi");
  CHECK(q[1].speaker_id == "vladimir-putin");
  CHECK(q[2].speaker_id == "vladimir-putin");  // no one named since his quote
}

TEST_CASE("a second quote introduced by a colon is a quote of its own", "[quotes]") {
  auto q = QuotesOf(
      "Putin said relations were \"at a low\" and told reporters: \"We are ready to talk.\"");
  REQUIRE(q.size() == 2);
  CHECK(q[0].text == "at a low");
  CHECK(q[1].text == "We are ready to talk.");
  CHECK(q[1].speaker_id == "vladimir-putin");
}

TEST_CASE("an attribution that names no one breaks the previous speaker's run", "[quotes]") {
  // A country before the title is no part of a name the gazetteer lacks.
  auto k = QuotesOf(
      "\"We must not humiliate Russia,\" Putin said.\n"
      "Ukrainian Defence Minister Oleksiy Reznikov said such calls would \"only help Moscow\".",
      "2022-06-03");
  REQUIRE(k.size() == 2);
  CHECK(k[1].speaker == "Oleksiy Reznikov");
  // An institution speaks unnamed; it is not the previous speaker.
  auto q = QuotesOf(
      "\"We will respond,\" Putin said.\n"
      "The foreign ministry said in a statement that it was \"a wrong choice\".");
  REQUIRE(q.size() == 2);
  CHECK(q[0].speaker_id == "vladimir-putin");
  CHECK(q[1].speaker.empty());
  CHECK(q[1].text == "a wrong choice");
  // Anyone else unresolved is dropped rather than given to Putin.
  auto d = QuotesOf(
      "\"We will respond,\" Putin said.\n"
      "critics said it was \"a wrong choice\".");
  REQUIRE(d.size() == 1);
  CHECK(d[0].text == "We will respond");
}

TEST_CASE("a straight pair inside a typographic quote is part of it", "[quotes]") {
  auto q = QuotesOf("\u201cWe told them \"no\", and we meant it,\u201d Putin said.");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "vladimir-putin");
  CHECK(q[0].text == "We told them \"no\", and we meant it");
  // A lone straight mark still closes a typographic quote.
  auto l = QuotesOf("\u201cWe will respond,\" Putin said.");
  REQUIRE(l.size() == 1);
  CHECK(l[0].text == "We will respond");
}
