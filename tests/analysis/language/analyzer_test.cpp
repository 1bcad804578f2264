#include "analysis/language/analyzer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "analysis/text/text_normalizer.h"
#include "tests/support/test_support.h"

using namespace communique;

namespace {

// The stem of `word` as written, folded first as the indexer folds it.
std::string StemOf(const char* language, std::string_view word) {
  return Analyzer::For(language).Stem(FoldForMatch(word));
}

}  // namespace

TEST_CASE("For() picks the analyzer by the primary subtag", "[language]") {
  CHECK(Analyzer::For("pt-BR").language() == "pt");
  CHECK(Analyzer::For("RU").language() == "ru");
  CHECK(Analyzer::For("").language() == kDefaultLanguage);
  CHECK(Analyzer::For("not a tag").language() == kDefaultLanguage);
  CHECK(&Analyzer::For("fr") == &Analyzer::For("fr-CA"));
  CHECK(PrimaryLanguage("zh-Hans-CN") == "zh");
  CHECK(PrimaryLanguage("x").empty());
  for (const char* l : {"ru", "ar", "fr", "es", "de", "en", "it", "pt", "nl", "sv", "tr"})
    CHECK(Analyzer::For(l).stems());
  for (const char* l : {"zh", "ja", "ko", "th"}) CHECK_FALSE(Analyzer::For(l).stems());
}

TEST_CASE("each language's inflections share a stem", "[language]") {
  // Russian: the cases of a name and of a noun.
  CHECK(StemOf("ru", "Путина") == StemOf("ru", "Путин"));
  CHECK(StemOf("ru", "Путину") == StemOf("ru", "Путин"));
  CHECK(StemOf("ru", "переговоры") == StemOf("ru", "переговоров"));
  // French, Spanish, German: plurals and verb forms.
  CHECK(StemOf("fr", "présidents") == StemOf("fr", "président"));
  CHECK(StemOf("es", "negociaron") == StemOf("es", "negociar"));
  CHECK(StemOf("es", "presidentes") == StemOf("es", "presidente"));
  CHECK(StemOf("de", "Sanktionen") == StemOf("de", "Sanktion"));
  // Arabic: the article al- and the feminine ending.
  CHECK(StemOf("ar", "الرئيس") == StemOf("ar", "رئيس"));
  // English is as before.
  CHECK(StemOf("en", "sanctions") == "sanction");
  // No stemmer: no stem (the exact word is what is indexed).
  CHECK(StemOf("zh", "习近平").empty());
  CHECK(Analyzer::For("ja").Stem("").empty());
}

TEST_CASE("CJK runs are split by ICU's dictionaries alike in text and alone", "[language]") {
  auto words = [](std::string_view text) {
    std::vector<std::string> out;
    for (const Token& t : Analyzer::For("zh").Tokenize(text)) out.push_back(t.folded);
    return out;
  };
  std::vector<std::string> alone = words("巴基斯坦总理");
  REQUIRE(alone.size() >= 2);  // not one token for the whole run
  std::vector<std::string> in_text = words("国家主席会见巴基斯坦总理。");
  CHECK(std::search(in_text.begin(), in_text.end(), alone.begin(), alone.end()) != in_text.end());
}

TEST_CASE("every language's stopwords are loaded, in folded form", "[language]") {
  const FieldSchema& schema = testing::ShippedSchema();
  CHECK(Analyzer::For("ru").IsStopword(schema, "и"));
  CHECK(Analyzer::For("fr").IsStopword(schema, "le"));
  CHECK(Analyzer::For("es").IsStopword(schema, "los"));
  CHECK(Analyzer::For("de").IsStopword(schema, "und"));
  CHECK(Analyzer::For("ar").IsStopword(schema, FoldForMatch("إلى")));
  CHECK(Analyzer::For("zh").IsStopword(schema, "的"));
  CHECK(Analyzer::For("ja").IsStopword(schema, "は"));
  // Per language: "die" is German, not English; "the" English only.
  CHECK_FALSE(Analyzer::For("en").IsStopword(schema, "die"));
  CHECK_FALSE(Analyzer::For("de").IsStopword(schema, "the"));
  // Words that carry meaning stay searchable.
  CHECK_FALSE(Analyzer::For("ru").IsStopword(schema, "не"));
  CHECK_FALSE(Analyzer::For("fr").IsStopword(schema, "non"));
  // A list line the folder would never match is a defect in the data.
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::SourceDir() + "/schema/stopwords")) {
    std::ifstream in(entry.path());
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      INFO(entry.path().filename().string() << ":" << line_no);
      CHECK(FoldForMatch(line) == line);
    }
  }
}

