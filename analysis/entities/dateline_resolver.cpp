#include "analysis/entities/dateline_resolver.h"

#include <algorithm>
#include <cctype>

#include "analysis/text/tokenizer.h"
#include "analysis/text/transliteration_key.h"
#include "common/strings.h"

namespace communique {
namespace {

// The words of `tokens` folded and joined by one space, as cities.tsv keys
// are; words written without a space between them (约翰内斯堡, which ICU may
// split) are joined without one, as the generator folds them.
std::string CityKey(const std::vector<Token>& tokens) {
  std::string key;
  const Token* prev = nullptr;
  for (const Token& t : tokens) {
    if (t.folded.empty()) continue;
    if (!key.empty() && !(prev && prev->end == t.begin)) key.push_back(' ');
    key += t.folded;
    prev = &t;
  }
  return key;
}

// `part` without a wire credit or separator a caller left on it: "MOSCOW"
// of "MOSCOW (Reuters) -", "Texas" of "Texas (Communique Wire) -".
std::string_view Bare(std::string_view part) {
  part = part.substr(0, part.find('('));
  part = part.substr(0, part.find(" -"));
  part = part.substr(0, part.find(':'));
  return TrimSpace(part);
}

// The part after the place, when it is a state, province or country rather
// than the date: "Texas" in "PARIS, Texas, May 1", nothing in "PARIS, May 1".
std::string_view RegionHint(std::string_view dateline) {
  size_t comma = dateline.find(',');
  if (comma == std::string_view::npos) return {};
  std::string_view region = TrimSpace(dateline.substr(comma + 1));
  region = Bare(region.substr(0, region.find(',')));
  if (region.empty() || std::isdigit(static_cast<unsigned char>(region[0]))) return {};
  if (ParseDate(std::string(region.substr(0, region.find(' '))) + " 1, 2000")) return {};
  return region;
}

// Shorter keys name too many places ("os", "bar"); 西安's is "xian".
constexpr size_t kMinCityKey = 4;

void AddOnce(std::vector<std::string>& v, std::string code) {
  if (!code.empty() && std::find(v.begin(), v.end(), code) == v.end()) v.push_back(std::move(code));
}

}  // namespace

DatelineResolver::DatelineResolver(const EntityRecognizer& recognizer)
    : recognizer_(recognizer), gazetteer_(recognizer.gazetteer()) {
  // Only the Latin keys (cities.tsv's): the other scripts' names are the
  // rules files' dateline cities, found as written; and a Latin key needs
  // no ICU, so this costs a few milliseconds.
  std::unordered_map<std::string, bool> firm;  // key -> its entry is firm
  for (const auto& [city, codes] : gazetteer_.Cities()) {
    if (std::any_of(city.begin(), city.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      continue;
    std::string key = TransliterationKey(city);
    if (key.size() < kMinCityKey) continue;
    std::string first = codes.substr(0, codes.find(','));
    bool is_firm = gazetteer_.CityIsFirm(city);
    auto [it, added] = country_by_key_.emplace(key, first);
    if (added) {
      firm[key] = is_firm;
    } else if (it->second != first && !firm[key]) {
      // Two countries' cities share the key: a firm one wins, else neither.
      it->second = is_firm ? first : "";
      firm[key] = is_firm;
    }
  }
}

std::string DatelineResolver::CountryByKey(std::string_view place,
                                           const std::optional<Date>& date) const {
  std::string key = TransliterationKey(Bare(place));
  if (key.size() < kMinCityKey) return "";
  auto it = country_by_key_.find(key);
  return it == country_by_key_.end() || it->second.empty() ? "" : On(it->second, date);
}

namespace {

// Whether the byte at `i` of `s` continues a word written in a script with
// spaces: an ASCII letter or digit, or a byte of a Cyrillic or Arabic letter.
bool WordByteAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  auto c = static_cast<unsigned char>(s[i]);
  return std::isalnum(c) || (c >= 0x80 && c < 0xE0);
}

// Whether `place` holds a katakana letter (U+30A0..U+30FF: E3 82 A0 .. E3 83 BF).
bool HasKatakana(std::string_view place) {
  for (size_t i = 0; i + 2 < place.size(); ++i) {
    auto b0 = static_cast<unsigned char>(place[i]), b1 = static_cast<unsigned char>(place[i + 1]),
         b2 = static_cast<unsigned char>(place[i + 2]);
    if (b0 == 0xE3 && ((b1 == 0x82 && b2 >= 0xA0) || b1 == 0x83)) return true;
  }
  return false;
}

}  // namespace

std::string DatelineResolver::WireCountry(std::string_view place, std::string_view head,
                                          std::string_view language,
                                          const std::optional<Date>& date) const {
  if (language == "ja" && HasKatakana(place)) return "";
  for (const LanguageRules& rules : gazetteer_.Rules()) {
    if (rules.language != language) continue;
    for (const auto& [credit, code] : rules.wires) {
      // A credit in a script with spaces stands as a word («dpa», not "Sdpa");
      // CJK credits are written against the place (【志摩共同】).
      bool spaced = static_cast<unsigned char>(credit[0]) < 0xE0;
      for (size_t at = head.find(credit); at != std::string_view::npos;
           at = head.find(credit, at + 1)) {
        if (spaced &&
            ((at > 0 && WordByteAt(head, at - 1)) || WordByteAt(head, at + credit.size())))
          continue;
        return On(code, date);
      }
    }
  }
  return "";
}

std::string DatelineResolver::On(const std::string& code, const std::optional<Date>& date) const {
  const GazetteerEntry* e =
      recognizer_.CountryOn(gazetteer_.Find(EntityKind::kCountry, code), date);
  return e ? e->id : code;
}

std::vector<std::string> DatelineResolver::Candidates(std::string_view part,
                                                      const std::optional<Date>& date,
                                                      std::string_view language,
                                                      bool* named) const {
  std::vector<std::string> out;
  std::vector<Token> tokens = Tokenize(part);
  for (const Mention& m : recognizer_.Recognise(tokens, date, language)) {
    if (m.entry->kind == EntityKind::kCountry) AddOnce(out, m.entry->id);
  }
  *named = !out.empty();
  std::vector<std::string> cities = gazetteer_.CityCountries(CityKey(tokens));
  // Another language's name of the place, as its rules file writes it
  // (「リマ」, «利马»: CLDR's cities, see build_lang_rules.py).
  if (cities.empty()) cities = gazetteer_.CityCountries(TrimSpace(part));
  for (const std::string& cc : cities) AddOnce(out, On(cc, date));
  return out;
}

std::string DatelineResolver::Resolve(std::string_view dateline, const EntitySummary& entities,
                                      const std::optional<Date>& date,
                                      std::string_view language) const {
  dateline = TrimSpace(dateline);
  if (dateline.empty()) return "";
  std::string_view place = Bare(dateline.substr(0, dateline.find(',')));
  bool place_named = false;
  std::vector<std::string> candidates = Candidates(place, date, language, &place_named);

  // A state, province or country after the place settles it: the place's
  // candidate in that region ("ATLANTA, Georgia" is the US one), else the
  // region's own country (a town the gazetteer does not know).
  std::string_view hint = RegionHint(dateline);
  if (!hint.empty()) {
    bool hint_named = false;
    std::vector<std::string> in_region = Candidates(hint, date, language, &hint_named);
    for (const std::string& cc : candidates) {
      if (std::find(in_region.begin(), in_region.end(), cc) != in_region.end()) return cc;
    }
    if (!in_region.empty()) return in_region[0];
  }
  if (candidates.empty()) return "";
  // A dateline names a city: where this language's own dateline places
  // (CLDR's and the curated cities of its rules file, keyed as written)
  // name the place, that city's country wins over a country of the same
  // name («عمان» is Amman, not Oman). Only for other languages: English
  // keys are cities.tsv's, where "georgia" is a US town.
  if (!language.empty() && language != "en") {
    std::vector<std::string> written = gazetteer_.CityCountries(place);
    if (!written.empty()) return On(written[0], date);
  }
  // A country or capital name ("MOSCOW", "SAN JOSE"): what wires mean by it.
  if (place_named) return candidates[0];
  // An ambiguous city moves to another candidate's country when the text
  // names that country, unless the first place is firm.
  std::string key = CityKey(Tokenize(place));
  if (candidates.size() > 1 && !gazetteer_.CityIsFirm(key)) {
    for (const std::string& cc : candidates) {
      bool in_text = std::any_of(entities.countries.begin(), entities.countries.end(),
                                 [&](const EntityCount& c) { return c.id == cc; });
      if (in_text) return cc;
    }
  }
  return candidates[0];
}

namespace {

// Where the (trimmed) `place` is first written in `text` from `from`, else
// npos: the place a dateline named, found again in the text that follows.
size_t PlaceAt(std::string_view place, std::string_view text, size_t from) {
  if (place.empty() || from > text.size()) return std::string_view::npos;
  return text.find(place, from);
}

}  // namespace

std::string CountryBeforePlace(std::string_view place, std::string_view text, size_t from,
                               const std::vector<Token>& tokens,
                               const std::vector<Mention>& mentions) {
  place = TrimSpace(place);
  size_t at = PlaceAt(place, text, from);
  if (at == std::string_view::npos) return "";
  constexpr size_t kMaxGap = 12;  // four CJK characters: 韓国「南東部の」慶州
  const Mention* best = nullptr;
  size_t best_end = 0;
  for (const Mention& m : mentions) {
    if (m.entry->kind != EntityKind::kCountry || m.end_token == 0 || m.end_token > tokens.size() ||
        tokens[m.first_token].begin < from)
      continue;
    size_t end = tokens[m.end_token - 1].end;
    if (end > at || at - end > kMaxGap || (best && end <= best_end)) continue;
    std::string_view gap = text.substr(end, at - end);
    // Letters only: "、" "，" "。" or a space between them is another phrase.
    bool joined =
        std::none_of(gap.begin(), gap.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; }) &&
        gap.find("\xE3\x80") == std::string_view::npos;  // U+3000..U+303F: CJK punctuation
    if (gap.find("\xEF\xBC") != std::string_view::npos ||
        gap.find("\xEF\xBD") != std::string_view::npos)
      joined = false;  // full-width forms: （），
    if (!joined) continue;
    best = &m;
    best_end = end;
  }
  return best ? best->entry->id : "";
}

std::string CountryNearPlace(std::string_view place, std::string_view text, size_t from,
                             const std::vector<Token>& tokens,
                             const std::vector<Mention>& mentions) {
  place = TrimSpace(place);
  size_t at = PlaceAt(place, text, from);
  if (at == std::string_view::npos) return "";
  // The sentence around the place: from the end of the last terminator
  // before it (or `from`) to the next one after it.
  static constexpr std::string_view kEnds[] = {
      "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", ". ", "! ", "? ", "\n"};  // 。！？
  size_t begin = from, end = text.size();
  for (std::string_view e : kEnds) {
    size_t before = text.rfind(e, at);
    if (before != std::string_view::npos && before >= from && before + e.size() <= at)
      begin = std::max(begin, before + e.size());
    size_t after = text.find(e, at + place.size());
    if (after != std::string_view::npos) end = std::min(end, after);
  }
  const Mention* best = nullptr;
  size_t best_gap = 0;
  for (const Mention& m : mentions) {
    if (m.entry->kind != EntityKind::kCountry || m.end_token == 0 || m.end_token > tokens.size())
      continue;
    size_t first = tokens[m.first_token].begin, last = tokens[m.end_token - 1].end;
    if (first < begin || last > end) continue;
    // Overlapping the place itself (a country's name inside it) is no evidence.
    if (last > at && first < at + place.size()) continue;
    size_t gap = last <= at ? at - last : first - (at + place.size());
    if (!best || gap < best_gap) {
      best = &m;
      best_gap = gap;
    }
  }
  return best ? best->entry->id : "";
}

}  // namespace communique
