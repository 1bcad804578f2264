#include "analysis/article_analyzer.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

using testing::ShippedGazetteer;

namespace {

// `analyzer`'s reading of an article of `language` with these fields; the
// analysis must succeed.
AnalyzedArticle AnalyseOne(const ArticleAnalyzer& analyzer, const std::string& language,
                           const std::string& title, const std::string& body,
                           const std::string& date) {
  Article a;
  a.language = language;
  a.title = title;
  a.body = body;
  a.date = date;
  auto r = analyzer.Analyze(a);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("the key is the id, else the url, else a content hash", "[analyzer]") {
  CHECK(DeriveKey(" cq-1 ", "https://x", "body") == "cq-1");
  CHECK(DeriveKey("", "https://x/a", "body") == "https://x/a");
  std::string h = DeriveKey("", "", "body");
  CHECK(h.size() == 17);
  CHECK(h[0] == 'h');
  CHECK(DeriveKey("", "", "body") == h);  // stable
  CHECK(DeriveKey("", "", "other body") != h);
  std::string long_id(300, 'x');
  CHECK(DeriveKey(long_id, "", "").size() == 17);  // fits Xapian's term limit
}

TEST_CASE("datelines are split off in the forms wires use", "[analyzer]") {
  CHECK(SplitDateline("ISLAMABAD: Prime Minister").first == "ISLAMABAD");
  CHECK(SplitDateline("ISLAMABAD: Prime Minister").second == "Prime Minister");
  CHECK(SplitDateline("HOUSTON, April 8 - Oil rose").first == "HOUSTON");
  CHECK(SplitDateline("MOSCOW, Sept 14 (Communique Wire) - Talks").second == "Talks");
  CHECK(SplitDateline("NEW DELHI — India said").first == "NEW DELHI");
  CHECK(SplitDateline("VANCOUVER, British Columbia, March 3 - Shares rose").second ==
        "Shares rose");
  CHECK(SplitDateline("The UN said: no").first.empty());
  CHECK(SplitDateline("NATO allies agreed").first.empty());
}

TEST_CASE("a title is derived from the first sentence when missing", "[analyzer]") {
  CHECK(FirstSentence("ISLAMABAD: Prime Minister Imran Khan spoke to Mr. Putin today. More.") ==
        "Prime Minister Imran Khan spoke to Mr. Putin today");
  std::string long_text(400, 'a');
  for (size_t i = 10; i < long_text.size(); i += 11) long_text[i] = ' ';
  std::string t = FirstSentence(long_text, 50);
  CHECK(t.size() <= 50 + 3);
  CHECK(t.substr(t.size() - 3) == "…");
}

TEST_CASE("Analyze cleans, dates and recognises a seed-like article", "[analyzer]") {
  ArticleAnalyzer analyzer(ShippedGazetteer());
  Article a;
  a.origin = "seed.txt:1";
  a.date = "2021-09-14";
  a.body =
      "ISLAMABAD: Prime Minister Imran Khan has received a telephone call from Russian President "
      "Vladimir Putin today and discussed Afghanistan.\n\nRecalling their earlier telephone "
      "conversation of August 25, the two leaders discussed the Shanghai Cooperation Organization "
      "(SCO).\n\n<span data-mce-type=\"bookmark\" class=\"mce_SELRES_start\"></span> Pakistan "
      "&amp; "
      "Russia agreed.";
  auto r = analyzer.Analyze(a);
  REQUIRE(r.ok());
  const AnalyzedArticle& out = r.value();
  CHECK(out.body.find("data-mce") == std::string::npos);
  CHECK(out.body.find("Pakistan & Russia") != std::string::npos);
  CHECK(out.title_derived);
  CHECK(out.title.rfind("Prime Minister Imran Khan has received", 0) == 0);
  CHECK(out.date->Iso() == "2021-09-14");
  CHECK(out.dateline == "ISLAMABAD");
  CHECK(out.dateline_country == "PK");
  REQUIRE(out.dates_mentioned.size() == 1);
  CHECK(out.dates_mentioned[0].Iso() == "2021-08-25");
  std::vector<std::string> countries, leaders, orgs;
  for (const auto& c : out.entities.countries) countries.push_back(c.id);
  for (const auto& c : out.entities.leaders) leaders.push_back(c.id);
  for (const auto& c : out.entities.organisations) orgs.push_back(c.id);
  CHECK(countries == std::vector<std::string>{"PK", "RU", "AF"});
  CHECK(leaders == std::vector<std::string>{"imran-khan", "vladimir-putin"});
  CHECK(orgs == std::vector<std::string>{"SCO"});
  CHECK(out.key.rfind('h', 0) == 0);  // no id, no url
}

TEST_CASE("Analyze rejects an empty body and a bad date, naming the record", "[analyzer]") {
  ArticleAnalyzer analyzer(ShippedGazetteer());
  Article a;
  a.origin = "f.jsonl:9";
  a.body = "<span></span> ";
  auto r = analyzer.Analyze(a);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message == "f.jsonl:9: no text left after removing markup");
  a.body = "Text";
  a.date = "2021-02-30";
  r = analyzer.Analyze(a);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message.rfind("f.jsonl:9: date: invalid date", 0) == 0);
}

