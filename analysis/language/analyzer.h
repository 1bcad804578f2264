// One Analyzer per language: how text in that language becomes the terms
// the index holds, used identically by the indexer (DocumentBuilder) and the
// searcher (QueryBuilder, snippets), so a query meets exactly what was
// indexed.
//
//   normalise  NormalizeText (NFKC, clean-up), the same for every language
//   tokenise   ICU word break (UAX #29); Chinese, Japanese, Thai, Khmer,
//              Lao and Burmese through ICU's dictionaries, so a run of CJK
//              characters is split alike in an article and in a query
//   fold       FoldForMatch (case folding, diacritics off)
//   stem       Xapian's Snowball stemmer of the language, applied to the
//              folded word, when Xapian 1.4 ships one (ar, da, de, en, es,
//              fi, fr, hu, id, it, nl, no, pt, ro, ru, sv, tr, …); none for
//              zh, ja, ko, th… (their words are matched exactly)
//   stop       the language's list, schema/stopwords/<lang>.txt, through
//              FieldSchema::IsStopword
//
// Thread-safety: Analyzer objects are immutable and shared; For() and every
// method may be called concurrently (stemmers and their caches are per
// thread, as Xapian::Stem keeps state between calls).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "analysis/text/tokenizer.h"
#include "schema/field_schema.h"

namespace communique {

// The language of articles and queries that neither declare nor reveal
// one: the corpus Communique was built on is English.
constexpr char kDefaultLanguage[] = "en";

class Analyzer {
 public:
  // The analyzer of `language`, a BCP 47 tag whose primary subtag decides
  // ("pt-BR" -> pt, "ZH-hans" -> zh); "" is kDefaultLanguage. A language
  // without a stemmer still gets an analyzer (it stems nothing). The
  // reference lives as long as the process.
  static const Analyzer& For(std::string_view language);

  // The languages Xapian can stem, as primary subtags, sorted.
  static const std::vector<std::string>& StemmingLanguages();

  // The primary subtag ("ru").
  const std::string& language() const { return language_; }
  // Whether words of this language have a stem distinct from themselves.
  bool stems() const { return stems_; }

  // Words of `text` (ICU word break, folded; see tokenizer.h).
  std::vector<Token> Tokenize(std::string_view text) const;

  // The stem of a folded word: Snowball's stem of WithoutProclitic(folded),
  // so "l'elysee" and "elysee", "القمة" and "قمة" share a stem at index
  // and query time and in snippets alike; "" when the language has no
  // stemmer (or the word is empty). Memoised per thread.
  const std::string& Stem(const std::string& folded) const;

  // `folded` without what its language writes onto the front of a word:
  // an elided article or pronoun (fr, it, ca: "l'elysee" -> "elysee",
  // "dell'onu" -> "onu"), or the Arabic article with the particles that
  // join it (ar: "القمة", "والقمة", "بالقمة", "للقمة" -> "قمة") when three
  // letters or more remain; `folded` itself otherwise. Snowball's Arabic
  // stemmer keeps the article of short words ("القمة" -> "القم", "قمة" ->
  // "قمة") and takes a leading و for "and" ("وزير" -> "زير", "الوزير" ->
  // "وزير"), so without this a query's plain noun missed the text's
  // definite one. Thread-safe.
  std::string WithoutProclitic(std::string_view folded) const;

  // A Xapian stemmer for this language for the current thread (the "none"
  // stemmer when it has none), for Xapian APIs that take one (snippets). It
  // stems through the same per-thread memo as Stem(), so it must not be
  // used, or copied for use, on another thread.
  const Xapian::Stem& ThreadStemmer() const;

  // Whether `folded` is a stopword of this language in `schema`.
  bool IsStopword(const FieldSchema& schema, std::string_view folded) const {
    return schema.IsStopword(language_, folded);
  }

  explicit Analyzer(std::string language);  // use For()

 private:
  std::string language_;
  bool stems_ = false;
};

// The primary subtag of a BCP 47 tag, lower case ("pt-BR" -> "pt"); "" for
// "" or a tag that does not start with 2-3 ASCII letters.
std::string PrimaryLanguage(std::string_view tag);

}  // namespace communique

namespace communique {

// The name of the language `tag` in that language, as ICU's locale data
// has it, first letter upper-cased: "ru" -> "Русский", "zh" -> "中文",
// "ar" -> "العربية", "pt-br" -> "Português (Brasil)". `tag` itself when
// ICU knows no name. Thread-safe.
std::string LanguageName(std::string_view tag);

}  // namespace communique
