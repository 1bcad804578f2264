// Calendar dates: parsing publication dates in the forms feeds use, and
// finding the dates an article's text mentions. Pure C++.
//
// Thread-safety: pure functions and value types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/gazetteer.h"

namespace communique {

struct Date {
  int year = 0, month = 0, day = 0;

  std::string Iso() const;      // "2021-09-14"
  std::string Compact() const;  // "20210914", the sortable form stored in the index
  long DayNumber() const;       // days since 1970-01-01 (proleptic Gregorian)
  bool operator==(const Date& o) const {
    return year == o.year && month == o.month && day == o.day;
  }
  bool operator<(const Date& o) const { return DayNumber() < o.DayNumber(); }
};

// Years outside this range are rejected as "out of range": they are typos
// or garbage in news metadata, and would distort date facets.
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2200;

bool IsValidDate(int year, int month, int day);

// Parses a publication date: "2021-09-14", "2021-09-14T08:00:00Z",
// "1987-02-26T15:01:01.79", "2021/09/14", "20210914", "14 September 2021",
// "14 Sep 2021", "Tue, 14 Sep 2021 10:00:00 GMT", "September 14, 2021",
// "Sept. 14, 2021". The time of day and zone are ignored (the date as
// written is the newsroom's date). Returns nullopt with `reason` set when
// the text is not a valid date.
std::optional<Date> ParseDate(std::string_view text, std::string* reason = nullptr);

// One language's way of writing dates (DateWords from rules/<lang>.json),
// folded once for FindMentionedDates. English needs none: its month names
// are those of the feed formats ParseDate reads.
// Thread-safety: immutable after construction; share freely.
struct DateVocabulary {
  // Folds `words` as article text is folded (Tokenize, FoldForMatch).
  explicit DateVocabulary(const DateWords& words);
  // Whether the language gives no month names and no date signs: such a
  // vocabulary finds nothing, and FindMentionedDates reads English only.
  bool empty() const { return months.empty() && month_sign.empty(); }

  // First folded word of a month form -> (its further words, month 1..12).
  std::multimap<std::string, std::pair<std::vector<std::string>, int>, std::less<>> months;
  std::vector<std::string> day_suffixes, links;  // folded
  std::string year_sign, month_sign, day_sign;
};

// Dates mentioned in running text: "August 25", "25 Aug", "25 August 2021",
// "September 14, 2021", "2021-09-14", and days relative to `reference` (the
// publication date): "last Tuesday", "on Tuesday" (the latest Tuesday on or
// before it), "next Friday", "yesterday". A date written without a year gets
// the year that puts it nearest to `reference`; without a reference such
// dates and relative days are skipped. Duplicates are removed; order is
// first mention.
// With `language`, also the dates written as that language writes them: a
// day number (ASCII or Arabic-Indic digits, with a suffix such as "1er"),
// its month's name and an optional year, with the language's links between
// («14 сентября 2021 года», «14 de septiembre de 2021», «14. September»,
// «١٤ أيلول ٢٠٢١»), or numbers followed by year, month and day signs
// (2021年9月14日, 9月14日).
std::vector<Date> FindMentionedDates(std::string_view text, std::optional<Date> reference,
                                     const DateVocabulary* language = nullptr);

}  // namespace communique
