#include "analysis/entities/entity_recognizer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "analysis/text/transliteration_key.h"
#include "schema/role_phrases.h"

namespace communique {
namespace {

// The recogniser's word lists and context rules are data: every language's
// rules/<lang>.json (schema/gazetteer.h LanguageRules), folded and merged
// in the constructor. English's lists are in rules/en.json.

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool HasLower(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Whether a token is not written in capitals: for ASCII, any lower-case
// letter; otherwise the tokenizer's Unicode-aware flag ("шос", "Шос" are not
// "ШОС").
bool NotAllCaps(const Token& t) { return IsAscii(t.text) ? HasLower(t.text) : !t.all_caps; }

// True when `b` follows `a` after exactly one space ("Russian President",
// not "Russia.\n\nPrime Minister"), or right after it, as words do in
// scripts written without spaces ("俄罗斯总统"). Both tokens come from the
// same text.
bool Adjacent(const Token& a, const Token& b) {
  const char* gap = a.text.data() + a.text.size();
  return b.text.data() == gap || (b.text.data() == gap + 1 && *gap == ' ');
}

// True when only a middle dot (·, ・, ･, •, ‧, or ゠ for a double hyphen) stands
// between tokens `a` and `b` (a before b): the parts of a foreign name in
// Chinese or Japanese.
bool JoinedByNameDot(const Token& a, const Token& b) {
  const char* from = a.text.data() + a.text.size();
  if (b.text.data() < from) return false;
  std::string_view gap(from, static_cast<size_t>(b.text.data() - from));
  return gap == "\u00B7" || gap == "\u30FB" || gap == "\u2022" || gap == "\u2027" ||
         gap == "\uFF65" || gap == "\u30A0";
}

// The consonants of a transliteration key, l and r as one (Chinese and
// Japanese write one sound for both): "balake" (巴拉克) and "barak"
// (Barack) are both "brk".
std::string ConsonantSkeleton(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (std::string_view("aeiou").find(c) != std::string_view::npos) continue;
    out += c == 'l' ? 'r' : c;
  }
  return out;
}

// Whether the name part ending with token `last` of `tokens`, written
// before a middle dot, may be `leader`'s own given name spelled by sound
// (巴拉克 or 贝拉克 for Barack): a run of one to three tokens ending there
// whose key has the consonants of the first word of one of the leader's
// names.
bool OwnGivenName(const std::vector<Token>& tokens, size_t last, const GazetteerEntry& leader) {
  std::set<std::string> given;
  for (const Alias& a : leader.aliases) {
    size_t space = a.text.find(' ');
    if (space == std::string::npos) continue;
    std::string skeleton = ConsonantSkeleton(TransliterationKey(a.text.substr(0, space)));
    if (skeleton.size() >= 2) given.insert(skeleton);
  }
  if (given.empty()) return false;
  const char* end = tokens[last].text.data() + tokens[last].text.size();
  for (size_t n = 0; n < 3 && n <= last; ++n) {
    const Token& from = tokens[last - n];
    if (n > 0 && from.text.data() + from.text.size() != tokens[last - n + 1].text.data()) break;
    std::string_view run(from.text.data(), static_cast<size_t>(end - from.text.data()));
    if (given.count(ConsonantSkeleton(TransliterationKey(run)))) return true;
  }
  return false;
}

// True when `tokens[k]` opens a sentence, a paragraph or a quote: the
// text's first word, or one after . ! ? : a line break or an opening mark.
bool StartsSentence(const std::vector<Token>& tokens, size_t k) {
  if (k == 0) return true;
  const char* from = tokens[k - 1].text.data() + tokens[k - 1].text.size();
  std::string_view gap(from, static_cast<size_t>(tokens[k].text.data() - from));
  return gap.find_first_of(".!?:\n\"(") != std::string_view::npos ||
         gap.find("\u201C") != std::string_view::npos ||
         gap.find("\u2018") != std::string_view::npos;
}

// True when an enumeration mark of CJK text, "、" or "，", stands between
// tokens `a` and `b` (a before b): «扎帕罗夫、塔吉克斯坦总统» lists two people.
bool ListedApart(const Token& a, const Token& b) {
  const char* from = a.text.data() + a.text.size();
  if (b.text.data() < from) return false;
  std::string_view gap(from, static_cast<size_t>(b.text.data() - from));
  return gap.find("\xE3\x80\x81") != std::string_view::npos ||  // 、
         gap.find("\xEF\xBC\x8C") != std::string_view::npos;    // ，
}

// True when token `i` opens a sentence: first, or after '.', '!', '?', a
// line break or an opening quote with nothing but spaces between.
bool OpensSentence(const std::vector<Token>& tokens, size_t i) {
  if (i == 0) return true;
  const char* from = tokens[i - 1].text.data() + tokens[i - 1].text.size();
  std::string_view gap(from, static_cast<size_t>(tokens[i].text.data() - from));
  return gap.find_first_of(".!?\n") != std::string_view::npos ||
         gap.find("\xC2\xAB") != std::string_view::npos;  // «
}

// All-capitals text ("BAHIA COCOA REVIEW"): case tells nothing there.
bool IsShouting(const std::vector<Token>& tokens) {
  size_t cased = 0, caps = 0;
  for (const Token& t : tokens) {
    if (!HasLower(t.text) && t.text.size() == 1) continue;  // "A", "3"
    bool letters = false;
    for (unsigned char c : t.text)
      letters = letters || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!letters) continue;
    ++cased;
    if (!HasLower(t.text)) ++caps;
  }
  return cased >= 3 && caps * 10 >= cased * 7;
}

// What a folded token is matched as: without a possessive "'s", so
// "Pakistan's" and "Children's Fund" match however the alias was written.
std::string MatchKey(const std::string& folded) {
  size_t n = folded.size();
  if (n > 3 && folded[n - 2] == '\'' && folded[n - 1] == 's') return folded.substr(0, n - 2);
  return folded;
}

// A regnal number written after a name ("Mohammed VI", "Charles III"): the
// word before it is a monarch's given name, not someone's surname. A lone
// "I" is left out: it is as often the pronoun.
bool IsRegnalNumber(std::string_view text) {
  if (text.empty() || text.size() > 5 || text == "I") return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
}

// Whether token `t` is written in the Arabic script (U+0600..U+06FF: lead
// bytes D8..DB), which has no capitals: the tokenizer reads every such word
// as capitalised, so case cannot tell a name from another word.
bool InArabicScript(const Token& t) {
  auto lead = static_cast<unsigned char>(t.text.empty() ? 0 : t.text[0]);
  return lead >= 0xD8 && lead <= 0xDB;
}

bool InOffice(const GazetteerEntry& leader, const std::string& iso) {
  return TermOn(leader, iso) != nullptr;
}

}  // namespace

std::string RoleOn(const GazetteerEntry& leader, const Date& date) {
  const Term* t = TermOn(leader, date.Iso());
  return t ? t->role : std::string();
}

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

struct EntityRecognizer::Context {
  const std::vector<Token>& tokens;
  // Tokens' folded forms without a possessive "'s" ("Pakistan's" matches
  // "Pakistan"), what the trie is walked with.
  std::vector<std::string> keys;
  std::optional<Date> date;
  std::string iso;  // date->Iso(), or "" without a date
  bool shouting;
  std::string_view language;                    // "" when unknown
  const std::vector<Mention>& named_elsewhere;  // Recognise()'s argument
};

struct EntityRecognizer::Pending {
  std::vector<const Pattern*> candidates;
  size_t first, end;
};

namespace {

// The folded tokens of `phrase`, as text is matched.
std::vector<std::string> FoldedWords(std::string_view phrase) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(phrase)) out.push_back(t.folded);
  return out;
}

}  // namespace