TEST_CASE("languages are named in themselves", "[language]") {
  CHECK(LanguageName("ru") == "Русский");
  CHECK(LanguageName("zh") == "中文");
  CHECK(LanguageName("ar") == "العربية");
  CHECK(LanguageName("fr") == "Français");
  CHECK(LanguageName("de") == "Deutsch");
  CHECK(LanguageName("ja") == "日本語");
  CHECK(LanguageName("xx") == "xx");
  CHECK(LanguageName("").empty());
}

TEST_CASE("stemmers are per thread", "[language]") {
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&got, i] {
      for (int k = 0; k < 2000; ++k)
        got[i] = StemOf(i % 2 ? "ru" : "fr", i % 2 ? "Путина" : "présidents");
    });
  for (auto& t : threads) t.join();
  CHECK(got[0] == "president");
  CHECK(got[1] == StemOf("ru", "Путин"));
}

TEST_CASE("the thread's Xapian stemmer stems as Snowball does, through the memo", "[language]") {
  for (const char* language : {"en", "ru", "fr", "ar"}) {
    INFO(language);
    const Xapian::Stem& memoised = Analyzer::For(language).ThreadStemmer();
    REQUIRE_FALSE(memoised.is_none());
    CHECK(memoised.get_description().find("memoised") != std::string::npos);
    Xapian::Stem snowball(language);
    // Twice each: the second answer comes from the memo.
    for (int round = 0; round < 2; ++round)
      for (const char* word :
           {"presidents", "talks", "talking", "путина", "россии", "présidents", "الرئيس", "", "x"})
        CHECK(memoised(word) == snowball(Analyzer::For(language).WithoutProclitic(word)));
  }
  // A language without a stemmer still gets the "none" stemmer, which
  // Xapian's snippets treat as "match words as written".
  CHECK(Analyzer::For("zh").ThreadStemmer().is_none());
}

TEST_CASE("elided articles come off in French and Italian only", "[language]") {
  CHECK(Analyzer::For("fr").WithoutProclitic("l'elysee") == "elysee");
  CHECK(Analyzer::For("fr").WithoutProclitic("qu'il") == "il");
  CHECK(Analyzer::For("fr").WithoutProclitic("aujourd'hui") == "aujourd'hui");
  CHECK(Analyzer::For("it").WithoutProclitic("dell'onu") == "onu");
  CHECK(Analyzer::For("en").WithoutProclitic("d'ivoire") == "d'ivoire");
  CHECK(Analyzer::For("fr").WithoutProclitic("l'") == "l'");
  // The stem is the bare word's: "l'Élysée" meets "Élysée".
  CHECK(Analyzer::For("fr").Stem("l'elysee") == Analyzer::For("fr").Stem("elysee"));
}

TEST_CASE("the Arabic article and the particles joined to it come off", "[language]") {
  const Analyzer& ar = Analyzer::For("ar");
  CHECK(ar.WithoutProclitic("القمة") == "قمة");
  CHECK(ar.WithoutProclitic("والقمة") == "قمة");
  CHECK(ar.WithoutProclitic("بالقمة") == "قمة");
  CHECK(ar.WithoutProclitic("للقمة") == "قمة");
  // Fewer than three letters would be left: the word stays as written.
  CHECK(ar.WithoutProclitic("الله") == "الله");
  CHECK(ar.WithoutProclitic("قمة") == "قمة");
  CHECK(Analyzer::For("en").WithoutProclitic("alqimma") == "alqimma");
  // Snowball alone stems "القمة" to "القم" and "وزير" (a minister, its و
  // taken for "and") unlike "الوزير": a plain noun and its definite forms
  // now share one stem.
  for (const char* definite : {"القمة", "والقمة", "للقمة"})
    CHECK(ar.Stem(definite) == ar.Stem("قمة"));
  CHECK(ar.Stem("الوزير") == ar.Stem("وزير"));
  CHECK(ar.Stem("الولايات") == ar.Stem("ولايات"));
  CHECK(ar.Stem("والدوحة") == ar.Stem("الدوحة"));
  // The stemmer snippets use stems the same way, so the definite form in
  // a hit is highlighted for the plain noun.
  CHECK(ar.ThreadStemmer()("القمة") == ar.Stem("قمة"));
}

TEST_CASE("folding keeps the marks that spell another word", "[language]") {
  CHECK(FoldForMatch("が") == "が");  // kana voicing: が is not か
  CHECK(FoldForMatch("です") == "です");
  CHECK(FoldForMatch("ที่") == "ที่");  // Thai vowel and tone marks
  CHECK(FoldForMatch("हिंदी") == "हिंदी");
  // Accents and harakat still go.
  CHECK(FoldForMatch("Président") == "president");
  CHECK(FoldForMatch("مُحَمَّد") == "محمد");
  CHECK(FoldForMatch("Путин") == "путин");
}
