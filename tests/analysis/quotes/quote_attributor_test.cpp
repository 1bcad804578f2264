#include "analysis/quotes/quote_attributor.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/article_analyzer.h"
#include "analysis/text/text_normalizer.h"
#include "schema/paths.h"
#include "tests/support/test_support.h"

using namespace communique;

namespace {

std::vector<Quote> QuotesOf(const std::string& text, const char* date = "2023-06-12",
                            std::string_view home = "", std::string_view language = "") {
  const Gazetteer& g = testing::ShippedGazetteer();
  static const EntityRecognizer recognizer(g);
  static const QuoteAttributor attributor(g);
  std::optional<Date> d = ParseDate(date);
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Mention> mentions = recognizer.Recognise(tokens, d, language);
  return attributor.Attribute(text, tokens, mentions, d, home);
}

// The one quote of `text` in `language`, as (speaker id, text); ("", "")
// when there is not exactly one.
std::pair<std::string, std::string> OneQuote(const std::string& text, const char* date,
                                             std::string_view language) {
  auto q = QuotesOf(text, date, "", language);
  if (q.size() != 1) return {};
  return {q[0].speaker_id, q[0].text};
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

TEST_CASE("a quote mark after the last word opens no quote and reads nothing past the text",
          "[quotes]") {
  // Found by fuzz.readers under ASan: the lead-in walk read the gap after
  // the last token.
  CHECK(QuotesOf("Peskov said \"").empty());
  CHECK(QuotesOf("Peskov said: \u201c").empty());
  CHECK(QuotesOf("|\", \"").empty());
}

TEST_CASE("an attribution between quotes whose marks slid by one is no quote", "[quotes]") {
  // The lone mark before "bump" pairs the later marks wrongly: the words
  // between two quotes, "Nair said.", came out as a quote of their own
  // (BBC copy has such marks).
  auto q = QuotesOf(
      "\"It was good,\" Nair said of the film. He laughed at the \"bump in the road. \"It "
      "works,\" Nair said. \"We will see,\" he added.");
  // The slid mark's "quote" inside a sentence of its own ("He laughed at
  // the \"bump …") is not the first quote going on.
  REQUIRE(q.size() == 2);
  CHECK(q[0].text == "It was good");
  CHECK(q[1].text != "Nair said.");
  // A short quote that is words said stays: "We agree," Peskov said.
  REQUIRE(QuotesOf("\"We agree,\" Peskov said.").size() == 1);
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
  auto q = QuotesOf("Red Cross chief Marta Ostrovic called the deal \"a beacon of hope\".");
  REQUIRE(q.size() == 1);
  CHECK(q[0].text == "a beacon of hope");
  CHECK(q[0].speaker == "Marta Ostrovic");
  CHECK(q[0].speaker_id.empty());
}

TEST_CASE("a head of an international organisation is a gazetteer speaker", "[quotes][io]") {
  auto q = QuotesOf("UN Secretary-General Antonio Guterres called the deal \"a beacon of hope\".");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "antonio-guterres");
  // By his surname, once the text has named him.
  auto later =
      QuotesOf("Antonio Guterres arrived in Istanbul. \"This is a beacon of hope,\" Guterres said.",
               "2022-07-22");
  REQUIRE(later.size() == 1);
  CHECK(later[0].speaker_id == "antonio-guterres");
  // "NATO chief Jens Stoltenberg said" in his years at NATO.
  auto nato =
      QuotesOf("\"We will not be intimidated,\" NATO chief Jens Stoltenberg said.", "2019-04-04");
  REQUIRE(nato.size() == 1);
  CHECK(nato[0].speaker_id == "jens-stoltenberg");
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
  CHECK(q[0].speaker_id == "antonio-guterres");
  // A capitalised word opening a sentence is no given name; titles are no names.
  auto but = QuotesOf("But Boren urged help.\n\"We all know it,\" Boren said.", "1987-03-03");
  REQUIRE(but.size() == 1);
  CHECK(but[0].speaker == "Boren");
  auto sen = QuotesOf("Chairman Sam Nunn spoke.\n\"No bets,\" Nunn said.", "1987-03-03");
  REQUIRE(sen.size() == 1);
  CHECK(sen[0].speaker == "Sam Nunn");
  // With no full name before it, a bare surname two office holders share
  // (both Guterreses in 2019) is neither: the name as written.
  auto alone = QuotesOf("\"We are ready,\" Guterres said.", "2019-01-05");
  REQUIRE(alone.size() == 1);
  CHECK(alone[0].speaker_id.empty());
  CHECK(alone[0].speaker == "Guterres");
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
  // A colon carries an attribution over a paragraph break.
  auto colon = QuotesOf(
      "Putin said in his address:\n"
      "\"We will respond.\n"
      "\"We will not be intimidated.\"");
  REQUIRE(colon.size() == 1);
  CHECK(colon[0].speaker_id == "vladimir-putin");
  CHECK(colon[0].text == "We will respond. We will not be intimidated.");
  // A person the article does not name speaks unnamed too.
  auto a = QuotesOf(
      "\"We will respond,\" Putin said.\n"
      "\"It's a rotation out of the winners,\" said one fund manager.\n"
      "\"We are asking for a level playing field,\" a senior official told reporters.");
  REQUIRE(a.size() == 3);
  CHECK(a[1].speaker.empty());
  CHECK(a[1].text == "It's a rotation out of the winners");
  CHECK(a[2].speaker.empty());
  CHECK(a[2].text == "We are asking for a level playing field");
}

TEST_CASE("an unnamed speaker goes on, and capitals before 'banker' name no one", "[quotes]") {
  // "one Gulf banker": the capitals qualify a person the article does not name.
  auto g = QuotesOf("\"The detente is real, the money is not,\" said one Gulf banker.");
  REQUIRE(g.size() == 1);
  CHECK(g[0].speaker.empty());
  // A quote going on after an unnamed speaker's attribution is the same quote.
  auto s = QuotesOf(
      "\"This closes a painful chapter,\" a senior official told reporters. \"But trust takes "
      "longer.\"");
  REQUIRE(s.size() == 1);
  CHECK(s[0].speaker.empty());
  CHECK(s[0].text == "This closes a painful chapter But trust takes longer.");
}

TEST_CASE("a word that opens a full name named before speaks for that person", "[quotes]") {
  auto q = QuotesOf(
      "Malaysian Prime Minister Anwar Ibrahim hosted the talks.\n"
      "\"This is a first step,\" Anwar told a news conference.",
      "2025-07-28");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Anwar Ibrahim");
}

TEST_CASE("a spokesperson named after the title is that person, not the office's holder",
          "[quotes]") {
  auto q = QuotesOf("\"This was a reckless act,\" Pentagon spokesman Pat Ryder told reporters.",
                    "2024-01-10", "US");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Pat Ryder");
  CHECK(q[0].speaker_id.empty());
  // Unnamed, the title still resolves to the holder.
  auto k = QuotesOf("\"Everything is fine,\" the Kremlin spokesman told reporters.");
  REQUIRE(k.size() == 1);
  CHECK(k[0].speaker_id == "dmitry-peskov");
}

TEST_CASE("a country or an institution as subject speaks unnamed, a dateline's month never",
          "[quotes]") {
  auto m = QuotesOf(
      "MOSCOW, Nov 24 (Communique Wire) - Russia's foreign ministry on Friday described "
      "Finland's decision as \"Russophobic\" and said Helsinki would regret it.",
      "2023-11-24");
  REQUIRE(m.size() == 1);
  CHECK(m[0].speaker.empty());
  CHECK(m[0].text == "Russophobic");
  auto c = QuotesOf(
      "BEIJING, May 20 (Communique Wire) - China said on Monday it had lodged \"stern "
      "representations\" with Japan.",
      "2024-05-20");
  REQUIRE(c.size() == 1);
  CHECK(c[0].speaker.empty());
}

TEST_CASE("an air force speaks unnamed", "[quotes]") {
  auto q = QuotesOf("\"Air defence units worked in eight regions,\" the air force said.");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker.empty());
}

