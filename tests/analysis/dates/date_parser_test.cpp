#include "analysis/dates/date_parser.h"

#include <catch2/catch.hpp>

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
