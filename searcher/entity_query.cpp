#include "searcher/entity_query.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "analysis/alias_synonyms.h"
#include "analysis/language/analyzer.h"
#include "analysis/text/text_normalizer.h"
#include "analysis/text/tokenizer.h"
#include "schema/role_phrases.h"

namespace communique {
namespace {

// Past this many other words a query is not relaxed (all-but-one grows as
// the square of the words).
constexpr size_t kMaxRelaxedWords = 6;

// Acronyms that are also words: in a query they name a body only when
// written in capitals ("WHO", but not "who").
const std::set<std::string>& CommonWordAcronyms() {
  static const std::set<std::string> words = {
      "us",  "who", "aid", "it",  "can", "ice", "arm", "cap", "fact", "sun", "eat", "man", "dim",
      "am",  "is",  "an",  "as",  "at",  "be",  "by",  "do",  "go",   "he",  "if",  "in",  "me",
      "my",  "no",  "of",  "on",  "or",  "so",  "to",  "up",  "we",   "ok",  "oh",  "iso", "imo",
      "bis", "ira", "sea", "opt", "fed", "sac", "cab", "war", "all",  "one", "new"};
  return words;
}

// A folded word without a possessive "'s", so "Pakistan's" is matched as
// "pakistan" (as the indexer's recogniser does).
std::string MatchKey(const std::string& folded) {
  size_t n = folded.size();
  if (n > 3 && folded[n - 2] == '\'' && folded[n - 1] == 's') return folded.substr(0, n - 2);
  return folded;
}

// "1991-08-21" -> "19910821"; a date cut to a month or year acts as its
// first day ("1991" -> "19910101").
std::string CompactDate(const std::string& iso) {
  std::string digits;
  for (char c : iso) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() == 4) digits += "0101";
  if (digits.size() == 6) digits += "01";
  return digits.size() == 8 ? digits : std::string();
}

// The greatest 8-digit value below `compact`: terms end the day *before*
// `end` (a successor takes office on that day), and "20000500" bounds
// April's days as well as "20000430" does, since values compare as strings.
std::string DayBefore(const std::string& compact) {
  long long v = std::stoll(compact) - 1;
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08lld", v);
  return buf;
}

Xapian::Query Scaled(double factor, const Xapian::Query& q) {
  if (factor == 1.0) return q;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

// The terms QueryParser makes of `words` (folded): the word and its "Z"
// English stem.
void AddWordTerms(const std::vector<std::string>& words, std::set<std::string>& terms) {
  const Analyzer& english = Analyzer::For(kDefaultLanguage);
  for (const std::string& w : words) {
    terms.insert(w);
    terms.insert("Z" + english.Stem(w));
  }
}

// The terms QueryBuilder may make of a role phrase's `words` in any
// language (the phrase may be «президент России» or «président
// français»): the word, and its stem and its stem's stem by every stemmer,
// without and with what the language writes onto a word's front.
void AddRoleWordTerms(const std::vector<std::string>& words, std::set<std::string>& terms) {
  AddWordTerms(words, terms);
  for (const std::string& l : Analyzer::StemmingLanguages()) {
    const Analyzer& a = Analyzer::For(l);
    for (const std::string& w : words) {
      for (const std::string& form : {w, a.WithoutProclitic(w)}) {
        const std::string& stem = a.Stem(form);
        if (stem.empty()) continue;
        terms.insert("Z" + stem);
        terms.insert("Z" + a.Stem(stem));
      }
    }
  }
}

// Whether `before`, the query up to a word or a quoted phrase, ends with
// the '-' that excludes it ("-pakistan", -"UN secretary-general"), not a
// hyphen inside a word ("secretary-general").
bool ExcludedByMinus(std::string_view before) {
  return !before.empty() && before.back() == '-' &&
         (before.size() == 1 || before[before.size() - 2] == ' ' ||
          before[before.size() - 2] == '(');
}

bool Touches(const Xapian::Query& q, const std::set<std::string>& terms) {
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    if (terms.count(*t)) return true;
  }
  return false;
}

// Whether `q` is a phrase filtered by its word pairs (QueryBuilder's
// TextPhrase): one unit of words, whose filter must not constrain an
// alternative OR-ed in beside the phrase.
bool IsPairedPhrase(const Xapian::Query& q, const std::string& pair_prefix) {
  if (pair_prefix.empty() || q.get_type() != Xapian::Query::OP_FILTER ||
      q.get_num_subqueries() != 2 || q.get_subquery(0).get_type() != Xapian::Query::OP_PHRASE)
    return false;
  const Xapian::Query pairs = q.get_subquery(1);
  for (auto t = pairs.get_unique_terms_begin(); t != pairs.get_unique_terms_end(); ++t) {
    if ((*t).rfind(pair_prefix, 0) != 0) return false;
  }
  return true;
}

// `q` with `alternative` OR-ed in where the words in `terms` stand: in a
// conjunction ("russian president ukraine" parsed as AND), only the
// conjuncts made of those words are widened, so the other words still
// constrain the alternative; anywhere else the whole query is.
Xapian::Query WithAlternative(const Xapian::Query& q, const std::set<std::string>& terms,
                              const Xapian::Query& alternative, const std::string& pair_prefix) {
  using Q = Xapian::Query;
  if (IsPairedPhrase(q, pair_prefix)) return Q(Q::OP_OR, q, alternative);
  switch (q.get_type()) {
    case Q::OP_FILTER:
    case Q::OP_AND_NOT:
    case Q::OP_AND_MAYBE: {
      // The first subquery carries the words; the others filter, exclude
      // or only weigh.
      if (q.get_num_subqueries() == 0 || !Touches(q.get_subquery(0), terms)) break;
      std::vector<Q> subs{WithAlternative(q.get_subquery(0), terms, alternative, pair_prefix)};
      for (size_t i = 1; i < q.get_num_subqueries(); ++i) subs.push_back(q.get_subquery(i));
      return Q(q.get_type(), subs.begin(), subs.end());
    }
    case Q::OP_AND: {
      std::vector<Q> mine, others;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Q sub = q.get_subquery(i);
        (Touches(sub, terms) ? mine : others).push_back(sub);
      }
      if (mine.empty() || others.empty()) break;
      Q words(Q::OP_AND, mine.begin(), mine.end());
      others.insert(others.begin(), Q(Q::OP_OR, words, alternative));
      return Q(Q::OP_AND, others.begin(), others.end());
    }
    default:
      break;
  }
  return Q(Q::OP_OR, q, alternative);
}

}  // namespace

