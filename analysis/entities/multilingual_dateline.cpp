#include "analysis/entities/multilingual_dateline.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/strings.h"

namespace communique {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Chinese agencies that open a dateline ("新华社北京3月10日电").
constexpr std::array<std::string_view, 7> kCjkAgencies = {"新华社", "中新社", "中新网",  "人民网",
                                                          "新华网", "央视网", "中国日报"};
// Japanese agency credits inside 【】 ("【ワシントン共同】").
constexpr std::array<std::string_view, 7> kJaCredits = {
    "AFP=時事", "共同通信", "時事通信", "共同", "時事", "ロイター", "ＡＦＰ＝時事"};

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
// ASCII or full-width digit at `i`; sets `len` to its byte length.
bool DigitAt(std::string_view s, size_t i, size_t* len) {
  if (i < s.size() && IsAsciiDigit(s[i])) {
    *len = 1;
    return true;
  }
  // U+FF10..U+FF19: EF BC 90..99
  if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF &&
      static_cast<unsigned char>(s[i + 1]) == 0xBC &&
      static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
      static_cast<unsigned char>(s[i + 2]) <= 0x99) {
    *len = 3;
    return true;
  }
  return false;
}

std::string_view SkipSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  if (StartsWith(s, "\xE3\x80\x80")) return SkipSpaces(s.substr(3));  // ideographic space
  return s;
}

// "（记者 王某）" or "(Reuters)" or "/ТАСС/": skipped when it opens `s`.
std::string_view SkipCredit(std::string_view s) {
  s = SkipSpaces(s);
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"},
                             {"\xEF\xBC\x88", "\xEF\xBC\x89"},  // （ ）
                             {"/", "/"}}) {
    if (!StartsWith(s, open)) continue;
    size_t end = s.find(close, open.size());
    if (end == std::string_view::npos || end > 60) return s;
    return SkipSpaces(s.substr(end + close.size()));
  }
  return s;
}

// A separator after the dateline: "-", "—", "–", ".-", ":", "：" or a full
// stop; returns what follows it, or nullopt-like empty `ok`.
bool SkipSeparator(std::string_view& s, bool allow_stop) {
  s = SkipSpaces(s);
  for (std::string_view sep :
       {".-", ".—", "\xE2\x80\x94", "\xE2\x80\x93", "-", ":", "\xEF\xBC\x9A"}) {
    if (StartsWith(s, sep)) {
      s = SkipSpaces(s.substr(sep.size()));
      return true;
    }
  }
  if (allow_stop && StartsWith(s, ".")) {
    s = s.substr(1);
    // «Москва, 14 сентября. /ТАСС/. Текст»
    std::string_view after = SkipCredit(s);
    if (after.size() != SkipSpaces(s).size()) {
      s = after;
      if (StartsWith(s, ".")) s = s.substr(1);
    }
    s = SkipSpaces(s);
    return true;
  }
  return false;
}

// "新华社北京3月10日电" and the like.
std::pair<std::string, std::string_view> SplitCjk(std::string_view body) {
  std::string_view s = body;
  bool bracketed = StartsWith(s, "\xE3\x80\x90");  // 【
  if (bracketed) s.remove_prefix(3);
  for (std::string_view agency : kCjkAgencies) {
    if (StartsWith(s, agency)) {
      s.remove_prefix(agency.size());
      break;
    }
  }
  // The place runs up to the first digit, at most 8 characters.
  size_t i = 0, len = 0;
  while (i < s.size() && i < 24 && !DigitAt(s, i, &len)) ++i;
  if (i == 0 || i >= s.size() || i >= 24) return {"", body};
  std::string place(s.substr(0, i));
  std::string_view rest = s.substr(i);
  // digits 月 digits 日 (电|讯)
  auto digits = [&] {
    size_t n = 0;
    while (DigitAt(rest, 0, &len)) {
      rest.remove_prefix(len);
      ++n;
    }
    return n > 0;
  };
  if (!digits() || !StartsWith(rest, "月")) return {"", body};
  rest.remove_prefix(std::string_view("月").size());
  if (!digits() || !StartsWith(rest, "日")) return {"", body};
  rest.remove_prefix(std::string_view("日").size());
  if (StartsWith(rest, "电") || StartsWith(rest, "讯")) {
    rest.remove_prefix(3);
  } else {
    return {"", body};
  }
  if (bracketed && StartsWith(rest, "\xE3\x80\x91")) rest.remove_prefix(3);  // 】
  rest = SkipCredit(rest);
  SkipSeparator(rest, false);
  return {place, rest};
}

