#include "analysis/entities/multilingual_dateline.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

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
       {".-", ".—", "--", "\xE2\x80\x94", "\xE2\x80\x93", "-", ":", "\xEF\xBC\x9A"}) {
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
  // The place runs up to the first digit, at most 16 characters: a city, or
  // a country, a state and a city («美国佛罗里达州棕榈滩»), which the resolver
  // reads by the country it opens with.
  constexpr size_t kMaxPlace = 48;
  size_t i = 0, len = 0;
  while (i < s.size() && i < kMaxPlace && !DigitAt(s, i, &len)) ++i;
  if (i == 0 || i >= s.size() || i >= kMaxPlace) return {"", body};
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
  // The dailies' «【ワシントン＝山田太郎】»: the reporter after an equals sign.
  // Full-width or, after NFKC, ASCII («＝», «=»; «（）», «()»).
  inside = inside.substr(0, std::min(inside.find("\xEF\xBC\x9D"), inside.find('=')));
  inside = TrimSpace(inside);
  if (inside.empty()) return {"", body};
  std::string place(inside);
  // «【パームビーチ（米フロリダ州）＝…】»: the country or region in brackets
  // becomes "place, region", the form whose region DatelineResolver reads.
  for (auto [open_mark, close_mark] :
       {std::pair<std::string_view, std::string_view>{"\xEF\xBC\x88", "\xEF\xBC\x89"},
        {"(", ")"}}) {
    size_t open = inside.find(open_mark);
    if (open == std::string_view::npos || open == 0 || inside.size() < close_mark.size() ||
        inside.substr(inside.size() - close_mark.size()) != close_mark)
      continue;
    place = std::string(TrimSpace(inside.substr(0, open))) + ", " +
            std::string(inside.substr(open + open_mark.size(),
                                      inside.size() - open - open_mark.size() - close_mark.size()));
    break;
  }
  return {place, SkipSpaces(body.substr(close + 3))};
}

