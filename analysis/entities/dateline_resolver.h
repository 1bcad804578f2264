// The country of a wire dateline ("GENEVA", "PARIS, Texas", "ALEXANDRIA,
// Va., March 3"): the place a wire service means, not merely the largest
// place of the name.
//
// A dateline names a place and sometimes a state, province or country after
// it. That hint settles the country whenever it is there ("MOSCOW, Idaho" is
// in the US, "TRIPOLI, Lebanon" in Lebanon, "ATLANTA, Georgia" in the US
// while "TBILISI, Georgia" stays in Georgia). Without one, a country or
// capital name wins (the recogniser's names and metonyms: "MOSCOW", "SAN
// JOSE"), then the world cities of cities.tsv in their wire-dateline order:
// curated wire names first ("GENEVA" is Geneve, "NUSA DUA" the Bali resort),
// then the most populous place. The article's text may move an ambiguous
// name to another candidate's country when it names that country ("PARIS" in
// a story about Texas), but not when the first place is firm (a capital, a
// curated name, or far larger: "ALEXANDRIA" in a story that names the United
// States is still Egypt's). The answer is the state of the publication date
// (BONN in 1987 is West Germany).
//
// Thread-safety: immutable after construction; Resolve() may be called
// concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/dates/date_parser.h"
#include "analysis/entities/entity_recognizer.h"
#include "schema/gazetteer.h"

namespace communique {

// The country the text names (from byte `from` on) right before the first
// place it writes `place` at or after `from` («在俄罗斯喀山出席», «韓国南東部の慶州で»),
// or "" when none does: how Chinese and Japanese wires locate a city that
// neither CLDR nor the gazetteer names (新华社喀山…电, 【慶州共同】). The
// country must end at most four characters (12 bytes) before the place,
// with no punctuation or space between them. `mentions` are the recogniser's
// over `tokens`, the tokens of `text`; their entries are already the states
// of the article's date.
//
// Thread-safety: pure function.
std::string CountryBeforePlace(std::string_view place, std::string_view text, size_t from,
                               const std::vector<Token>& tokens,
                               const std::vector<Mention>& mentions);

// The country named nearest to `place` in the first sentence of `text` (from
// byte `from` on) that writes `place` as written, or "" when that sentence
// names none: how a wire's text places a city the dateline gives alone
// («抵达西雅图，开始对美国进行国事访问», «同埃及总统塞西在卢克索神庙»).
// Sentences end at 。！？.!? and line breaks. `mentions` are the recogniser's
// over `tokens`, the tokens of `text`.
//
// Thread-safety: pure function.
std::string CountryNearPlace(std::string_view place, std::string_view text, size_t from,
                             const std::vector<Token>& tokens,
                             const std::vector<Mention>& mentions);

class DatelineResolver {
 public:
  // `recognizer` (and the gazetteer it was built from) must outlive this object.
  explicit DatelineResolver(const EntityRecognizer& recognizer);

  // The country code of `dateline` ("ISLAMABAD", "HOUSTON, April 8", "PARIS,
  // Texas, May 1 -") as the state of `date`, or "" when the place is
  // unknown. `entities` holds the countries the article's text names (the
  // dateline's own words excluded).
  // `language` is the article's ("" when unknown): a dateline in French or
  // German («Pékin», «Moskau») is read with that language's names, and in
  // any language but English a place its rules file lists as a dateline city
  // is that city, before a country of the same name («عمان» is Amman).
  std::string Resolve(std::string_view dateline, const EntitySummary& entities,
                      const std::optional<Date>& date, std::string_view language = {}) const;

  // The country of a dateline place that no name list knows, by the
  // transliteration key of its name (analysis/text/transliteration_key.h):
  // «ВОНСАН», 西安, 阿布贾 have the keys of the world cities Wonsan, Xi'an
  // and Abuja ("vonsan", "xian", "abuia"). So a wire's own script meets a
  // city that neither CLDR nor the curated exonyms name. As the state of
  // `date`; "" when no city has the key, when cities of several countries
  // share it and none is firm (CityIsFirm), or when the key is shorter than
  // four letters.
  std::string CountryByKey(std::string_view place, const std::optional<Date>& date) const;

  // The home country of the national agency `head` credits («УФА, 9 июля.
  // /ТАСС/.», «Elmau (dpa) -», «البحر الميت 29 آذار (بترا) -», «【志摩共同】»),
  // from the `wires` of `language`'s rules, as the state of `date`; "" when
  // it credits none. For a dateline place no list knows: a national agency
  // writes such places mostly at home. Not for a Japanese place in katakana,
  // the script Japanese writes foreign places in (【バラナシ時事】).
  std::string WireCountry(std::string_view place, std::string_view head, std::string_view language,
                          const std::optional<Date>& date) const;

 private:
  // Countries a dateline part names, in order of preference: a country or
  // capital name first (`*named` tells whether there was one), then
  // cities.tsv's places and regions of that name.
  std::vector<std::string> Candidates(std::string_view part, const std::optional<Date>& date,
                                      std::string_view language, bool* named) const;
  // The state `code` stood for on `date` (DE in 1987 is XG).
  std::string On(const std::string& code, const std::optional<Date>& date) const;

  const EntityRecognizer& recognizer_;
  const Gazetteer& gazetteer_;
  // Transliteration key of each Latin city key -> its first country ("" when
  // cities of several countries share the key and none is firm).
  std::unordered_map<std::string, std::string> country_by_key_;
};

}  // namespace communique
