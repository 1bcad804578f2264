#include "analysis/entities/multilingual_dateline.h"

#include <catch2/catch.hpp>
#include <string>

using namespace communique;

namespace {

std::string Place(const std::string& body) { return SplitMultilingualDateline(body).first; }
std::string Rest(const std::string& body) {
  return std::string(SplitMultilingualDateline(body).second);
}

}  // namespace

TEST_CASE("wire datelines in each language", "[dateline][i18n]") {
  CHECK(Place("Москва, 14 сентября. /ТАСС/. Президент России") == "Москва");
  CHECK(Rest("Москва, 14 сентября. /ТАСС/. Президент России") == "Президент России");
  CHECK(Rest("Москва, 14 сентября. Президент России") == "Президент России");
  CHECK(Place("新华社北京3月10日电 沙特和伊朗") == "北京");
  CHECK(Rest("新华社北京3月10日电 沙特和伊朗") == "沙特和伊朗");
  CHECK(Place("新华社北京3月10日电（记者 王某）沙特") == "北京");
  CHECK(Rest("新华社北京3月10日电（记者 王某）沙特") == "沙特");
  CHECK(Place("中新社雅加达9月6日电 李强") == "雅加达");
  CHECK(Place("【ワシントン共同】岸田文雄首相は") == "ワシントン");
  CHECK(Rest("【ワシントン共同】岸田文雄首相は") == "岸田文雄首相は");
  CHECK(Place("【北京時事】中国は") == "北京");
  CHECK(Place("جدة، 19 مايو (واس) - افتتح") == "جدة");
  CHECK(Rest("جدة، 19 مايو (واس) - افتتح") == "افتتح");
  CHECK(Place("PARIS, 14 septembre (AFP) - Le président") == "PARIS");
  CHECK(Place("Madrid, 14 sep (EFE).- El presidente") == "Madrid");
  CHECK(Rest("Madrid, 14 sep (EFE).- El presidente") == "El presidente");
  CHECK(Place("BERLIN, 14. September (Reuters) - Die") == "BERLIN");
  CHECK(Place("Berlin (dpa) - Bundeskanzler") == "Berlin");
  CHECK(Place("Ciudad de México, 1 oct (Communique).- Claudia") == "Ciudad de México");
}

TEST_CASE("sentences that open with a place or a comma are not datelines", "[dateline][i18n]") {
  CHECK(Place("Москва, как и ожидалось, ответила отказом.") == "");
  CHECK(Place("Paris, la capitale, a accueilli le sommet.") == "");
  CHECK(Place("В 2021, 14 сентября, прошли выборы.") == "");
  CHECK(Place("习近平说，中方愿意合作。") == "");
  CHECK(Place("Die Regierung (in Berlin) hat entschieden.") == "");
  CHECK(Rest("Москва, как и ожидалось") == "Москва, как и ожидалось");
}
