// Turns a raw Article into what gets indexed: clean text, words, entities,
// dates, dateline and a unique key. No Xapian here, so analysis can run on
// worker threads while one thread writes the index.
//
// Thread-safety: Analyze() is const and may run concurrently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/article.h"
#include "analysis/dates/date_parser.h"
#include "analysis/entities/dateline_resolver.h"
#include "analysis/entities/entity_recognizer.h"
#include "analysis/entities/multilingual_dateline.h"
#include "analysis/events/event_recognizer.h"
#include "analysis/quotes/quote_attributor.h"
#include "common/status.h"
#include "schema/gazetteer.h"

namespace communique {

// Words longer than this (in bytes, after folding) are not indexed: they
// are URLs, base64 or garbage, and Xapian caps terms at 245 bytes.
constexpr size_t kMaxWordBytes = 64;

struct AnalyzedArticle {
  std::string key;  // unique key: id, else url, else content hash
  std::string url, title, body, source;
  // The declared language (a BCP 47 tag, lower case: "en", "pt-br"), else
  // the detected one (a primary subtag, LanguageDetector::Default());
  // "" when neither (indexed then with kDefaultLanguage's analyzer).
  std::string language;
  // How `language` was decided: "declared", "script", "ngram" or "".
  std::string language_source;
  bool title_derived = false;  // title made from the first sentence
  std::optional<Date> date;
  std::string dateline;          // place as written: "ISLAMABAD"
  std::string dateline_country;  // its country code, when known
  // Every unordered pair of salient countries ("AF-PK"), sorted.
  std::vector<std::string> dyads;
  std::vector<Date> dates_mentioned;
  EntitySummary entities;                // countries carry their salient flag
  std::vector<std::string> title_words;  // folded; index = position
  std::vector<std::string> body_words;
  // Bylines (one line each, normalised) and subjects (codes in ASCII lower
  // case, "medtop:11000000"; names normalised) as the reader found them, and
  // the folded words of each, for the author: and subject name terms.
  std::vector<std::string> authors;
  std::vector<Subject> subjects;
  std::vector<std::vector<std::string>> author_words, subject_words;
  std::vector<Event> events;  // primary first (analysis/events)
  std::vector<Quote> quotes;  // text order (analysis/quotes)
};

// The key for an article: its id, else its url, else "h" + a 64-bit FNV-1a
// hash of its text. Keys over 200 bytes are hashed too (Xapian terms are
// limited to 245 bytes). `--delete ID` derives the key the same way.
std::string DeriveKey(std::string_view id, std::string_view url, std::string_view body);

// Splits "ISLAMABAD: text", "HOUSTON, April 8 - text" or
// "MOSCOW, Sept 14 (Communique Wire) - text" into the place and the rest.
// Returns an empty place when the text does not open with a dateline.
std::pair<std::string, std::string_view> SplitDateline(std::string_view body);

// The first sentence of `body` (after any dateline), cut at a word boundary
// to at most `max_chars` characters, with "…" when cut.
std::string FirstSentence(std::string_view body, size_t max_chars = 140);

class ArticleAnalyzer {
 public:
  // `gazetteer` must outlive the analyzer. With `extract_entities` false,
  // Analyze() skips entities, dates mentioned and the dateline's country (the
  // text is indexed alone): scripts/bench-extraction measures their cost so.
  explicit ArticleAnalyzer(const Gazetteer& gazetteer, bool extract_entities = true);

  // Cleans and analyses `article`. Fails (400, "path:line: reason") when the
  // article has no text left after cleaning or its date is invalid.
  Result<AnalyzedArticle> Analyze(const Article& article) const;

  const EntityRecognizer& recognizer() const { return recognizer_; }

  // The country of a dateline ("ISLAMABAD", "HOUSTON, April 8", "PARIS,
  // Texas"), as the state of `date` (BONN in 1987 is West Germany); "" when
  // unknown. See DatelineResolver for the rules; `entities` are the
  // countries the text names.
  std::string DatelineCountry(std::string_view dateline, const EntitySummary& entities,
                              const std::optional<Date>& date,
                              std::string_view language = {}) const;

 private:
  const Gazetteer& gazetteer_;
  EntityRecognizer recognizer_;
  DatelineResolver dateline_resolver_;  // after recognizer_, which it borrows
  DatelineCredits dateline_credits_;    // the languages' wire agencies, for the splitter
  EventRecognizer events_;              // schema/events.json (EventVocabulary::Default)
  QuoteAttributor quotes_;
  bool extract_entities_ = true;
  // Each language's date words (rules/<lang>.json "dates"), by primary subtag.
  std::map<std::string, DateVocabulary, std::less<>> date_words_;
};

}  // namespace communique
