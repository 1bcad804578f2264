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