void EntityRecognizer::CompileRules() {
  auto fold_into = [](std::set<std::string, std::less<>>& set,
                      const std::vector<std::string>& words) {
    for (const std::string& w : words) {
      for (std::string& f : FoldedWords(w)) set.insert(std::move(f));
    }
  };
  auto fold_set = [](const std::vector<std::string>& words) {
    std::set<std::string> set;
    for (const std::string& w : words) {
      for (std::string& f : FoldedWords(w)) set.insert(std::move(f));
    }
    return set;
  };
  for (const LanguageRules& r : gazetteer_.Rules()) {
    fold_into(rules_.title, r.title_words);
    fold_into(rules_.neutral_before, r.neutral_before);
    fold_into(rules_.neutral_after, r.neutral_after);
    fold_into(rules_.first_name[r.language == "en" ? std::string() : r.language],
              r.first_name_countries);
    fold_into(rules_.acronym_words, r.common_word_acronyms);
    fold_into(rules_.company_forms, r.company_forms);
    fold_into(rules_.links, r.role_links);
    fold_into(rules_.articles, r.definite_articles);
    for (const auto& [phrase, role] : r.anaphoric_roles)
      rules_.anaphoric.emplace_back(FoldedWords(phrase), role);
    for (const std::string& phrase : r.role_predicates)
      rules_.predicates.emplace_back(FoldedWords(phrase), r.language);
    for (const std::string& prefix : r.role_prefixes)
      rules_.predicates.emplace_back(FoldedWords(prefix), r.language);
    for (const ContextRule& c : r.context_rules) {
      std::vector<std::string> key = FoldedWords(c.alias);
      if (key.size() != 1) continue;  // rules are for one-word names
      CompiledContextRule cr{fold_set(c.near), fold_set(c.prev), fold_set(c.next),
                             c.before,         c.after,          c.sentence_start};
      rules_.context[MatchKey(key[0])].push_back(std::move(cr));
    }
    if (!r.compounds.letters.empty()) {
      CompiledRules::Compounds& c = rules_.compounds[r.language];
      for (const auto& [letter, code] : r.compounds.letters) {
        // A code the gazetteer lacks names nothing (the rules file is data).
        if (const GazetteerEntry* e = gazetteer_.Find(EntityKind::kCountry, code))
          c.letters.emplace(letter, e);
      }
      c.not_before.insert(r.compounds.not_before.begin(), r.compounds.not_before.end());
      c.syllables.insert(r.compounds.syllables.begin(), r.compounds.syllables.end());
      c.joins_previous.insert(r.compounds.joins_previous.begin(), r.compounds.joins_previous.end());
      c.exceptions.insert(c.exceptions.end(), r.compounds.exceptions.begin(),
                          r.compounds.exceptions.end());
      c.before_titles.insert(c.before_titles.end(), r.compounds.before_titles.begin(),
                             r.compounds.before_titles.end());
    }
    for (const RoleRule& rr : r.roles) {
      std::vector<std::string> words = FoldedWords(rr.phrase);
      if (!words.empty())
        rules_.roles.push_back({std::move(words), rr.role, rr.side, rr.country, r.language});
    }
  }
  // Longer role phrases first, so the first that matches is the longest.
  std::stable_sort(
      rules_.roles.begin(), rules_.roles.end(),
      [](const CompiledRole& a, const CompiledRole& b) { return a.words.size() > b.words.size(); });
}

void EntityRecognizer::AddPattern(const std::vector<std::string>& words, Pattern p) {
  uint32_t node = 0;
  for (const std::string& w : words) {
    auto it = nodes_[node].next.find(w);
    if (it == nodes_[node].next.end()) {
      nodes_.emplace_back();
      it = nodes_[node].next.emplace(w, static_cast<uint32_t>(nodes_.size() - 1)).first;
    }
    node = it->second;
  }
  // One pattern per (entry, type) at a node: duplicates would count twice.
  for (uint32_t k : nodes_[node].patterns) {
    Pattern& q = patterns_[k];
    // Languages apart: Spanish «Pekín» and French «Pékin» fold alike, but
    // each counts only in its own language.
    if (q.entry == p.entry && q.type == p.type && q.upper_only == p.upper_only &&
        q.only_language == p.only_language && q.declared_only == p.declared_only) {
      // A rules file that marks the name a given name («Сальвадор») marks the
      // copy ICU's names gave first.
      q.ambiguous = q.ambiguous || p.ambiguous;
      return;
    }
  }
  patterns_.push_back(std::move(p));
  nodes_[node].patterns.push_back(static_cast<uint32_t>(patterns_.size() - 1));
}

EntityRecognizer::EntityRecognizer(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
  CompileRules();
  nodes_.emplace_back();
  for (const GazetteerEntry& e : gazetteer.entries()) {
    if (e.kind == EntityKind::kLeader) leaders_by_country_[e.country].push_back(&e);
    for (const Term& t : e.terms) {
      auto& heads = leaders_by_organisation_[t.organisation];
      if (!t.organisation.empty() && (heads.empty() || heads.back() != &e)) heads.push_back(&e);
    }
    if (e.kind == EntityKind::kLeader) {
      for (const Alias& a : e.aliases) {
        if (a.type != AliasType::kName || a.generated || !IsAscii(a.text) ||
            a.text.find(' ') == std::string::npos)
          continue;
        std::string key = TransliterationKey(a.text);
        if (key.size() < kMinTransliteratedName) continue;
        std::vector<const GazetteerEntry*>& hits = leaders_by_key_[key];
        if (std::find(hits.begin(), hits.end(), &e) == hits.end()) hits.push_back(&e);
      }
    }
    for (const Coverage& c : e.covers) covered_by_[c.code].push_back({&e, c.end});
    for (const Alias& a : e.aliases) {
      std::vector<Token> toks = Tokenize(a.text);
      if (toks.size() > 1 && toks[0].folded == "the") toks.erase(toks.begin());
      if (toks.empty()) continue;
      std::vector<std::string> words;
      bool all_caps = true;
      for (const Token& t : toks) {
        words.push_back(MatchKey(t.folded));
        all_caps = all_caps && (t.all_caps || (IsAscii(t.text) && !HasLower(t.text)));
      }
      Pattern p{};
      p.entry = a.type == AliasType::kBlocker ? nullptr : &e;
      p.type = a.type;
      p.length = static_cast<uint16_t>(words.size());
      // "USA", "UK", "G20": written in capitals, so "us" the pronoun or a
      // lower-case "uk" is not a match. An acronym the gazetteer spells in
      // mixed case ("Comecon", "Euratom", "Opec") is written that way in
      // running text, so it is matched like a name: capitalised.
      p.upper_only = all_caps && a.type != AliasType::kHandle && a.type != AliasType::kBlocker;
      p.ambiguous = a.ambiguous;
      p.common_word = words.size() == 1 && rules_.acronym_words.count(words[0]) > 0;
      p.since = a.since;
      p.any_case = a.any_case;
      // A language's alias in a script other languages share ("china",
      // "Rom", "Santiago" in Latin; «米» in Han) may be an everyday word or
      // another place in English or in another language of that script: it
      // counts only in articles declared in its language. Cyrillic and
      // Arabic aliases cannot collide so among our languages, and count
      // everywhere unless marked only_language.
      // Han characters and kana are shared by Chinese and Japanese the same
      // way (Japanese «米» is the US, Chinese «米» rice or a metre).
      bool latin = std::any_of(a.text.begin(), a.text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      });
      bool han = std::any_of(a.text.begin(), a.text.end(), [](char c) {
        unsigned char u = static_cast<unsigned char>(c);
        return u >= 0xE3 && u <= 0xE9;  // U+3000..U+9FFF: CJK punctuation, kana, ideographs
      });
      bool shared = latin || han;
      if (!a.language.empty() && a.language != "en" && (a.only_language || shared)) {
        p.only_language = a.language;
        p.declared_only = shared;
      }
      AddPattern(words, p);
    }
  }
  // Leaders' given names: the first word of their full names in Latin
  // letters ("Michelle" of Michelle Bachelet), less titles, neutral words
  // and one-word names of countries or organisations ("Sheikh", "Said").
  for (const GazetteerEntry& e : gazetteer.entries()) {
    if (e.kind != EntityKind::kLeader) continue;
    for (const Alias& a : e.aliases) {
      if (a.type != AliasType::kName || !IsAscii(a.text)) continue;
      std::vector<Token> toks = Tokenize(a.text);
      if (toks.size() < 2 || toks[0].text.size() < 3 || !toks[0].capitalised || toks[0].all_caps)
        continue;
      const std::string& w = toks[0].folded;
      if (!rules_.title.count(w) && !rules_.neutral_before.count(w) && !NamesNonPerson(w))
        given_names_.insert(w);
    }
  }
}

