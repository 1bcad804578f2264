#include "analysis/entities/entity_recognizer.h"

#include <algorithm>
#include <set>
#include <utility>

#include "schema/role_phrases.h"

namespace communique {
namespace {

using WordSet = std::set<std::string_view>;

// Words that, placed right before an ambiguous short name ("Khan"), make it
// a reference to the leader ("PM Khan", "President Xi").
const WordSet& TitleWords() {
  static const WordSet words = {"president",  "prime",     "minister", "pm",        "premier",
                                "chancellor", "mr",        "mrs",      "ms",        "dr",
                                "king",       "queen",     "emir",     "prince",    "sheikh",
                                "sheik",      "secretary", "leader",   "ayatollah", "general",
                                "gen",        "vice",      "sultan",   "crown",     "chairman",
                                "treasurer",  "governor",  "premiers", "presidents"};
  return words;
}

// "the premier" after a named prime minister: the definite role nouns that
// refer back to the last named holder of the role.
const std::vector<RolePhrase>& AnaphoricRoles() {
  static const std::vector<RolePhrase> phrases = {
      {{"prime", "minister"}, "prime minister"},
      {{"premier"}, "prime minister"},
      {{"president"}, "president"},
      {{"chancellor"}, "chancellor"},
      {{"foreign", "minister"}, "foreign minister"},
      {{"finance", "minister"}, "finance minister"},
  };
  return phrases;
}

// Acronyms that are also English words: in all-capitals text ("WHO SAYS
// ...") they are not trusted unless written with dots ("U.S.").
const WordSet& CommonWordAcronyms() {
  static const WordSet words = {"us",   "who", "aid", "it",  "can", "ice", "arm", "cap",
                                "fact", "sun", "eat", "man", "dim", "am",  "is",  "an",
                                "as",   "at",  "be",  "by",  "do",  "go",  "he",  "if",
                                "in",   "me",  "my",  "no",  "of",  "on",  "or",  "so",
                                "to",   "up",  "we",  "ok",  "oh",  "iso", "imo", "bis"};
  return words;
}

// Capitalised words that may stand right before a country's name without
// making it part of a person's or a company's name ("In Jordan", "Northern
// Chad", "King Abdullah of Jordan").
const WordSet& NeutralBefore() {
  static const WordSet words = {
      "in",           "to",          "from",     "of",      "and",       "the",       "for",
      "with",         "at",          "by",       "on",      "as",        "but",       "both",
      "neighbouring", "neighboring", "said",     "says",    "while",     "when",      "if",
      "after",        "before",      "since",    "until",   "like",      "unlike",    "about",
      "against",      "between",     "into",     "across",  "northern",  "southern",  "eastern",
      "western",      "central",     "north",    "south",   "east",      "west",      "that",
      "which",        "where",       "why",      "how",     "what",      "only",      "also",
      "even",         "then",        "now",      "today",   "yesterday", "meanwhile", "however",
      "president",    "prime",       "minister", "king",    "queen",     "emir",      "government",
      "officials",    "official",    "leaders",  "leader",  "tuesday",   "monday",    "wednesday",
      "thursday",     "friday",      "saturday", "sunday",  "a",         "an",        "than",
      "all",          "over",        "under",    "through", "because",   "although",  "though",
      "whether",      "or",          "nor",      "not",     "no",        "yes",       "so",
      "neither",      "either",      "each",     "every",   "many",      "most",      "some",
      "reuters",      "ap",          "afp",      "xinhua",  "tass"};
  return words;
}

// Words that may follow a name that is also a first name ("Jordan said",
// "Chad's army") without making it a person's full name.
const WordSet& NeutralAfter() {
  static const WordSet words = {
      "said",      "says",     "and",      "on",         "in",     "is",        "was",
      "has",       "have",     "will",     "would",      "to",     "monday",    "tuesday",
      "wednesday", "thursday", "friday",   "saturday",   "sunday", "january",   "february",
      "march",     "april",    "may",      "june",       "july",   "august",    "september",
      "october",   "november", "december", "president",  "prime",  "king",      "queen",
      "foreign",   "finance",  "minister", "government", "army",   "officials", "radio",
      "television"};
  return words;
}

// Country names that are also common first names: a capitalised word right
// after them is a surname or a company ("Chad Smith", "Jordan Marsh").
const WordSet& FirstNameCountries() {
  static const WordSet words = {"chad", "jordan", "georgia"};
  return words;
}

// Words near "Turkey" that mean the bird; words around "China" that mean
// porcelain; places near "Georgia" that mean the US state.
const WordSet& BirdWords() {
  static const WordSet words = {"thanksgiving", "dinner",    "roast",   "roasted", "sandwich",
                                "sandwiches",   "breast",    "meat",    "gravy",   "stuffing",
                                "feathers",     "poultry",   "carve",   "carving", "gobble",
                                "stuffed",      "bird",      "birds",   "recipe",  "oven",
                                "christmas",    "drumstick", "giblets", "hunters", "hunting"};
  return words;
}
const WordSet& ChinawareBefore() {
  static const WordSet words = {"fine", "bone", "porcelain"};
  return words;
}
const WordSet& ChinawareAfter() {
  static const WordSet words = {"plates",    "plate",   "cups",      "cup",      "dishes",
                                "cabinet",   "saucers", "saucer",    "teapot",   "teacups",
                                "vase",      "vases",   "figurines", "crockery", "dinnerware",
                                "tableware", "doll",    "dolls"};
  return words;
}
const WordSet& UsStateContext() {
  static const WordSet words = {
      "atlanta",    "savannah", "augusta",    "macon",    "alabama",    "florida",     "carolina",
      "tennessee",  "texas",    "california", "ohio",     "virginia",   "mississippi", "kentucky",
      "louisiana",  "arkansas", "missouri",   "illinois", "indiana",    "michigan",    "senate",
      "senator",    "governor", "republican", "democrat", "democratic", "county",      "counties",
      "georgian's", "peach",    "bulldogs",   "state's",  "statewide"};
  return words;
}

// Legal forms that end a company's name: an organisation's alias right
// before one is part of that name ("ICO Inc", "Olivetti EC SpA").
const WordSet& CompanyForms() {
  static const WordSet words = {"inc",    "corp", "corporation", "co",   "ltd", "plc",  "llc",
                                "spa",    "sa",   "ag",          "nv",   "bv",  "gmbh", "bhd",
                                "berhad", "pty",  "kk",          "sarl", "oy",  "ab",   "asa"};
  return words;
}

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

// True when `b` follows `a` after exactly one space: "Russian President",
// not "Russia.\n\nPrime Minister". Both tokens come from the same text.
bool Adjacent(const Token& a, const Token& b) {
  const char* gap = a.text.data() + a.text.size();
  return b.text.data() == gap + 1 && *gap == ' ';
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

bool InOffice(const GazetteerEntry& leader, const std::string& iso) {
  for (const Term& t : leader.terms) {
    if (!t.start.empty() && t.start <= iso && (t.end.empty() || iso < t.end)) return true;
  }
  return false;
}

}  // namespace

std::string RoleOn(const GazetteerEntry& leader, const Date& date) {
  std::string iso = date.Iso();
  for (const Term& t : leader.terms) {
    if (!t.start.empty() && t.start <= iso && (t.end.empty() || iso < t.end)) return t.role;
  }
  return "";
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
};

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
    const Pattern& q = patterns_[k];
    if (q.entry == p.entry && q.type == p.type && q.upper_only == p.upper_only) return;
  }
  patterns_.push_back(std::move(p));
  nodes_[node].patterns.push_back(static_cast<uint32_t>(patterns_.size() - 1));
}

