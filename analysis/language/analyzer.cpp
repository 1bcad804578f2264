#include "analysis/language/analyzer.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace communique {

std::string PrimaryLanguage(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return "";
    out += static_cast<char>(c | 0x20);
  }
  return out.size() >= 2 && out.size() <= 3 ? out : "";
}

const std::vector<std::string>& Analyzer::StemmingLanguages() {
  // The ISO 639 codes Xapian 1.4's Stem accepts (xapian/stem.h);
  // get_available_languages() lists only the English names.
  static const std::vector<std::string> languages = {
      "ar", "ca", "da", "de", "en", "es", "eu", "fi", "fr", "ga", "hu", "hy", "id",
      "it", "lt", "nb", "ne", "nl", "nn", "no", "pt", "ro", "ru", "sv", "ta", "tr"};
  return languages;
}

Analyzer::Analyzer(std::string language) : language_(std::move(language)) {
  const auto& stemming = StemmingLanguages();
  stems_ = std::binary_search(stemming.begin(), stemming.end(), language_);
}

const Analyzer& Analyzer::For(std::string_view language) {
  std::string primary = PrimaryLanguage(language);
  if (primary.empty()) primary = kDefaultLanguage;
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Analyzer>, std::less<>> analyzers;
  std::lock_guard<std::mutex> lock(mu);
  auto it = analyzers.find(primary);
  if (it == analyzers.end())
    it = analyzers.emplace(primary, std::make_unique<Analyzer>(primary)).first;
  return *it->second;
}

std::vector<Token> Analyzer::Tokenize(std::string_view text) const {
  return communique::Tokenize(text);
}

namespace {

// Analyzer::WithoutProclitic of `language`.
std::string StripProclitic(std::string_view language, std::string_view folded) {
  if (language == "ar") {
    // Longest first; Larkey's light stemmer strips the same set.
    static const std::string_view kArticles[] = {"وال", "بال", "كال", "فال", "لل", "ال"};
    for (std::string_view article : kArticles) {
      if (folded.substr(0, article.size()) != article) continue;
      std::string_view rest = folded.substr(article.size());
      // Arabic letters are two bytes each in UTF-8.
      if (rest.size() >= 3 * 2) return std::string(rest);
      break;
    }
    return std::string(folded);
  }
  static const std::map<std::string, std::vector<std::string_view>, std::less<>> kClitics = {
      {"fr", {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}},
      {"it", {"l", "d", "c", "un", "all", "dall", "dell", "nell", "sull", "quell"}},
      {"ca", {"l", "d", "m", "n", "s", "t"}},
  };
  auto it = kClitics.find(language);
  size_t apostrophe = folded.find('\'');
  if (it == kClitics.end() || apostrophe == std::string_view::npos ||
      apostrophe + 1 >= folded.size())
    return std::string(folded);
  std::string_view clitic = folded.substr(0, apostrophe);
  for (std::string_view c : it->second) {
    if (c == clitic) return std::string(folded.substr(apostrophe + 1));
  }
  return std::string(folded);
}

struct StemCache {
  std::string language;  // whose proclitics come off first
  Xapian::Stem stemmer;
  std::unordered_map<std::string, std::string> stems;
  Xapian::Stem memoised;  // stemmer through `stems`, for Xapian's own calls

  // The stem of `word`, from the memo when this thread stemmed it before.
  // Snowball is ~10% of indexing time and stemming each hit's text for its
  // snippet was ~17% of a search's, and news reuses a small vocabulary (the
  // cap bounds memory on odd corpora).
  const std::string& Stem(const std::string& word) {
    auto it = stems.find(word);
    if (it != stems.end()) return it->second;
    if (stems.size() >= 500000) stems.clear();
    return stems.emplace(word, stemmer(StripProclitic(language, word))).first->second;
  }
};

// Lets Xapian (MSet::snippet) stem through a thread's memo. Xapian owns
// it through the Xapian::Stem that wraps it; it lives in, and dies with,
// the StemCache it points to.
class MemoStemImplementation : public Xapian::StemImplementation {
 public:
  explicit MemoStemImplementation(StemCache& cache) : cache_(cache) {}
  std::string operator()(const std::string& word) override { return cache_.Stem(word); }
  std::string get_description() const override {
    return "memoised " + cache_.stemmer.get_description();
  }

 private:
  StemCache& cache_;
};

// This thread's stemmer and memo for `language` (created on first use).
StemCache& CacheFor(const std::string& language, bool stems) {
  thread_local std::map<std::string, StemCache, std::less<>> caches;
  auto it = caches.find(language);
  if (it == caches.end()) {
    it = caches.emplace(language, StemCache{}).first;
    if (stems) {
      StemCache& cache = it->second;
      cache.language = language;
      cache.stemmer = Xapian::Stem(language);
      // Xapian's documented way to plug in a stemmer: it takes ownership
      // (reference-counted) of what it is given.
      cache.memoised = Xapian::Stem(new MemoStemImplementation(cache));
    }
  }
  return it->second;
}

}  // namespace

const std::string& Analyzer::Stem(const std::string& folded) const {
  static const std::string kNone;
  if (!stems_ || folded.empty()) return kNone;
  return CacheFor(language_, stems_).Stem(folded);
}

std::string Analyzer::WithoutProclitic(std::string_view folded) const {
  return StripProclitic(language_, folded);
}

const Xapian::Stem& Analyzer::ThreadStemmer() const { return CacheFor(language_, stems_).memoised; }

}  // namespace communique

namespace communique {

std::string LanguageName(std::string_view tag) {
  std::string id(tag);
  for (char& c : id) c = c == '-' ? '_' : c;
  icu::Locale locale(id.c_str());
  if (locale.isBogus() || std::string(locale.getLanguage()).empty()) return std::string(tag);
  icu::UnicodeString name;
  locale.getDisplayName(locale, name);
  std::string out;
  name.toUTF8String(out);
  // ICU answers the code itself for a language it has no name for.
  if (out.empty() || out == std::string(locale.getLanguage()) || out == id) return std::string(tag);
  UChar32 first = name.char32At(0);
  UChar32 title = u_totitle(first);
  if (title != first) {
    name.replace(0, U16_LENGTH(first), title);
    out.clear();
    name.toUTF8String(out);
  }
  return out;
}

}  // namespace communique