TEST_CASE("dismissing or rejecting something as a quoted word frames a quote", "[quotes]") {
  auto q = QuotesOf("Putin on Thursday dismissed the accusations as \"absurd\".");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "vladimir-putin");
  CHECK(q[0].text == "absurd");
}

TEST_CASE("a participle after a comma speaks for its sentence's subject", "[quotes]") {
  // Not Putin, named in the possessive before "saying"; "U.S." ends no sentence.
  auto q = QuotesOf(
      "Prime Minister Anna Lindqvist rejected U.S. President Vladimir Putin's suggestion on "
      "Wednesday, saying the island was \"not for sale\".");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Anna Lindqvist");
  CHECK(q[0].text == "not for sale");
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

TEST_CASE("quote marks and attribution verbs of other languages are data", "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  // Speaker after the quote, inverted ("— заявил Лавров", "a déclaré Macron").
  CHECK(OneQuote("\u00ab\u041c\u044b \u043f\u0440\u043e\u0442\u0438\u0432\u00bb, \u2014 "
                 "\u0437\u0430\u044f\u0432\u0438\u043b \u0421\u0435\u0440\u0433\u0435\u0439 "
                 "\u041b\u0430\u0432\u0440\u043e\u0432.",
                 "2024-04-09",
                 "ru") == P{"sergey-lavrov", "\u041c\u044b \u043f\u0440\u043e\u0442\u0438\u0432"});
  CHECK(OneQuote("\u00ab Nous partons \u00bb, a d\u00e9clar\u00e9 Emmanuel Macron.", "2023-09-24",
                 "fr") == P{"emmanuel-macron", "Nous partons"});
  CHECK(OneQuote("\u00abEs una nueva etapa\u00bb, dijo Pedro S\u00e1nchez.", "2022-04-07", "es") ==
        P{"pedro-sanchez", "Es una nueva etapa"});
  // German marks: „ opens, “ closes (the English opening mark).
  CHECK(OneQuote("Olaf Scholz sagte: \u201eWir stehen zusammen.\u201c Dann ging er.", "2023-06-05",
                 "de") == P{"olaf-scholz", "Wir stehen zusammen."});
  // Chinese, before the quote; Japanese 「…」と述べた with the speaker before it.
  CHECK(OneQuote("\u738b\u6bc5\u8868\u793a\uff1a\u201c\u8fd9\u662f\u80dc\u5229\u3002\u201d",
                 "2023-03-10", "zh")
            .first == "wang-yi");
  CHECK(OneQuote("\u30d0\u30a4\u30c7\u30f3\u5927\u7d71\u9818\u306f\u3001\u300c\u304b\u3064\u3066"
                 "\u306a\u304f\u5f37\u56fa\u3060\u300d\u3068\u8ff0\u3079\u305f\u3002",
                 "2024-04-10",
                 "ja") == P{"joe-biden", "\u304b\u3064\u3066\u306a\u304f\u5f37\u56fa\u3060"});
  // Arabic: the verb first, its subject between it and the quote.
  CHECK(OneQuote("\u062f\u0645\u0634\u0642\u060c 3 \u0645\u0627\u064a\u0648 - \u0648\u0642\u0627"
                 "\u0644 \u0625\u0628\u0631\u0627\u0647\u064a\u0645 \u0631\u0626\u064a\u0633"
                 "\u064a: \u00ab\u0625\u064a\u0631\u0627\u0646 \u0645\u0639\u0643\u0645\u00bb.",
                 "2023-05-03", "ar")
            .first == "ebrahim-raisi");
  // A full-width stop ends a sentence: a verb in the sentence before gives no speaker.
  CHECK(QuotesOf("\u5cb8\u7530\u9996\u76f8\u306f\u8ff0\u3079\u305f\u3002NATO\u306f\u4e2d\u56fd"
                 "\u3092\u300c\u6311\u6226\u300d\u3068\u4f4d\u7f6e\u4ed8\u3051\u305f\u3002",
                 "2022-06-29", "", "ja")
            .empty());
}

TEST_CASE("a CJK term in quote marks is no quote, a CJK sentence is", "[quotes][i18n]") {
  // 王毅表示，“台独”是死路一条。: "Taiwan independence", two characters, a term.
  CHECK(QuotesOf("\u738b\u6bc5\u8868\u793a\uff0c\u201c\u53f0\u72ec\u201d\u662f\u6b7b\u8def"
                 "\u4e00\u6761\u3002",
                 "2023-03-10", "", "zh")
            .empty());
  // 王毅表示：“反对。”: two letters, the stop no letter, still a term's length.
  CHECK(QuotesOf("\u738b\u6bc5\u8868\u793a\uff1a\u201c\u53cd\u5bf9\u3002\u201d", "2023-03-10", "",
                 "zh")
            .empty());
  // 王毅表示：“坚决反对。”: four characters, what he said.
  CHECK(OneQuote("\u738b\u6bc5\u8868\u793a\uff1a\u201c\u575a\u51b3\u53cd\u5bf9\u3002\u201d",
                 "2023-03-10", "zh")
            .first == "wang-yi");
  // In a Latin script one word framed is a quote.
  auto absurd = QuotesOf("Zakharova dismissed the claims as \"absurd\".");
  REQUIRE(absurd.size() == 1);
  CHECK(absurd[0].text == "absurd");
  CHECK(!QuoteVocabulary::Parse(R"({"min_cjk_chars": -1})", "q.json").ok());
  auto none = QuoteVocabulary::Parse(R"({"min_cjk_chars": 0})", "q.json");
  REQUIRE(none.ok());
  CHECK(none.value().min_cjk_chars == 0);
}

TEST_CASE("the sample corpus's Japanese quote is Biden's", "[quotes][i18n]") {
  // scripts/sample/multilingual/tuned.gold, ml-ja-02 (written by the team).
  std::istringstream lines(
      testing::ReadFile(testing::SourceDir() + "/scripts/sample/multilingual/tuned.gold"));
  std::string line;
  nlohmann::json doc;
  while (std::getline(lines, line)) {
    auto d = nlohmann::json::parse(line, nullptr, false);
    if (!d.is_discarded() && d.value("id", "") == "ml-ja-02") doc = d;
  }
  REQUIRE(doc.is_object());
  ArticleAnalyzer analyzer(testing::ShippedGazetteer());
  Article a;
  a.title = doc["title"].get<std::string>();
  a.body = doc["body"].get<std::string>();
  a.date = doc["date"].get<std::string>();
  a.language = doc["language"].get<std::string>();
  a.origin = "t:ml-ja-02";
  auto r = analyzer.Analyze(a);
  REQUIRE(r.ok());
  REQUIRE(r.value().quotes.size() == 1);
  CHECK(r.value().quotes[0].speaker_id == "joe-biden");
  CHECK(r.value().quotes[0].text == "\u304b\u3064\u3066\u306a\u304f\u5f37\u56fa\u3060");
}

TEST_CASE("a bad quote vocabulary is refused with the field and reason", "[quotes]") {
  auto r = QuoteVocabulary::Parse(R"({"marks":[["x"]]})", "q.json");
  REQUIRE(!r.ok());
  CHECK(r.status().message.find("q.json: marks[0]") != std::string::npos);
  auto v = QuoteVocabulary::Parse(R"({"speech_verbs":{"de":"sagte"}})", "q.json");
  REQUIRE(!v.ok());
  CHECK(v.status().message.find("speech_verbs.de") != std::string::npos);
  // The shipped file loads, with every language's verbs.
  auto shipped = QuoteVocabulary::LoadFile(DefaultSchemaDir() + "/quotes.json");
  REQUIRE(shipped.ok());
  CHECK(shipped.value().speech_verbs.count("sagte") == 1);
  CHECK(shipped.value().speech_verbs.count("said") == 1);
  CHECK(shipped.value().unnamed_speakers.count("ministry") == 1);
  auto u = QuoteVocabulary::Parse(R"({"unnamed_speakers":{"en":["official", 3]}})", "q.json");
  REQUIRE(!u.ok());
  CHECK(u.status().message.find("unnamed_speakers.en[1]") != std::string::npos);
}

TEST_CASE("who speaks unnamed is the vocabulary's data", "[quotes]") {
  // Without "official" among the unnamed speakers, "a senior official"
  // is no one: the quote has no speaker and is not kept.
  const std::string text = "\"We are asking for a level playing field,\" a senior official said.";
  auto with = QuoteVocabulary::Parse(
      R"({"speech_verbs":{"en":["said"]},"unnamed_speakers":{"en":["official"]}})", "q.json");
  auto without = QuoteVocabulary::Parse(R"({"speech_verbs":{"en":["said"]}})", "q.json");
  REQUIRE(with.ok());
  REQUIRE(without.ok());
  auto quotes = [&](const QuoteVocabulary& v) {
    QuoteAttributor attributor(testing::ShippedGazetteer(), v);
    std::vector<Token> tokens = Tokenize(text);
    return attributor.Attribute(text, tokens, {}, std::nullopt, "");
  };
  std::vector<Quote> named = quotes(with.value());
  REQUIRE(named.size() == 1);
  CHECK(named[0].speaker.empty());
  CHECK(named[0].text == "We are asking for a level playing field");
  CHECK(quotes(without.value()).empty());
}

TEST_CASE("titles and institutions before a name are the vocabulary's data", "[quotes]") {
  const std::string text = "\"We will respond,\" Health Commissioner Ayman Safadi said.";
  auto quotes = [&](std::string_view json) {
    auto v = QuoteVocabulary::Parse(json, "q.json");
    REQUIRE(v.ok());
    QuoteAttributor attributor(testing::ShippedGazetteer(), v.value());
    std::vector<Token> tokens = Tokenize(text);
    return attributor.Attribute(text, tokens, {}, std::nullopt, "");
  };
  // With "health" and "commissioner" among the titles they are no part of the name.
  auto titled =
      quotes(R"({"speech_verbs":{"en":["said"]},"titles":{"en":["health","commissioner"]}})");
  REQUIRE(titled.size() == 1);
  CHECK(titled[0].speaker == "Ayman Safadi");
  auto bare = quotes(R"({"speech_verbs":{"en":["said"]}})");
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].speaker == "Health Commissioner Ayman Safadi");
  // An institution's word makes the run no one's name.
  CHECK(
      quotes(R"({"speech_verbs":{"en":["said"]},"institutions":{"en":["commissioner"]}})").empty());
  CHECK(!QuoteVocabulary::Parse(R"({"titles":{"en":"minister"}})", "q.json").ok());
}