bool EntityRecognizer::Admissible(const Pattern& p, const Context& ctx, size_t i) const {
  const std::vector<Token>& tokens = ctx.tokens;
  const Token& first = tokens[i];
  size_t end = i + p.length;
  if (p.type == AliasType::kHandle) return first.at_sign;
  if (first.at_sign) return false;
  if (!p.only_language.empty() &&
      (ctx.language.empty() ? p.declared_only : ctx.language != p.only_language))
    return false;
  if (p.type == AliasType::kBlocker) return true;
  if (!p.since.empty() && (ctx.iso.empty() || ctx.iso < p.since)) return false;
  if (p.upper_only) {
    for (size_t k = i; k < end; ++k) {
      if (NotAllCaps(tokens[k])) return false;
    }
    if (ctx.shouting && p.common_word && first.text.find('.') == std::string_view::npos)
      return false;
  } else if (!ctx.shouting && !first.capitalised && !p.any_case) {
    return false;
  }
  if (p.entry->kind == EntityKind::kOrganisation && end < tokens.size() && !ctx.shouting) {
    const Token& next = tokens[end];
    // A capitalised legal form, not the start of a compound ("EC co-operation");
    // in a shouted headline "EC AG MINISTERS" may be anything.
    const char* after = next.text.data() + next.text.size();
    bool hyphen =
        end + 1 < tokens.size() && tokens[end + 1].text.data() == after + 1 && *after == '-';
    if (Adjacent(tokens[end - 1], next) && next.capitalised && !hyphen &&
        rules_.company_forms.count(next.folded))
      return false;
  }
  if (p.length == 1 && !ctx.shouting) {
    auto rules = rules_.context.find(ctx.keys[i]);
    if (rules != rules_.context.end()) {
      for (const CompiledContextRule& r : rules->second) {
        if (r.sentence_start && first.capitalised && OpensSentence(tokens, i)) return false;
      }
    }
  }
  return true;
}

bool EntityRecognizer::NameHolds(const Pattern& p, const Context& ctx, size_t i) const {
  const std::vector<Token>& tokens = ctx.tokens;
  // Chinese and Japanese join a foreign name's parts with a middle dot
  // (米歇尔·奥巴马, ミシェル・オバマ): a leader's name after another word and
  // a dot is the surname of someone else, Michelle Obama, not Barack,
  // unless that word may be the leader's own given name spelled otherwise
  // than the names list it (巴拉克·奥巴马 for 贝拉克·奥巴马).
  if (i > 0 && p.entry && p.entry->kind == EntityKind::kLeader &&
      JoinedByNameDot(tokens[i - 1], tokens[i]) && !OwnGivenName(tokens, i - 1, *p.entry))
    return false;
  // English: a leader's one-word name right after a capitalised word that
  // is no title, no neutral word, no possessive, no country's or
  // organisation's one-word name ("Russian", "Pakistan's"), no sentence's first word ("Senior
  // Reagan aides") unless a leader's given name ("Michelle Obama said" opening a sentence), and no
  // spelling of the leader's own given name ("Mikhael Gorbachev", "Yassir Arafat") ends someone
  // else's name: "Michelle Obama", "Elvis Costello", as "Sadiq Khan" below.
  // Not in languages that capitalise nouns or titles (Kanzler Scholz), nor in a headline written in
  // capitals.
  if (p.length == 1 && i > 0 && !ctx.shouting && ctx.language == "en" && p.entry &&
      p.entry->kind == EntityKind::kLeader && p.type == AliasType::kName) {
    const Token& prev = tokens[i - 1];
    if (NameWordBefore(tokens, i) && ctx.keys[i - 1] == prev.folded &&
        !rules_.title.count(prev.folded) && !NamesNonPerson(ctx.keys[i - 1]) &&
        (!StartsSentence(tokens, i - 1) || given_names_.count(ctx.keys[i - 1]) > 0) &&
        !OwnGivenName(tokens, i - 1, *p.entry))
      return false;
  }
  if (!p.ambiguous || ctx.shouting || p.length != 1) return true;
  const Token& first = tokens[i];
  size_t end = i + p.length;

  // An ambiguous one-word name: ask its neighbours.
  const std::string& w = ctx.keys[i];
  if (NameWordBefore(tokens, i)) return false;  // "Michael Jordan", "Sadiq Khan"
  auto given_name = [&](std::string_view language) {
    auto names = rules_.first_name.find(language);
    return names != rules_.first_name.end() && names->second.count(w) > 0;
  };
  if (end < tokens.size() &&
      (given_name("") || (!ctx.language.empty() && given_name(ctx.language)))) {
    const Token& next = tokens[end];
    if (Adjacent(first, next) && next.capitalised && !next.all_caps &&
        !rules_.neutral_after.count(next.folded))
      return false;  // "Chad Smith", "Jordan Peterson"
  }
  // The word's context rules ("turkey" near "roast", "china" before "plates").
  auto rules = rules_.context.find(w);
  if (rules == rules_.context.end()) return true;
  for (const CompiledContextRule& r : rules->second) {
    if (i > 0 && r.prev.count(tokens[i - 1].folded)) return false;
    if (end < tokens.size() && r.next.count(tokens[end].folded)) return false;
    if (r.near.empty()) continue;
    size_t from = i >= static_cast<size_t>(r.before) ? i - r.before : 0;
    size_t to = std::min(tokens.size(), end + r.after);
    for (size_t k = from; k < to; ++k) {
      if (k != i && r.near.count(tokens[k].folded)) return false;
    }
  }
  return true;
}

bool EntityRecognizer::NameWordBefore(const std::vector<Token>& tokens, size_t i) const {
  if (i == 0) return false;
  const Token& prev = tokens[i - 1];
  if (!Adjacent(prev, tokens[i]) || !prev.capitalised || prev.all_caps ||
      rules_.neutral_before.count(prev.folded))
    return false;
  // Arabic has no capitals: a word there is taken for part of a name
  // («فلورنتينو بيريز», «سيف الإسلام القذافي») unless marked as another
  // kind of word («قال القذافي», «وزير الخارجية كيري»).
  return !InArabicScript(prev) || !MarkedNonName(prev);
}

bool EntityRecognizer::MarkedNonName(const Token& t) const {
  if (rules_.neutral_before.count(t.folded) || rules_.neutral_after.count(t.folded) ||
      rules_.title.count(t.folded) || NamesNonPerson(MatchKey(t.folded)))
    return true;
  return std::any_of(rules_.roles.begin(), rules_.roles.end(), [&](const CompiledRole& r) {
    return std::find(r.words.begin(), r.words.end(), t.folded) != r.words.end();
  });
}

bool EntityRecognizer::NamesNonPerson(const std::string& key) const {
  auto it = nodes_[0].next.find(key);
  if (it == nodes_[0].next.end()) return false;
  for (uint32_t pi : nodes_[it->second].patterns) {
    const GazetteerEntry* e = patterns_[pi].entry;
    if (e && e->kind != EntityKind::kLeader) return true;
  }
  return false;
}

