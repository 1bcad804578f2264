#include "analysis/entities/dateline_resolver.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

const EntityRecognizer& Recognizer() {
  static const EntityRecognizer recognizer(testing::ShippedGazetteer());
  return recognizer;
}

// The country of `dateline` for an article whose text names `named`.
std::string Country(const std::string& dateline, std::vector<std::string> named = {},
                    std::optional<Date> date = Date{2021, 5, 1}) {
  static const DatelineResolver resolver(Recognizer());
  EntitySummary entities;
  for (std::string& id : named) entities.countries.push_back({std::move(id), 1, false, ""});
  return resolver.Resolve(dateline, entities, date);
}

}  // namespace

TEST_CASE("a bare dateline is the city a wire service means", "[dateline]") {
  CHECK(Country("GENEVA, May 1 -") == "CH");    // not Geneva, Illinois
  CHECK(Country("NUSA DUA, May 1 -") == "ID");  // a Bali resort below the population cut
  CHECK(Country("PARIS") == "FR");
  CHECK(Country("MOSCOW") == "RU");
  CHECK(Country("ALEXANDRIA, May 1") == "EG");
  CHECK(Country("TRIPOLI") == "LY");
  CHECK(Country("HYDERABAD") == "IN");
  CHECK(Country("TBILISI") == "GE");
  CHECK(Country("FRANKFURT") == "DE");    // GeoNames: Frankfurt am Main
  CHECK(Country("DUESSELDORF") == "DE");  // the wire's umlaut-free spelling
  CHECK(Country("HANOVER") == "DE");      // not one of nine American Hanovers
  CHECK(Country("ST. PAUL") == "US");     // GeoNames: Saint Paul
  CHECK(Country("BOMBAY") == "IN");
  CHECK(Country("RANGOON") == "MM");
  CHECK(Country("NO SUCH TOWN") == "");
  CHECK(Country("") == "");
}

TEST_CASE("a state, province or country in the dateline settles the place", "[dateline]") {
  CHECK(Country("PARIS, Texas, May 1 -") == "US");
  CHECK(Country("MOSCOW, Idaho") == "US");
  CHECK(Country("ALEXANDRIA, Va., March 3 -") == "US");
  CHECK(Country("TRIPOLI, Lebanon") == "LB");
  CHECK(Country("HYDERABAD, Pakistan, May 1") == "PK");
  CHECK(Country("ATLANTA, Georgia") == "US");  // the state
  CHECK(Country("TBILISI, Georgia") == "GE");  // the country
  CHECK(Country("GENEVA, N.Y.") == "US");
  CHECK(Country("VANCOUVER, British Columbia, March 3 -") == "CA");
  CHECK(Country("VANCOUVER, Wash.") == "US");
  // A town the gazetteer does not know takes the region's country.
  CHECK(Country("SMALLVILLE, Kan.") == "US");
  CHECK(Country("TAUPO, New Zealand") == "NZ");
  // The head of an article as the analyzer passes it: credit and separator too.
  CHECK(Country("PARIS, Texas (Communique Wire) - ") == "US");
  CHECK(Country("HANOVER (Reuters) - ") == "DE");
  CHECK(Country("NUSA DUA: ") == "ID");
}

TEST_CASE("another language's dateline is read with its own dateline places", "[dateline][i18n]") {
  static const DatelineResolver resolver(Recognizer());
  auto in = [&](const std::string& dateline, const std::string& language) {
    return resolver.Resolve(dateline, EntitySummary{}, Date{2021, 5, 1}, language);
  };
  // «عمان» names both Oman and its capital's neighbour Amman: a dateline
  // names a city, with or without the shadda CLDR writes.
  CHECK(in("عمان", "ar") == "JO");
  CHECK(in("عمّان", "ar") == "JO");
  CHECK(in("مسقط", "ar") == "OM");
  // TASS writes its places in capitals.
  CHECK(in("ХЕЛЬСИНКИ", "ru") == "FI");
  CHECK(in("Хельсинки", "ru") == "FI");
  // The region SplitMultilingualDateline took out of the brackets.
  CHECK(in("Tijuana, México", "es") == "MX");
  // A town no gazetteer knows, in a country the brackets name.
  CHECK(in("Pueblito, Colombia", "es") == "CO");
  // CLDR's own names that the zone id merely contains (Europe/Belgrade:
  // «Belgrad»; Europe/Rome: «Rom»): the language's names, not ICU's fallback.
  CHECK(in("Belgrad", "de") == "RS");
  CHECK(in("Rom", "de") == "IT");
  CHECK(in("Damas", "fr") == "SY");
}

TEST_CASE("the text moves an ambiguous city only when the first place is not firm", "[dateline]") {
  // Firm: a capital, a curated wire name or a far larger place.
  CHECK(Country("GENEVA", {"US", "IR"}) == "CH");
  CHECK(Country("ALEXANDRIA", {"US"}) == "EG");
  CHECK(Country("PARIS", {"US"}) == "FR");
  CHECK(Country("MELBOURNE", {"US"}) == "AU");
  // Comparable places: the text decides.
  CHECK(Country("BIRMINGHAM") == "GB");
  CHECK(Country("BIRMINGHAM", {"US"}) == "US");
}