TEST_CASE("the caller's sentences serve the attributor as its own split would", "[quotes]") {
  const std::string text =
      "Putin spoke on Friday. \"We will respond,\" he said. \"Nothing more,\" Peskov added.";
  const Gazetteer& g = testing::ShippedGazetteer();
  EntityRecognizer recognizer(g);
  QuoteAttributor attributor(g);
  std::optional<Date> d = ParseDate("2023-06-12");
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Mention> mentions = recognizer.Recognise(tokens, d, "");
  const auto split = SentenceRanges(text, tokens);
  auto own = attributor.Attribute(text, tokens, mentions, d, "");
  auto given = attributor.Attribute(text, tokens, mentions, d, "", &split);
  REQUIRE(own.size() == 2);
  REQUIRE(given.size() == own.size());
  for (size_t i = 0; i < own.size(); ++i) {
    CHECK(given[i].speaker_id == own[i].speaker_id);
    CHECK(given[i].text == own[i].text);
  }
}

// Sentences written for these tests; each language's attribution shapes
// (schema/quotes.json: verbs, particles, pronouns, offices).

TEST_CASE("Russian: gender forms, по словам and a pronoun", "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  CHECK(OneQuote("«Мы готовы к диалогу», — сказала Мария Захарова.", "2024-02-01", "ru") ==
        P{"maria-zakharova", "Мы готовы к диалогу"});
  // The speaker after по словам, in the genitive.
  CHECK(OneQuote("По словам Пескова, Москва ждёт от партнёров «конкретных шагов».", "2025-03-03",
                 "ru") == P{"dmitry-peskov", "конкретных шагов"});
  // «по его словам»: his, the person the sentence before names.
  CHECK(OneQuote("Пресс-секретарь Кремля Дмитрий Песков провёл брифинг. По его словам, "
                 "переговоры стали «полезным шагом».",
                 "2025-03-03", "ru") == P{"dmitry-peskov", "полезным шагом"});
}