const GazetteerEntry* EntityRecognizer::CountryOn(const GazetteerEntry* country,
                                                  const std::optional<Date>& date) const {
  if (!country || !date || country->kind != EntityKind::kCountry) return country;
  auto it = covered_by_.find(country->id);
  if (it == covered_by_.end()) return country;
  std::string iso = date->Iso();
  for (const auto& [state, end] : it->second) {
    if (iso < end) return state;
  }
  return country;
}

const GazetteerEntry* EntityRecognizer::LeaderInRole(const GazetteerEntry& place,
                                                     std::string_view role,
                                                     const Date& date) const {
  const bool body = place.kind == EntityKind::kOrganisation;
  const auto& holders = body ? leaders_by_organisation_ : leaders_by_country_;
  auto it = holders.find(place.id);
  if (it == holders.end()) return nullptr;
  const std::string_view organisation = body ? std::string_view(place.id) : std::string_view();
  std::string iso = date.Iso();
  const GazetteerEntry* head = nullptr;
  int heads = 0;
  for (const GazetteerEntry* e : it->second) {
    for (const Term& t : e->terms) {
      if (t.organisation != organisation || t.start.empty() || iso < t.start ||
          (!t.end.empty() && iso >= t.end))
        continue;
      if (t.role == role) return e;
      if (body && role == "head" && head != e) {
        head = e;
        ++heads;
      }
    }
  }
  return heads == 1 ? head : nullptr;
}

void EntityRecognizer::MatchAliases(const Context& ctx, std::vector<Mention>& mentions,
                                    std::vector<Pending>& pending) const {
  const std::vector<Token>& tokens = ctx.tokens;
  std::vector<const Pattern*> best, valid;
  std::vector<const GazetteerEntry*> vetoed;
  for (size_t i = 0; i < tokens.size();) {
    uint32_t node = 0;
    size_t best_len = 0;
    best.clear();
    for (size_t k = i; k < tokens.size(); ++k) {
      auto it = nodes_[node].next.find(ctx.keys[k]);
      if (it == nodes_[node].next.end()) break;
      node = it->second;
      valid.clear();
      vetoed.clear();
      for (uint32_t pi : nodes_[node].patterns) {
        const Pattern& p = patterns_[pi];
        if (!Admissible(p, ctx, i)) continue;
        if (NameHolds(p, ctx, i)) {
          valid.push_back(&p);
        } else {
          vetoed.push_back(p.entry);
        }
      }
      // A language that marks a name as also a given name («Israel Katz» in
      // Spanish) overrules the same name's plain alias from another source
      // (the English gazetteer, ICU's names), when its neighbours make it a
      // person's name. The other checks passed, so the veto applies only
      // in the language the marking pattern counts in.
      if (!vetoed.empty()) {
        valid.erase(std::remove_if(valid.begin(), valid.end(),
                                   [&](const Pattern* p) {
                                     return std::find(vetoed.begin(), vetoed.end(), p->entry) !=
                                            vetoed.end();
                                   }),
                    valid.end());
      }
      if (!valid.empty()) {
        best.swap(valid);
        best_len = k - i + 1;
      }
    }
    if (best.empty()) {
      ++i;
      continue;
    }
    // A blocker ("New Mexico") yields nothing, unless an entry has the very
    // same alias ("Organization of American States" is the OAS).
    best.erase(std::remove_if(best.begin(), best.end(), [](const Pattern* p) { return !p->entry; }),
               best.end());
    if (!best.empty()) {
      std::set<const GazetteerEntry*> entries;
      bool context_only = true;
      for (const Pattern* p : best) {
        entries.insert(p->entry);
        context_only = context_only && p->type == AliasType::kContext;
      }
      if (entries.size() == 1 && !context_only) {
        mentions.push_back({best[0]->entry, best[0]->type, i, i + best_len, false});
      } else {
        pending.push_back({best, i, i + best_len});
      }
    }
    i += best_len;
  }
}

void EntityRecognizer::ResolveAmbiguous(const Context& ctx, const std::vector<Pending>& pending,
                                        std::vector<Mention>& mentions) const {
  const std::vector<Token>& tokens = ctx.tokens;
  std::set<const GazetteerEntry*> certain;
  for (const Mention& m : mentions) certain.insert(m.entry);
  for (const Mention& m : ctx.named_elsewhere) certain.insert(m.entry);
  // The token ranges of each leader's names of two words or more, for a
  // surname two of them share.
  std::map<const GazetteerEntry*, std::vector<std::pair<size_t, size_t>>> full_names;
  for (const Mention& m : mentions) {
    if (m.entry->kind == EntityKind::kLeader && m.end_token - m.first_token >= 2)
      full_names[m.entry].emplace_back(m.first_token, m.end_token);
  }
  // In text order, so that the names around a surname are found by binary
  // search: a scan of every earlier name per surname grows with the square
  // of a long text.
  for (auto& [entry, ranges] : full_names) std::sort(ranges.begin(), ranges.end());
  // Where each surname was last part of someone else's full name ("António
  // Guterres", no entry's): a later bare "Guterres" is that person, not a
  // gazetteer leader of that surname, until a full name of theirs comes.
  std::map<std::string, size_t> other_person;
  auto surname_key = [&](size_t first, size_t end) {
    std::string key;
    for (size_t k = first; k < end; ++k) key += tokens[k].folded + " ";
    return key;
  };
  // The end of the last full-name mention ("Francisco Guterres") of a leader
  // whose name ends in the words `key`, before token `before`; 0 if none.
  // The ends of those full names per key, gathered once per key and sorted.
  std::map<std::string, std::vector<size_t>> full_name_ends;
  auto last_full_name = [&](const std::string& key, size_t before) {
    auto it = full_name_ends.find(key);
    if (it == full_name_ends.end()) {
      std::vector<size_t> ends;
      size_t n = std::count(key.begin(), key.end(), ' ');
      for (const Mention& m : mentions) {
        if (m.entry->kind == EntityKind::kLeader && m.end_token - m.first_token > n &&
            surname_key(m.end_token - n, m.end_token) == key)
          ends.push_back(m.end_token);
      }
      std::sort(ends.begin(), ends.end());
      it = full_name_ends.emplace(key, std::move(ends)).first;
    }
    auto after = std::upper_bound(it->second.begin(), it->second.end(), before);
    return after == it->second.begin() ? size_t{0} : *std::prev(after);
  };
  for (const Pending& p : pending) {
    std::set<const GazetteerEntry*> entries;
    for (const Pattern* c : p.candidates) entries.insert(c->entry);
    const GazetteerEntry* chosen = nullptr;
    AliasType via = p.candidates[0]->type;
    std::vector<const GazetteerEntry*> known;
    for (const GazetteerEntry* e : entries) {
      if (certain.count(e)) known.push_back(e);
    }
    // An acronym or name against people's bare surnames only ("UNO" the
    // United Nations in German, "Uno" a Japanese prime minister's surname):
    // a surname counts only after a title or a first name, so the other wins.
    std::set<const GazetteerEntry*> plain;
    for (const Pattern* c : p.candidates) {
      if (c->type != AliasType::kContext) plain.insert(c->entry);
    }
    const bool surname_only =
        std::all_of(p.candidates.begin(), p.candidates.end(),
                    [](const Pattern* c) { return c->type == AliasType::kContext; });
    // A surname after a title, or inside another name: a first name before
    // it or a name going on after it ("Sadiq Khan", "Khan Market").
    const Token& first = tokens[p.first];
    bool titled = p.first > 0 && rules_.title.count(tokens[p.first - 1].folded) &&
                  Adjacent(tokens[p.first - 1], first);
    bool named_other = false;
    bool name_follows = false;  // "General Antonio Guterres": another person
    // Han and kana have no capitals: every neighbour would look like a
    // name, so a surname written in them (林外相は) asks the date alone.
    auto u = static_cast<unsigned char>(first.text.empty() ? 0 : first.text[0]);
    bool caseless = u >= 0xE3 && u <= 0xE9;  // U+3000..U+9FFF
    if (!ctx.shouting && !caseless && p.end < tokens.size()) {
      const Token& next = tokens[p.end];
      name_follows = Adjacent(tokens[p.end - 1], next) && next.capitalised && !next.all_caps &&
                     !rules_.neutral_after.count(next.folded) &&
                     !(InArabicScript(next) && MarkedNonName(next));
    }
    if (!titled && !ctx.shouting && !caseless) {
      named_other = NameWordBefore(tokens, p.first) || name_follows;
    }
    const std::string key = surname_key(p.first, p.end);
    auto other = other_person.find(key);
    const bool other_named_last = surname_only && other != other_person.end() &&
                                  other->second >= last_full_name(key, p.first);
    if (named_other && surname_only) other_person[key] = p.end;
    if (known.size() == 1 && !other_named_last && !(named_other && surname_only)) {
      chosen = known[0];
    } else if (known.size() > 1 && surname_only && !named_other) {
      // Two people of the surname named in full ("Antonio Guterres met
      // President Francisco Guterres. Guterres said"): the one named last,
      // else (the surname comes first) the one named next.
      const size_t words = p.end - p.first;
      size_t last = 0;
      const GazetteerEntry* next = nullptr;
      size_t next_at = tokens.size();
      for (const GazetteerEntry* e : known) {
        auto named = full_names.find(e);
        if (named == full_names.end()) continue;
        const auto& ranges = named->second;
        // The last name of more words than the surname ending by p.first,
        // and the first one starting from p.end.
        auto from =
            std::lower_bound(ranges.begin(), ranges.end(), std::make_pair(p.end, size_t{0}));
        for (auto r = from; r != ranges.begin();) {
          --r;
          if (r->second - r->first <= words || r->second > p.first) continue;
          if (r->second >= last) {
            last = r->second;
            chosen = e;
          }
          break;
        }
        for (auto r = from; r != ranges.end(); ++r) {
          if (r->second - r->first <= words) continue;
          if (r->first < next_at) {
            next_at = r->first;
            next = e;
          }
          break;
        }
      }
      if (!chosen) chosen = next;
    } else if (known.empty() && plain.size() == 1 && entries.size() > 1 &&
               (*plain.begin())->kind != EntityKind::kLeader) {
      chosen = *plain.begin();
    } else if (known.empty() && p.candidates[0]->entry->kind == EntityKind::kLeader &&
               !(p.end < tokens.size() && Adjacent(tokens[p.end - 1], tokens[p.end]) &&
                 IsRegnalNumber(tokens[p.end].text))) {
      // A bare surname: after a title, or (with a date) when exactly one
      // candidate held office then and no first name or company word
      // surrounds it.
      std::vector<const GazetteerEntry*> serving;
      if (!ctx.iso.empty()) {
        for (const GazetteerEntry* e : entries) {
          if (InOffice(*e, ctx.iso)) serving.push_back(e);
        }
      }
      if (other_named_last) {
        // "António Guterres ... Guterres said": the person named in full.
      } else if (serving.size() == 1 && !named_other) {
        chosen = serving[0];
      } else if (titled && entries.size() == 1 && !(name_follows && serving.empty())) {
        // A title before a name that goes on ("Secretary-General Antonio
        // Guterres") is someone else's, unless the candidate held office then.
        chosen = *entries.begin();
      }
    }
    if (chosen) mentions.push_back({chosen, via, p.first, p.end, false});
  }
}