// Spaces (ASCII or ideographic) at the end of `s` removed.
std::string_view TrimEndSpaces(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

// Reuters Japan's «［東京　29日　ロイター］ -»: the place, the day and a
// Japanese agency's credit in square brackets (full-width, or ASCII after
// NFKC), spaced by ideographic or ASCII spaces. The credit is required, so a
// bracketed note («［注］», «[1]») is no dateline.
std::pair<std::string, std::string_view> SplitJapaneseSquare(std::string_view body) {
  std::string_view s = body, close_mark;
  if (StartsWith(s, "\xEF\xBC\xBB")) {  // ［
    s.remove_prefix(3);
    close_mark = "\xEF\xBC\xBD";  // ］
  } else if (StartsWith(s, "[")) {
    s.remove_prefix(1);
    close_mark = "]";
  } else {
    return {"", body};
  }
  size_t close = s.find(close_mark);
  if (close == std::string_view::npos || close > 60) return {"", body};
  std::string_view inside = TrimEndSpaces(s.substr(0, close));
  auto credit = std::find_if(kJaCredits.begin(), kJaCredits.end(), [&](std::string_view c) {
    return inside.size() > c.size() && inside.substr(inside.size() - c.size()) == c;
  });
  if (credit == kJaCredits.end()) return {"", body};
  inside = TrimEndSpaces(inside.substr(0, inside.size() - credit->size()));
  // The day («29日»), when written: digits before 日.
  constexpr std::string_view kDay = "\xE6\x97\xA5";  // 日
  if (inside.size() > kDay.size() && inside.substr(inside.size() - kDay.size()) == kDay) {
    std::string_view day = inside.substr(0, inside.size() - kDay.size());
    size_t len = 0, digits = 0;
    for (;;) {
      size_t at = day.size() >= 3 ? day.size() - 3 : 0;
      if (DigitAt(day, at, &len) && at + len == day.size()) {
        day.remove_suffix(len);
      } else if (!day.empty() && IsAsciiDigit(day.back())) {
        day.remove_suffix(1);
      } else {
        break;
      }
      ++digits;
    }
    if (digits > 0) inside = TrimEndSpaces(day);
  }
  std::string_view place = SkipSpaces(inside);
  if (place.empty() || place.find(' ') != std::string_view::npos ||
      place.find("\xE3\x80\x80") != std::string_view::npos)
    return {"", body};
  std::string_view rest = s.substr(close + close_mark.size());
  SkipSeparator(rest, false);
  return {std::string(place), SkipSpaces(rest)};
}

// Agencies whose credit ends the dateline with no separator after it
// («Bonn (KNA) Text», «Frankfurt (epd) Text», «BRUXELLES 25/05 (BELGA) Les»,
// «La Habana, 12 feb (Prensa Latina) El», «MADRID, 16 (EUROPA PRESS) El»).
constexpr std::array<std::string_view, 9> kNoSeparatorCredits = {
    "KNA)",           "epd)", "KAP)",          "BELGA)",       "Belga)",
    "Prensa Latina)", "PL)",  "EUROPA PRESS)", "Europa Press)"};

bool NoSeparatorCredit(std::string_view after_bracket) {
  return std::any_of(kNoSeparatorCredits.begin(), kNoSeparatorCredits.end(),
                     [&](std::string_view c) { return StartsWith(after_bracket, c); });
}

// Agencies credited after the date's dash and before a stop («— РИА Новости.»).
constexpr std::array<std::string_view, 2> kCreditsAfterDash = {
    "\xD0\xA0\xD0\x98\xD0\x90 \xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8",  // РИА
                                                                                          // Новости
    "RIA Novosti"};

// Whether `s`, which follows the credit that `credit_text` opens with, ends
// the dateline: a separator (skipped), or nothing after the credits of
// kNoSeparatorCredits.
bool EndsAfterCredit(std::string_view& s, std::string_view credit_text) {
  if (SkipSeparator(s, false)) return true;
  size_t open = credit_text.find('(');
  return open != std::string_view::npos && NoSeparatorCredit(credit_text.substr(open + 1));
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
  std::string place_text(place);
  std::string_view rest;
  bool credit_next = end == bracket;
  if (end == bracket) {
    // «Tijuana (México), 8 jun (EFE).-», «BELÉM (Brésil), 26 mars (AFP) -»: the
    // country or region in brackets, then the date; the place becomes
    // "Tijuana, México", the form whose region the resolver reads. Or the
    // region, then the agency's bracket: «New York (Nations unies) (AFP) -».
    size_t close = s.find(')', end);
    if (close != std::string_view::npos && close < 80 && close + 1 < s.size()) {
      std::string_view region = TrimSpace(s.substr(end + 2, close - end - 2));
      bool dated = s[close + 1] == ',';
      bool credited = StartsWith(s.substr(close + 1), " (");
      if ((dated || credited) && !region.empty() &&
          region.find_first_of("0123456789(/") == std::string_view::npos) {
        place_text += ", ";
        place_text += region;
        end = close + 1;
        credit_next = credited;
      }
    }
  }
  if (credit_next) {  // "Berlin (dpa) -": an agency, then a separator
    rest = SkipCredit(s.substr(end));
    if (rest.size() == s.size() - end - 1) return {"", body};
    // «Bonn (KNA) Papst …»: the agencies that write no separator after their
    // credit; any other bracket without one is a sentence's ("Merkel (CDU) sagte").
    if (!EndsAfterCredit(rest, s.substr(end))) return {"", body};
    return {place_text, rest};
  }
  rest = s.substr(end + (end == arabic ? 2 : 1));
  // The date: short, with a digit, up to a bracket, a separator or a stop.
  size_t k = 0;
  bool digit = false;
  std::string_view date = SkipSpaces(rest);
  while (k < date.size() && k < 40) {
    char c = date[k];
    // MAP's «Rabat, 22/12/2020 (MAP) -»: a slash between digits is the date's.
    if (c == '/' && k > 0 && IsAsciiDigit(date[k - 1]) && k + 1 < date.size() &&
        IsAsciiDigit(date[k + 1])) {
      ++k;
      continue;
    }
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
  std::string_view credit = SkipSpaces(date.substr(k));
  rest = SkipCredit(credit);
  // «La Habana, 12 feb (Prensa Latina) El papa»: a credit that needs no separator.
  bool credited = rest.size() != credit.size();
  if (!(credited ? EndsAfterCredit(rest, credit) || SkipSeparator(rest, true)
                 : SkipSeparator(rest, true)))
    return {"", body};
  return {place_text, SkipCreditAfterDateline(rest)};
}

// An agency credit in capitals, Cyrillic or Latin, with hyphens and spaces
// («ИНТЕРФАКС», «ИНТЕРФАКС-АВН», «ПРАЙМ»): its length, or 0.
size_t CapitalCredit(std::string_view s) {
  size_t i = 0, letters = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      ++i;
      ++letters;
    } else if (c == 0xD0 && i + 1 < s.size() &&
               ((static_cast<unsigned char>(s[i + 1]) >= 0x90 &&
                 static_cast<unsigned char>(s[i + 1]) <= 0xAF) ||
                static_cast<unsigned char>(s[i + 1]) == 0x81)) {  // А..Я, Ё
      i += 2;
      ++letters;
    } else if ((c == '-' || c == ' ' || c == '.') && letters > 0 && i + 1 < s.size() &&
               s[i + 1] != ' ' && s[i + 1] != '-' && s[i + 1] != '.') {
      // «ИНТЕРФАКС-АВН», «INTERFAX.RU» (the agency's site as its credit).
      ++i;
    } else {
      break;
    }
  }
  return letters >= 3 && i <= 40 ? i : 0;
}