EntityQuery::EntityQuery(const FieldSchema& schema, const Gazetteer& gazetteer,
                         EntityWeights weights)
    : schema_(schema), weights_(weights), gazetteer_(gazetteer), recognizer_(gazetteer) {
  for (const LanguageRules& rules : gazetteer.Rules()) {
    if (!rules.roles.empty()) role_languages_.push_back(rules.language);
  }
  for (const GazetteerEntry& e : gazetteer.entries()) {
    if (e.kind == EntityKind::kLeader && !e.country.empty())
      leaders_by_country_[e.country].push_back(&e);
    if (e.kind == EntityKind::kLeader) {
      std::set<std::string> bodies;
      for (const Term& t : e.terms) {
        if (!t.organisation.empty() && bodies.insert(t.organisation).second)
          leaders_by_organisation_[t.organisation].push_back(&e);
      }
    }
    if (e.kind == EntityKind::kCountry) {
      for (const Coverage& c : e.covers) covered_by_[c.code].push_back(e.id);
    }
    for (const Alias& a : e.aliases) {
      bool blocker = a.type == AliasType::kBlocker;
      bool demonym = a.type == AliasType::kDemonym && e.kind == EntityKind::kCountry;
      if (!blocker && !demonym && a.type != AliasType::kName && a.type != AliasType::kAcronym)
        continue;  // metonyms, context-only names and handles name nothing on their own
      std::string folded = FoldPhrase(a.text);
      if (folded.empty()) continue;
      // Matched word by word on MatchKey(), as Find() reads the query.
      std::string key;
      size_t words = 1;
      for (size_t b = 0; b <= folded.size();) {
        size_t space = std::min(folded.find(' ', b), folded.size());
        if (!key.empty()) {
          key.push_back(' ');
          ++words;
        }
        key += MatchKey(folded.substr(b, space - b));
        b = space + 1;
      }
      max_words_ = std::max(max_words_, words);
      Phrase& p = phrases_[key];
      if (blocker) continue;  // an entry with no targets
      // Acronyms, and names the gazetteer writes in capitals ("US", "U.S.").
      bool acronym =
          a.type == AliasType::kAcronym ||
          (std::any_of(a.text.begin(), a.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
           std::none_of(a.text.begin(), a.text.end(), [](char c) { return c >= 'a' && c <= 'z'; }));
      std::string letters;
      for (char c : key) {
        if (c != '.' && c != ' ') letters.push_back(c);
      }
      bool caps = acronym && (letters.size() <= 2 || CommonWordAcronyms().count(letters) > 0);
      auto same = [&](const Target& t) { return t.kind == e.kind && t.id == e.id; };
      auto it = std::find_if(p.targets.begin(), p.targets.end(), same);
      if (it == p.targets.end()) {
        p.targets.push_back({e.kind, e.id, demonym, caps});
      } else {
        it->demonym = it->demonym && demonym;
        it->needs_capitals = it->needs_capitals && caps;
      }
    }
  }
}

QueryEntities EntityQuery::Find(std::string_view text) const {
  QueryEntities out;
  std::string normalized = NormalizeText(text);
  std::vector<Token> tokens = Tokenize(normalized);
  const size_t n = tokens.size();
  std::vector<std::string> keys;
  std::vector<bool> usable(n, true);
  // Byte ranges of phrases in double quotes after a '-' or NOT.
  std::vector<std::pair<size_t, size_t>> excluded;
  for (size_t open = normalized.find('"'); open != std::string::npos;) {
    size_t close = normalized.find('"', open + 1);
    if (close == std::string::npos) close = normalized.size();
    std::string_view before = std::string_view(normalized).substr(0, open);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    bool minus = ExcludedByMinus(before);
    bool not_before = before.size() >= 3 && before.substr(before.size() - 3) == "NOT" &&
                      (before.size() == 3 || before[before.size() - 4] == ' ');
    if (minus || not_before) excluded.emplace_back(open, close);
    open = close < normalized.size() ? normalized.find('"', close + 1) : std::string::npos;
  }
  for (size_t i = 0; i < n; ++i) {
    keys.push_back(MatchKey(tokens[i].folded));
    const Token& t = tokens[i];
    // Excluded words (-pakistan, NOT pakistan) and field values
    // (country:pakistan, handled by the field's own processor) name nothing.
    bool minus = ExcludedByMinus(std::string_view(normalized).substr(0, t.begin));
    bool not_before = i > 0 && tokens[i - 1].text == "NOT";
    // Inside a phrase excluded as a whole (-"UN secretary-general").
    minus |= std::any_of(excluded.begin(), excluded.end(), [&](const std::pair<size_t, size_t>& r) {
      return r.first <= t.begin && t.begin < r.second;
    });
    bool field = t.text.find(':') != std::string_view::npos ||
                 (t.begin > 0 && normalized[t.begin - 1] == ':') ||
                 (t.end < normalized.size() && normalized[t.end] == ':');
    if (minus || not_before || field || keys[i].empty()) usable[i] = false;
  }

  struct Match {
    std::vector<Target> targets;
    size_t first, end;
  };
  std::vector<Match> matches;
  for (size_t i = 0; i < n;) {
    size_t taken = 0;
    for (size_t len = std::min(max_words_, n - i); len >= 1 && !taken; --len) {
      if (!std::all_of(usable.begin() + i, usable.begin() + i + len, [](bool b) { return b; }))
        continue;
      std::string key = keys[i];
      for (size_t k = 1; k < len; ++k) key += " " + keys[i + k];
      auto it = phrases_.find(key);
      if (it == phrases_.end()) continue;
      if (it->second.targets.empty()) {  // a blocker: "New Mexico" names nothing
        taken = len;
        break;
      }
      bool capitals = std::all_of(tokens.begin() + i, tokens.begin() + i + len,
                                  [](const Token& t) { return t.all_caps; });
      std::vector<Target> targets;
      for (const Target& t : it->second.targets) {
        if (!t.needs_capitals || capitals) targets.push_back(t);
      }
      if (targets.empty()) continue;
      matches.push_back({std::move(targets), i, i + len});
      taken = len;
    }
    i += taken ? taken : 1;
  }

  auto words_at = [&](size_t at, const std::vector<std::string_view>& words) {
    if (at + words.size() > n) return false;
    for (size_t k = 0; k < words.size(); ++k) {
      if (!usable[at + k] || tokens[at + k].folded != words[k]) return false;
    }
    return true;
  };
  auto written = [&](size_t first, size_t end) {
    return normalized.substr(tokens[first].begin, tokens[end - 1].end - tokens[first].begin);
  };
  auto folded_words = [&](size_t first, size_t end) {
    std::vector<std::string> w;
    for (size_t k = first; k < end; ++k) {
      w.push_back(tokens[k].folded);
      if (keys[k] != tokens[k].folded) w.push_back(keys[k]);
    }
    return w;
  };

  for (const Match& m : matches) {
    bool consumed = false;
    for (const Target& t : m.targets) {
      if (t.kind != EntityKind::kCountry) continue;
      // "Russian president", "Pakistan's prime minister": the role follows.
      const RolePhrase* found = nullptr;
      size_t first = m.first, end = m.end;
      for (const RolePhrase& rp : RolePhrases()) {
        if (words_at(m.end, rp.words) && (!found || rp.words.size() > found->words.size()))
          found = &rp;
      }
      if (found) {
        end = m.end + found->words.size();
      } else if (!t.demonym) {
        // "president of Russia", "prime minister of the Netherlands".
        size_t of = m.first;
        if (of >= 1 && tokens[of - 1].folded == "the") --of;
        if (of >= 1 && tokens[of - 1].folded == "of") {
          for (const RolePhrase& rp : RolePhrases()) {
            size_t len = rp.words.size();
            if (of - 1 >= len && words_at(of - 1 - len, rp.words) &&
                (!found || len > found->words.size()))
              found = &rp;
          }
          if (found) first = of - 1 - found->words.size();
        }
      }
      if (!found) continue;
      if (first >= 1 && tokens[first - 1].folded == "the" && usable[first - 1]) --first;
      if (Spells(EntityKind::kCountry, t.id, found->role, {}).empty()) continue;
      out.roles.push_back({EntityKind::kCountry, t.id, std::string(found->role), first, end,
                           folded_words(first, end), written(first, end)});
      consumed = true;
    }
    if (consumed) continue;
    for (EntityKind kind : {EntityKind::kCountry, EntityKind::kLeader, EntityKind::kOrganisation}) {
      QueryEntity e{kind, {}, m.first, m.end, folded_words(m.first, m.end)};
      for (const Target& t : m.targets) {
        if (t.kind == kind) e.ids.push_back(t.id);
      }
      if (!e.ids.empty()) out.entities.push_back(std::move(e));
    }
  }

  // The recogniser's reading: every language's role phrases («президент
  // России», "俄罗斯总统", «le président français», "国家主席") and the
  // organisations' offices ("UN secretary-general", "NATO chief"), where
  // the English reading above found none.
  // Read as a text of unknown language, then as one of each language with
  // role phrases: a rules file's Latin-script names («français», «alemán»)
  // count only in a text declared in its language.
  std::vector<RoleReference> references = recognizer_.FindRoles(tokens);
  for (const std::string& language : role_languages_) {
    for (RoleReference& r : recognizer_.FindRoles(tokens, language)) references.push_back(r);
  }
  for (const RoleReference& r : references) {
    const size_t first = r.first_token, end = r.end_token;
    if (first >= end || end > n ||
        !std::all_of(usable.begin() + first, usable.begin() + end, [](bool b) { return b; }))
      continue;
    bool overlaps = std::any_of(out.roles.begin(), out.roles.end(), [&](const QueryRole& o) {
      return o.first_token < end && first < o.end_token;
    });
    if (overlaps || Spells(r.place->kind, r.place->id, r.role, {}).empty()) continue;
    out.roles.push_back({r.place->kind, r.place->id, r.role, first, end, folded_words(first, end),
                         written(first, end)});
    // The country or body is the role's, not boosted on its own.
    out.entities.erase(std::remove_if(out.entities.begin(), out.entities.end(),
                                      [&](const QueryEntity& e) {
                                        return first <= e.first_token && e.end_token <= end;
                                      }),
                       out.entities.end());
  }
  return out;
}

std::vector<EntityQuery::Spell> EntityQuery::Spells(EntityKind kind, std::string_view id,
                                                    std::string_view role,
                                                    const DateWindow& window) const {
  const bool body = kind == EntityKind::kOrganisation;
  const auto& by_place = body ? leaders_by_organisation_ : leaders_by_country_;
  auto it = by_place.find(std::string(id));
  if (it == by_place.end()) return {};
  const std::string_view organisation = body ? id : std::string_view();
  // "head" of a body: any of its offices (role "head" is no title).
  const bool any_office = body && role == "head";
  std::vector<Spell> spells;
  for (const GazetteerEntry* e : it->second) {
    for (const Term& t : e->terms) {
      if (t.organisation != organisation || (!any_office && t.role != role)) continue;
      std::string start = CompactDate(t.start);
      if (start.empty()) continue;
      std::string end = t.end.empty() ? std::string() : CompactDate(t.end);
      spells.push_back({e, &t, std::move(start), std::move(end)});
    }
  }
  auto overlap = [](const Spell& a, const std::string& from, const std::string& to) {
    return (a.end.empty() || from.empty() || a.end > from) && (to.empty() || a.start <= to);
  };
  if (any_office) {
    // While a body has several heads (the EU's three presidents), "the EU
    // chief" is none of them.
    std::vector<Spell> sole;
    for (const Spell& a : spells) {
      bool shared = std::any_of(spells.begin(), spells.end(), [&](const Spell& b) {
        return b.leader != a.leader && overlap(b, a.start, a.end.empty() ? "" : DayBefore(a.end));
      });
      if (!shared) sole.push_back(a);
    }
    spells = std::move(sole);
  }
  spells.erase(std::remove_if(spells.begin(), spells.end(),
                              [&](const Spell& a) { return !overlap(a, window.from, window.to); }),
               spells.end());
  return spells;
}

Xapian::Query EntityQuery::RoleHolders(EntityKind kind, std::string_view id, std::string_view role,
                                       const DateWindow& window) const {
  const Field* leader = schema_.Find(FieldNameOf(EntityKind::kLeader));
  const Field* date = schema_.Find("date");
  if (!leader || !date || !date->slot) return Xapian::Query();
  std::vector<Xapian::Query> spells;
  for (const Spell& s : Spells(kind, id, role, window)) {
    Xapian::Query range =
        s.end.empty()
            ? Xapian::Query(Xapian::Query::OP_VALUE_GE, *date->slot, s.start)
            : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, *date->slot, s.start, DayBefore(s.end));
    spells.emplace_back(Xapian::Query::OP_FILTER,
                        Xapian::Query(leader->prefix + AsciiLower(s.leader->id)), range);
  }
  if (spells.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, spells.begin(), spells.end());
}