TEST_CASE("French: an inverted verb after its auxiliary and a pronoun or an office",
          "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  // a-t-il écrit: «il» is the person named in the sentence before.
  CHECK(OneQuote("Emmanuel Macron est arrivé à Berlin. « Nous sommes prêts », a-t-il écrit.",
                 "2023-09-24", "fr") == P{"emmanuel-macron", "Nous sommes prêts"});
  // le président français: the president the article named first.
  CHECK(OneQuote("Emmanuel Macron a reçu Olaf Scholz lundi. « L'Europe doit se réveiller », "
                 "a lancé le président français.",
                 "2023-09-24", "fr") == P{"emmanuel-macron", "L'Europe doit se réveiller"});
}

TEST_CASE("Spanish: an office after the verb and a perfect with ha", "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  // dijo el mandatario: the president named before (not Trump, named after).
  CHECK(OneQuote("El presidente de México, Andrés Manuel López Obrador, visitó Tijuana. "
                 "\"Vamos a cumplir\", dijo el mandatario ante sus simpatizantes.",
                 "2019-06-08", "es") == P{"andres-manuel-lopez-obrador", "Vamos a cumplir"});
  // The nearer verb has no subject of its own («y ha defendido»); the
  // sentence's first names one.
  CHECK(OneQuote("Pedro Sánchez ha explicado la decisión y ha defendido que se trata de "
                 "\"un paso justo\".",
                 "2024-05-28", "es") == P{"pedro-sanchez", "un paso justo"});
}