// A language's role phrases apply to its articles and to articles of
// unknown language: "president" is French «président» folded, and must not
// read "President Russia" in English text.
bool EntityRecognizer::ForLanguage(const CompiledRole& r, std::string_view language) {
  return language.empty() || r.language == language;
}

namespace {

// Words apart by a space or nothing, or joined by a hyphen: a phrase
// written «премьер-министр» splits into two tokens.
bool Joined(const Token& a, const Token& b) {
  const char* gap = a.text.data() + a.text.size();
  return Adjacent(a, b) || (b.text.data() == gap + 1 && *gap == '-');
}

// Whether the folded `words` stand at token `t`, each joined to the last.
template <typename Words>
bool PhraseAt(const std::vector<Token>& tokens, size_t t, const Words& words) {
  if (t + words.size() > tokens.size()) return false;
  for (size_t k = 0; k < words.size(); ++k) {
    if (tokens[t + k].folded != words[k]) return false;
    if (t + k > 0 && k > 0 && !Joined(tokens[t + k - 1], tokens[t + k])) return false;
  }
  return true;
}

// Whether a leader's mention starts at token `t`.
bool LeaderAt(const std::vector<Mention>& mentions, size_t t) {
  return std::any_of(mentions.begin(), mentions.end(), [&](const Mention& o) {
    return o.first_token == t && o.entry->kind == EntityKind::kLeader;
  });
}

}  // namespace

std::vector<Mention> EntityRecognizer::ResolveRoles(const Context& ctx,
                                                    const std::vector<Mention>& mentions) const {
  const std::vector<Token>& tokens = ctx.tokens;
  const Date& date = *ctx.date;
  std::vector<Mention> roles;
  for (const RoleReference& r : RolePhrasesIn(ctx, mentions)) {
    if (const GazetteerEntry* leader = r.place ? LeaderInRole(*r.place, r.role, date) : nullptr)
      roles.push_back({leader, AliasType::kName, r.first_token, r.end_token, true});
  }
  // "the premier" after "Prime Minister Imran Khan": the last named holder.
  for (size_t t = 0; t + 1 < tokens.size(); ++t) {
    if (!rules_.articles.count(tokens[t].folded)) continue;
    for (const auto& [words, role] : rules_.anaphoric) {
      if (!PhraseAt(tokens, t + 1, words)) continue;
      size_t end = t + 1 + words.size();
      if (end < tokens.size() && (tokens[end].folded == "of" || LeaderAt(mentions, end))) break;
      const GazetteerEntry* antecedent = nullptr;
      for (const Mention& m : mentions) {
        if (m.first_token >= t) break;
        if (m.entry->kind == EntityKind::kLeader && RoleOn(*m.entry, date) == role)
          antecedent = m.entry;
      }
      if (antecedent) roles.push_back({antecedent, AliasType::kName, t, end, true});
      break;
    }
  }
  return roles;
}

