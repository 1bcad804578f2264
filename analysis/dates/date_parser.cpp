#include "analysis/dates/date_parser.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace communique {
namespace {

// 1..12 for an English month name or abbreviation (case-insensitive,
// trailing '.' allowed), else 0.
int MonthNumber(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  if (w.size() < 3 || w.size() > 9) return 0;
  std::string s(w);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* kNames[] = {"january",   "february", "march",    "april",
                                 "may",       "june",     "july",     "august",
                                 "september", "october",  "november", "december"};
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kNames[m];
    if (s == full) return m + 1;
    if (s.size() == 3 && full.compare(0, 3, s) == 0) return m + 1;
  }
  if (s == "sept") return 9;
  return 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// A word of the text: letters/digits/'.' runs, with byte offsets.
struct Word {
  std::string_view text;
  size_t begin;
};

std::vector<Word> SplitWords(std::string_view text, size_t max_words = 0) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    size_t b = i;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) ||
                               (text[i] == '.' && i + 1 < text.size() &&
                                std::isalnum(static_cast<unsigned char>(text[i + 1]))) ||
                               (text[i] == '-' && i + 1 < text.size() &&
                                std::isdigit(static_cast<unsigned char>(text[i + 1])) && b < i &&
                                std::isdigit(static_cast<unsigned char>(text[i - 1])))))
      ++i;
    if (i < text.size() && text[i] == '.' && b < i &&
        !std::isdigit(static_cast<unsigned char>(text[i - 1])))
      ++i;  // "Sept."
    if (i > b) words.push_back({text.substr(b, i - b), b});
    if (max_words && words.size() >= max_words) break;
  }
  return words;
}

// "14th" -> 14; "14" -> 14; else 0.
int DayNumberOf(std::string_view w) {
  if (w.size() > 2) {
    std::string_view suf = w.substr(w.size() - 2);
    if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") w.remove_suffix(2);
  }
  if (!AllDigits(w) || w.size() > 2) return 0;
  int d = ToInt(w);
  return d >= 1 && d <= 31 ? d : 0;
}

int YearOf(std::string_view w) {
  if (!AllDigits(w) || w.size() != 4) return 0;
  return ToInt(w);
}

std::optional<Date> ParseIso(std::string_view s) {
  // YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, optionally followed by a time.
  if (s.size() >= 8 && AllDigits(s.substr(0, 8)) && (s.size() == 8 || s[8] == 'T' || s[8] == ' ')) {
    return Date{ToInt(s.substr(0, 4)), ToInt(s.substr(4, 2)), ToInt(s.substr(6, 2))};
  }
  if (s.size() >= 10 && AllDigits(s.substr(0, 4)) && (s[4] == '-' || s[4] == '/') && s[7] == s[4] &&
      AllDigits(s.substr(5, 2)) && AllDigits(s.substr(8, 2)) &&
      (s.size() == 10 || s[10] == 'T' || s[10] == ' ' || s[10] == 't')) {
    return Date{ToInt(s.substr(0, 4)), ToInt(s.substr(5, 2)), ToInt(s.substr(8, 2))};
  }
  return std::nullopt;
}

std::string Lower(std::string_view w) {
  std::string s(w);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Date FromDayNumber(long z) {
  // Howard Hinnant's civil_from_days.
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

// "last Tuesday", "on Tuesday", "next Friday", "yesterday": the day relative
// to the publication date `ref`. A bare or "on" weekday is the latest such
// day on or before `ref` (news reports what happened); "last" is strictly
// before, "next" strictly after. Weekdays must be capitalised.
std::optional<Date> RelativeDay(const std::vector<Word>& words, size_t i, const Date& ref) {
  std::string_view w = words[i].text;
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);  // "on Tuesday."
  if (w.empty()) return std::nullopt;
  std::string lower = Lower(w);
  long today = ref.DayNumber();
  if (lower == "yesterday") return FromDayNumber(today - 1);
  if (lower == "tomorrow") return FromDayNumber(today + 1);
  static const char* kDays[] = {"thursday", "friday",  "saturday", "sunday",
                                "monday",   "tuesday", "wednesday"};  // 1970-01-01 was a Thursday
  int weekday = -1;
  for (int k = 0; k < 7; ++k) {
    if (lower == kDays[k]) weekday = k;
  }
  if (weekday < 0 || !std::isupper(static_cast<unsigned char>(w[0]))) return std::nullopt;
  std::string prev = i > 0 ? Lower(words[i - 1].text) : "";
  long ref_weekday = ((today % 7) + 7) % 7;
  long back = (ref_weekday - weekday + 7) % 7;  // 0..6 days back to that weekday
  if (prev == "next") return FromDayNumber(today + (back == 0 ? 7 : 7 - back));
  if (prev == "last") return FromDayNumber(today - (back == 0 ? 7 : back));
  return FromDayNumber(today - back);
}

}  // namespace