std::vector<RoleExpansion> EntityQuery::RoleExpansions(const QueryEntities& found,
                                                       const DateWindow& window) const {
  std::vector<RoleExpansion> out;
  if (weights_.role <= 0) return out;  // the query is not widened
  for (const QueryRole& r : found.roles) {
    std::vector<Spell> spells = Spells(r.kind, r.id, r.role, window);
    if (spells.empty()) continue;
    std::stable_sort(spells.begin(), spells.end(),
                     [](const Spell& a, const Spell& b) { return a.start > b.start; });
    RoleExpansion x{r.written, r.role, {r.id, gazetteer_.Label(r.kind, r.id)}, {}};
    for (const Spell& s : spells)
      x.holders.push_back({s.leader->id, s.leader->label, s.term->start, s.term->end});
    out.push_back(std::move(x));
  }
  return out;
}

Xapian::Query EntityQuery::Terms(const std::string& field_name, const QueryEntity& e) const {
  const Field* field = schema_.Find(field_name);
  if (!field) return Xapian::Query();
  std::vector<Xapian::Query> terms;
  for (const std::string& id : e.ids) {
    terms.emplace_back(field->prefix + AsciiLower(id));
    // "Germany" in a 1987 archive is West Germany's (XG) articles.
    if (auto c = covered_by_.find(id); c != covered_by_.end()) {
      for (const std::string& state : c->second)
        terms.emplace_back(field->prefix + AsciiLower(state));
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query EntityQuery::Boost(const QueryEntity& e) const {
  std::vector<Xapian::Query> parts;
  auto add = [&](double factor, std::string_view field) {
    if (factor <= 0) return;
    Xapian::Query terms = Terms(std::string(field), e);
    if (!terms.empty()) parts.push_back(Scaled(factor, terms));
  };
  switch (e.kind) {
    case EntityKind::kCountry:
      add(weights_.country, FieldNameOf(EntityKind::kCountry));
      add(weights_.dateline, "dateline");
      break;
    case EntityKind::kLeader:
      add(weights_.leader, FieldNameOf(EntityKind::kLeader));
      break;
    case EntityKind::kOrganisation:
      add(weights_.organisation, FieldNameOf(EntityKind::kOrganisation));
      break;
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query EntityQuery::Relaxed(const Xapian::Query& q, const QueryEntities& found,
                                   const std::set<std::string>& entity_terms) const {
  using Q = Xapian::Query;
  if (IsPairedPhrase(q, PairPrefix())) return q;
  switch (q.get_type()) {
    case Q::OP_FILTER:
    case Q::OP_AND_NOT: {
      // Filters and exclusions still apply to the relaxed matches.
      if (q.get_num_subqueries() == 0) break;
      std::vector<Q> subs{Relaxed(q.get_subquery(0), found, entity_terms)};
      for (size_t i = 1; i < q.get_num_subqueries(); ++i) subs.push_back(q.get_subquery(i));
      return Q(q.get_type(), subs.begin(), subs.end());
    }
    case Q::OP_AND: {
      std::vector<Q> named, others;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Q sub = q.get_subquery(i);
        (Touches(sub, entity_terms) ? named : others).push_back(sub);
      }
      if (named.empty() || others.empty()) break;
      // The countries' words give way to "about the country"; the other
      // named entities' words stay; any of the other words will do.
      std::vector<Q> about;
      for (const QueryEntity& e : found.entities) {
        if (e.kind != EntityKind::kCountry) continue;
        Q terms = Terms(std::string(FieldNameOf(EntityKind::kCountry)), e);
        if (!terms.empty()) about.push_back(terms);
      }
      if (about.empty()) break;
      std::set<std::string> country_terms;
      for (const QueryEntity& e : found.entities) {
        if (e.kind == EntityKind::kCountry) AddWordTerms(e.words, country_terms);
      }
      // All the other words but one: with two, either will do ("crude
      // oil"); with many, a story that misses one is still close.
      if (others.size() > kMaxRelaxedWords) break;
      Q some(Q::OP_OR, others.begin(), others.end());
      if (others.size() > 2) {
        std::vector<Q> all_but_one;
        for (size_t skip = 0; skip < others.size(); ++skip) {
          std::vector<Q> rest;
          for (size_t i = 0; i < others.size(); ++i) {
            if (i != skip) rest.push_back(others[i]);
          }
          all_but_one.emplace_back(Q::OP_AND, rest.begin(), rest.end());
        }
        some = Q(Q::OP_OR, all_but_one.begin(), all_but_one.end());
      }
      std::vector<Q> relaxed;
      for (const Q& sub : named) {
        if (!Touches(sub, country_terms)) relaxed.push_back(sub);
      }
      for (Q& a : about) relaxed.emplace_back(Q::OP_SCALE_WEIGHT, a, 0.0);
      relaxed.push_back(some);
      return Q(Q::OP_OR, q, Scaled(weights_.relaxed, Q(Q::OP_AND, relaxed.begin(), relaxed.end())));
    }
    default:
      break;
  }
  return q;
}

std::string EntityQuery::PairPrefix() const {
  const Field* pairs = schema_.Find("word_pair");
  return pairs ? pairs->prefix : "";
}

Xapian::Query EntityQuery::Apply(const Xapian::Query& parsed, std::string_view text) const {
  if (parsed.empty() || parsed.get_type() == Xapian::Query::LEAF_MATCH_ALL) return parsed;
  return Apply(parsed, Find(text), {});
}

Xapian::Query EntityQuery::Apply(const Xapian::Query& parsed, const QueryEntities& found,
                                 const DateWindow& window) const {
  if (parsed.empty() || parsed.get_type() == Xapian::Query::LEAF_MATCH_ALL) return parsed;
  if (found.entities.empty() && found.roles.empty()) return parsed;
  Xapian::Query q = parsed;
  // Roles first: their alternative must sit inside the conjunction, where
  // the query's other words still constrain it.
  if (weights_.role > 0) {
    for (const QueryRole& r : found.roles) {
      Xapian::Query holders = RoleHolders(r.kind, r.id, r.role, window);
      if (holders.empty()) continue;
      std::set<std::string> terms;
      AddRoleWordTerms(r.words, terms);
      q = WithAlternative(q, terms, Scaled(weights_.role, holders), PairPrefix());
    }
  }
  if (weights_.relaxed > 0) {
    std::set<std::string> entity_terms;
    for (const QueryEntity& e : found.entities) AddWordTerms(e.words, entity_terms);
    q = Relaxed(q, found, entity_terms);
  }
  // A leader's or an organisation's name brings its XL/XO term into the
  // query as a synonym. The same term as a second plain leaf makes Xapian
  // 1.4 pick snippet passages differently on shards than on one database
  // (tests/integration/shards_test.py), so such a boost is given as a
  // synonym of itself: the same documents, a like weight, no plain leaf.
  std::set<std::string> present(parsed.get_unique_terms_begin(), parsed.get_unique_terms_end());
  std::vector<Xapian::Query> boosts;
  for (const QueryEntity& e : found.entities) {
    Xapian::Query b = Boost(e);
    if (b.empty()) continue;
    bool fresh = true;
    for (auto t = b.get_unique_terms_begin(); t != b.get_unique_terms_end() && fresh; ++t)
      fresh = !present.count(*t);
    if (!fresh) b = Xapian::Query(Xapian::Query::OP_SYNONYM, b, b);
    boosts.push_back(b);
  }
  if (!boosts.empty())
    q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                      Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  return q;
}

}  // namespace communique