std::vector<RoleReference> EntityRecognizer::RolePhrasesIn(
    const Context& ctx, const std::vector<Mention>& mentions) const {
  const std::vector<Token>& tokens = ctx.tokens;
  auto joined = [](const Token& a, const Token& b) { return Joined(a, b); };
  auto phrase_at = [&](size_t t, const auto& words) { return PhraseAt(tokens, t, words); };
  auto leader_at = [&](size_t t) { return LeaderAt(mentions, t); };
  // A leader named right before the phrase («プーチン・ロシア大統領»), not one
  // that ends the previous item of a list («…总统扎帕罗夫、塔吉克斯坦总统拉赫蒙»).
  auto leader_ending_at = [&](size_t t) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const Mention& o) {
      return o.end_token == t && o.entry->kind == EntityKind::kLeader &&
             !(t < tokens.size() && t > 0 && ListedApart(tokens[t - 1], tokens[t]));
    });
  };

  // A predicate word of the article's language right before token `t`
  // («als», «en tant que»): what follows is a role someone takes or plays;
  // or a prefix joined to it, by a space or a hyphen («вице-премьер», «ex
  // presidente»): a deputy's or a former holder's office.
  auto predicate_before = [&](size_t t) {
    return std::any_of(
        rules_.predicates.begin(), rules_.predicates.end(), [&](const auto& predicate) {
          const auto& [words, language] = predicate;
          return (ctx.language.empty() || ctx.language == language) && t >= words.size() &&
                 joined(tokens[t - 1], tokens[t]) && phrase_at(t - words.size(), words);
        });
  };
  std::vector<RoleReference> roles;
  std::set<size_t> role_taken;  // first tokens of role phrases already resolved
  auto add_role = [&](const GazetteerEntry* place, std::string_view role, size_t first, size_t end,
                      size_t role_first, size_t /*role_end*/) {
    // "Russian President Vladimir Putin", "الرئيس الأوكراني فولوديمير
    // زيلينسكي", "プーチン大統領": the name next to the phrase is already a
    // mention; the role adds nothing.
    if (leader_at(end) || leader_ending_at(first)) return;
    // «Stocker als Bundeskanzler angelobt», «Merz will als Bundeskanzler…»:
    // the role of the person the sentence is about, who may not hold it
    // yet; not the holder of the day.
    if (predicate_before(std::min(first, role_first))) return;
    if (!role_taken.insert(role_first).second) return;
    roles.push_back({place, std::string(role), first, end});
  };
  // A full name the gazetteer does not know right after the phrase, two
  // words that open with a capital letter of a cased script: the phrase is
  // that person's title («Bundeskanzler Christian Stocker» is Austria's, not
  // the German chancellor). Han has no capitals: 国家主席出席 stays a role.
  auto unknown_name_follows = [&](size_t end) {
    auto cased_capital = [&](size_t k) {
      const Token& w = tokens[k];
      return w.capitalised && !w.all_caps && !w.text.empty() && !w.folded.empty() &&
             w.text.substr(0, 1) != w.folded.substr(0, 1) && Adjacent(tokens[k - 1], w) &&
             std::none_of(mentions.begin(), mentions.end(),
                          [&](const Mention& o) { return o.first_token <= k && k < o.end_token; });
    };
    return end + 1 < tokens.size() && cased_capital(end) && cased_capital(end + 1);
  };
  // "UN Secretary-General", "NATO chief", "head of the IAEA", "President of
  // the European Commission" (English): an organisation's office after it,
  // or before "of" and "the".
  auto add_organisation_role = [&](const Mention& m) {
    const std::string& last = tokens[m.end_token - 1].folded;
    auto fits = [&](const OrganisationRolePhrase& rp) {
      return rp.body_word.empty() || rp.body_word == last;
    };
    // "U.N. secretary-general": the acronym's last dot stands between.
    auto next_to = [&](const Token& a, const Token& b) {
      const char* gap = a.text.data() + a.text.size();
      return Adjacent(a, b) || (m.via == AliasType::kAcronym && b.text.data() == gap + 2 &&
                                gap[0] == '.' && gap[1] == ' ');
    };
    // Someone else's office: a deputy's, a former or an acting holder's
    // ("vice-president of the European Commission", "acting OPEC secretary
    // general").
    auto deputy_before = [&](size_t t) {
      static const std::set<std::string_view> kDeputies = {
          "vice", "deputy", "former", "acting", "ex", "assistant", "under", "interim"};
      return t > 0 && kDeputies.count(tokens[t - 1].folded) > 0;
    };
    const size_t body_first = m.first_token > 0 && tokens[m.first_token - 1].folded == "the"
                                  ? m.first_token - 1
                                  : m.first_token;
    for (const OrganisationRolePhrase& rp : OrganisationRolePhrases()) {
      if (!fits(rp) || m.end_token >= tokens.size() ||
          !next_to(tokens[m.end_token - 1], tokens[m.end_token]) ||
          !phrase_at(m.end_token, rp.words))
        continue;
      size_t end = m.end_token + rp.words.size();
      // "acting OPEC secretary general Adnan Shihab-Eldin": the title of a
      // person the gazetteer does not know.
      if (!deputy_before(body_first) && !unknown_name_follows(end))
        add_role(m.entry, rp.role, m.first_token, end, m.end_token, end);
      return;
    }
    size_t of = body_first;
    if (of == 0 || tokens[of - 1].folded != "of") return;
    // The body's name goes on ("head of the UN Office for the Coordination
    // of Humanitarian Affairs", "head of the UN refugee agency"): another
    // body. A verb or a break may follow ("the IAEA said", "the IAEA,").
    if (m.end_token < tokens.size() && Adjacent(tokens[m.end_token - 1], tokens[m.end_token])) {
      static const std::set<std::string_view> kAfterBody = {
          "said", "says", "told", "has", "had", "was", "is",   "will", "would",  "and",
          "on",   "in",   "at",   "who", "to",  "for", "from", "with", "warned", "urged"};
      if (!kAfterBody.count(tokens[m.end_token].folded)) return;
    }
    for (const OrganisationRolePhrase& rp : OrganisationRolePhrases()) {
      size_t n = rp.words.size();
      if (!fits(rp) || of - 1 < n || !phrase_at(of - 1 - n, rp.words)) continue;
      if (!deputy_before(of - 1 - n))
        add_role(m.entry, rp.role, of - 1 - n, m.end_token, of - 1 - n, of - 1);
      return;
    }
  };
  for (const Mention& m : mentions) {
    if (m.entry->kind == EntityKind::kLeader ||
        (m.via != AliasType::kName && m.via != AliasType::kDemonym && m.via != AliasType::kAcronym))
      continue;
    if (m.entry->kind == EntityKind::kOrganisation &&
        (ctx.language.empty() || ctx.language == "en"))
      add_organisation_role(m);
    // "the Russian president", "Pakistani Prime Minister" (English, shared
    // with the searcher's role queries).
    if (m.entry->kind == EntityKind::kCountry && m.via != AliasType::kAcronym) {
      for (const RolePhrase& rp : RolePhrases()) {
        if (m.end_token >= tokens.size() ||
            !Adjacent(tokens[m.end_token - 1], tokens[m.end_token]) ||
            !phrase_at(m.end_token, rp.words))
          continue;
        size_t end = m.end_token + rp.words.size();
        add_role(m.entry, rp.role, m.first_token, end, m.end_token, end);
        break;
      }
    }
    // Other languages' role phrases, before or after the country, maybe
    // across link words: «российский президент», «президент России»,
    // "俄罗斯总统", "le président de la Russie", "الرئيس الروسي".
    // An organisation's office may be joined to its name by a hyphen
    // («UN-Generalsekretär», «Nato-Chef»).
    const bool body = m.entry->kind == EntityKind::kOrganisation;
    for (const CompiledRole& r : rules_.roles) {
      if (!r.country.empty() || !ForLanguage(r, ctx.language)) continue;
      size_t n = r.words.size();
      bool found = false;
      if (r.side == "before" || r.side == "either") {
        // Skip up to two link words after the country ("ロシアの大統領").
        size_t at = m.end_token;
        for (int skip = 0; skip <= 2 && !found && at < tokens.size(); ++skip) {
          bool next_to =
              body ? joined(tokens[at - 1], tokens[at]) : Adjacent(tokens[at - 1], tokens[at]);
          if (next_to && phrase_at(at, r.words)) {
            add_role(m.entry, r.role, m.first_token, at + n, at, at + n);
            found = true;
          }
          if (!rules_.links.count(tokens[at].folded)) break;
          ++at;
        }
      }
      if (!found && (r.side == "after" || r.side == "either")) {
        // Skip up to two link words back from the country ("de la").
        size_t start = m.first_token;
        for (int skip = 0; skip <= 2 && !found; ++skip) {
          if (start >= n && phrase_at(start - n, r.words) &&
              Adjacent(tokens[start - 1], tokens[start])) {
            add_role(m.entry, r.role, start - n, m.end_token, start - n, start);
            found = true;
          }
          if (start == 0 || !rules_.links.count(tokens[start - 1].folded)) break;
          --start;
        }
      }
      if (found) break;
    }
  }
  // A country named right after the phrase, across link words, or a country
  // name the phrase runs into («président de la République du Sénégal»):
  // then the phrase is that country's office, resolved by the pass above.
  auto country_follows = [&](size_t end) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const Mention& o) {
      if (o.entry->kind != EntityKind::kCountry) return false;
      if (o.first_token < end) return o.end_token > end;
      for (size_t at = end; at < o.first_token; ++at) {
        if (at - end >= 2 || !rules_.links.count(tokens[at].folded)) return false;
      }
      return o.first_token < tokens.size() &&
             Adjacent(tokens[o.first_token - 1], tokens[o.first_token]);
    });
  };
  // Role phrases that name their country ("国家主席", «Председатель КНР»).
  for (const CompiledRole& r : rules_.roles) {
    if (r.country.empty() || !ForLanguage(r, ctx.language)) continue;
    for (size_t t = 0; t < tokens.size(); ++t) {
      if (!phrase_at(t, r.words)) continue;
      size_t end = t + r.words.size();
      // Unless it is part of a longer match already ("副国家主席").
      bool inside = std::any_of(mentions.begin(), mentions.end(), [&](const Mention& o) {
        return o.entry->kind != EntityKind::kCountry && o.first_token < end && t < o.end_token;
      });
      if (!inside && !country_follows(end) && !unknown_name_follows(end))
        add_role(gazetteer_.Find(EntityKind::kCountry, r.country), r.role, t, end, t, end);
    }
  }
  return roles;
}

