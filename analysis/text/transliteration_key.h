// Transliteration keys: a name in any script reduced to a loose Latin
// skeleton, so the spellings of one name in other scripts and other
// romanisations meet ("Си Цзиньпин", "Si Czinpin", "Si Tszinpin";
// "Зеленский", "Zelenskyy", "Selenskij"). ICU stays behind this header.
//
// Where the keys live (issue 14): a query-time table, not index-time
// synonyms. The searcher's QueryBuilder builds one TransliterationIndex from
// the gazetteer it already holds and looks up the key of a query's words that
// name nothing the index knows; a hit adds the entity's facet term as a
// synonym of those words. So the keys follow the gazetteer the server loads
// (no re-index when the key rules or the names change), the index holds no
// key terms that would also match ordinary words, and the HTTP layer, which
// only links communique_schema, still compiles without ICU.
//
// Thread-safety: TransliterationKey() may run concurrently (one ICU
// transliterator per thread); a TransliterationIndex is immutable after
// construction and may be shared.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/gazetteer.h"

namespace communique {

// The key of `text`: ICU's `Any-Latin; Latin-ASCII`, lower-cased, with
// everything but letters and digits removed (spaces too, so "习近平" —
// "xi jin ping" — meets "Xi Jinping"), then spelling variants of the usual
// romanisations merged: tsch/tsz/ts/tz/cz -> c, sch/sh -> s, ch -> c, kh -> h,
// zh -> z, ph -> f, th -> t, ck -> k, then y/j -> i, z -> s, w -> v, q -> k,
// and doubled letters once. "" when `text` has no letter or digit.
std::string TransliterationKey(std::string_view text);

// Keys shorter than this (in bytes) are not looked up: short keys of
// different names collide ("Li", "Lee", "Le"), and a typo of a short name
// ("Puttin") is the spelling suggester's to correct, not a transliteration.
constexpr size_t kMinTransliterationKey = 6;

// The gazetteer's names (aliases of type name, not the generated case
// forms) by transliteration key.
class TransliterationIndex {
 public:
  // One entity a key names.
  struct Hit {
    EntityKind kind = EntityKind::kCountry;
    std::string id;
    bool operator==(const Hit& o) const { return kind == o.kind && id == o.id; }
  };
  // Keys every name of `gazetteer` (which need not outlive the index), and
  // the bare surnames of its QuerySurnames(), as their leaders.
  explicit TransliterationIndex(const Gazetteer& gazetteer);

  // The entities whose name has the key of `text`; empty when none or the
  // key is shorter than kMinTransliterationKey.
  const std::vector<Hit>& Find(std::string_view text) const;
  // The number of distinct keys.
  size_t size() const { return by_key_.size(); }

 private:
  // Files `hit` under the key of `name`, once; a short key is not filed.
  void Add(std::string_view name, Hit hit);

  std::unordered_map<std::string, std::vector<Hit>> by_key_;
};

}  // namespace communique
