#include "analysis/dates/date_parser.h"

#include <catch2/catch.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

using communique::Date;
using communique::FindMentionedDates;
using communique::ParseDate;

TEST_CASE("ParseDate reads every publication-date form the sample and feeds use", "[dates]") {
  const std::pair<const char*, const char*> cases[] = {
      {"2021-09-14", "2021-09-14"},
      {"2021-09-14T08:00:00Z", "2021-09-14"},
      {"2023-05-10T08:00:00+05:30", "2023-05-10"},
      {"1987-02-26T15:01:01.79", "1987-02-26"},
      {"2021/09/14", "2021-09-14"},
      {"20210914", "2021-09-14"},
      {"14 September 2021", "2021-09-14"},
      {"14 Sep 2021", "2021-09-14"},
      {"Tue, 14 Sep 2021 10:00:00 GMT", "2021-09-14"},
      {"September 14, 2021", "2021-09-14"},
      {"Sept. 14, 2021", "2021-09-14"},
      {"  2024-02-29 ", "2024-02-29"},
  };
  for (const auto& [in, want] : cases) {
    INFO(in);
    auto d = ParseDate(in);
    REQUIRE(d.has_value());
    CHECK(d->Iso() == want);
  }
}

TEST_CASE("ParseDate rejects invalid and out-of-range dates with a reason", "[dates]") {
  for (const char* bad : {"2021-02-30", "2023-02-29", "2021-13-01", "yesterday", "", "0001-01-01",
                          "9999-12-31", "14 Smarch 2021"}) {
    INFO(bad);
    std::string reason;
    CHECK_FALSE(ParseDate(bad, &reason).has_value());
    CHECK_FALSE(reason.empty());
  }
  std::string reason;
  ParseDate("3021-01-01", &reason);
  CHECK(reason.find("out of range") != std::string::npos);
}

TEST_CASE("FindMentionedDates infers the year nearest the publication date", "[dates]") {
  Date pub{2021, 9, 14};
  auto dates = FindMentionedDates(
      "Recalling their earlier telephone conversation of August 25, the leaders... "
      "— Prime Minister's Office (@PakPMO) September 14, 2021. Talks on 3 March 2022 "
      "and on 2020-01-05; in May they may meet.",
      pub);
  std::vector<std::string> iso;
  iso.reserve(dates.size());
  for (const auto& d : dates) iso.push_back(d.Iso());
  CHECK(iso == std::vector<std::string>{"2021-08-25", "2021-09-14", "2022-03-03", "2020-01-05"});

  auto january = FindMentionedDates("the December 28 meeting", Date{2022, 1, 5});
  REQUIRE(january.size() == 1);
  CHECK(january[0].Iso() == "2021-12-28");  // last December, not next
  CHECK(FindMentionedDates("on August 25", std::nullopt).empty());
  CHECK(FindMentionedDates("on February 30", pub).empty());
}

TEST_CASE("Date orders by day and formats compactly", "[dates]") {
  CHECK(Date{2021, 9, 14}.Compact() == "20210914");
  CHECK(Date{2021, 8, 25} < Date{2021, 9, 14});
  CHECK(Date{1970, 1, 1}.DayNumber() == 0);
  CHECK(Date{2000, 3, 1}.DayNumber() - Date{2000, 2, 28}.DayNumber() == 2);
}

TEST_CASE("relative days resolve against the publication date", "[dates]") {
  Date tue{2021, 9, 14};  // a Tuesday
  auto iso = [](const std::vector<Date>& ds) {
    std::vector<std::string> out;
    out.reserve(ds.size());
    for (const Date& d : ds) out.push_back(d.Iso());
    return out;
  };
  CHECK(iso(FindMentionedDates("ARY News reported on Tuesday.", tue)) ==
        std::vector<std::string>{"2021-09-14"});
  CHECK(iso(FindMentionedDates("They met last Tuesday.", tue)) ==
        std::vector<std::string>{"2021-09-07"});
  CHECK(iso(FindMentionedDates("Talks resume on Friday; they began last Sunday.", tue)) ==
        std::vector<std::string>{"2021-09-10", "2021-09-12"});
  CHECK(iso(FindMentionedDates("He flies next Friday, not yesterday.", tue)) ==
        std::vector<std::string>{"2021-09-17", "2021-09-13"});
  CHECK(iso(FindMentionedDates("Leaders met on 25 Aug and on 1 Jan.", tue)) ==
        std::vector<std::string>{"2021-08-25", "2022-01-01"});
  // Lower-case weekdays are not dates ("a tuesday-night deal" is rare;
  // "Sunday Times" is a paper but still a capitalised day); no reference, no day.
  CHECK(FindMentionedDates("They met last Tuesday.", std::nullopt).empty());
}

