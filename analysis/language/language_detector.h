// Decides the language of a text that does not declare one: by script first
// (Cyrillic, Arabic, Han, kana, Hangul, Thai… each name one language, or one
// of a few told apart by letters only they use), then, for Latin-script
// text, by a character-trigram model of each candidate language. The
// trigram profiles are data (schema/language/<lang>.txt, written by
// scripts/language/make_profiles.py from the training text beside it).
//
// Thread-safety: immutable after Load(); Detect() may run concurrently.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"

namespace communique {

// How an article's language was decided (stored with the article and shown
// by --extract, so a wrong analyser can be traced to its cause).
enum class LanguageSource {
  kNone,      // no language could be decided (too little text)
  kDeclared,  // the record said so (its `language` field, an HTML lang)
  kScript,    // the script of its letters names one language
  kNgram,     // the trigram model chose among Latin-script languages
};

// "declared", "script", "ngram" or "" for kNone.
const char* LanguageSourceName(LanguageSource source);

struct LanguageGuess {
  std::string language;  // primary subtag, lower case ("ru"); "" with kNone
  LanguageSource source = LanguageSource::kNone;
};

// The language the letters of `text` name by their script alone: "ru" for
// Cyrillic ("uk" with і/ї/є/ґ, "sr" with ђ/ћ/џ…), "ar" for Arabic ("fa" with
// پ/چ/ژ/گ, "ur" with ٹ/ڈ/ے…), "ja" when kana make up a twentieth of the
// CJK letters, else "zh" for Han, "ko", "th", "el", "he", "hi", "hy", "ka".
// "" when most letters are Latin (or there are none): the trigram model's
// turn. Pure function.
std::string LanguageByScript(std::string_view text);

// The languages a reader who types `query` most likely reads, by its script
// alone: LanguageByScript's one language, but Han without kana is Chinese or
// Japanese (岸田, 普京: both write kanji names); none for Latin-script text,
// which many languages share. Pure function.
std::vector<std::string> ReaderLanguagesByScript(std::string_view query);

// The letters of `text` (its first MiB; not digits, marks or punctuation)
// in order, each with its script as an ICU UScriptCode value (USCRIPT_HAN,
// USCRIPT_HIRAGANA...). Shared by LanguageByScript and the quote
// attributor's test for a term in quote marks. Pure function.
std::vector<std::pair<char32_t, int>> LetterScripts(std::string_view text);

class LanguageDetector {
 public:
  // A detector that knows scripts only (every Latin text is kNone).
  LanguageDetector() = default;

  // Reads every `<lang>.txt` profile in `dir` (lines "trigram<TAB>count",
  // `#` comments). A missing folder is no error (scripts only); a malformed
  // line is a 400 naming file, line and reason.
  static Result<LanguageDetector> Load(const std::string& dir);

  // The detector of the shipped profiles (DefaultSchemaDir()/language),
  // loaded on first use; scripts only if they cannot be read (the reason
  // goes to stderr once). Thread-safe.
  static const LanguageDetector& Default();

  // The language of `text` by script, else by trigrams (at least
  // kMinTrigrams of them among its first 4 KB), else kNone.
  LanguageGuess Detect(std::string_view text) const;

  // Log-likelihood of `text` under each profile, best first (for tests and
  // for tuning; empty without profiles or trigrams).
  std::vector<std::pair<std::string, double>> Scores(std::string_view text) const;

  // The languages with a trigram profile, sorted.
  std::vector<std::string> languages() const;

  static constexpr size_t kMinTrigrams = 8;

 private:
  struct Profile {
    std::unordered_map<std::string, double> log_prob;  // trigram -> log P
    double unseen = 0;                                 // log P of any other trigram
  };
  std::map<std::string, Profile> profiles_;
};

// The trigrams the model counts in `text`: lower-cased letters, each word
// padded with '_' ("le chat" -> "_le", "le_", "_ch", "cha", "hat", "at_");
// other characters separate words. The training script does the same.
std::vector<std::string> LetterTrigrams(std::string_view text, size_t max_bytes = 4096);

}  // namespace communique