TEST_CASE("German: sprach von, and a verb after the quote with no subject of its own",
          "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  CHECK(OneQuote("Bundeskanzler Olaf Scholz sprach von einem „historischen Tag“.", "2023-06-05",
                 "de") == P{"olaf-scholz", "historischen Tag"});
  // „…“, warnte aber vor …: Scholz's, not a capitalised noun's after the verb.
  CHECK(OneQuote("Olaf Scholz sprach von einem „Wendepunkt“, warnte aber vor Erwartungen.",
                 "2023-06-05", "de") == P{"olaf-scholz", "Wendepunkt"});
}

TEST_CASE("a leader before a clause between commas speaks, not capitals inside it",
          "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  CHECK(OneQuote("Giorgia Meloni, que llegó desde Río de Janeiro, destacó los «profundos lazos».",
                 "2024-11-20", "es") == P{"giorgia-meloni", "profundos lazos"});
}

TEST_CASE("Japanese: a family name with an honorific, and the two leaders speak unnamed",
          "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  // 高市氏 after 高市早苗: the recogniser knows the full name only.
  CHECK(OneQuote("高市早苗首相は30日、韓国の大統領と会談した。高市氏は「協力を深めたい」と述べた。",
                 "2025-10-30", "ja") == P{"sanae-takaichi", "協力を深めたい"});
  // 両外相は…「…」ことを確認した: the two ministers are no one person.
  auto q = QuotesOf(
      "岸田文雄外相は28日、韓国の外相と会談した。両外相は、この問題が"
      "「最終的に解決される」ことを確認した。",
      "2015-12-28", "", "ja");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker.empty());
  CHECK(q[0].speaker_id.empty());
  // A clause of CJK words is never a name as written.
  auto r = QuotesOf("会談後、記者団は「前進があった」と述べた。", "2025-10-30", "", "ja");
  for (const Quote& x : r) CHECK(x.speaker.find("記者") == std::string::npos);
}

TEST_CASE("Chinese: 说 with a colon and a pronoun", "[quotes][i18n]") {
  using P = std::pair<std::string, std::string>;
  CHECK(OneQuote("外交部长王毅在记者会上说：“中方愿同各方一道，坚持对话协商。”", "2025-03-07",
                 "zh") == P{"wang-yi", "中方愿同各方一道，坚持对话协商。"});
  CHECK(
      OneQuote("外交部长王毅7日会见记者。他说：“对话协商是唯一出路。”", "2025-03-07", "zh").first ==
      "wang-yi");
}

TEST_CASE("Arabic: a verb of the data before its subject and the quote", "[quotes][i18n]") {
  CHECK(OneQuote("وأوضح إبراهيم رئيسي أن «إيران لن تتراجع عن حقوقها».", "2023-05-03", "ar").first ==
        "ebrahim-raisi");
}

TEST_CASE("pronouns, offices and conjunctions are the vocabulary's data", "[quotes]") {
  auto v = QuoteVocabulary::Parse(
      R"({"speech_verbs": {"en": ["said"]},
          "pronouns": {"en": ["he"]},
          "offices": {"xx": [["Präsident", "president"]], "en": [["premier", "prime minister"], ["president", "president"]]},
          "conjunctions": {"en": ["and"]}})",
      "q.json");
  REQUIRE(v.ok());
  CHECK(v.value().pronouns == std::set<std::string>{"he"});
  CHECK(v.value().conjunctions == std::set<std::string>{"and"});
  // English's offices first, in their order; words folded.
  REQUIRE(v.value().offices.size() == 3);
  CHECK(v.value().offices[0] == std::pair<std::string, std::string>{"premier", "prime minister"});
  CHECK(v.value().offices[2].first == FoldForMatch("Präsident"));
  CHECK(!QuoteVocabulary::Parse(R"({"offices": {"en": [["premier"]]}})", "q.json").ok());
  CHECK(!QuoteVocabulary::Parse(R"({"offices": ["premier"]})", "q.json").ok());
  // Without pronouns, "he" names no one.
  const Gazetteer& g = testing::ShippedGazetteer();
  EntityRecognizer recognizer(g);
  auto bare = QuoteVocabulary::Parse(R"({"speech_verbs": {"en": ["said"]}})", "q.json");
  REQUIRE(bare.ok());
  QuoteAttributor attributor(g, bare.value());
  std::string text = "Putin arrived on Monday. \"We will respond,\" he said.";
  std::optional<Date> d = ParseDate("2023-06-12");
  std::vector<Token> tokens = Tokenize(text);
  CHECK(attributor.Attribute(text, tokens, recognizer.Recognise(tokens, d, ""), d, "").empty());
  QuoteAttributor with(g, v.value());
  auto q = with.Attribute(text, tokens, recognizer.Recognise(tokens, d, ""), d, "");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "vladimir-putin");
}