TEST_CASE("the dateline's country is the state of the publication date", "[dateline]") {
  CHECK(Country("BONN", {}, Date{1987, 3, 1}) == "XG");
  CHECK(Country("BONN", {}, Date{2021, 3, 1}) == "DE");
  CHECK(Country("KIEV", {}, Date{1987, 3, 1}) == "SU");
  CHECK(Country("KIEV", {}, Date{2021, 3, 1}) == "UA");
  CHECK(Country("KINSHASA", {}, Date{1990, 3, 1}) == "CD");
  CHECK(Country("SKOPJE", {}, Date{1990, 3, 1}) == "YU");
  CHECK(Country("SKOPJE", {}, Date{2019, 3, 1}) == "MK");
}

TEST_CASE("CountryBeforePlace: the country written right before an unknown place",
          "[dateline][i18n]") {
  auto before = [](const std::string& text, const std::string& place, size_t from = 0) {
    static thread_local std::string kept;
    kept = text;
    std::vector<Token> tokens = Tokenize(kept);
    std::vector<Mention> mentions = Recognizer().Recognise(tokens, Date{2024, 10, 22}, "zh");
    return CountryBeforePlace(place, kept, from, tokens, mentions);
  };
  CHECK(before("习近平在俄罗斯喀山出席会晤", "喀山") == "RU");
  CHECK(before("会议在巴西里约热内卢举行", "里约热内卢") == "BR");
  // Four characters between them at most, and no punctuation.
  CHECK(before("会议在巴西东南部城市里约热内卢举行", "里约热内卢").empty());
  CHECK(before("俄罗斯，喀山", "喀山").empty());
  // The nearest country wins; the place must come after `from`.
  CHECK(before("中国和俄罗斯喀山", "喀山") == "RU");
  CHECK(before("俄罗斯喀山", "喀山", 3).empty());
  CHECK(before("没有国家的喀山", "喀山").empty());
  CHECK(before("俄罗斯喀山", "").empty());
}

TEST_CASE("CountryByKey: a city in another script by its transliteration key", "[dateline][i18n]") {
  static const DatelineResolver resolver(Recognizer());
  auto by_key = [](const std::string& place) {
    return resolver.CountryByKey(place, Date{2024, 10, 22});
  };
  CHECK(by_key("ВОНСАН") == "KP");  // Wonsan
  CHECK(by_key("Вонсан") == "KP");
  CHECK(by_key("西安") == "CN");    // Xi'an
  CHECK(by_key("阿布贾") == "NG");  // Abuja
  // Keys shorter than four letters name too many places; unknown keys none.
  CHECK(by_key("巴").empty());
  CHECK(by_key("Ош").empty());
  CHECK(by_key("Нетакогогорода").empty());
  CHECK(by_key("").empty());
}

TEST_CASE("CountryNearPlace: the country named nearest the place in its first sentence",
          "[dateline][i18n]") {
  auto near = [](const std::string& text, const std::string& place, size_t from = 0) {
    static thread_local std::string kept;
    kept = text;
    std::vector<Token> tokens = Tokenize(kept);
    std::vector<Mention> mentions = Recognizer().Recognise(tokens, Date{2015, 9, 22}, "zh");
    return CountryNearPlace(place, kept, from, tokens, mentions);
  };
  // After the place, or before it with other words between.
  CHECK(near("国家主席习近平22日乘专机抵达西雅图，开始对美国进行国事访问。", "西雅图") == "US");
  CHECK(near("习近平同埃及总统塞西在卢克索神庙出席活动。", "卢克索") == "EG");
  // The nearest of several.
  CHECK(near("中国国家主席习近平在英国首相陪同下访问曼彻斯特。", "曼彻斯特") == "GB");
  // Only the first sentence that writes the place; none named there: "".
  CHECK(near("习近平访问曼彻斯特。英国首相出席。", "曼彻斯特").empty());
  CHECK(near("英国首相出席。习近平访问曼彻斯特。", "曼彻斯特").empty());
  // The place must come after `from`.
  CHECK(near("英国曼彻斯特", "曼彻斯特", 20).empty());
  CHECK(near("英国首相出席", "曼彻斯特").empty());
}

TEST_CASE("WireCountry: a national agency's home for a place no list knows", "[dateline][i18n]") {
  static const DatelineResolver resolver(Recognizer());
  auto wire = [](const std::string& place, const std::string& head, const std::string& lang) {
    return resolver.WireCountry(place, head, lang, Date{2016, 5, 26});
  };
  CHECK(wire("Elmau", "Elmau (dpa) - ", "de") == "DE");
  CHECK(wire("Bürgenstock", "Bürgenstock (sda) - ", "de") == "CH");
  CHECK(wire("УФА", "УФА, 9 июля. /ТАСС/. ", "ru") == "RU");
  CHECK(wire("البحر الميت", "البحر الميت 29 آذار (بترا) - ", "ar") == "JO");
  CHECK(wire("الإسماعيلية", "الإسماعيلية - أ ش أ ", "ar") == "EG");
  CHECK(wire("志摩", "【志摩共同】", "ja") == "JP");
  // Katakana is how Japanese writes a foreign place: no home there.
  CHECK(wire("バラナシ", "【バラナシ時事】", "ja").empty());
  // International wires, a credit inside a word, another language's: none.
  CHECK(wire("Elmau", "Elmau (AFP) - ", "de").empty());
  CHECK(wire("Elmau", "Elmau (Sdpa) - ", "de").empty());
  CHECK(wire("Elmau", "Elmau (dpa) - ", "fr").empty());
}