// "【ワシントン共同】".
std::pair<std::string, std::string_view> SplitJapanese(std::string_view body) {
  if (!StartsWith(body, "\xE3\x80\x90")) return {"", body};
  size_t close = body.find("\xE3\x80\x91");
  if (close == std::string_view::npos || close > 60) return {"", body};
  std::string_view inside = body.substr(3, close - 3);
  for (std::string_view credit : kJaCredits) {
    if (inside.size() > credit.size() && inside.substr(inside.size() - credit.size()) == credit) {
      inside.remove_suffix(credit.size());
      break;
    }
  }
  inside = TrimSpace(inside);
  if (inside.empty()) return {"", body};
  return {std::string(inside), SkipSpaces(body.substr(close + 3))};
}

// "Москва, 14 сентября.", "جدة، 19 مايو -", "Paris, 14 septembre (AFP) -",
// "Berlin (dpa) -".
std::pair<std::string, std::string_view> SplitComma(std::string_view body) {
  std::string_view s = body;
  size_t comma = s.find(',');
  size_t arabic = s.find("\xD8\x8C");  // ،
  size_t bracket = s.find(" (");
  size_t end = std::min({comma, arabic, bracket});
  if (end == std::string_view::npos || end == 0 || end > 40) return {"", body};
  std::string_view place = TrimSpace(s.substr(0, end));
  if (place.empty()) return {"", body};
  unsigned char first = static_cast<unsigned char>(place[0]);
  if (first < 0x80 && !std::isupper(first)) return {"", body};
  size_t spaces = 0;
  for (char c : place) {
    if (IsAsciiDigit(c) || c == '.' || c == '"') return {"", body};
    if (c == ' ') ++spaces;
  }
  if (spaces > 3) return {"", body};
  std::string_view rest;
  if (end == bracket) {  // "Berlin (dpa) -": an agency, then a separator
    rest = SkipCredit(s.substr(end));
    if (rest.size() == s.size() - end - 1) return {"", body};
    if (!SkipSeparator(rest, false)) return {"", body};
    return {std::string(place), rest};
  }
  rest = s.substr(end + (end == arabic ? 2 : 1));
  // The date: short, with a digit, up to a bracket, a separator or a stop.
  size_t k = 0;
  bool digit = false;
  std::string_view date = SkipSpaces(rest);
  while (k < date.size() && k < 40) {
    char c = date[k];
    if (c == '(' || c == '/' || c == '-' || c == ':' || c == '\n') break;
    if (StartsWith(date.substr(k), "\xE2\x80\x94") || StartsWith(date.substr(k), "\xE2\x80\x93"))
      break;
    // A stop ends the date unless it is a German ordinal ("14. September").
    if (c == '.' &&
        !(k > 0 && IsAsciiDigit(date[k - 1]) && k + 1 < date.size() && date[k + 1] == ' ' &&
          k + 2 < date.size() && std::isupper(static_cast<unsigned char>(date[k + 2]))))
      break;
    digit = digit || IsAsciiDigit(c);
    ++k;
  }
  if (!digit || k == 0 || k >= 40) return {"", body};
  rest = date.substr(k);
  rest = SkipCredit(rest);
  if (!SkipSeparator(rest, true)) return {"", body};
  return {std::string(place), rest};
}

}  // namespace

std::pair<std::string, std::string_view> SplitMultilingualDateline(std::string_view body) {
  std::string_view s = body;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  for (auto split : {SplitJapanese, SplitCjk, SplitComma}) {
    auto r = split(s);
    if (!r.first.empty()) return r;
  }
  return {"", body};
}

}  // namespace communique