// Interfax's «Душанбе. 8 октября. ИНТЕРФАКС - …»: the place, a stop, the
// date, a stop, the agency in capitals and a separator. The capitals and
// the separator keep a sentence that opens with a one-word clause out.
std::pair<std::string, std::string_view> SplitStopCredit(std::string_view body) {
  size_t stop = body.find(". ");
  if (stop == std::string_view::npos || stop == 0 || stop > 40) return {"", body};
  std::string_view place = TrimSpace(body.substr(0, stop));
  unsigned char first = static_cast<unsigned char>(place[0]);
  if (place.empty() || (first < 0x80 && !std::isupper(first)) ||
      place.find_first_of("0123456789,()/\"") != std::string_view::npos ||
      std::count(place.begin(), place.end(), ' ') > 3)
    return {"", body};
  std::string_view date = body.substr(stop + 2);
  size_t end = date.find(". ");
  if (end == std::string_view::npos || end == 0 || end > 30 ||
      date.substr(0, end).find_first_of("0123456789") == std::string_view::npos)
    return {"", body};
  std::string_view rest = date.substr(end + 2);
  size_t credit = CapitalCredit(rest);
  if (credit == 0) return {"", body};
  rest = rest.substr(credit);
  if (!SkipSeparator(rest, false)) return {"", body};
  return {std::string(place), rest};
}

// The length of a numeric day and month opening `s` («23/06», «22/12/2020»:
// day/month with an optional year), else 0.
size_t SlashDate(std::string_view s) {
  size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    size_t from = i;
    while (i < s.size() && i - from < 4 && IsAsciiDigit(s[i])) ++i;
    size_t n = i - from;
    if (n == 0 || (part < 2 && n > 2) || (part == 2 && n != 2 && n != 4)) return 0;
    if (part == 2 || i >= s.size() || s[i] != '/' || i + 1 >= s.size() || !IsAsciiDigit(s[i + 1]))
      return part >= 1 ? i : 0;
    ++i;
  }
  return i;
}

// A place of one to three words, each opening with a capital (Latin or not:
// a non-ASCII first byte is let through, as in SplitComma), with no digit
// or punctuation; `all_caps` asks every Latin letter in capitals.
bool PlaceWords(std::string_view place, bool all_caps) {
  if (place.empty() || std::count(place.begin(), place.end(), ' ') > 2) return false;
  unsigned char first = static_cast<unsigned char>(place[0]);
  if (first < 0x80 && !std::isupper(first)) return false;
  size_t letters = 0, ascii = 0;
  for (size_t i = 0; i < place.size(); ++i) {
    auto c = static_cast<unsigned char>(place[i]);
    if (c >= 0x80) {
      // In capitals, Latin-1's letters too: à..ÿ (C3 A0..BF) are small.
      if (all_caps && c == 0xC3 && i + 1 < place.size() &&
          static_cast<unsigned char>(place[i + 1]) >= 0xA0)
        return false;
      ++letters;
      continue;
    }
    if (std::isalpha(c)) {
      if (all_caps && !std::isupper(c)) return false;
      ++letters;
      ++ascii;
    } else if (c != ' ' && c != '-' && c != '\'') {
      return false;
    }
  }
  // A place in capitals is Latin (APS, AFP): in other scripts the bytes
  // alone do not tell capitals («Москва - столица» is a sentence).
  return letters >= 3 && (!all_caps || ascii > 0);
}

