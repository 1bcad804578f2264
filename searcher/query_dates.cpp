#include "searcher/query_dates.h"

#include <algorithm>

#include "analysis/dates/date_parser.h"

namespace communique {

namespace {

constexpr int kFirstQueryYear = 1900, kLastQueryYear = 2100;

// The number `word` writes, when it is all ASCII digits and at most
// `max_digits` long; -1 otherwise.
int Number(const std::string& word, size_t min_digits, size_t max_digits) {
  if (word.size() < min_digits || word.size() > max_digits) return -1;
  int n = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string Compact(int year, int month, int day) { return Date{year, month, day}.Compact(); }

int DaysIn(int year, int month) {
  for (int d = 31; d > 28; --d)
    if (IsValidDate(year, month, d)) return d;
  return 28;
}

// English month names as DateWords, so they fold like the others.
DateWords EnglishMonths() {
  DateWords w;
  const char* names[12][3] = {
      {"january", "jan", ""}, {"february", "feb", ""}, {"march", "mar", ""},
      {"april", "apr", ""},   {"may", "", ""},         {"june", "jun", ""},
      {"july", "jul", ""},    {"august", "aug", ""},   {"september", "sep", "sept"},
      {"october", "oct", ""}, {"november", "nov", ""}, {"december", "dec", ""},
  };
  for (const auto& forms : names) {
    std::vector<std::string> month;
    for (const char* f : forms)
      if (*f) month.emplace_back(f);
    w.months.push_back(std::move(month));
  }
  return w;
}

}  // namespace

QueryDateFinder::QueryDateFinder(const Gazetteer& gazetteer) {
  auto add = [&](const DateWords& words) {
    DateVocabulary v(words);
    for (const auto& [first, rest] : v.months) months_.emplace(first, rest);
    for (const std::string& l : v.links)
      if (std::find(links_.begin(), links_.end(), l) == links_.end()) links_.push_back(l);
  };
  add(EnglishMonths());
  for (const LanguageRules& rules : gazetteer.Rules()) add(rules.dates);
}

int QueryDateFinder::MonthAt(const std::vector<std::string>& words, size_t at,
                             size_t& after) const {
  if (at >= words.size() || words[at].empty()) return 0;
  int best = 0;
  size_t best_end = 0;
  auto [lo, hi] = months_.equal_range(words[at]);
  for (auto it = lo; it != hi; ++it) {
    const std::vector<std::string>& rest = it->second.first;
    size_t end = at + 1 + rest.size();
    if (end > words.size() || end <= best_end) continue;
    if (!std::equal(rest.begin(), rest.end(), words.begin() + static_cast<std::ptrdiff_t>(at + 1)))
      continue;
    best = it->second.second;
    best_end = end;
  }
  after = best_end;
  return best;
}

size_t QueryDateFinder::SkipLinks(const std::vector<std::string>& words, size_t at) const {
  while (at < words.size() && !words[at].empty() &&
         std::find(links_.begin(), links_.end(), words[at]) != links_.end())
    ++at;
  return at;
}

std::vector<QueryDateSpan> QueryDateFinder::Find(const std::vector<std::string>& words) const {
  std::vector<QueryDateSpan> out;
  auto year_at = [&](size_t k) {
    if (k >= words.size()) return -1;
    int y = Number(words[k], 4, 4);
    return y >= kFirstQueryYear && y <= kLastQueryYear ? y : -1;
  };
  auto day_at = [&](size_t k) {
    if (k >= words.size()) return -1;
    int d = Number(words[k], 1, 2);
    return d >= 1 && d <= 31 ? d : -1;
  };
  auto day_span = [&](size_t begin, size_t end, int y, int m, int d) {
    if (!IsValidDate(y, m, d)) return false;
    std::string day = Compact(y, m, d);
    out.push_back({begin, end, day, day, day});
    return true;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    size_t month_end = 0;
    // 14 September 2021, 14 de septiembre de 2021
    if (int d = day_at(i); d > 0) {
      if (int m = MonthAt(words, SkipLinks(words, i + 1), month_end); m > 0) {
        size_t y_at = SkipLinks(words, month_end);
        if (int y = year_at(y_at); y > 0 && day_span(i, y_at + 1, y, m, d)) {
          i = y_at;
          continue;
        }
      }
    }
    if (int m = MonthAt(words, i, month_end); m > 0) {
      size_t next = SkipLinks(words, month_end);
      // September 14, 2021
      if (int d = day_at(next); d > 0) {
        size_t y_at = SkipLinks(words, next + 1);
        if (int y = year_at(y_at); y > 0 && day_span(i, y_at + 1, y, m, d)) {
          i = y_at;
          continue;
        }
      }
      // September 2021
      if (int y = year_at(next); y > 0) {
        out.push_back({i, next + 1, Compact(y, m, 1), Compact(y, m, DaysIn(y, m)),
                       Compact(y, m, 1).substr(0, 6)});
        i = next;
        continue;
      }
    }
    if (int y = year_at(i); y > 0)
      out.push_back({i, i + 1, Compact(y, 1, 1), Compact(y, 12, 31), std::to_string(y)});
  }
  return out;
}

}  // namespace communique