std::vector<Mention> EntityRecognizer::NamedMentions(const Context& ctx,
                                                     const RecognitionPasses& passes) const {
  std::vector<Mention> mentions;
  // Ambiguous matches wait until the whole text is read: an alias shared by
  // several entities ("Congo") or a bare surname ("Khan") is kept only when
  // the text names the entity unambiguously elsewhere, a title stands before
  // it, or (surnames) exactly one candidate held office on the date.
  std::vector<Pending> pending;
  MatchAliases(ctx, mentions, pending);
  if (passes.ambiguous) ResolveAmbiguous(ctx, pending, mentions);

  if (passes.compounds) MatchCompounds(ctx, mentions);
  if (passes.transliterated && ctx.date) MatchTransliterated(ctx, mentions);

  // The state of the day: "Bonn" in 1987 is West Germany.
  for (Mention& m : mentions) m.entry = CountryOn(m.entry, ctx.date);
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.first_token < b.first_token; });
  if (passes.definitions) ApplyDefinitions(ctx.tokens, mentions);
  return mentions;
}

std::vector<RoleReference> EntityRecognizer::FindRoles(const std::vector<Token>& tokens,
                                                       std::string_view language) const {
  const std::vector<Mention> none;
  Context ctx{tokens, {}, std::nullopt, std::string(), IsShouting(tokens), language, none};
  ctx.keys.reserve(tokens.size());
  for (const Token& t : tokens) ctx.keys.push_back(MatchKey(t.folded));
  std::vector<RoleReference> found = RolePhrasesIn(ctx, NamedMentions(ctx, {}));
  found.erase(std::remove_if(found.begin(), found.end(),
                             [](const RoleReference& r) { return r.place == nullptr; }),
              found.end());
  return found;
}

std::vector<Mention> EntityRecognizer::Recognise(
    const std::vector<Token>& tokens, std::optional<Date> date, std::string_view language,
    const RecognitionPasses& passes, const std::vector<Mention>& named_elsewhere) const {
  Context ctx{
      tokens,         {}, date, date ? date->Iso() : std::string(), IsShouting(tokens), language,
      named_elsewhere};
  ctx.keys.reserve(tokens.size());
  for (const Token& t : tokens) ctx.keys.push_back(MatchKey(t.folded));
  std::vector<Mention> mentions = NamedMentions(ctx, passes);
  auto by_position = [](const Mention& a, const Mention& b) {
    return a.first_token < b.first_token;
  };
  if (date && passes.roles) {
    std::vector<Mention> roles = ResolveRoles(ctx, mentions);
    mentions.insert(mentions.end(), roles.begin(), roles.end());
    std::stable_sort(mentions.begin(), mentions.end(), by_position);
  }
  for (Mention& m : mentions)
    m.position = static_cast<float>(m.first_token) / static_cast<float>(tokens.size());
  return mentions;
}