// Belga's «BRUXELLES 23/06 (BELGA) - …»: the place, a numeric day and month
// (and year), an agency in brackets and a separator; no comma anywhere.
std::pair<std::string, std::string_view> SplitSlashDate(std::string_view body) {
  size_t digit = body.find_first_of("0123456789");
  if (digit == std::string_view::npos || digit == 0 || digit > 40 || body[digit - 1] != ' ')
    return {"", body};
  std::string_view place = TrimSpace(body.substr(0, digit));
  if (!PlaceWords(place, false)) return {"", body};
  size_t date = SlashDate(body.substr(digit));
  if (date == 0) return {"", body};
  std::string_view rest = body.substr(digit + date);
  std::string_view after = SkipCredit(rest);
  if (after.size() == SkipSpaces(rest).size() || !EndsAfterCredit(after, SkipSpaces(rest)))
    return {"", body};
  return {std::string(place), after};
}

// The text before a spaced dash (hyphen, em or en dash, the first kind
// written) that stands within `limit` bytes of `body`, after some text, and
// the text after it; nullopt when there is none.
std::optional<std::pair<std::string_view, std::string_view>> AroundSpacedDash(std::string_view body,
                                                                              size_t limit) {
  for (std::string_view dash : {" - ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
    size_t at = body.find(dash);
    if (at == std::string_view::npos || at == 0 || at > limit) continue;
    return std::make_pair(body.substr(0, at), SkipSpaces(body.substr(at + dash.size())));
  }
  return std::nullopt;
}

// Algeria's APS, «ALGER - …»: the place in capitals and a dash, no date.
// Capitals and a spaced dash keep a sentence out ("Le 1er mai - …").
std::pair<std::string, std::string_view> SplitCapitalsDash(std::string_view body) {
  auto parts = AroundSpacedDash(body, 40);
  if (!parts || !PlaceWords(parts->first, true)) return {"", body};
  return {std::string(parts->first), parts->second};
}

bool IsArabicLetterAt(std::string_view s, size_t i) {
  // U+0600..U+06FF: lead bytes D8..DB.
  return i < s.size() && static_cast<unsigned char>(s[i]) >= 0xD8 &&
         static_cast<unsigned char>(s[i]) <= 0xDB;
}

// The length of an Arab agency's name of `credits` opening `s` as a whole
// word («واس», not «واسع»), else 0. Arab national agencies that wires credit
// without brackets: SPA's «واس» after its two dates, SANA's «دمشق-سانا»,
// MENA's «الإسماعيلية - أ ش أ», QNA's «الدوحة - قنا»; and the others' names,
// which the same forms carry.
size_t ArabicAgencyAt(std::string_view s, const DatelineCredits& credits) {
  for (std::string_view a : credits.arabic()) {
    if (StartsWith(s, a) && !IsArabicLetterAt(s, a.size())) return a.size();
  }
  return 0;
}

// Where an Arab agency's name stands as a word in `s`, within its first
// `limit` bytes, else npos.
size_t ArabicAgencyWithin(std::string_view s, size_t limit, const DatelineCredits& credits) {
  for (size_t i = 0; i < s.size() && i < limit; ++i) {
    if ((i == 0 || s[i - 1] == ' ') && ArabicAgencyAt(s.substr(i), credits) > 0) return i;
  }
  return std::string_view::npos;
}

// An Arabic place of one to three words, letters only.
bool ArabicPlace(std::string_view place) {
  return !place.empty() && IsArabicLetterAt(place, 0) &&
         place.find_first_of(",.:;()/-\"0123456789") == std::string_view::npos &&
         place.find("\xD8\x8C") == std::string_view::npos &&  // ،
         std::count(place.begin(), place.end(), ' ') <= 2;
}

// SANA's «دمشق-سانا …», MENA's «الإسماعيلية - أ ش أ …»: the place, a dash
// (spaced or not) and an Arab agency's name with no date; a separator after
// it is optional. The agency's name keeps a sentence with a dash out.
std::pair<std::string, std::string_view> SplitArabicDashAgency(std::string_view body,
                                                               const DatelineCredits& credits) {
  if (!IsArabicLetterAt(body, 0)) return {"", body};
  size_t dash = std::string_view::npos, dash_len = 0;
  for (std::string_view d : {"-", "\xE2\x80\x94", "\xE2\x80\x93"}) {
    size_t at = body.find(d);
    if (at < dash) {
      dash = at;
      dash_len = d.size();
    }
  }
  if (dash == std::string_view::npos || dash > 60) return {"", body};
  std::string_view place = TrimSpace(body.substr(0, dash));
  if (!ArabicPlace(place)) return {"", body};
  std::string_view rest = SkipSpaces(body.substr(dash + dash_len));
  size_t agency = ArabicAgencyAt(rest, credits);
  if (agency == 0) return {"", body};
  rest = rest.substr(agency);
  SkipSeparator(rest, false);
  return {std::string(place), SkipSpaces(rest)};
}

// APS's «الجزائر - قررت …», the Arab news sites' «غزة - …»: a known
// dateline place alone, then a spaced dash. Only a place the rules files
// name: a sentence may open with words and a dash of its own.
std::pair<std::string, std::string_view> SplitArabicPlaceDash(std::string_view body,
                                                              const DatelineCredits& credits) {
  if (!IsArabicLetterAt(body, 0)) return {"", body};
  auto parts = AroundSpacedDash(body, 60);
  if (!parts) return {"", body};
  std::string_view place = TrimSpace(parts->first);
  // Text follows, not a number (KUNA's «الكويت - 1 - 12» is another form).
  if (!ArabicPlace(place) || !credits.IsArabicPlace(place) || !IsArabicLetterAt(parts->second, 0))
    return {"", body};
  return {std::string(place), parts->second};
}

// The length of «1 - 12» (day, dash, month's number) opening `s`, else npos.
size_t NumericDayMonth(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t from = i;
    while (i < s.size() && i - from < 2 && IsAsciiDigit(s[i])) ++i;
    return i > from;
  };
  auto spaces = [&] {
    while (i < s.size() && s[i] == ' ') ++i;
  };
  if (!digits()) return std::string_view::npos;
  spaces();
  if (i >= s.size() || s[i] != '-') return std::string_view::npos;
  ++i;
  spaces();
  if (!digits() || (i < s.size() && IsAsciiDigit(s[i]))) return std::string_view::npos;
  return i;
}