EntityRecognizer::EntityRecognizer(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
  nodes_.emplace_back();
  for (const GazetteerEntry& e : gazetteer.entries()) {
    if (e.kind == EntityKind::kLeader) leaders_by_country_[e.country].push_back(&e);
    for (const Coverage& c : e.covers) covered_by_[c.code].push_back({&e, c.end});
    for (const Alias& a : e.aliases) {
      std::vector<Token> toks = Tokenize(a.text);
      if (toks.size() > 1 && toks[0].folded == "the") toks.erase(toks.begin());
      if (toks.empty()) continue;
      std::vector<std::string> words;
      bool all_caps = true;
      for (const Token& t : toks) {
        words.push_back(MatchKey(t.folded));
        all_caps = all_caps && (t.all_caps || !HasLower(t.text));
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
      p.common_word = words.size() == 1 && CommonWordAcronyms().count(words[0]) > 0;
      p.since = a.since;
      AddPattern(words, p);
    }
  }
}

bool EntityRecognizer::Valid(const Pattern& p, const Context& ctx, size_t i) const {
  const std::vector<Token>& tokens = ctx.tokens;
  const Token& first = tokens[i];
  size_t end = i + p.length;
  if (p.type == AliasType::kHandle) return first.at_sign;
  if (first.at_sign) return false;
  if (p.type == AliasType::kBlocker) return true;
  if (!p.since.empty() && (ctx.iso.empty() || ctx.iso < p.since)) return false;
  if (p.upper_only) {
    for (size_t k = i; k < end; ++k) {
      if (HasLower(tokens[k].text)) return false;
    }
    if (ctx.shouting && p.common_word && first.text.find('.') == std::string_view::npos)
      return false;
  } else if (!ctx.shouting && !first.capitalised) {
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
        CompanyForms().count(next.folded))
      return false;
  }
  if (!p.ambiguous || ctx.shouting || p.length != 1) return true;

  // An ambiguous one-word name: ask its neighbours.
  const std::string& w = ctx.keys[i];
  if (i > 0) {
    const Token& prev = tokens[i - 1];
    if (Adjacent(prev, first) && prev.capitalised && !prev.all_caps &&
        !NeutralBefore().count(prev.folded))
      return false;  // "Michael Jordan", "Sadiq Khan"
  }
  if (end < tokens.size() && FirstNameCountries().count(w)) {
    const Token& next = tokens[end];
    if (Adjacent(first, next) && next.capitalised && !next.all_caps &&
        !NeutralAfter().count(next.folded))
      return false;  // "Chad Smith", "Jordan Peterson"
  }
  auto near = [&](const WordSet& set, size_t before, size_t after) {
    size_t from = i >= before ? i - before : 0;
    size_t to = std::min(tokens.size(), end + after);
    for (size_t k = from; k < to; ++k) {
      if (k != i && set.count(tokens[k].folded)) return true;
    }
    return false;
  };
  if (w == "turkey" && near(BirdWords(), 4, 4)) return false;
  if (w == "china") {
    if (i > 0 && ChinawareBefore().count(tokens[i - 1].folded)) return false;
    if (end < tokens.size() && ChinawareAfter().count(tokens[end].folded)) return false;
  }
  if (w == "georgia" && near(UsStateContext(), 8, 8)) return false;
  return true;
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

const GazetteerEntry* EntityRecognizer::LeaderInRole(std::string_view country,
                                                     std::string_view role,
                                                     const Date& date) const {
  auto it = leaders_by_country_.find(std::string(country));
  if (it == leaders_by_country_.end()) return nullptr;
  std::string iso = date.Iso();
  for (const GazetteerEntry* e : it->second) {
    for (const Term& t : e->terms) {
      if (t.role == role && !t.start.empty() && t.start <= iso && (t.end.empty() || iso < t.end))
        return e;
    }
  }
  return nullptr;
}

std::vector<Mention> EntityRecognizer::Recognise(const std::vector<Token>& tokens,
                                                 std::optional<Date> date) const {
  Context ctx{tokens, {}, date, date ? date->Iso() : std::string(), IsShouting(tokens)};
  ctx.keys.reserve(tokens.size());
  for (const Token& t : tokens) ctx.keys.push_back(MatchKey(t.folded));
  std::vector<Mention> mentions;
  // Ambiguous matches wait until the whole text is read: an alias shared by
  // several entities ("Congo") or a bare surname ("Khan") is kept only when
  // the text names the entity unambiguously elsewhere, a title stands before
  // it, or (surnames) exactly one candidate held office on the date.
  struct Pending {
    std::vector<const Pattern*> candidates;
    size_t first, end;
  };
  std::vector<Pending> pending;
  std::set<const GazetteerEntry*> certain;

  std::vector<const Pattern*> best, valid;
  for (size_t i = 0; i < tokens.size();) {
    uint32_t node = 0;
    size_t best_len = 0;
    best.clear();
    for (size_t k = i; k < tokens.size(); ++k) {
      auto it = nodes_[node].next.find(ctx.keys[k]);
      if (it == nodes_[node].next.end()) break;
      node = it->second;
      valid.clear();
      for (uint32_t pi : nodes_[node].patterns) {
        if (Valid(patterns_[pi], ctx, i)) valid.push_back(&patterns_[pi]);
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
        certain.insert(best[0]->entry);
      } else {
        pending.push_back({best, i, i + best_len});
      }
    }
    i += best_len;
  }

  for (const Pending& p : pending) {
    std::set<const GazetteerEntry*> entries;
    for (const Pattern* c : p.candidates) entries.insert(c->entry);
    const GazetteerEntry* chosen = nullptr;
    AliasType via = p.candidates[0]->type;
    std::vector<const GazetteerEntry*> known;
    for (const GazetteerEntry* e : entries) {
      if (certain.count(e)) known.push_back(e);
    }
    if (known.size() == 1) {
      chosen = known[0];
    } else if (known.empty() && p.candidates[0]->entry->kind == EntityKind::kLeader) {
      // A bare surname: after a title, or (with a date) when exactly one
      // candidate held office then and no first name or company word
      // surrounds it ("Sadiq Khan", "Khan Market").
      const Token& first = tokens[p.first];
      bool titled = p.first > 0 && TitleWords().count(tokens[p.first - 1].folded) &&
                    Adjacent(tokens[p.first - 1], first);
      bool named_other = false;
      if (!titled && !ctx.shouting) {
        if (p.first > 0) {
          const Token& prev = tokens[p.first - 1];
          named_other = Adjacent(prev, first) && prev.capitalised && !prev.all_caps &&
                        !NeutralBefore().count(prev.folded);
        }
        if (p.end < tokens.size()) {
          const Token& next = tokens[p.end];
          named_other = named_other || (Adjacent(tokens[p.end - 1], next) && next.capitalised &&
                                        !next.all_caps && !NeutralAfter().count(next.folded));
        }
      }
      std::vector<const GazetteerEntry*> serving;
      if (!ctx.iso.empty()) {
        for (const GazetteerEntry* e : entries) {
          if (InOffice(*e, ctx.iso)) serving.push_back(e);
        }
      }
      if (serving.size() == 1 && !named_other) {
        chosen = serving[0];
      } else if (titled && entries.size() == 1) {
        chosen = *entries.begin();
      }
    }
    if (chosen) mentions.push_back({chosen, via, p.first, p.end, false});
  }

  // The state of the day: "Bonn" in 1987 is West Germany.
  for (Mention& m : mentions) m.entry = CountryOn(m.entry, date);
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.first_token < b.first_token; });
  ApplyDefinitions(tokens, mentions);
  auto placed = [&](std::vector<Mention>& out) {
    for (Mention& m : out)
      m.position = static_cast<float>(m.first_token) / static_cast<float>(tokens.size());
    return std::move(out);
  };
  if (!date) return placed(mentions);

  auto phrase_at = [&](size_t t, const std::vector<std::string_view>& words) {
    if (t + words.size() > tokens.size()) return false;
    for (size_t k = 0; k < words.size(); ++k) {
      if (tokens[t + k].folded != words[k]) return false;
      if (t + k > 0 && k > 0 && !Adjacent(tokens[t + k - 1], tokens[t + k])) return false;
    }
    return true;
  };
  auto leader_at = [&](size_t t) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const Mention& o) {
      return o.first_token == t && o.entry->kind == EntityKind::kLeader;
    });
  };

  std::vector<Mention> roles;
  // "the Russian president", "Pakistani Prime Minister": the holder on the date.
  for (const Mention& m : mentions) {
    if (m.entry->kind != EntityKind::kCountry ||
        (m.via != AliasType::kName && m.via != AliasType::kDemonym))
      continue;
    for (const RolePhrase& rp : RolePhrases()) {
      if (m.end_token >= tokens.size() || !Adjacent(tokens[m.end_token - 1], tokens[m.end_token]) ||
          !phrase_at(m.end_token, rp.words))
        continue;
      size_t end = m.end_token + rp.words.size();
      // "Russian President Vladimir Putin": the name that follows is
      // already a mention; the role adds nothing.
      if (!leader_at(end)) {
        const GazetteerEntry* leader = LeaderInRole(m.entry->id, rp.role, *date);
        if (leader) roles.push_back({leader, AliasType::kName, m.first_token, end, true});
      }
      break;
    }
  }
  // "the premier" after "Prime Minister Imran Khan": the last named holder.
  for (size_t t = 0; t + 1 < tokens.size(); ++t) {
    if (tokens[t].folded != "the") continue;
    for (const RolePhrase& rp : AnaphoricRoles()) {
      if (!phrase_at(t + 1, rp.words)) continue;
      size_t end = t + 1 + rp.words.size();
      if (end < tokens.size() && (tokens[end].folded == "of" || leader_at(end))) break;
      const GazetteerEntry* antecedent = nullptr;
      for (const Mention& m : mentions) {
        if (m.first_token >= t) break;
        if (m.entry->kind == EntityKind::kLeader && RoleOn(*m.entry, *date) == rp.role)
          antecedent = m.entry;
      }
      if (antecedent) roles.push_back({antecedent, AliasType::kName, t, end, true});
      break;
    }
  }
  mentions.insert(mentions.end(), roles.begin(), roles.end());
  std::sort(mentions.begin(), mentions.end(),
            [](const Mention& a, const Mention& b) { return a.first_token < b.first_token; });
  return placed(mentions);
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
  return s;
}

}  // namespace communique