TEST_CASE("a dateline with its year dates a record that has no date field", "[analyzer]") {
  ArticleAnalyzer analyzer(ShippedGazetteer());
  Article a;
  a.body = "MOSCOW, Sept 14, 2021 (Communique Wire) - The Russian president spoke.";
  auto r = analyzer.Analyze(a);
  REQUIRE(r.ok());
  REQUIRE(r.value().date);
  CHECK(r.value().date->Iso() == "2021-09-14");
  CHECK(r.value().dateline_country == "RU");
  REQUIRE(r.value().entities.leaders.size() == 1);
  CHECK(r.value().entities.leaders[0].id == "vladimir-putin");
  a.body = "HOUSTON, April 8 - Oil rose.";
  auto undated = analyzer.Analyze(a);
  REQUIRE(undated.ok());
  CHECK_FALSE(undated.value().date);
  CHECK(undated.value().dateline_country == "US");
}

TEST_CASE("datelines name their country through cities, regions and the date", "[analyzer]") {
  ArticleAnalyzer analyzer(ShippedGazetteer());
  auto country = [&](const std::string& body, const std::string& date = "") {
    Article a;
    a.body = body;
    a.date = date;
    auto r = analyzer.Analyze(a);
    return r.ok() ? r.value().dateline_country : "error";
  };
  CHECK(country("SAN JOSE, Calif., March 12 - A company said.") == "US");
  CHECK(country("SAN JOSE, March 12 - Coffee growers said.") == "CR");
  CHECK(country("NORTH WILKESBORO, N.C., March 5 - Sales rose.") == "US");
  CHECK(country("Winnipeg, Manitoba, Feb 26 - Wheat fell.") == "CA");
  CHECK(country("BONN, March 1 - Rates fell.", "1987-03-01") == "XG");
  CHECK(country("BONN, March 1 - Rates fell.", "2021-03-01") == "DE");
  // An ambiguous city goes to the most populous place unless the text says otherwise.
  CHECK(country("BIRMINGHAM, March 1 - Officials said.") == "GB");
  CHECK(country("BIRMINGHAM, March 1 - Officials in Alabama, in the United States, said.") == "US");
  // Wire datelines that once went to the wrong place (dateline_resolver_test has more).
  CHECK(country("GENEVA, May 1 - Talks between the United States and Iran resumed.") == "CH");
  CHECK(country("NUSA DUA, May 1 - Ministers met.") == "ID");
  CHECK(country("ATLANTA, Georgia, May 1 - Voters queued.") == "US");
}