namespace {

// (speaker, speaker id, text) of every quote of `text`.
std::vector<std::tuple<std::string, std::string, std::string>> AllQuotes(
    const std::string& text, const char* date, std::string_view language) {
  std::vector<std::tuple<std::string, std::string, std::string>> out;
  for (const Quote& q : QuotesOf(text, date, "", language))
    out.emplace_back(q.speaker, q.speaker_id, q.text);
  return out;
}

}  // namespace

TEST_CASE("two fragments joined by a conjunction are two quotes, a split quote one",
          "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  CHECK(AllQuotes("По словам Пескова, переговоры были «трудными», но «полезными».", "2025-03-03",
                  "ru") == std::vector<T>{{"Dmitry Peskov", "dmitry-peskov", "трудными"},
                                          {"Dmitry Peskov", "dmitry-peskov", "полезными"}});
  // A verb framing the second part after the first's attribution: two.
  CHECK(AllQuotes("« Nous avançons », a répondu Emmanuel Macron, qui a qualifié l'échange de "
                  "« sincère ».",
                  "2024-03-03",
                  "fr") == std::vector<T>{{"Emmanuel Macron", "emmanuel-macron", "Nous avançons"},
                                          {"Emmanuel Macron", "emmanuel-macron", "sincère"}});
  // Split by its attribution: one.
  CHECK(AllQuotes("„Wir bleiben“, sagte Olaf Scholz, „an der Seite der Ukraine.“", "2023-06-05",
                  "de") ==
        std::vector<T>{{"Olaf Scholz", "olaf-scholz", "Wir bleiben an der Seite der Ukraine."}});
}

TEST_CASE("a verb after the quote with no subject at all is the previous speaker's new quote",
          "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  CHECK(AllQuotes("«Habrá respuesta», declaró Javier Milei en Córdoba. «No vamos a ceder», "
                  "añadió.",
                  "2024-03-03",
                  "es") == std::vector<T>{{"Javier Milei", "javier-milei", "Habrá respuesta"},
                                          {"Javier Milei", "javier-milei", "No vamos a ceder"}});
}

TEST_CASE("after an inverted verb the speaker ends at a clause of its own or a later name",
          "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  // Not the city at the end of the relative clause: the Chilean, Boric.
  CHECK(AllQuotes("Gabriel Boric Font recibió a Javier Milei. «Somos vecinos», dijo el chileno, "
                  "que luego viajó a Mendoza.",
                  "2024-03-03", "es") ==
        std::vector<T>{{"Gabriel Boric", "gabriel-boric-font", "Somos vecinos"}});
  // A name right after the verb, named in full before, not the leader
  // named after a preposition.
  CHECK(AllQuotes("María José Ruiz llegó a Rabat. «Es un buen día», explicó Ruiz tras "
                  "reunirse con Nasser Bourita.",
                  "2021-12-03", "es") == std::vector<T>{{"María José Ruiz", "", "Es un buen día"}});
}

TEST_CASE("a title with no name refers back to the person named before", "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  // A German compound by its last part, not the noun as a name.
  CHECK(AllQuotes("Bundeskanzler Olaf Scholz traf Emmanuel Macron in Berlin. \u201eWir stehen "
                  "zusammen\u201c, betonte der SPD-Politiker.",
                  "2023-06-05",
                  "de") == std::vector<T>{{"Olaf Scholz", "olaf-scholz", "Wir stehen zusammen"}});
  // le chef de la diplomatie: the person, not an unnamed ministry.
  CHECK(AllQuotes("Jean-No\u00ebl Barrot s'est rendu \u00e0 Kyiv. \u00ab Nous sommes l\u00e0 "
                  "\u00bb, a d\u00e9clar\u00e9 le chef de la diplomatie.",
                  "2025-03-03", "fr") ==
        std::vector<T>{{"Jean-No\u00ebl Barrot", "jean-noel-barrot", "Nous sommes l\u00e0"}});
}

TEST_CASE("after an inverted verb a preposition ends the speaker", "[quotes][i18n]") {
  // Not the place after "vor ... in": the name right after the verb.
  auto q = AllQuotes(
      "\u201eEs ist ein guter Tag\u201c, sagte Anna Berger vor Anh\u00e4ngern in "
      "der Wiener Innenstadt.",
      "2024-03-03", "de");
  REQUIRE(q.size() == 1);
  CHECK(std::get<0>(q[0]) == "Anna Berger");
}

TEST_CASE("the speaker of selon, según and laut is the phrase after it", "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  // Unnamed sources, not the leader quoted before.
  CHECK(AllQuotes("«Vamos bien», dijo Javier Milei. Según fuentes oficiales, el acuerdo es "
                  "«inminente».",
                  "2024-03-03", "es") ==
        std::vector<T>{{"Javier Milei", "javier-milei", "Vamos bien"}, {"", "", "inminente"}});
  // The first run of capitals after laut, not a noun at the end of the clause.
  auto q =
      AllQuotes("Laut dem Sprecher Paul Weber verliefen die Gespräche „gut“.", "2024-03-03", "de");
  REQUIRE(q.size() == 1);
  CHECK(std::get<0>(q[0]).find("Weber") != std::string::npos);
}

