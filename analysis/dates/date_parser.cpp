#include "analysis/dates/date_parser.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "analysis/text/text_normalizer.h"
#include "analysis/text/tokenizer.h"
#include "common/civil_date.h"
#include "common/strings.h"

namespace communique {
namespace {

// 1..12 for an English month name or abbreviation (case-insensitive,
// trailing '.' allowed), else 0.
int MonthNumber(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  if (w.size() < 3 || w.size() > 9) return 0;
  std::string s = AsciiLower(w);
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

Date FromDayNumber(long days) {
  CivilDate c = CivilFromDays(days);
  return Date{c.year, c.month, c.day};
}

// "last Tuesday", "on Tuesday", "next Friday", "yesterday": the day relative
// to the publication date `ref`. A bare or "on" weekday is the latest such
// day on or before `ref` (news reports what happened); "last" is strictly
// before, "next" strictly after. Weekdays must be capitalised.
std::optional<Date> RelativeDay(const std::vector<Word>& words, size_t i, const Date& ref) {
  std::string_view w = words[i].text;
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);  // "on Tuesday."
  if (w.empty()) return std::nullopt;
  std::string lower = AsciiLower(w);
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
  std::string prev = i > 0 ? AsciiLower(words[i - 1].text) : "";
  long ref_weekday = ((today % 7) + 7) % 7;
  long back = (ref_weekday - weekday + 7) % 7;  // 0..6 days back to that weekday
  if (prev == "next") return FromDayNumber(today + (back == 0 ? 7 : 7 - back));
  if (prev == "last") return FromDayNumber(today - (back == 0 ? 7 : back));
  return FromDayNumber(today - back);
}

// The value of a run of digits, ASCII or Arabic-Indic (U+0660..U+0669,
// U+06F0..U+06F9), at the start of `s`: the number and the bytes it took
// (0 when `s` opens with no digit). At most four digits count.
std::pair<int, size_t> LeadingNumber(std::string_view s) {
  int v = 0, n = 0;
  size_t i = 0;
  while (i < s.size() && n <= 4) {
    auto c = static_cast<unsigned char>(s[i]);
    int digit = -1;
    size_t len = 1;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (i + 1 < s.size() && (c == 0xD9 || c == 0xDB)) {
      auto c2 = static_cast<unsigned char>(s[i + 1]);
      if (c == 0xD9 && c2 >= 0xA0 && c2 <= 0xA9) digit = c2 - 0xA0;
      if (c == 0xDB && c2 >= 0xB0 && c2 <= 0xB9) digit = c2 - 0xB0;
      len = 2;
    }
    if (digit < 0) break;
    v = v * 10 + digit;
    ++n;
    i += len;
  }
  if (n == 0 || n > 4) return {0, 0};
  return {v, i};
}

bool Contains(const std::vector<std::string>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// A day of the month written as a token: "14", "١٤", "1er" (a suffix of the
// language); 0 otherwise.
int LocalDay(const Token& t, const DateVocabulary& v) {
  auto [day, used] = LeadingNumber(t.text);
  if (!used || day < 1 || day > 31) return 0;
  if (used < t.text.size()) {
    std::string rest = FoldForMatch(t.text.substr(used));
    if (!Contains(v.day_suffixes, rest)) return 0;
  }
  return day;
}

// A year written as a token of four digits (ASCII or Arabic-Indic); 0 otherwise.
int LocalYear(const Token& t) {
  auto [year, used] = LeadingNumber(t.text);
  if (used != t.text.size() || year < 1000) return 0;
  return year;
}

// The number written right before byte `end` of `text` (ASCII digits):
// its value and first byte; {-1, end} when none.
std::pair<int, size_t> NumberBefore(std::string_view text, size_t end) {
  size_t b = end;
  while (b > 0 && end - b < 4 && std::isdigit(static_cast<unsigned char>(text[b - 1]))) --b;
  if (b == end || (b > 0 && std::isdigit(static_cast<unsigned char>(text[b - 1]))))
    return {-1, end};
  return {ToInt(text.substr(b, end - b)), b};
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

long Date::DayNumber() const { return DaysFromCivil(year, month, day); }

bool IsValidDate(int year, int month, int day) { return IsCivilDate(year, month, day); }

DateVocabulary::DateVocabulary(const DateWords& words)
    : year_sign(words.year_sign), month_sign(words.month_sign), day_sign(words.day_sign) {
  for (size_t m = 0; m < words.months.size(); ++m) {
    for (const std::string& form : words.months[m]) {
      // Folded and split as article text is ("sept." is the word "sept").
      std::vector<Token> tokens = Tokenize(NormalizeText(form));
      if (tokens.empty()) continue;
      std::vector<std::string> rest;
      for (size_t k = 1; k < tokens.size(); ++k) rest.push_back(tokens[k].folded);
      months.emplace(tokens[0].folded, std::make_pair(rest, static_cast<int>(m) + 1));
    }
  }
  for (const std::string& s : words.day_suffixes) day_suffixes.push_back(FoldForMatch(s));
  for (const std::string& s : words.links) links.push_back(FoldForMatch(s));
}

std::optional<Date> ParseDate(std::string_view text, std::string* reason) {
  auto fail = [&](const std::string& why) -> std::optional<Date> {
    if (reason) *reason = why;
    return std::nullopt;
  };
  text = TrimSpace(text);
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

std::vector<Date> FindMentionedDates(std::string_view text, std::optional<Date> reference,
                                     const DateVocabulary* language) {
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
  if (!language || language->empty()) return out;
  auto add_local = [&](int year, int month, int day) {
    if (year)
      add(Date{year, month, day});
    else if (auto d = nearest_year(month, day))
      add(*d);
  };
  const DateVocabulary& v = *language;
  if (!v.month_sign.empty()) {
    // [YYYY年]M月D日: the numbers right before each sign.
    for (size_t at = text.find(v.month_sign); at != std::string_view::npos;
         at = text.find(v.month_sign, at + 1)) {
      auto [month, month_begin] = NumberBefore(text, at);
      if (month < 1 || month > 12) continue;
      size_t after = at + v.month_sign.size();
      size_t digits = after;
      while (digits < text.size() && digits - after < 2 &&
             std::isdigit(static_cast<unsigned char>(text[digits])))
        ++digits;
      if (digits == after || text.compare(digits, v.day_sign.size(), v.day_sign) != 0) continue;
      int day = ToInt(text.substr(after, digits - after));
      int year = 0;
      if (!v.year_sign.empty() && month_begin >= v.year_sign.size() &&
          text.compare(month_begin - v.year_sign.size(), v.year_sign.size(), v.year_sign) == 0) {
        int y = NumberBefore(text, month_begin - v.year_sign.size()).first;
        if (y >= 1000) year = y;
      }
      add_local(year, month, day);
    }
  }
  if (v.months.empty()) return out;
  std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto range = v.months.equal_range(tokens[i].folded);
    for (auto it = range.first; it != range.second; ++it) {
      const std::vector<std::string>& rest = it->second.first;
      size_t end = i + 1 + rest.size();
      if (end > tokens.size()) continue;
      bool whole = true;
      for (size_t k = 0; k < rest.size() && whole; ++k) whole = tokens[i + 1 + k].folded == rest[k];
      if (!whole) continue;
      // The day before the month (a link such as Spanish "de" between).
      size_t d = i;
      if (d > 0 && Contains(v.links, tokens[d - 1].folded)) --d;
      int day = d > 0 ? LocalDay(tokens[d - 1], v) : 0;
      if (!day) continue;
      // The year after it, likewise.
      size_t y = end;
      if (y < tokens.size() && Contains(v.links, tokens[y].folded)) ++y;
      int year = y < tokens.size() ? LocalYear(tokens[y]) : 0;
      add_local(year, it->second.second, day);
      break;
    }
  }
  return out;
}

}  // namespace communique