TEST_CASE("a language is a language tag, or none", "[analyzer]") {
  ArticleAnalyzer analyzer(ShippedGazetteer());
  Article a;
  a.origin = "x.html:1";
  a.body = "Talks went on.";
  a.language = " pt-BR ";
  REQUIRE(analyzer.Analyze(a).ok());
  CHECK(analyzer.Analyze(a).value().language == "pt-br");
  // An HTML lang attribute left unclosed swallows the page (found by
  // fuzz.readers): its term would pass Xapian's 245-byte limit.
  a.language = "en\x01 date 2024-07-09 MOSCOW: " + std::string(300, 'x');
  REQUIRE(analyzer.Analyze(a).ok());
  // The tag is dropped; the language is then detected from the text.
  CHECK(analyzer.Analyze(a).value().language_source != "declared");
  CHECK(analyzer.Analyze(a).value().language.size() <= 3);
  // Too little text to tell: none.
  a.body = "Oui.";
  REQUIRE(analyzer.Analyze(a).ok());
  CHECK(analyzer.Analyze(a).value().language.empty());
  CHECK(analyzer.Analyze(a).value().language_source.empty());
}

TEST_CASE("authors and subjects are kept, normalised, with their words", "[analyzer]") {
  Article a;
  a.body = "Ministers met in Geneva.";
  a.language = "fr";
  a.authors = {"Rédaction <b>Atlas</b>", "  ", "Jean-Luc  Dupont"};
  a.subjects = {{"MEDTOP:11000000", "Politique  intérieure"}, {" ", "no code"}, {"Sahel", ""}};
  // Entities off: bylines and subjects do not depend on them.
  for (bool entities : {true, false}) {
    ArticleAnalyzer an(ShippedGazetteer(), entities);
    auto r = an.Analyze(a);
    REQUIRE(r.ok());
    const AnalyzedArticle& out = r.value();
    CHECK(out.authors == std::vector<std::string>{"Rédaction Atlas", "Jean-Luc Dupont"});
    REQUIRE(out.author_words.size() == 2);
    CHECK(out.author_words[0] == std::vector<std::string>{"redaction", "atlas"});
    REQUIRE(out.subjects.size() == 2);
    CHECK(out.subjects[0].code == "medtop:11000000");
    CHECK(out.subjects[0].name == "Politique intérieure");
    CHECK(out.subjects[1].code == "sahel");
    CHECK(out.subjects[1].name.empty());
    REQUIRE(out.subject_words.size() == 2);
    CHECK(out.subject_words[0] == std::vector<std::string>{"politique", "interieure"});
    CHECK(out.subject_words[1].empty());
  }
}

