#include "analysis/text/transliteration_key.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using communique::EntityKind;
using communique::TransliterationIndex;
using communique::TransliterationKey;

TEST_CASE("TransliterationKey meets spellings of one name across scripts", "[transliteration]") {
  // Cyrillic and the romanisations of a Russian or Ukrainian name.
  const std::string zelensky = TransliterationKey("Зеленский");
  CHECK(zelensky == "selenski");
  for (const char* other : {"Zelensky", "Zelenskyy", "Selenskyj", "Selenskij", "Зеленський"}) {
    INFO(other);
    CHECK(TransliterationKey(other) == zelensky);
  }
  // Han is read in pinyin syllables; spaces and case do not count.
  CHECK(TransliterationKey("习近平") == TransliterationKey("Xi Jinping"));
  // Traditional, Japanese and simplified characters of one Han name meet:
  // each character's reading is the key, not its form.
  CHECK(TransliterationKey("上川陽子") == TransliterationKey("上川阳子"));
  CHECK(TransliterationKey("李強") == TransliterationKey("李强"));
  CHECK(TransliterationKey("習近平") == TransliterationKey("习近平"));
  CHECK(TransliterationKey("Си Цзиньпин") == TransliterationKey("Si Tszinpin"));
  CHECK(TransliterationKey("Si Czinpin") == TransliterationKey("Си Цзиньпин"));
  CHECK(TransliterationKey("Khamenei") == TransliterationKey("Хаменеи"));
  // Different names stay apart; punctuation alone is no key.
  CHECK(TransliterationKey("Putin") != TransliterationKey("Zelensky"));
  CHECK(TransliterationKey("-- ,") == "");
}

TEST_CASE("TransliterationIndex finds a gazetteer name from an unlisted spelling",
          "[transliteration]") {
  const TransliterationIndex index(communique::testing::ShippedGazetteer());
  CHECK(index.size() > 1000);
  auto leader = [&](const std::string& text) {
    std::vector<std::string> ids;
    for (const auto& hit : index.Find(text))
      if (hit.kind == EntityKind::kLeader) ids.push_back(hit.id);
    return ids;
  };
  // Neither spelling is in the gazetteer; each meets a listed one's key.
  CHECK(leader("Si Tszinpin") == std::vector<std::string>{"xi-jinping"});
  CHECK(leader("Selenskij") == std::vector<std::string>{"volodymyr-zelenskyy"});
  // A bare surname queries widen in Latin script meets its leader from
  // another script, where no table lists it.
  CHECK(leader("Кристерссон") == std::vector<std::string>{"ulf-kristersson"});
  // Short keys are not looked up, however many names share them.
  CHECK(index.Find("Li").empty());
  CHECK(index.Find("negotiations").empty());
}