TEST_CASE("German nouns of unnamed people and institutions are no names", "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  CHECK(AllQuotes("„Es gibt keine Eile“, sagte ein europäischer Diplomat.", "2024-03-03", "de") ==
        std::vector<T>{{"", "", "Es gibt keine Eile"}});
  CHECK(AllQuotes("„Das ist inakzeptabel“, hieß es in einer Erklärung des Ministeriums.",
                  "2024-03-03", "de") == std::vector<T>{{"", "", "Das ist inakzeptabel"}});
  // „…“, so Name: the name after so.
  CHECK(AllQuotes("Olaf Scholz sprach lange. „Wir handeln“, so Scholz.", "2023-06-05", "de") ==
        std::vector<T>{{"Olaf Scholz", "olaf-scholz", "Wir handeln"}});
}

TEST_CASE("a lower-case country adjective names that country's leader", "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  CHECK(AllQuotes("Emmanuel Macron a reçu Mark Carney. « Le Canada est prêt », a dit le "
                  "canadien, qui repart demain.",
                  "2025-05-03",
                  "fr") == std::vector<T>{{"Mark Carney", "mark-carney", "Le Canada est prêt"}});
  // An office with the adjective: only a holder of that country.
  CHECK(AllQuotes("Jean-Noël Barrot a reçu son homologue. « Nous coopérons », a affirmé le "
                  "ministre sénégalais.",
                  "2025-05-03", "fr") == std::vector<T>{{"", "", "Nous coopérons"}});
}

TEST_CASE("an attribution inside the quote between commas", "[quotes][i18n]") {
  auto q = AllQuotes(
      "Emmanuel Macron est arrivé à Rome. « Nous tiendrons, a-t-il assuré, "
      "jusqu'au bout. »",
      "2024-03-03", "fr");
  REQUIRE(q.size() == 1);
  CHECK(std::get<1>(q[0]) == "emmanuel-macron");
}

TEST_CASE("a word that names what follows makes the quote a name", "[quotes][i18n]") {
  CHECK(QuotesOf("Javier Milei criticó al llamado «Grupo de Puebla» en Madrid.", "2024-03-03", "",
                 "es")
            .empty());
}

TEST_CASE("Japanese: a family name of one letter, a name before a title, と then other words",
          "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  // 習氏 after 習近平: one letter before an honorific is the leader.
  CHECK(AllQuotes("高市早苗首相は習近平国家主席と会談した。習氏は「協力を深めたい」と述べた。",
                  "2025-10-31",
                  "ja") == std::vector<T>{{"Xi Jinping", "xi-jinping", "協力を深めたい"}});
  // A name the gazetteer lacks, written right before its title.
  auto q = AllQuotes("木原稔官房長官は記者会見で「遺憾だ」と述べた。", "2025-11-07", "ja");
  REQUIRE(q.size() == 1);
  CHECK(std::get<0>(q[0]) == "木原稔");
  // 「…」と記者団に語った: the subject before the quote.
  CHECK(AllQuotes("石破茂首相は「全力を尽くす」と記者団に語った。", "2025-02-07", "ja") ==
        std::vector<T>{{"Shigeru Ishiba", "shigeru-ishiba", "全力を尽くす"}});
  // 「…」を: a term the sentence acts on, no quote.
  CHECK(QuotesOf("両首脳は「戦略的互恵関係」を推進することを確認した。", "2025-10-31", "", "ja")
            .empty());
}

TEST_CASE("Arabic: a ministry speaks unnamed, and a verb with no subject goes on",
          "[quotes][i18n]") {
  using T = std::tuple<std::string, std::string, std::string>;
  CHECK(AllQuotes("وقالت وزارة الخارجية في بيان: «نرفض هذا القرار».", "2025-07-16", "ar") ==
        std::vector<T>{{"", "", "نرفض هذا القرار"}});
}

TEST_CASE("an aide's title with a leader's office names the aide, not the leader",
          "[quotes][i18n]") {
  // «российского президента» is Putin's office: the aide named after it
  // speaks, by the name as written.
  auto ru =
      QuotesOf("Как сообщил помощник российского президента Юрий Ушаков, беседа была «деловой».",
               "2021-12-31", "", "ru");
  REQUIRE(ru.size() == 1);
  CHECK(ru[0].speaker == "Юрий Ушаков");
  CHECK(ru[0].speaker_id.empty());
  // An aide left unnamed speaks unnamed, not as the president.
  auto es = QuotesOf("«Fue una reunión útil», dijo un portavoz del presidente ruso.", "2021-12-31",
                     "", "es");
  REQUIRE(es.size() == 1);
  CHECK(es[0].speaker.empty());
  auto de = QuotesOf("„Das Gespräch war gut“, sagte ein Sprecher des russischen Präsidenten.",
                     "2021-12-31", "", "de");
  REQUIRE(de.size() == 1);
  CHECK(de[0].speaker.empty());
}

TEST_CASE("a leader named by office right before another name is that name", "[quotes][i18n]") {
  auto q = QuotesOf("Polens Präsident Karol Nawrocki würdigte den Besuch als „wichtiges Zeichen“.",
                    "2025-09-01", "", "de");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Karol Nawrocki");
}

