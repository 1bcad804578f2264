#include "analysis/language/language_detector.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "common/strings.h"
#include "schema/paths.h"

namespace communique {

const char* LanguageSourceName(LanguageSource source) {
  switch (source) {
    case LanguageSource::kDeclared:
      return "declared";
    case LanguageSource::kScript:
      return "script";
    case LanguageSource::kNgram:
      return "ngram";
    case LanguageSource::kNone:
      break;
  }
  return "";
}

namespace {

bool AnyOf(UChar32 c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

}  // namespace

std::vector<std::pair<char32_t, int>> LetterScripts(std::string_view text) {
  std::vector<std::pair<char32_t, int>> out;
  // Bytes, as U8_NEXT reads them (a char* would convert each one implicitly).
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t len = static_cast<int32_t>(std::min<size_t>(text.size(), 1 << 20));
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) continue;
    out.emplace_back(static_cast<char32_t>(c), static_cast<int>(script));
  }
  return out;
}

std::string LanguageByScript(std::string_view text) {
  std::map<UScriptCode, size_t> letters;
  size_t kana = 0, total = 0;
  bool ukrainian = false, serbian = false, persian = false, urdu = false;
  for (auto [c, code] : LetterScripts(text)) {
    auto script = static_cast<UScriptCode>(code);
    if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) {
      ++kana;
      script = USCRIPT_HAN;  // counted with Han: one CJK run
    }
    ++letters[script];
    ++total;
    ukrainian |= AnyOf(c, U"іїєґІЇЄҐ");
    serbian |= AnyOf(c, U"ђћџљњЂЋЏЉЊ");
    persian |= AnyOf(c, U"پچژگکی");
    urdu |= AnyOf(c, U"ٹڈڑںےھ");
  }
  if (total == 0) return "";
  auto best = std::max_element(letters.begin(), letters.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; });
  switch (best->first) {
    case USCRIPT_CYRILLIC:
      return ukrainian ? "uk" : serbian ? "sr" : "ru";
    case USCRIPT_ARABIC:
      // Urdu uses the Persian letters too, so it is tested first.
      return urdu ? "ur" : persian ? "fa" : "ar";
    case USCRIPT_HAN:
      // Japanese writes particles and endings in kana; Chinese has none.
      return kana * 20 >= best->second ? "ja" : "zh";
    case USCRIPT_HANGUL:
      return "ko";
    case USCRIPT_THAI:
      return "th";
    case USCRIPT_GREEK:
      return "el";
    case USCRIPT_HEBREW:
      return "he";
    case USCRIPT_DEVANAGARI:
      return "hi";
    case USCRIPT_ARMENIAN:
      return "hy";
    case USCRIPT_GEORGIAN:
      return "ka";
    default:
      return "";
  }
}

std::vector<std::string> ReaderLanguagesByScript(std::string_view query) {
  std::string language = LanguageByScript(query);
  if (language.empty()) return {};
  if (language == "zh") return {"zh", "ja"};
  return {language};
}

std::vector<std::string> LetterTrigrams(std::string_view text, size_t max_bytes) {
  std::vector<std::string> out;
  std::vector<std::string> word{"_"};  // code points as UTF-8, '_' padded
  auto flush = [&] {
    if (word.size() > 1) {
      word.emplace_back("_");
      for (size_t k = 0; k + 3 <= word.size(); ++k)
        out.push_back(word[k] + word[k + 1] + word[k + 2]);
    }
    word.assign(1, "_");
  };
  // Bytes, as U8_NEXT reads them (a char* would convert each one implicitly).
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t len = static_cast<int32_t>(std::min(text.size(), max_bytes));
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0 || !u_isalpha(c)) {
      flush();
      continue;
    }
    c = u_tolower(c);
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, 4, c, error);
    if (!error) word.emplace_back(buf, static_cast<size_t>(n));
  }
  flush();
  return out;
}

Result<LanguageDetector> LanguageDetector::Load(const std::string& dir) {
  LanguageDetector d;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return d;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string path = entry.path().string();
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cannot open language profile");
    std::unordered_map<std::string, double> counts;
    double total = 0;
    size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.find('\t');
      auto bad = [&](const std::string& why) {
        return Status::BadRequest(path + ":" + std::to_string(line_no) + ": " + why);
      };
      if (tab == std::string::npos || tab == 0) return bad("expected \"trigram<TAB>count\"");
      double count = 0;
      try {
        size_t used = 0;
        count = std::stod(line.substr(tab + 1), &used);
        if (used != line.size() - tab - 1) throw std::invalid_argument("trailing text");
      } catch (const std::exception&) {
        return bad("count is not a number");
      }
      if (!(count > 0)) return bad("count must be positive");
      counts[line.substr(0, tab)] += count;
      total += count;
    }
    if (counts.empty()) return Status::BadRequest(path + ": language profile has no trigrams");
    // Add-one smoothing over the listed trigrams plus as many unseen ones
    // again: a trigram a profile lacks costs the same in every language
    // with a profile of the same size.
    Profile p;
    double denominator = total + 2.0 * static_cast<double>(counts.size());
    for (const auto& [tri, c] : counts) p.log_prob[tri] = std::log((c + 1) / denominator);
    p.unseen = std::log(1 / denominator);
    d.profiles_[entry.path().stem().string()] = std::move(p);
  }
  return d;
}

const LanguageDetector& LanguageDetector::Default() {
  static const LanguageDetector detector = [] {
    std::string dir = DefaultSchemaDir() + "/language";
    auto loaded = Load(dir);
    if (loaded.ok()) return std::move(loaded).value();
    std::cerr << "communique: " << loaded.status().message
              << " (language detection by script only)\n";
    return LanguageDetector();
  }();
  return detector;
}

std::vector<std::pair<std::string, double>> LanguageDetector::Scores(std::string_view text) const {
  std::vector<std::pair<std::string, double>> scores;
  std::vector<std::string> trigrams = LetterTrigrams(text);
  if (trigrams.empty()) return scores;
  for (const auto& [language, p] : profiles_) {
    double score = 0;
    for (const std::string& t : trigrams) {
      auto it = p.log_prob.find(t);
      score += it == p.log_prob.end() ? p.unseen : it->second;
    }
    scores.emplace_back(language, score);
  }
  std::sort(scores.begin(), scores.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  return scores;
}

LanguageGuess LanguageDetector::Detect(std::string_view text) const {
  std::string by_script = LanguageByScript(text.substr(0, std::min<size_t>(text.size(), 4096)));
  if (!by_script.empty()) return {by_script, LanguageSource::kScript};
  if (LetterTrigrams(text).size() < kMinTrigrams) return {};
  auto scores = Scores(text);
  if (scores.empty()) return {};
  return {scores[0].first, LanguageSource::kNgram};
}

std::vector<std::string> LanguageDetector::languages() const {
  std::vector<std::string> out;
  for (const auto& [language, p] : profiles_) out.push_back(language);
  return out;
}

}  // namespace communique