std::string Date::Iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::Compact() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

long Date::DayNumber() const {
  // Howard Hinnant's days_from_civil.
  int y = year - (month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

bool IsValidDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

std::optional<Date> ParseDate(std::string_view text, std::string* reason) {
  auto fail = [&](const std::string& why) -> std::optional<Date> {
    if (reason) *reason = why;
    return std::nullopt;
  };
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.empty()) return fail("empty date");
  if (text.size() > 64) return fail("date too long");
  std::optional<Date> d = ParseIso(text);
  if (!d) {
    auto words = SplitWords(text, 8);
    // Skip a leading weekday ("Tue,").
    size_t k = 0;
    if (!words.empty() && !AllDigits(words[0].text) && MonthNumber(words[0].text) == 0) k = 1;
    if (k + 3 <= words.size()) {
      std::string_view a = words[k].text, b = words[k + 1].text, c = words[k + 2].text;
      if (int m = MonthNumber(b); m && DayNumberOf(a) && YearOf(c)) {
        d = Date{YearOf(c), m, DayNumberOf(a)};  // 14 September 2021
      } else if (int m2 = MonthNumber(a); m2 && DayNumberOf(b) && YearOf(c)) {
        d = Date{YearOf(c), m2, DayNumberOf(b)};  // September 14, 2021
      }
    }
  }
  if (!d) return fail("unrecognised date \"" + std::string(text) + "\"");
  if (d->year < kMinYear || d->year > kMaxYear)
    return fail("date out of range \"" + std::string(text) + "\"");
  if (!IsValidDate(d->year, d->month, d->day))
    return fail("invalid date \"" + std::string(text) + "\"");
  return d;
}

std::vector<Date> FindMentionedDates(std::string_view text, std::optional<Date> reference) {
  std::vector<Date> out;
  auto add = [&](Date d) {
    if (d.year < kMinYear || d.year > kMaxYear || !IsValidDate(d.year, d.month, d.day)) return;
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  };
  auto nearest_year = [&](int month, int day) -> std::optional<Date> {
    if (!reference) return std::nullopt;
    std::optional<Date> best;
    long best_dist = 0;
    for (int y = reference->year - 1; y <= reference->year + 1; ++y) {
      if (!IsValidDate(y, month, day)) continue;
      Date c{y, month, day};
      long dist = std::labs(c.DayNumber() - reference->DayNumber());
      if (!best || dist < best_dist) {
        best = c;
        best_dist = dist;
      }
    }
    return best;
  };
  std::vector<Word> words = SplitWords(text);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i].text;
    if (reference) {
      if (auto d = RelativeDay(words, i, *reference)) {
        add(*d);
        continue;
      }
    }
    if (w.size() == 10 && (w[4] == '-')) {
      if (auto d = ParseIso(w)) add(*d);
      continue;
    }
    int m = MonthNumber(w);
    if (!m) continue;
    // "May" and "March" are also ordinary words: only a capitalised month
    // next to a day number counts.
    if (!std::isupper(static_cast<unsigned char>(w[0]))) continue;
    int day_after = i + 1 < words.size() ? DayNumberOf(words[i + 1].text) : 0;
    int day_before = i > 0 ? DayNumberOf(words[i - 1].text) : 0;
    if (day_after) {  // August 25[, 2021]
      int year = i + 2 < words.size() ? YearOf(words[i + 2].text) : 0;
      if (year)
        add(Date{year, m, day_after});
      else if (auto d = nearest_year(m, day_after))
        add(*d);
    } else if (day_before) {  // 25 August[ 2021]
      int year = i + 1 < words.size() ? YearOf(words[i + 1].text) : 0;
      if (year)
        add(Date{year, m, day_before});
      else if (auto d = nearest_year(m, day_before))
        add(*d);
    }
  }
  return out;
}

}  // namespace communique