namespace {

// Bytes of the UTF-8 character that opens with byte `lead`.
size_t CharLength(char lead) {
  auto b = static_cast<unsigned char>(lead);
  return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

// Whether `ch` (one UTF-8 character) is a CJK unified ideograph (U+4E00..U+9FFF).
bool IsHan(std::string_view ch) {
  if (ch.size() != 3) return false;
  auto b0 = static_cast<unsigned char>(ch[0]), b1 = static_cast<unsigned char>(ch[1]);
  unsigned cp =
      ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (static_cast<unsigned char>(ch[2]) & 0x3Fu);
  return cp >= 0x4E00 && cp <= 0x9FFF;
}

// Whether the one-character country name of token `t` is written between
// two syllables of a transliterated name with no break (阿尔 / 巴 / 尼斯):
// the last character of the token before and the first of the token after
// are both in `syllables`.
bool InsideTransliteration(const std::vector<Token>& tokens, size_t t,
                           const std::set<std::string, std::less<>>& syllables) {
  if (syllables.empty() || t == 0 || t + 1 >= tokens.size() || !IsHan(tokens[t].text)) return false;
  const Token &prev = tokens[t - 1], &cur = tokens[t], &next = tokens[t + 1];
  if (prev.text.data() + prev.text.size() != cur.text.data() ||
      cur.text.data() + cur.text.size() != next.text.data() || prev.text.size() < 3 ||
      next.text.size() < 3)
    return false;
  return syllables.count(prev.text.substr(prev.text.size() - 3)) &&
         syllables.count(next.text.substr(0, 3));
}

}  // namespace

void EntityRecognizer::MatchTransliterated(const Context& ctx,
                                           std::vector<Mention>& mentions) const {
  const std::vector<Token>& tokens = ctx.tokens;
  std::vector<bool> taken(tokens.size(), false);
  for (const Mention& m : mentions) {
    for (size_t k = m.first_token; k < m.end_token && k < tokens.size(); ++k) taken[k] = true;
  }
  // A capitalised Cyrillic word (U+0400..U+04FF: lead bytes D0..D3) that no
  // mention holds.
  auto name_word = [&](size_t k) {
    const Token& t = tokens[k];
    auto lead = static_cast<unsigned char>(t.text.empty() ? 0 : t.text[0]);
    return !taken[k] && t.capitalised && !t.all_caps && lead >= 0xD0 && lead <= 0xD3;
  };
  for (size_t i = 0; i + 1 < tokens.size();) {
    size_t matched = 0;
    for (size_t n = 3; n >= 2 && !matched; --n) {
      if (i + n > tokens.size()) continue;
      bool words = true;
      std::string text;
      for (size_t k = i; k < i + n && words; ++k) {
        words = name_word(k) && (k == i || Adjacent(tokens[k - 1], tokens[k]));
        text += tokens[k].text;
        text += ' ';
      }
      if (!words) continue;
      std::string key = TransliterationKey(text);
      auto hit = leaders_by_key_.find(key);
      if (key.size() < kMinTransliteratedName || hit == leaders_by_key_.end() ||
          hit->second.size() != 1 || !InOffice(*hit->second[0], ctx.iso))
        continue;
      mentions.push_back({hit->second[0], AliasType::kName, i, i + n, false});
      matched = n;
    }
    i += matched ? matched : 1;
  }
}

void EntityRecognizer::MatchCompounds(const Context& ctx, std::vector<Mention>& mentions) const {
  auto found = rules_.compounds.find(ctx.language);
  if (found == rules_.compounds.end() || ctx.tokens.empty()) return;
  const CompiledRules::Compounds& c = found->second;
  const std::vector<Token>& tokens = ctx.tokens;
  // A one-character name inside a transliterated name (阿尔巴尼斯) is none.
  mentions.erase(std::remove_if(mentions.begin(), mentions.end(),
                                [&](const Mention& m) {
                                  return m.entry->kind == EntityKind::kCountry &&
                                         m.end_token == m.first_token + 1 &&
                                         InsideTransliteration(tokens, m.first_token, c.syllables);
                                }),
                 mentions.end());
  const char* text_end = tokens.back().text.data() + tokens.back().text.size();
  struct Letter {
    std::string_view ch;
    size_t token;
    const GazetteerEntry* entry;
  };
  std::vector<Letter> run;
  std::string_view before;  // the character before the run ("" after a gap)
  // The aliases already matched: the longest match wins, so 中日韩 in
  // 东盟与中日韩 (ASEAN Plus Three, one name) names no country, and a
  // letter that is an alias itself (Japanese 米, 韓) is not counted twice.
  const std::vector<Mention> aliases = mentions;
  auto inside_longer_name = [&](size_t first, size_t end) {
    return std::any_of(aliases.begin(), aliases.end(), [&](const Mention& m) {
      return m.first_token < end && first < m.end_token &&
             (m.first_token < first || m.end_token > end);
    });
  };
  auto already = [&](const GazetteerEntry* e, size_t token) {
    return std::any_of(aliases.begin(), aliases.end(), [&](const Mention& m) {
      return m.entry == e && m.first_token <= token && token < m.end_token;
    });
  };
  // Ends the run at `after` (the next character, "" at a gap) and keeps
  // what names countries.
  auto flush = [&](std::string_view after) {
    if (!run.empty() && !after.empty() && c.not_before.count(after)) run.pop_back();
    size_t from = 0;
    if (!run.empty() && IsHan(before) && c.joins_previous.count(run[0].ch)) from = 1;
    bool after_digit = !before.empty() && std::isdigit(static_cast<unsigned char>(before[0]));
    size_t n = run.size() - std::min(from, run.size());
    // One letter alone names its country right before an office title
    // (メルケル独首相, 英外相), as the press writes a leader's country.
    bool titled = false;
    if (n == 1) {
      const char* after_run = run.back().ch.data() + run.back().ch.size();
      std::string_view rest(after_run, static_cast<size_t>(text_end - after_run));
      for (const std::string& t : c.before_titles) titled |= rest.compare(0, t.size(), t) == 0;
    }
    if (!after_digit && ((n >= 2 && n <= 4) || titled)) {
      const char* start = run[from].ch.data();
      std::string_view rest(start, static_cast<size_t>(text_end - start));
      bool word = false;
      for (const std::string& e : c.exceptions) word |= rest.compare(0, e.size(), e) == 0;
      std::set<const GazetteerEntry*> distinct;
      for (size_t k = from; k < run.size(); ++k) distinct.insert(run[k].entry);
      if (!word && distinct.size() == n &&
          !inside_longer_name(run[from].token, run.back().token + 1)) {
        for (size_t k = from; k < run.size(); ++k) {
          if (already(run[k].entry, run[k].token)) continue;
          Mention m;
          m.entry = run[k].entry;
          m.via = AliasType::kName;
          m.first_token = run[from].token;
          m.end_token = run.back().token + 1;
          mentions.push_back(m);
        }
      }
    }
    run.clear();
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    std::string_view text = tokens[k].text;
    if (k > 0 && tokens[k - 1].text.data() + tokens[k - 1].text.size() != text.data()) {
      flush("");
      before = {};
    }
    for (size_t i = 0; i < text.size();) {
      std::string_view ch = text.substr(i, CharLength(text[i]));
      auto letter = c.letters.find(ch);
      if (letter != c.letters.end()) {
        run.push_back({ch, k, letter->second});
      } else {
        flush(ch);
        before = ch;
      }
      i += ch.size();
    }
  }
  flush("");
}

void EntityRecognizer::ApplyDefinitions(const std::vector<Token>& tokens,
                                        std::vector<Mention>& mentions) {
  // A writer who puts an acronym after a body's full name, "the International
  // Wheat Council (IWC)" or "the European Investment Bank, EIB,", fixes what
  // it means for the rest of the story, even when the gazetteer gives it to
  // another body (IWC is also the whaling commission). The acronym must
  // start with the name's initial: "National Security Council (NSC)" does
  // not define NSC as the "Security Council" inside it.
  std::map<std::string_view, const GazetteerEntry*> defined;
  auto gap = [&](size_t k) {  // the text between tokens k - 1 and k
    const char* from = tokens[k - 1].text.data() + tokens[k - 1].text.size();
    return std::string_view(from, static_cast<size_t>(tokens[k].text.data() - from));
  };
  for (const Mention& m : mentions) {
    if (m.entry->kind != EntityKind::kOrganisation || m.via != AliasType::kName ||
        m.end_token + 1 >= tokens.size())
      continue;
    const Token& acronym = tokens[m.end_token];
    std::string_view opening = Trim(gap(m.end_token)), closing = Trim(gap(m.end_token + 1));
    bool glossed = (opening == "(" && !closing.empty() && closing[0] == ')') ||
                   (opening == "," && !closing.empty() && closing[0] == ',');
    if (!glossed || !acronym.all_caps || acronym.text.size() > 8 ||
        acronym.text[0] != tokens[m.first_token].text[0])
      continue;
    auto [it, added] = defined.emplace(acronym.text, m.entry);
    if (!added && it->second != m.entry) it->second = nullptr;  // defined twice: no meaning
  }
  if (defined.empty()) return;
  // Tokens already inside a longer mention keep it; a bare acronym takes the
  // defined body, whether it matched another entry or nothing.
  std::vector<int> covered(tokens.size(), -1);
  for (size_t k = 0; k < mentions.size(); ++k) {
    for (size_t t = mentions[k].first_token; t < mentions[k].end_token; ++t)
      covered[t] = static_cast<int>(k);
  }
  size_t found = mentions.size();
  for (size_t t = 0; t < tokens.size(); ++t) {
    auto it = defined.find(tokens[t].text);
    if (it == defined.end() || !it->second) continue;
    if (covered[t] < 0) {
      mentions.push_back({it->second, AliasType::kAcronym, t, t + 1, false});
    } else {
      Mention& m = mentions[static_cast<size_t>(covered[t])];
      if (m.end_token - m.first_token == 1) m.entry = it->second;
    }
  }
  if (mentions.size() != found)
    std::sort(mentions.begin(), mentions.end(),
              [](const Mention& a, const Mention& b) { return a.first_token < b.first_token; });
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
                                          const std::vector<const GazetteerEntry*>& flags,
                                          std::optional<Date> date) {
  EntitySummary s;
  auto add = [&](const GazetteerEntry* e, float position) {
    std::vector<EntityCount>& list = s.Of(e->kind);
    auto it =
        std::find_if(list.begin(), list.end(), [&](const EntityCount& c) { return c.id == e->id; });
    if (it != list.end()) {
      ++it->count;
      it->first_position = std::min(it->first_position, position);
      return;
    }
    EntityCount c{e->id, 1, false, "", position};
    if (e->kind == EntityKind::kLeader && date) c.role = RoleOn(*e, *date);
    list.push_back(std::move(c));
  };
  for (const Mention& m : mentions) add(m.entry, m.position);
  for (const GazetteerEntry* e : flags) add(e, 1);
  // A head of an organisation in office names it: "Guterres said" is a
  // mention of the UN, as "Putin said" is of Russia (whose country the
  // analyser counts through salience). Not while out of office, and not for
  // an office resolved from the body's name ("UN Secretary-General"), which
  // counted already.
  const std::string iso = date ? date->Iso() : std::string();
  for (const Mention& m : mentions) {
    if (m.entry->kind != EntityKind::kLeader || m.from_role) continue;
    std::string_view body = OrganisationOn(*m.entry, iso);
    if (body.empty()) continue;
    auto it = std::find_if(s.organisations.begin(), s.organisations.end(),
                           [&](const EntityCount& c) { return c.id == body; });
    if (it == s.organisations.end()) {
      s.organisations.push_back({std::string(body), 1, false, "", m.position});
    } else {
      ++it->count;
      it->first_position = std::min(it->first_position, m.position);
    }
  }
  return s;
}

}  // namespace communique
