#include "analysis/entities/multilingual_dateline.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

// The wire agencies of the shipped rules files, as the analyzer holds them.
const DatelineCredits& ShippedCredits() {
  static const DatelineCredits credits(testing::ShippedGazetteer().Rules(),
                                       testing::ShippedGazetteer().Cities());
  return credits;
}
std::string Place(const std::string& body) {
  return SplitMultilingualDateline(body, ShippedCredits()).first;
}
std::string Rest(const std::string& body) {
  return std::string(SplitMultilingualDateline(body, ShippedCredits()).second);
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

TEST_CASE("a country or region in brackets after the place", "[dateline][i18n]") {
  // EFE's and AFP's «Ciudad (País), fecha»: the place as "city, region",
  // the form whose region the resolver reads.
  CHECK(Place("Tijuana (México), 8 jun (EFE).- El presidente") == "Tijuana, México");
  CHECK(Rest("Tijuana (México), 8 jun (EFE).- El presidente") == "El presidente");
  CHECK(Place("Cartagena de Indias (Colombia), 26 sep (EFE).- El") ==
        "Cartagena de Indias, Colombia");
  CHECK(Place("BELÉM (Brésil), 26 mars (AFP) - Le président") == "BELÉM, Brésil");
  // An agency in brackets is still an agency.
  CHECK(Place("Berlin (dpa) - Bundeskanzler") == "Berlin");
  // The region, then the agency's bracket and a separator.
  CHECK(Place("New York (Nations unies) (AFP) - Le Conseil") == "New York, Nations unies");
  CHECK(Rest("New York (Nations unies) (AFP) - Le Conseil") == "Le Conseil");
  // Two brackets in a sentence, with no separator after them, are no dateline.
  CHECK(Place("Merkel (CDU) (Archivbild) sagte am Montag") == "");
}

TEST_CASE("a Xinhua place of country, state and city", "[dateline][i18n]") {
  CHECK(Place("新华社美国佛罗里达州棕榈滩4月6日电 国家主席") == "美国佛罗里达州棕榈滩");
  CHECK(Rest("新华社美国佛罗里达州棕榈滩4月6日电 国家主席") == "国家主席");
}

TEST_CASE("Arabic datelines without a comma", "[dateline][i18n]") {
  // MENA: «في» after the place and no separator after its credit.
  CHECK(Place("القاهرة في 10 فبراير /أ ش أ/ عقد الرئيس") == "القاهرة");
  CHECK(Rest("القاهرة في 10 فبراير /أ ش أ/ عقد الرئيس") == "عقد الرئيس");
  // Petra: nothing between the place and the day, a Levantine month.
  CHECK(Place("عمان 7 كانون الأول (بترا) - بحث جلالة الملك") == "عمان");
  CHECK(Rest("عمان 7 كانون الأول (بترا) - بحث جلالة الملك") == "بحث جلالة الملك");
  // Sentences, not datelines.
  CHECK(Place("في 2019، قال المسؤولون - إن") == "");
  CHECK(Place("قال 3 مسؤولين إن الهجوم أدى إلى مقتل عشرة أشخاص - وفق") == "");
  CHECK(Place("أعلنت الحكومة 2019، عاما للتسامح (وام) - قال") == "");
}

TEST_CASE("sentences that open with a place or a comma are not datelines", "[dateline][i18n]") {
  CHECK(Place("Москва, как и ожидалось, ответила отказом.") == "");
  CHECK(Place("Paris, la capitale, a accueilli le sommet.") == "");
  CHECK(Place("В 2021, 14 сентября, прошли выборы.") == "");
  CHECK(Place("习近平说，中方愿意合作。") == "");
  CHECK(Place("Die Regierung (in Berlin) hat entschieden.") == "");
  CHECK(Rest("Москва, как и ожидалось") == "Москва, как и ожидалось");
}

TEST_CASE("KUNA's dash after the place and numeric day and month", "[dateline][i18n]") {
  CHECK(Place("الكويت - 1 - 12 (كونا) -- افتتح حضرة صاحب السمو") == "الكويت");
  CHECK(Rest("الكويت - 1 - 12 (كونا) -- افتتح حضرة صاحب السمو") == "افتتح حضرة صاحب السمو");
  // A dash that no day and month's number follow is no dateline.
  CHECK(Place("الكويت - 2019 كانت سنة صعبة (كونا) - قال") == "");
  CHECK(Place("الكويت - 1 مسؤول قال - إن") == "");
}

TEST_CASE("Interfax's place, date and agency in capitals", "[dateline][i18n]") {
  CHECK(Place("Душанбе. 8 октября. ИНТЕРФАКС - Президент России") == "Душанбе");
  CHECK(Rest("Душанбе. 8 октября. ИНТЕРФАКС - Президент России") == "Президент России");
  CHECK(Place("Москва. 3 декабря. ИНТЕРФАКС-АВН - Министр") == "Москва");
  // Sentences: no agency in capitals, or no date between the stops.
  CHECK(Place("Москва. 3 декабря. Президент заявил - нет") == "");
  CHECK(Place("Это так. Всё ясно. ТАСС - нет") == "");
  CHECK(Place("Nein. 3 Tage. Danach - nichts") == "");
}

TEST_CASE("Interfax's site as its credit", "[dateline][i18n]") {
  CHECK(Place("Будапешт. 30 октября. INTERFAX.RU - Владимир Путин") == "Будапешт");
  CHECK(Rest("Будапешт. 30 октября. INTERFAX.RU - Владимир Путин") == "Владимир Путин");
  CHECK(Place("Это так. 3 дня. ИТАР.ТАСС. - нет") == "");
}

TEST_CASE("numeric dates with slashes: MAP and Belga", "[dateline][i18n]") {
  CHECK(Place("Rabat, 22/12/2020 (MAP) - Le Royaume") == "Rabat");
  CHECK(Rest("Rabat, 22/12/2020 (MAP) - Le Royaume") == "Le Royaume");
  CHECK(Place("BRUXELLES 23/06 (BELGA) - Les Vingt-Sept") == "BRUXELLES");
  CHECK(Rest("BRUXELLES 23/06 (BELGA) - Les Vingt-Sept") == "Les Vingt-Sept");
  CHECK(Place("Anvers 1/2/2021 (BELGA) - La police") == "Anvers");
  // A number that is no day and month, or no agency after the date.
  CHECK(Place("Les 27 pays (UE) - ont") == "");
  CHECK(Place("Bruxelles 23/06 - Les Vingt-Sept") == "");
  CHECK(Place("En 2020 (MAP) - Le Royaume") == "");
}

TEST_CASE("a place in capitals and a dash: APS", "[dateline][i18n]") {
  CHECK(Place("ALGER - Les travaux du sommet") == "ALGER");
  CHECK(Rest("ALGER - Les travaux du sommet") == "Les travaux du sommet");
  CHECK(Place("TIZI OUZOU - Le wali") == "TIZI OUZOU");
  // Not in capitals, too short, or not Latin: sentences.
  CHECK(Place("Alger - la capitale") == "");
  CHECK(Place("UE - Le sommet") == "");
  CHECK(Place("ÉTATS-UNIS - Le") == "ÉTATS-UNIS");
  CHECK(Place("Москва - столица России") == "");
}

TEST_CASE("agencies that write no separator after their credit: KNA", "[dateline][i18n]") {
  CHECK(Place("Abu Dhabi (KNA) Papst Franziskus") == "Abu Dhabi");
  CHECK(Rest("Abu Dhabi (KNA) Papst Franziskus") == "Papst Franziskus");
  CHECK(Place("Frankfurt (epd) Die Kirchen") == "Frankfurt");
  // Any other bracket without a separator is a sentence's.
  CHECK(Place("Merkel (CDU) sagte am Montag") == "");
}

TEST_CASE("credits with no separator after them: Belga, Prensa Latina, Europa Press",
          "[dateline][i18n]") {
  CHECK(Place("BRUXELLES 25/05 (BELGA) Les dirigeants") == "BRUXELLES");
  CHECK(Rest("BRUXELLES 25/05 (BELGA) Les dirigeants") == "Les dirigeants");
  CHECK(Place("La Habana, 12 feb (Prensa Latina) El papa") == "La Habana");
  CHECK(Rest("La Habana, 12 feb (Prensa Latina) El papa") == "El papa");
  CHECK(Place("Caracas, 3 mar (PL) El Gobierno") == "Caracas");
  CHECK(Place("MADRID, 16 (EUROPA PRESS) El Gobierno") == "MADRID");
  CHECK(Rest("MADRID, 16 (EUROPA PRESS) El Gobierno") == "El Gobierno");
  // Another bracket after a date still needs its separator.
  CHECK(Place("Madrid, 16 (Gobierno) El") == "");
  CHECK(Place("Bruxelles 23/06 (UE) Les") == "");
}

TEST_CASE("TASS's capitals and stops outside Moscow", "[dateline][i18n]") {
  CHECK(Place("УФА, 9 июля. /ТАСС/. Лидеры стран") == "УФА");
  CHECK(Rest("УФА, 9 июля. /ТАСС/. Лидеры стран") == "Лидеры стран");
}

TEST_CASE("Arab agencies credited without brackets", "[dateline][i18n]") {
  // SPA: the Hijri date, then the Gregorian one, then «واس».
  const std::string spa = "الرياض 25 شعبان 1438 هـ الموافق 21 مايو 2017 م واس دشن خادم الحرمين";
  CHECK(Place(spa) == "الرياض");
  CHECK(Rest(spa) == "دشن خادم الحرمين");
  // Or in brackets after both dates, with the dash.
  const std::string bracketed = "جدة 29 شوال 1444 هـ الموافق 19 مايو 2023 م (واس) - شارك الرئيس";
  CHECK(Place(bracketed) == "جدة");
  CHECK(Rest(bracketed) == "شارك الرئيس");
  // A long run before a bracket with no corresponding date is no dateline.
  CHECK(Place("قال وزير الخارجية في مؤتمر صحفي عقده اليوم 19 مايو (واس) - إن") == "");
  // SANA, QNA and MENA: a dash, joined or spaced, then the agency, no date.
  CHECK(Place("دمشق-سانا استقبل السيد الرئيس") == "دمشق");
  CHECK(Rest("دمشق-سانا استقبل السيد الرئيس") == "استقبل السيد الرئيس");
  CHECK(Place("الإسماعيلية - أ ش أ افتتح الرئيس") == "الإسماعيلية");
  CHECK(Rest("الإسماعيلية - أ ش أ افتتح الرئيس") == "افتتح الرئيس");
  CHECK(Place("الدوحة - قنا - أكد") == "الدوحة");
  CHECK(Rest("الدوحة - قنا - أكد") == "أكد");
  // A word that only begins like an agency, or none: sentences.
  CHECK(Place("البلاد - واسعة هي المملكة") == "");
  CHECK(Place("قال المسؤول - إن الاجتماع") == "");
  CHECK(Place("قال 3 مسؤولين إن الاجتماع عقد في 2017 م واسع") == "");
}

TEST_CASE("a known Arabic place alone before a spaced dash", "[dateline][i18n]") {
  CHECK(Place("الجزائر - قررت الجزائر استدعاء سفيريها") == "الجزائر");
  CHECK(Rest("الجزائر - قررت الجزائر استدعاء سفيريها") == "قررت الجزائر استدعاء سفيريها");
  CHECK(Place("الخرطوم – أعلن الجيش") == "الخرطوم");
  // Words no list names as a place, before a dash of the sentence's own.
  CHECK(Place("أكد الوزير - في بيان - أن") == "");
  // Without the places, the form is not read.
  const DatelineCredits no_places(testing::ShippedGazetteer().Rules());
  CHECK(SplitMultilingualDateline("الجزائر - قررت الجزائر", no_places).first.empty());
}

TEST_CASE("the unbracketed Arab agencies are the rules files' wires", "[dateline][i18n]") {
  // A rules file that lists KUNA only: its name ends a dateline, QNA's does not.
  LanguageRules ar;
  ar.language = "ar";
  ar.wires = {{"كونا", "KW"}};
  LanguageRules de;
  de.language = "de";
  de.wires = {{"dpa", "DE"}};
  const DatelineCredits kuna({ar, de});
  REQUIRE(kuna.arabic().size() == 1);  // dpa is no Arabic credit
  CHECK(SplitMultilingualDateline("الكويت - كونا - أكد", kuna).first == "الكويت");
  CHECK(SplitMultilingualDateline("الدوحة - قنا - أكد", kuna).first.empty());
  CHECK(SplitMultilingualDateline("الرياض 21 مايو 2017 م كونا دشن", kuna).first == "الرياض");
  // With no agencies, only the forms that need none are found.
  const DatelineCredits none;
  CHECK(SplitMultilingualDateline("الكويت - كونا - أكد", none).first.empty());
  CHECK(SplitMultilingualDateline("جدة، 19 مايو (واس) - افتتح", none).first == "جدة");
  // Every Arabic credit the shipped ar rules list is one the splitter knows.
  size_t listed = 0;
  for (const LanguageRules& r : testing::ShippedGazetteer().Rules()) {
    if (r.language != "ar") continue;
    for (const auto& wire : r.wires) {
      ++listed;
      CHECK(Place("الرياض - " + wire.first + " - أكد") == "الرياض");
    }
  }
  CHECK(listed == ShippedCredits().arabic().size());
  CHECK(listed >= 10);
}

TEST_CASE("a Japanese daily's reporter and region in the brackets", "[dateline][i18n]") {
  CHECK(Place("【ワシントン＝山田太郎】大統領は") == "ワシントン");
  CHECK(Place("【パームビーチ（米フロリダ州）＝中島健一】安倍首相と") ==
        "パームビーチ, 米フロリダ州");
  CHECK(Rest("【パームビーチ（米フロリダ州）＝中島健一】安倍首相と") == "安倍首相と");
  CHECK(Place("【志摩共同】主要7カ国") == "志摩");
}

TEST_CASE("Reuters Japan's place, day and credit in square brackets", "[dateline][i18n]") {
  // Full-width brackets and ideographic spaces, or their NFKC forms.
  CHECK(Place("［ワシントン　３日　ロイター］ - 米政府は") == "ワシントン");
  CHECK(Rest("［ワシントン　３日　ロイター］ - 米政府は") == "米政府は");
  CHECK(Place("[大阪 12日 ロイター] - 日銀は") == "大阪");
  CHECK(Place("［ソウル　ロイター］ 韓国政府は") == "ソウル");
  // Without a Japanese agency's credit, brackets open no dateline.
  CHECK(Place("［注］ 本文は") == "");
  CHECK(Place("[1] 本文は") == "");
}

TEST_CASE("RIA's credit after the dash", "[dateline][i18n]") {
  CHECK(Place("СОЧИ, 24 окт — РИА Новости. Президент России") == "СОЧИ");
  CHECK(Rest("СОЧИ, 24 окт — РИА Новости. Президент России") == "Президент России");
  CHECK(Rest("ПРАГА, 8 апр — Президенты России") == "Президенты России");
}