// «القاهرة في 10 فبراير /أ ش أ/ …», «عمان 7 كانون الأول (بترا) - …»: Arabic
// wires that write no comma after the place (Egypt's MENA puts «في» there,
// Jordan's Petra nothing). The place is one to three words before the
// day's number; the date must end at an agency credit or a separator, and
// a credit may stand for the separator (MENA writes none after «/أ ش أ/»).
std::pair<std::string, std::string_view> SplitArabicNoComma(std::string_view body,
                                                            const DatelineCredits& credits) {
  if (!IsArabicLetterAt(body, 0)) return {"", body};
  size_t digit = body.find_first_of("0123456789");
  if (digit == std::string_view::npos || digit > 60) return {"", body};
  std::string_view place = TrimSpace(body.substr(0, digit));
  constexpr std::string_view kFi = " \xD9\x81\xD9\x8A";  // " في"
  if (place.size() > kFi.size() && place.substr(place.size() - kFi.size()) == kFi)
    place = TrimSpace(place.substr(0, place.size() - kFi.size()));
  // KUNA's «الكويت - 1 - 12 (كونا) --»: a dash after the place, then the day
  // and the month's number with a dash between them.
  bool numeric_date = false;
  if (!place.empty() && place.back() == '-') {
    place = TrimSpace(place.substr(0, place.size() - 1));
    numeric_date = true;
  }
  // «في 2019 …» opens a sentence with "in", not a place.
  if (place.empty() || place == "\xD9\x81\xD9\x8A" || !IsArabicLetterAt(place, 0) ||
      place.find_first_of(",.:;()/-\"") != std::string_view::npos ||
      place.find("\xD8\x8C") != std::string_view::npos ||  // ،
      std::count(place.begin(), place.end(), ' ') > 2)
    return {"", body};
  std::string_view date = body.substr(digit);
  size_t k = date.find_first_of("(/-\n");
  size_t dash = std::min(date.find("\xE2\x80\x94"), date.find("\xE2\x80\x93"));
  k = std::min(k, dash);
  if (numeric_date) k = NumericDayMonth(date);
  // SPA's «الرياض 25 شعبان 1438 هـ الموافق 21 مايو 2017 م واس دشن …»: the Hijri
  // date, the Gregorian one and the agency's name, unbracketed, for the end.
  size_t agency = ArabicAgencyWithin(date, 100, credits);
  if (!numeric_date && agency != std::string_view::npos && agency < k &&
      date.substr(0, agency).find_first_of(".:") == std::string_view::npos &&
      date.substr(0, agency).find("\xD8\x8C") == std::string_view::npos) {
    std::string_view rest = date.substr(agency + ArabicAgencyAt(date.substr(agency), credits));
    SkipSeparator(rest, false);
    return {std::string(place), SkipSpaces(rest)};
  }
  // SPA's bracketed credit after both dates («جدة 29 شوال 1444 هـ الموافق
  // 19 مايو 2023 م (واس) -») stands further than a day and a month.
  const bool hijri_and_gregorian =
      k != std::string_view::npos &&
      date.substr(0, k).find("\xD8\xA7\xD9\x84\xD9\x85\xD9\x88\xD8\xA7\xD9\x81\xD9\x82") !=
          std::string_view::npos;  // الموافق, "corresponding to"
  if (k == std::string_view::npos || k == 0 || k > (hijri_and_gregorian ? 100 : 40))
    return {"", body};
  // A day and a month («7 كانون الأول»), never a clause («2019، قال»).
  if (date.substr(0, k).find("\xD8\x8C") != std::string_view::npos) return {"", body};
  std::string_view rest = date.substr(k);
  std::string_view after_credit = SkipCredit(rest);
  bool credit = after_credit.size() != SkipSpaces(rest).size();
  if (!SkipSeparator(after_credit, false) && !credit) return {"", body};
  return {std::string(place), after_credit};
}

}  // namespace

