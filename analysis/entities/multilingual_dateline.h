// Datelines as wires outside the English-language world write them, which
// SplitDateline's upper-case and English-month forms do not cover:
//
//   «Москва, 14 сентября. /ТАСС/. …»  «Москва, 14 сентября. …»
//   «新华社北京3月10日电（记者 …）…»   «中新社上海5月2日电 …»
//   «【ワシントン共同】…»               «【北京時事】…»
//   «جدة، 19 مايو (واس) - …»           «الرياض، 19 مايو – …»
//   «Paris, 14 septembre (AFP) - …»    «Madrid, 14 sep (EFE).- …»
//   «Berlin (dpa) - …»                 «Berlin, 14. September (Reuters) - …»
//   «Tijuana (México), 8 jun (EFE).- …» (place "Tijuana, México")
//   «新华社美国佛罗里达州棕榈滩4月6日电 …» «القاهرة في 10 فبراير /أ ش أ/ …»
//   «عمان 7 كانون الأول (بترا) - …»     «الكويت - 1 - 12 (كونا) -- …»
//   «Душанбе. 8 октября. ИНТЕРФАКС - …»  «Будапешт. 30 октября. INTERFAX.RU - …»
//   «Rabat, 22/12/2020 (MAP) - …»       «BRUXELLES 23/06 (BELGA) - …»
//   «ALGER - …» (APS)                   «Abu Dhabi (KNA) Papst …»
//   «الرياض 25 شعبان 1438 هـ الموافق 21 مايو 2017 م واس …» (SPA)
//   «دمشق-سانا …» «الإسماعيلية - أ ش أ …» «La Habana, 12 feb (Prensa Latina) El …»
//   «MADRID, 16 (EUROPA PRESS) El …»     «СОЧИ, 24 окт — РИА Новости. …»
//   «【パームビーチ（米フロリダ州）＝記者名】…» (place "パームビーチ, 米フロリダ州")
//
// A place followed by a comma (Latin or Arabic) must be followed by a short
// date with a digit and a separator, or by an agency in brackets, so a
// sentence that opens with a place and a comma is not taken for a dateline.
// A country or region in brackets after the place is returned after a comma,
// the form whose region DatelineResolver reads. An Arabic place without a
// comma is one to three words before a day and month that end at a credit
// or a separator (KUNA: a dash after the place, a numeric day and month). A
// place followed by a stop must be followed by a date, a stop, an agency in
// capitals and a separator (Interfax), so a sentence is not taken for one.
// A place with no comma before a numeric date («23/06») must be followed by
// an agency in brackets and a separator (Belga); a place alone before a
// spaced dash must be in Latin capitals (APS). Only the agencies that write
// none (KNA, epd, KAP, Belga, Prensa Latina, Europa Press) may leave out the
// separator after their credit. An Arab agency's name unbracketed (واس,
// سانا, أ ش أ…) may end an Arabic dateline: after its dates (SPA), or after
// the place and a dash with no date (SANA, MENA, QNA). A known Arabic
// dateline place alone before a spaced dash is one too («الجزائر - …», APS
// and the Arab news sites' «غزة - …»).
//
// The agencies' names come from the languages' data (DatelineCredits), so an
// agency is listed once, in the `wires` of scripts/gazetteer/lang/<lang>.json.
//
// Thread-safety: pure functions; DatelineCredits is immutable after
// construction.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/gazetteer.h"

namespace communique {

// The wire agencies' credits the splitter reads, taken from every language's
// `wires` (LanguageRules::wires): an agency added there is both located
// (DatelineResolver::WireCountry) and split off. Build it once (the analyzer
// holds one) and share it: it is immutable.
class DatelineCredits {
 public:
  // No agencies: a dateline that needs an agency's name is never found.
  DatelineCredits() = default;
  // The agencies of every rules file in `rules`, and the places among
  // `cities` (Gazetteer::Cities(): the rules files' dateline places as
  // written) that are in Arabic script.
  explicit DatelineCredits(const std::vector<LanguageRules>& rules,
                           const std::map<std::string, std::string, std::less<>>& cities = {});

  // Names in Arabic script («واس», «أ ش أ»), which Arab wires may write
  // without brackets (SPA after its dates, SANA and MENA after a dash).
  const std::vector<std::string>& arabic() const { return arabic_; }

  // Whether `place` is a known dateline place in Arabic script: only such a
  // place opens a dateline alone before a spaced dash («الجزائر - …», «غزة
  // - …»), where an unknown word would be a sentence's.
  bool IsArabicPlace(std::string_view place) const { return arabic_places_.count(place) > 0; }

 private:
  std::vector<std::string> arabic_;
  std::set<std::string, std::less<>> arabic_places_;
};

// Splits a dateline in one of the forms above off `body`: the place as
// written ("Москва", "北京", "ワシントン", "جدة") and the text after the
// dateline. Returns an empty place and `body` itself when none is found.
// The forms that end at an agency's unbracketed name know the agencies of
// `credits`.
std::pair<std::string, std::string_view> SplitMultilingualDateline(std::string_view body,
                                                                   const DatelineCredits& credits);

// `rest`, the text after a dateline, without an agency credit that some
// wires write after the date's dash and before a stop (RIA's «ПРАГА, 8 апр —
// РИА Новости. Президенты …»), so the lead is the first sentence of news.
std::string_view SkipCreditAfterDateline(std::string_view rest);

}  // namespace communique
