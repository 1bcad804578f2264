#include "searcher/suggester.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/alias_synonyms.h"

namespace communique {
namespace {

// Words scanned per request at most, so a one-letter prefix stays cheap.
constexpr int kMaxTermsScanned = 5000;

bool Completes(const std::string& folded, const std::string& prefix) {
  if (folded.compare(0, prefix.size(), prefix) == 0) return true;
  for (size_t sp = folded.find(' '); sp != std::string::npos; sp = folded.find(' ', sp + 1)) {
    if (folded.compare(sp + 1, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

}  // namespace

Suggester::Suggester(const FieldSchema& schema, const Gazetteer& gazetteer) {
  for (const GazetteerEntry& e : gazetteer.entries()) {
    const Field* field = schema.Find(FieldNameOf(e.kind));
    if (!field) continue;
    std::string term = field->prefix + AsciiLower(e.id);
    std::set<std::string> seen;
    for (const Alias& a : e.aliases) {
      if (a.type != AliasType::kName && a.type != AliasType::kAcronym) continue;
      std::string folded = FoldPhrase(a.text);
      if (!folded.empty() && seen.insert(folded).second) names_.push_back({folded, &e, term});
    }
    if (e.kind == EntityKind::kCountry && seen.insert(AsciiLower(e.id)).second)
      names_.push_back({AsciiLower(e.id), &e, term});
  }
}

nlohmann::json Suggester::Suggest(const Xapian::Database& db, std::string_view prefix,
                                  int size) const {
  nlohmann::json out = {{"query", std::string(prefix)}, {"suggestions", nlohmann::json::array()}};
  std::string folded = FoldPhrase(prefix);
  // FoldPhrase drops a trailing space; "vladimir " still completes words.
  if (folded.empty()) return out;
  size = std::clamp(size, 1, kMaxSuggestions);

  struct Item {
    std::string text, kind, value;
    Xapian::doccount count;
  };
  std::vector<Item> entities;
  std::set<const GazetteerEntry*> taken;
  for (const Name& n : names_) {
    if (taken.count(n.entry) || !Completes(n.folded, folded)) continue;
    Xapian::doccount count = db.get_termfreq(n.term);
    if (count == 0) continue;
    taken.insert(n.entry);
    entities.push_back(
        {n.entry->label, std::string(FieldNameOf(n.entry->kind)), n.entry->id, count});
  }
  std::sort(entities.begin(), entities.end(), [](const Item& a, const Item& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });

  std::vector<Item> words;
  if (folded.find(' ') == std::string::npos) {
    int scanned = 0;
    for (Xapian::TermIterator t = db.allterms_begin(folded);
         t != db.allterms_end(folded) && scanned < kMaxTermsScanned; ++t, ++scanned) {
      words.push_back({*t, "term", *t, t.get_termfreq()});
    }
    std::sort(words.begin(), words.end(), [](const Item& a, const Item& b) {
      return a.count != b.count ? a.count > b.count : a.text < b.text;
    });
  }

  std::set<std::string> shown;
  auto add = [&](const Item& i) {
    if (out["suggestions"].size() >= static_cast<size_t>(size)) return;
    if (!shown.insert(FoldPhrase(i.text)).second) return;  // "Putin" the leader and the word
    out["suggestions"].push_back(
        {{"text", i.text}, {"kind", i.kind}, {"value", i.value}, {"count", i.count}});
  };
  for (const Item& i : entities) add(i);
  for (const Item& i : words) add(i);
  return out;
}

}  // namespace communique