std::string_view SkipCreditAfterDateline(std::string_view rest) {
  for (std::string_view agency : kCreditsAfterDash) {
    if (StartsWith(rest, agency) && rest.size() > agency.size() &&
        (rest[agency.size()] == '.' || rest[agency.size()] == ',')) {
      return SkipSpaces(rest.substr(agency.size() + 1));
    }
  }
  return rest;
}

DatelineCredits::DatelineCredits(const std::vector<LanguageRules>& rules,
                                 const std::map<std::string, std::string, std::less<>>& cities) {
  for (const LanguageRules& r : rules) {
    for (const auto& wire : r.wires) {
      const std::string& credit = wire.first;
      if (IsArabicLetterAt(credit, 0) &&
          std::find(arabic_.begin(), arabic_.end(), credit) == arabic_.end())
        arabic_.push_back(credit);
    }
  }
  for (const auto& city : cities) {
    if (ArabicPlace(city.first)) arabic_places_.insert(city.first);
  }
}

std::pair<std::string, std::string_view> SplitMultilingualDateline(std::string_view body,
                                                                   const DatelineCredits& credits) {
  std::string_view s = body;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  for (auto split : {SplitJapanese, SplitJapaneseSquare, SplitCjk, SplitComma, SplitStopCredit,
                     SplitSlashDate, SplitCapitalsDash}) {
    auto r = split(s);
    if (!r.first.empty()) return r;
  }
  for (auto split : {SplitArabicNoComma, SplitArabicDashAgency, SplitArabicPlaceDash}) {
    auto r = split(s, credits);
    if (!r.first.empty()) return r;
  }
  return {"", body};
}

}  // namespace communique
