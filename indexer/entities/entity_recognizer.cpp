#include "indexer/entities/entity_recognizer.h"

#include <algorithm>
#include <set>

namespace communique {
namespace {

// Words that, placed right before an ambiguous short name ("Khan"), make it
// a reference to the leader ("PM Khan", "President Xi").
const std::set<std::string_view>& TitleWords() {
  static const std::set<std::string_view> words = {
      "president", "prime",       "minister",  "pm",     "premier",   "chancellor", "mr",
      "mrs",       "ms",          "dr",        "king",   "queen",     "emir",       "prince",
      "sheikh",    "sheik",       "secretary", "leader", "ayatollah", "general",    "gen",
      "vice",      "counterpart", "sultan",    "crown"};
  return words;
}

// Role phrases that can follow a country name or demonym ("Russian
// President", "Pakistani Prime Minister"), with the gazetteer role they mean.
struct RolePhrase {
  std::vector<std::string_view> words;
  std::string_view role;
};
const std::vector<RolePhrase>& RolePhrases() {
  static const std::vector<RolePhrase> phrases = {
      {{"prime", "minister"}, "prime minister"},
      {{"foreign", "minister"}, "foreign minister"},
      {{"finance", "minister"}, "finance minister"},
      {{"vice", "president"}, "vice president"},
      {{"secretary", "of", "state"}, "secretary of state"},
      {{"crown", "prince"}, "crown prince"},
      {{"supreme", "leader"}, "supreme leader"},
      {{"president"}, "president"},
      {{"premier"}, "prime minister"},
      {{"pm"}, "prime minister"},
      {{"chancellor"}, "chancellor"},
      {{"king"}, "king"},
      {{"emir"}, "emir"},
  };
  return phrases;
}

// True when `b` follows `a` after exactly one space: "Russian President",
// not "Russia.\n\nPrime Minister". Both views point into the same text.
bool Adjacent(const Token& a, const Token& b) {
  const char* gap = a.text.data() + a.text.size();
  return b.text.data() == gap + 1 && *gap == ' ';
}

bool HasLower(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

}  // namespace

const std::vector<EntityCount>& EntitySummary::Of(EntityKind kind) const {
  return const_cast<EntitySummary*>(this)->Of(kind);
}

std::vector<EntityCount>& EntitySummary::Of(EntityKind kind) {
  switch (kind) {
    case EntityKind::kCountry:
      return countries;
    case EntityKind::kLeader:
      return leaders;
    case EntityKind::kOrganisation:
      return organisations;
  }
  return countries;
}

EntityRecognizer::EntityRecognizer(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
  for (const GazetteerEntry& e : gazetteer.entries()) {
    std::set<std::pair<std::vector<std::string>, AliasType>> seen;
    for (const Alias& a : e.aliases) {
      std::vector<Token> toks = Tokenize(a.text);
      if (toks.size() > 1 && toks[0].folded == "the") toks.erase(toks.begin());
      if (toks.empty()) continue;
      Pattern p{{}, &e, a.type, a.type == AliasType::kAcronym};
      bool all_caps = true;
      for (const Token& t : toks) {
        p.words.push_back(t.folded);
        all_caps = all_caps && (t.all_caps || !HasLower(t.text));
      }
      // "USA", "UK", "G20": written in capitals, so "us" the pronoun or a
      // lower-case "uk" is not a match.
      if (all_caps && a.type != AliasType::kHandle) p.upper_only = true;
      if (!seen.insert({p.words, p.type}).second) continue;
      by_first_word_[p.words[0]].push_back(std::move(p));
    }
  }
}

bool EntityRecognizer::Matches(const Pattern& p, const std::vector<Token>& tokens, size_t i) const {
  if (i + p.words.size() > tokens.size()) return false;
  for (size_t k = 0; k < p.words.size(); ++k) {
    const Token& t = tokens[i + k];
    if (t.folded != p.words[k]) return false;
    if (p.upper_only && HasLower(t.text)) return false;
  }
  const Token& first = tokens[i];
  if (p.type == AliasType::kHandle) return first.at_sign;
  return first.capitalised;
}

const GazetteerEntry* EntityRecognizer::LeaderInRole(std::string_view country,
                                                     std::string_view role,
                                                     const Date& date) const {
  std::string iso = date.Iso();
  for (const GazetteerEntry& e : gazetteer_.entries()) {
    if (e.kind != EntityKind::kLeader || e.country != country) continue;
    for (const Term& t : e.terms) {
      if (t.role == role && !t.start.empty() && t.start <= iso && (t.end.empty() || iso < t.end)) {
        return &e;
      }
    }
  }
  return nullptr;
}

std::vector<Mention> EntityRecognizer::Recognise(const std::vector<Token>& tokens,
                                                 std::optional<Date> date) const {
  std::vector<Mention> mentions;
  // Ambiguous matches wait until the whole text is read: an alias shared by
  // several entities ("Congo") or a context alias ("Khan") is kept only when
  // the text names the entity unambiguously elsewhere or, for a context
  // alias, a title stands before it.
  struct Pending {
    std::vector<const Pattern*> candidates;
    size_t first, end;
    bool titled;
  };
  std::vector<Pending> pending;
  std::set<const GazetteerEntry*> certain;

  for (size_t i = 0; i < tokens.size();) {
    auto it = by_first_word_.find(tokens[i].folded);
    if (it == by_first_word_.end()) {
      ++i;
      continue;
    }
    size_t best_len = 0;
    std::vector<const Pattern*> best;
    for (const Pattern& p : it->second) {
      if (p.words.size() < best_len || !Matches(p, tokens, i)) continue;
      if (p.words.size() > best_len) {
        best.clear();
        best_len = p.words.size();
      }
      best.push_back(&p);
    }
    if (best.empty()) {
      ++i;
      continue;
    }
    std::set<const GazetteerEntry*> entries;
    bool context_only = true;
    for (const Pattern* p : best) {
      entries.insert(p->entry);
      context_only = context_only && p->type == AliasType::kContext;
    }
    if (entries.size() == 1 && !context_only) {
      mentions.push_back({best[0]->entry, best[0]->type, i, i + best_len, false});
      certain.insert(best[0]->entry);
    } else {
      bool titled =
          i > 0 && TitleWords().count(tokens[i - 1].folded) && Adjacent(tokens[i - 1], tokens[i]);
      pending.push_back({best, i, i + best_len, titled});
    }
    i += best_len;
  }

  for (const Pending& p : pending) {
    const Pattern* chosen = nullptr;
    int choices = 0;
    for (const Pattern* c : p.candidates) {
      bool ok = certain.count(c->entry) ||
                (c->type == AliasType::kContext && p.titled && p.candidates.size() == 1);
      if (ok && (!chosen || chosen->entry != c->entry)) {
        chosen = c;
        ++choices;
      }
    }
    if (choices == 1) mentions.push_back({chosen->entry, chosen->type, p.first, p.end, false});
  }

  if (date) {
    std::vector<Mention> roles;
    for (const Mention& m : mentions) {
      if (m.entry->kind != EntityKind::kCountry ||
          (m.via != AliasType::kName && m.via != AliasType::kDemonym))
        continue;
      for (const RolePhrase& rp : RolePhrases()) {
        size_t end = m.end_token + rp.words.size();
        if (end > tokens.size()) continue;
        bool match = true;
        for (size_t k = 0; k < rp.words.size() && match; ++k) {
          size_t t = m.end_token + k;
          match = tokens[t].folded == rp.words[k] && Adjacent(tokens[t - 1], tokens[t]);
        }
        if (!match) continue;
        // "Russian President Vladimir Putin": the name that follows is
        // already a mention; the role adds nothing.
        bool named_next = std::any_of(mentions.begin(), mentions.end(), [&](const Mention& o) {
          return o.first_token == end && o.entry->kind == EntityKind::kLeader;
        });
        if (!named_next) {
          if (const GazetteerEntry* leader = LeaderInRole(m.entry->id, rp.role, *date)) {
            roles.push_back({leader, AliasType::kName, m.first_token, end, true});
          }
        }
        break;
      }
    }
    mentions.insert(mentions.end(), roles.begin(), roles.end());
  }
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.first_token < b.first_token; });
  return mentions;
}