TEST_CASE("other languages' datelines, dates and headline leaders", "[analyzer][i18n]") {
  ArticleAnalyzer analyzer(ShippedGazetteer());
  auto analyse = [&](const std::string& language, const std::string& title, const std::string& body,
                     const std::string& date) {
    return AnalyseOne(analyzer, language, title, body, date);
  };
  auto salient = [](const AnalyzedArticle& out, const std::string& id) {
    for (const EntityCount& c : out.entities.countries)
      if (c.id == id) return c.salient;
    return false;
  };
  // A place CLDR names in Japanese («リマ», its time-zone city), and the
  // Japanese date in the text.
  AnalyzedArticle lima =
      analyse("ja", "首脳会談", "【リマ共同】首相は2024年11月15日に会談した。", "2024-11-16");
  CHECK(lima.dateline_country == "PE");
  REQUIRE(lima.dates_mentioned.size() == 1);
  CHECK(lima.dates_mentioned[0].Iso() == "2024-11-15");
  // A leader in office in a headline that names no organisation makes their
  // country salient, though the text never names it…
  AnalyzedArticle scholz =
      analyse("de", "Scholz trifft Putin",
              "MOSKAU, 15. Februar (Communique) - Die Gespräche dauerten lange.", "2022-02-15");
  CHECK(salient(scholz, "DE"));
  // …but not in a headline about an organisation's meeting.
  AnalyzedArticle summit =
      analyse("de", "Scholz beim NATO-Gipfel",
              "VILNIUS, 11. Juli (Communique) - Die Gespräche dauerten lange.", "2023-07-11");
  CHECK_FALSE(salient(summit, "DE"));
  // A body where a minister speaks for their country is no summit: the
  // country stays salient.
  AnalyzedArticle council =
      analyse("de", "Baerbock im UN-Sicherheitsrat",
              "NEW YORK, 23. Januar (Communique) - Die Sitzung dauerte lange.", "2024-01-23");
  CHECK(salient(council, "DE"));
  // A headline's surname that is also a country's word is the person the
  // body names in full, not the country.
  AnalyzedArticle sudani =
      analyse("ar", "السوداني يستقبل وزير الخارجية التركي",
              "بغداد، 22 أغسطس (Communique) - استقبل رئيس الوزراء محمد شياع السوداني اليوم الوزير.",
              "2023-08-22");
  CHECK_FALSE(salient(sudani, "SD"));
  CHECK(std::any_of(sudani.entities.leaders.begin(), sudani.entities.leaders.end(),
                    [](const EntityCount& l) { return l.id == "mohammed-shia-al-sudani"; }));
  // Without the full name in the body, the word is the country's.
  CHECK(salient(analyse("ar", "السوداني يستقبل وزير الخارجية التركي",
                        "بغداد، 22 أغسطس (Communique) - استقبل الوزير اليوم.", "2023-08-22"),
                "SD"));
  // A place no CLDR city names: the country the text writes right before it.
  CHECK(analyse("zh", "会晤", "新华社喀山10月22日电 领导人22日在俄罗斯喀山举行会晤。", "2024-10-22")
            .dateline_country == "RU");
  CHECK(analyse("ja", "会談", "【慶州共同】首脳は29日、韓国南東部の慶州で会談した。", "2025-10-29")
            .dateline_country == "KR");
  // Not a country in another phrase before it (CountryBeforePlace's own test
  // holds that case); then the place's transliteration key, «kasan», is
  // the world city Kazan's.
  CHECK(analyse("zh", "会晤", "新华社喀山10月22日电 俄罗斯表示，喀山会晤取得成果。", "2024-10-22")
            .dateline_country == "RU");
  // A place no list names, in the wire's own script: its key is a world
  // city's (Wonsan, Xi'an).
  CHECK(analyse("ru", "Переговоры", "ВОНСАН, 12 июля. /ТАСС/. Министры провели переговоры.",
                "2025-07-12")
            .dateline_country == "KP");
  CHECK(
      analyse("zh", "峰会", "中新社西安5月19日电 峰会19日举行。", "2023-05-19").dateline_country ==
      "CN");
  // A dateline city whose word also names a country (عمان: Amman, Oman): the
  // same word in the headline is that city, not the namesake country.
  AnalyzedArticle amman =
      analyse("ar", "الملك والرئيس السوري يبحثان في عمان التعاون",
              "عمان 26 شباط (بترا) – بحث جلالة الملك والرئيس السوري التعاون.", "2025-02-26");
  CHECK(amman.dateline_country == "JO");
  CHECK(std::none_of(amman.entities.countries.begin(), amman.entities.countries.end(),
                     [](const EntityCount& c) { return c.id == "OM"; }));
  // Elsewhere the word is still Oman's.
  CHECK(salient(analyse("ar", "وزير الخارجية يزور عمان",
                        "الرياض، 26 فبراير (واس) – يزور الوزير عمان اليوم.", "2025-02-26"),
                "OM"));
  // French wires write CLDR's «Addis-Abeba» in capitals.
  CHECK(analyse("fr", "Sommet", "ADDIS-ABEBA, 18 février (Communique) - Le sommet s'est ouvert.",
                "2023-02-18")
            .dateline_country == "ET");
  // A town no list knows, placed by the French department AFP brackets
  // after it; an unknown bracket leaves it unplaced.
  CHECK(analyse("fr", "Commémoration",
                "OUISTREHAM (Calvados), 6 juin (Communique) - Les dirigeants ont commémoré.",
                "2014-06-06")
            .dateline_country == "FR");
  CHECK(analyse("fr", "Rencontre",
                "BORMES-LES-MIMOSAS (Var), 19 août (Communique) - Le président a reçu son hôte.",
                "2019-08-19")
            .dateline_country == "FR");
  // Spanish «Granada» is the city in a dateline (and no mention of Grenada),
  // the country in the text.
  AnalyzedArticle granada =
      analyse("es", "Cumbre europea",
              "GRANADA, 5 oct (Communique).- Los líderes europeos se reunieron en la Alhambra.",
              "2023-10-05");
  CHECK(granada.dateline_country == "ES");
  CHECK(std::none_of(granada.entities.countries.begin(), granada.entities.countries.end(),
                     [](const EntityCount& c) { return c.id == "GD"; }));
  CHECK(salient(analyse("es", "Elecciones en Granada",
                        "MADRID, 5 mar (Communique).- Granada vota este martes.", "2013-02-19"),
                "GD"));
}

