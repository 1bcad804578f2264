#include "analysis/language/language_detector.h"

#include <unicode/uscript.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

const LanguageDetector& Shipped() {
  static const LanguageDetector d = [] {
    auto loaded = LanguageDetector::Load(testing::SourceDir() + "/schema/language");
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return d;
}

}  // namespace

TEST_CASE("the script names the language of non-Latin text", "[language]") {
  CHECK(LanguageByScript("Президент России Владимир Путин провёл переговоры") == "ru");
  CHECK(LanguageByScript("Президент України Володимир Зеленський заявив") == "uk");
  CHECK(LanguageByScript("国家主席习近平在人民大会堂会见巴基斯坦总理") == "zh");
  // Japanese: Han with kana particles and endings.
  CHECK(LanguageByScript("岸田文雄首相は10日、ワシントンでバイデン大統領と会談した。") == "ja");
  CHECK(LanguageByScript("استقبل الرئيس السوري بشار الأسد وزير الخارجية") == "ar");
  CHECK(LanguageByScript("رئیس جمهور ایران گفت که مذاکرات ادامه دارد") == "fa");
  CHECK(LanguageByScript("윤석열 대통령은 워싱턴에서 정상회담을 가졌다") == "ko");
  CHECK(LanguageByScript("นายกรัฐมนตรีเดินทางเยือนกรุงปักกิ่ง") == "th");
  CHECK(LanguageByScript("Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο") == "el");
  // Latin (and no letters at all) are the trigram model's to decide.
  CHECK(LanguageByScript("Le président de la République").empty());
  CHECK(LanguageByScript("2023-05-19 12:00").empty());
  // The majority decides: a Russian sentence quoting "NATO" is Russian.
  CHECK(LanguageByScript("Генсек NATO прибыл в Москву на переговоры") == "ru");
}

TEST_CASE("a query's script names the languages its reader most likely reads", "[language]") {
  using V = std::vector<std::string>;
  CHECK(ReaderLanguagesByScript("Путин Моди") == V{"ru"});
  CHECK(ReaderLanguagesByScript("بوتين") == V{"ar"});
  CHECK(ReaderLanguagesByScript("プーチン") == V{"ja"});
  // Kanji alone may be either language's.
  CHECK(ReaderLanguagesByScript("岸田") == V{"zh", "ja"});
  CHECK(ReaderLanguagesByScript("Putin Khan").empty());
  CHECK(ReaderLanguagesByScript("").empty());
}

TEST_CASE("letters come with their scripts, in order, without digits or punctuation",
          "[language]") {
  // "a1 台-か!": Latin, Han, Hiragana.
  auto letters = LetterScripts("a1 \u53f0-\u304b!");
  REQUIRE(letters.size() == 3);
  CHECK(letters[0].first == U'a');
  CHECK(letters[0].second == USCRIPT_LATIN);
  CHECK(letters[1].second == USCRIPT_HAN);
  CHECK(letters[2].first == U'\u304b');
  CHECK(letters[2].second == USCRIPT_HIRAGANA);
  CHECK(LetterScripts("12 -- !").empty());
}

TEST_CASE("trigrams are cut as the profile script cuts them", "[language]") {
  std::vector<std::string> want = {"_le", "le_", "_ch", "cha", "hat", "at_"};
  CHECK(LetterTrigrams("Le chat!") == want);
  CHECK(LetterTrigrams("À") == std::vector<std::string>{"_à_"});
  CHECK(LetterTrigrams("42 - !").empty());
}

TEST_CASE("Detect says how it decided", "[language]") {
  const LanguageDetector& d = Shipped();
  LanguageGuess ru = d.Detect("Министр иностранных дел Сергей Лавров");
  CHECK(ru.language == "ru");
  CHECK(ru.source == LanguageSource::kScript);
  LanguageGuess fr = d.Detect(
      "Plusieurs présidents africains se sont réunis à Dakar pour discuter de la sécurité");
  CHECK(fr.language == "fr");
  CHECK(fr.source == LanguageSource::kNgram);
  LanguageGuess tiny = d.Detect("Oui");
  CHECK(tiny.language.empty());
  CHECK(tiny.source == LanguageSource::kNone);
  CHECK(std::string(LanguageSourceName(LanguageSource::kNgram)) == "ngram");
  // Without profiles a Latin text is undecided, a Cyrillic one still known.
  LanguageDetector scripts_only;
  CHECK(scripts_only.Detect("Le président de la République a reçu les ambassadeurs").source ==
        LanguageSource::kNone);
  CHECK(scripts_only.Detect("Президент России").language == "ru");
}

TEST_CASE("the trigram model is right on held-out sentences", "[language]") {
  // tests/fixtures/language/heldout.tsv was never used for training.
  std::ifstream in(testing::SourceDir() + "/tests/fixtures/language/heldout.tsv");
  REQUIRE(in);
  std::map<std::string, std::pair<int, int>> per_language;  // right, total
  int right = 0, total = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    std::string want = line.substr(0, tab);
    LanguageGuess got = Shipped().Detect(line.substr(tab + 1));
    INFO(line << " -> " << got.language);
    auto& [r, t] = per_language[want];
    ++t;
    ++total;
    if (got.language == want) {
      ++r;
      ++right;
    }
  }
  for (const auto& [language, rt] : per_language)
    WARN(language << ": " << rt.first << "/" << rt.second);
  REQUIRE(total >= 30);
  CHECK(right >= total * 9 / 10);
  for (const auto& [language, rt] : per_language) CHECK(rt.first * 5 >= rt.second * 4);
}

TEST_CASE("a malformed profile names file, line and reason", "[language]") {
  testing::TempDir dir;
  testing::WriteFile(dir / "xx.txt", "# comment\n_le\t3\nbroken line\n");
  auto loaded = LanguageDetector::Load(dir.path());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().message.find("xx.txt:3: expected") != std::string::npos);
  testing::WriteFile(dir / "xx.txt", "_le\tmany\n");
  loaded = LanguageDetector::Load(dir.path());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().message.find("xx.txt:1: count is not a number") != std::string::npos);
  // No folder: scripts only, no error.
  CHECK(LanguageDetector::Load(dir / "absent").ok());
}