std::vector<const GazetteerEntry*> EntityRecognizer::FindFlags(std::string_view text) const {
  std::vector<const GazetteerEntry*> out;
  // A regional indicator is U+1F1E6..U+1F1FF: F0 9F 87 A6..BF in UTF-8.
  auto indicator = [&](size_t i) -> int {
    if (i + 4 > text.size()) return -1;
    auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    if (b(0) != 0xF0 || b(1) != 0x9F || b(2) != 0x87 || b(3) < 0xA6 || b(3) > 0xBF) return -1;
    return b(3) - 0xA6;
  };
  for (size_t i = 0; i + 8 <= text.size();) {
    int a = indicator(i);
    if (a < 0) {
      ++i;
      continue;
    }
    int b = indicator(i + 4);
    if (b < 0) {
      i += 4;
      continue;
    }
    std::string code{static_cast<char>('A' + a), static_cast<char>('A' + b)};
    if (const GazetteerEntry* e = gazetteer_.Find(EntityKind::kCountry, code)) out.push_back(e);
    i += 8;
  }
  return out;
}

EntitySummary EntityRecognizer::Summarise(const std::vector<Mention>& mentions,
                                          const std::vector<const GazetteerEntry*>& flags) {
  EntitySummary s;
  auto add = [&](const GazetteerEntry* e) {
    std::vector<EntityCount>& list = s.Of(e->kind);
    auto it =
        std::find_if(list.begin(), list.end(), [&](const EntityCount& c) { return c.id == e->id; });
    if (it == list.end())
      list.push_back({e->id, 1});
    else
      ++it->count;
  };
  for (const Mention& m : mentions) add(m.entry);
  for (const GazetteerEntry* e : flags) add(e);
  return s;
}

}  // namespace communique