TEST_CASE("a head of an organisation makes his body salient, never a country", "[analyzer][io]") {
  ArticleAnalyzer analyzer(ShippedGazetteer());
  auto analyse = [&](const std::string& title, const std::string& body, const std::string& date) {
    return AnalyseOne(analyzer, "en", title, body, date);
  };
  auto find = [](const std::vector<EntityCount>& list, const std::string& id) {
    auto it =
        std::find_if(list.begin(), list.end(), [&](const EntityCount& c) { return c.id == id; });
    return it == list.end() ? nullptr : &*it;
  };
  // Mark Rutte, Dutch prime minister until 2024, at NATO in 2025: the
  // headline is about NATO, and the Netherlands is not even mentioned.
  AnalyzedArticle rutte =
      analyse("Rutte urges allies to spend more",
              "Mark Rutte told allies to raise defence spending. Rutte said the alliance must "
              "act. Rutte spoke after talks with ministers.",
              "2025-06-03");
  CHECK(find(rutte.entities.leaders, "m-rutte"));
  CHECK_FALSE(find(rutte.entities.countries, "NL"));
  REQUIRE(find(rutte.entities.organisations, "NATO"));
  CHECK(find(rutte.entities.organisations, "NATO")->salient);
  // As prime minister, the same headline was about the Netherlands.
  AnalyzedArticle premier =
      analyse("Rutte urges allies to spend more",
              "Mark Rutte told allies to raise defence spending.", "2019-06-03");
  REQUIRE(find(premier.entities.countries, "NL"));
  CHECK(find(premier.entities.countries, "NL")->salient);
  CHECK_FALSE(find(premier.entities.organisations, "NATO"));
  // The event he takes part in has no country of his.
  AnalyzedArticle visit = analyse("Rutte meets Zelensky in Kyiv",
                                  "Mark Rutte met Ukrainian President Volodymyr Zelensky in Kyiv "
                                  "on Tuesday.",
                                  "2025-06-03");
  REQUIRE_FALSE(visit.events.empty());
  for (const Event& e : visit.events)
    CHECK(std::find(e.countries.begin(), e.countries.end(), "NL") == e.countries.end());
  // The role on the date: "the UN secretary-general" of 2022 is Guterres.
  AnalyzedArticle role = analyse("UN chief meets Putin",
                                 "The UN secretary-general met Russian President Vladimir Putin "
                                 "in Moscow on Tuesday.",
                                 "2022-04-26");
  CHECK(find(role.entities.leaders, "antonio-guterres"));
  CHECK(find(role.entities.organisations, "UN"));
}