TEST_CASE("a quote inside a sentence of its own is no earlier quote going on", "[quotes][i18n]") {
  // „…“, sagte X. Er wolle … „…“: two quotes, both the speaker's.
  auto q = QuotesOf(
      "Bundeskanzler Olaf Scholz sprach in Berlin. „Wir helfen weiter“, sagte Scholz. Er wolle "
      "sich für ein „starkes Europa“ einsetzen.",
      "2023-06-12", "", "de");
  REQUIRE(q.size() == 2);
  CHECK(q[0].speaker_id == "olaf-scholz");
  CHECK(q[1].speaker_id == "olaf-scholz");
  CHECK(q[1].text == "starkes Europa");
}

TEST_CASE("Arabic: a surname alone after the full name is that leader", "[quotes][i18n]") {
  auto q = QuotesOf(
      "التقى وزير الخارجية المصري بدر عبد العاطي نظيره الإيراني في القاهرة. وقال عبد العاطي في "
      "مؤتمر صحفي: «الحوار هو الطريق الوحيد».",
      "2025-06-02", "", "ar");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker_id == "badr-ahmed-mohamed-abdelatty");
}

TEST_CASE("Spanish: the subject before a clause or a place, and a shout in ¡…!", "[quotes][i18n]") {
  // A place after a preposition is not the subject; the surname is the
  // person named in full before.
  auto es = QuotesOf(
      "El Parlamento eligió a Juan Guaidó. Horas antes, Guaidó se había juramentado ante una "
      "multitud en el este de Caracas y había prometido \"elecciones libres\".",
      "2019-01-23", "", "es");
  REQUIRE(es.size() == 1);
  CHECK(es[0].speaker == "Juan Guaidó");
  // A subject, then a clause between commas: the subject speaks.
  auto rey = QuotesOf(
      "Sánchez fue recibido por el rey Mohamed VI. El rey, que ofreció al jefe del Ejecutivo "
      "español una cena, calificó la visita de \"histórica\".",
      "2022-04-07", "", "es");
  REQUIRE(rey.size() == 1);
  CHECK(rey[0].speaker_id == "mohammed-vi");
  auto grito = QuotesOf("\"¡Que se vayan! A Venezuela se la respeta\", gritó Maduro ante miles.",
                        "2019-01-23", "", "es");
  REQUIRE(grito.size() == 1);
  CHECK(grito[0].speaker_id == "nicolas-maduro");
}

TEST_CASE("a title with no name refers back to a name the gazetteer lacks", "[quotes][i18n]") {
  // No leader named: the person named after a title, or that person's
  // surname repeated, in the latest sentence that writes one.
  auto fr = QuotesOf(
      "La France intervient au Mali, a annoncé le président François Hollande à l'Élysée. "
      "« Cette opération durera le temps nécessaire », a déclaré le chef de l'État.",
      "2013-01-11", "", "fr");
  REQUIRE(fr.size() == 1);
  CHECK(fr[0].speaker == "François Hollande");
  auto de = QuotesOf(
      "Die Koalition regiert unter dem neuen Bundeskanzler Christian Stocker. Stocker kündigte "
      "einen Sparkurs an. Die Republik werde \"ein verlässlicher Partner\" bleiben, sagte der "
      "ÖVP-Chef.",
      "2025-03-03", "", "de");
  REQUIRE(de.size() == 1);
  CHECK(de[0].speaker == "Christian Stocker");
}

TEST_CASE("Japanese: a katakana name before a title, 呼んだ, and 委員長", "[quotes][i18n]") {
  auto q = QuotesOf("マルコス氏は日本を「最も信頼できるパートナーの一つ」と呼んだ。", "2023-11-03",
                    "", "ja");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "マルコス");
  CHECK(q[0].speaker_id.empty());
  auto kim = QuotesOf(
      "北朝鮮の金正恩朝鮮労働党委員長はシンガポールを訪れた。金委員長は「新たな出発を告げる文書に署"
      "名"
      "した」と述べた。",
      "2018-06-12", "", "ja");
  REQUIRE(kim.size() == 1);
  CHECK(kim[0].speaker_id == "kim-jong-un");
}

TEST_CASE("a joint declaration speaks for the first named, and a title for the last speaker",
          "[quotes][i18n]") {
  auto es = QuotesOf(
      "Sánchez recibió al rey Mohamed VI. El rey y el presidente del Gobierno declararon en un "
      "comunicado conjunto: «Abrimos una nueva etapa».",
      "2022-04-07", "", "es");
  REQUIRE(es.size() == 1);
  CHECK(es[0].speaker_id == "mohammed-vi");
  // No leader named: the title refers back to the speaker named as written.
  auto ru = QuotesOf(
      "«Этот текст навязывает чужие решения», — заявил постоянный представитель РФ при ООН "
      "Василий Небензя. По словам дипломата, Москва готова поддержать «сбалансированный документ».",
      "2025-11-18", "", "ru");
  REQUIRE(ru.size() == 2);
  CHECK(ru[1].speaker == "Василий Небензя");
  CHECK(ru[1].text == "сбалансированный документ");
}

TEST_CASE("an aide named after the boss's office speaks by the name written", "[quotes][i18n]") {
  auto de = QuotesOf("„Wir prüfen das“, sagte der Sprecher des Kanzlers Steffen Meier.",
                     "2023-06-12", "", "de");
  REQUIRE(de.size() == 1);
  CHECK(de[0].speaker == "Steffen Meier");
  auto es = QuotesOf("«No hubo acuerdo», afirmó el portavoz del presidente ruso, Iván Petrov.",
                     "2023-06-12", "", "es");
  REQUIRE(es.size() == 1);
  CHECK(es[0].speaker == "Iván Petrov");
}