namespace {

using communique::DateVocabulary;

// The date words of `language` as shipped in schema/gazetteer/rules/.
const DateVocabulary& Words(const std::string& language) {
  static std::map<std::string, DateVocabulary> cache;
  auto it = cache.find(language);
  if (it != cache.end()) return it->second;
  for (const communique::LanguageRules& r : communique::testing::ShippedGazetteer().Rules()) {
    if (r.language == language)
      return cache.emplace(language, DateVocabulary(r.dates)).first->second;
  }
  FAIL("no rules for " << language);
  throw std::logic_error("unreachable");
}

std::vector<std::string> Mentioned(const std::string& text, const std::string& language) {
  std::vector<std::string> out;
  for (const Date& d : FindMentionedDates(text, Date{2021, 9, 20}, &Words(language)))
    out.push_back(d.Iso());
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("FindMentionedDates reads Russian dates", "[dates]") {
  CHECK(Mentioned("Переговоры прошли 14 сентября 2021 года в Душанбе.", "ru") == V{"2021-09-14"});
  CHECK(Mentioned("Стороны условились 25 августа о встрече.", "ru") == V{"2021-08-25"});
  // A month without a day is no date; nor is a number before another word.
  CHECK(Mentioned("В сентябре 2021 года, 14 стран и 3 мая.", "ru") == V{"2021-05-03"});
}

TEST_CASE("FindMentionedDates reads Chinese and Japanese dates", "[dates]") {
  CHECK(Mentioned("新华社北京2021年9月14日电 习近平9月10日同美国总统通电话。", "zh") ==
        V{"2021-09-14", "2021-09-10"});
  CHECK(Mentioned("岸田首相は2021年9月14日、9月3日の会談について述べた。", "ja") ==
        V{"2021-09-14", "2021-09-03"});
  // A month sign without a day, or a day out of range, is no date.
  CHECK(Mentioned("9月份的数据和13月40日", "zh").empty());
}

TEST_CASE("FindMentionedDates reads Arabic dates in each region's month names", "[dates]") {
  CHECK(Mentioned("جدة، ١٤ سبتمبر ٢٠٢١ - التقى الوزيران", "ar") == V{"2021-09-14"});
  CHECK(Mentioned("دمشق، 12 أيلول - وصل الوفد", "ar") == V{"2021-09-12"});
  CHECK(Mentioned("بيروت في ٣ تشرين الأول ٢٠٢٠ والجزائر في 5 جوان", "ar") ==
        V{"2020-10-03", "2021-06-05"});
  CHECK(Mentioned("عقد الاجتماع في سبتمبر الماضي", "ar").empty());
}

TEST_CASE("FindMentionedDates reads French, Spanish and German dates", "[dates]") {
  CHECK(Mentioned("Le sommet du 14 septembre 2021 et la réunion du 1er août.", "fr") ==
        V{"2021-09-14", "2021-08-01"});
  CHECK(Mentioned("Mars a été exploré ; en mars rien.", "fr").empty());
  CHECK(Mentioned("La cumbre del 14 de septiembre de 2021 y la del 2 de agosto.", "es") ==
        V{"2021-09-14", "2021-08-02"});
  CHECK(Mentioned("Am 14. September 2021 und am 1. August trafen sie sich.", "de") ==
        V{"2021-09-14", "2021-08-01"});
  // Another language's months are not read: "septiembre" is not French.
  CHECK(Mentioned("le 14 septiembre", "fr").empty());
}
