// Finds the countries, leaders and organisations an article mentions.
//
// Every alias of every gazetteer entry is compiled into one trie over folded
// tokens, so a text is scanned once, whatever the gazetteer's size, and the
// longest alias starting at a token wins ("Shanghai Cooperation
// Organisation" is one organisation, not the city Shanghai; "Papua New
// Guinea" is not Guinea). Phrases that contain a name but are not about the
// country ("New Mexico", "Jordan River", "South China Sea") are compiled in
// as blockers: they win the longest match and yield nothing.
//
// Case and context decide the traps: acronyms that are also words (US, WHO)
// must be written in capitals and are not trusted in all-capitals text
// (an acronym the gazetteer spells in mixed case, "Comecon", is a
// capitalised word); an organisation's name followed by a company form
// ("ICO Inc", "Olivetti EC SpA") is a company's; an acronym a text defines
// after a full name ("International Wheat Council (IWC)") means that body
// throughout the text, whatever else the gazetteer gives it;
// names that are also people, US states or nouns (Chad, Jordan, Georgia,
// Turkey, China) are dropped next to a first name, a surname or a word that
// betrays the other sense. An alias shared by several entities ("Congo",
// "Congolese") counts only when the text or the date settles it.
//
// The word lists and per-entity context rules are data, one file per
// language (schema/gazetteer/rules/<lang>.json, LanguageRules), as are the
// aliases a language adds (inflected forms such as «России», «Пакистаном»,
// lower-case adjectives such as «российский», role phrases such as
// «Председатель КНР»), so a language is added by data. Recognise() runs as
// passes, each of which can be switched off (Passes) so tests check them
// one by one: the trie match with blockers and context rules, the
// resolution of ambiguous matches, CJK compounds, Cyrillic full names by
// their transliteration key, acronym definitions, roles.
//
// Leaders are found by name, by a title before a surname ("PM Khan"), by a
// role and a country ("the Russian president", resolved to the holder of
// that office on the publication date) and by "the premier" / "the
// president" after a named holder of that office.
//
// Thread-safety: immutable after construction; Recognise() may be called
// concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/dates/date_parser.h"
#include "analysis/text/tokenizer.h"
#include "schema/gazetteer.h"

namespace communique {

// One mention of a gazetteer entry: the token range it covers and how it was
// recognised.
struct Mention {
  const GazetteerEntry* entry = nullptr;
  AliasType via = AliasType::kName;
  size_t first_token = 0;  // token range [first_token, end_token)
  size_t end_token = 0;
  bool from_role = false;  // "the Russian president" resolved by date
  // How far into its text the mention starts: first_token / tokens, so 0 is
  // the opening word. Salience reads it: a body named at the top of a story
  // is more likely its subject than one first named near the end.
  float position = 0;
};

// Mentions grouped per entity, in order of first mention.
struct EntityCount {
  std::string id;
  int count = 0;
  // Countries and organisations: the article is about it (see salience.h);
  // the `country` facet holds only salient countries.
  bool salient = false;
  // Leaders: the role held on the publication date ("prime minister"), or ""
  // when the date is unknown or the person held no listed office then.
  std::string role;
  // The smallest Mention::position among its mentions (1 when unknown, e.g.
  // a flag emoji or a dateline).
  float first_position = 1;
};
struct EntitySummary {
  std::vector<EntityCount> countries, leaders, organisations;
  const std::vector<EntityCount>& Of(EntityKind kind) const;
  std::vector<EntityCount>& Of(EntityKind kind);
};

// The role `leader` held on `date` ("president"), or "" when none. When
// several spells overlap, the first listed wins (the gazetteer lists the
// senior office first).
std::string RoleOn(const GazetteerEntry& leader, const Date& date);

// A role phrase of a text and the office it names, not resolved to anyone:
// "UN Secretary-General" is organisation UN's role "secretary-general",
// «президент России» and "俄罗斯总统" country RU's "president", "国家主席"
// CN's "president". `place` is the country or organisation entry.
struct RoleReference {
  const GazetteerEntry* place = nullptr;
  std::string role;        // as in leaders.json's terms ("head": the body's one head)
  size_t first_token = 0;  // the phrase with its country or body: [first_token, end_token)
  size_t end_token = 0;
};

// The passes of Recognise(); all on by default. The trie match (longest
// alias, blockers, case and context rules) always runs.
// Transliteration keys shorter than this (in bytes) name no leader in
// MatchTransliterated: a full name's key is long ("alihamenei"), and short
// ones of different people collide.
constexpr size_t kMinTransliteratedName = 10;

struct RecognitionPasses {
  bool ambiguous = true;    // settle shared aliases and bare surnames
  bool definitions = true;  // acronyms a text defines after a full name
  bool roles = true;  // "the Russian president", «президент России», "the premier"
  bool compounds = true;  // 中俄, 日米韓: one character per country (CompoundNames)
  // «Али Хаменеи»: a Cyrillic full name no table spells, by its
  // transliteration key (MatchTransliterated).
  bool transliterated = true;
};

class EntityRecognizer {
 public:
  // Compiles every alias of `gazetteer`, which must outlive this object.
  explicit EntityRecognizer(const Gazetteer& gazetteer);

  // Mentions in `tokens` (from Tokenize()), in text order. `date` is the
  // publication date: it resolves roles ("the Russian president"), maps
  // countries to the historical state of the day (Bonn in 1987 is West
  // Germany) and settles bare surnames of office holders ("Reagan said").
  // `language` is the article's language ("ru"; "" when unknown): a rules
  // file's aliases in Latin script («Chine», «Rom», «china») count only in
  // articles declared in that language; those it marks only_language, in
  // that language or when it is unknown. The language is Article::language as declared; when the
  // analysis layer detects languages, the detected one belongs here.
  // `named_elsewhere` are the mentions of the text around `tokens` (a
  // headline's body): an ambiguous word settles on an entity they name as
  // it would on one `tokens` name («السوداني» in a headline is al-Sudani
  // when the body names him in full, as in the body itself).
  std::vector<Mention> Recognise(const std::vector<Token>& tokens, std::optional<Date> date,
                                 std::string_view language = {},
                                 const RecognitionPasses& passes = {},
                                 const std::vector<Mention>& named_elsewhere = {}) const;

  // The role phrases of `tokens` that Recognise() would resolve to a holder
  // on some date, in every language's rules when `language` is "" (as for
  // an article of unknown language), unresolved: a search for "the Russian
  // president" wants every holder's articles, each by its own date. A
  // phrase next to a leader it names ("Russian President Vladimir Putin"),
  // a deputy's or a predicate's office, and the anaphoric "the premier" are
  // not references, as in Recognise().
  std::vector<RoleReference> FindRoles(const std::vector<Token>& tokens,
                                       std::string_view language = {}) const;

  // Regional-indicator flag emoji ("🇵🇰") in raw text, as country entries.
  std::vector<const GazetteerEntry*> FindFlags(std::string_view text) const;

  // Counts mentions per entity (first-mention order); flags count as country
  // mentions. Leaders get their role on `date` when it is given.
  static EntitySummary Summarise(const std::vector<Mention>& mentions,
                                 const std::vector<const GazetteerEntry*>& flags,
                                 std::optional<Date> date = std::nullopt);

  // The country entry that stood for `country` on `date`: the historical
  // state covering it then (DE before 1990-10-03 is XG), else `country`.
  const GazetteerEntry* CountryOn(const GazetteerEntry* country,
                                  const std::optional<Date>& date) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  struct Pattern {
    const GazetteerEntry* entry;  // nullptr: a blocker phrase
    AliasType type;
    uint16_t length;    // tokens
    bool upper_only;    // an acronym written in capitals ("UN", "SCO", "US")
    bool ambiguous;     // Alias::ambiguous
    bool common_word;   // the acronym is also an English word (US, WHO)
    std::string since;  // Alias::since
    bool any_case;      // Alias::any_case
    // The only language the alias counts in ("" = every language): a rules
    // file's only_language aliases and its Latin-script ones.
    std::string only_language;
    bool declared_only;  // not even in articles of unknown language (Latin script)
  };
  // LanguageRules of every language, folded and merged.
  struct CompiledContextRule {
    std::set<std::string> near, prev, next;
    int before = 0, after = 0;
    bool sentence_start = false;
  };
  struct CompiledRole {
    std::vector<std::string> words;  // folded tokens
    std::string role, side, country;
    std::string language;  // the rules file's language
  };
  static bool ForLanguage(const CompiledRole& r, std::string_view language);
  struct CompiledRules {
    // Names that are also given names: English's in every language (as
    // before other languages had lists), another language's in its own
    // articles only («Israel Katz» in Spanish; "Israel Defense Forces" in
    // English stays Israel's).
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> first_name;
    std::set<std::string, std::less<>> title, neutral_before, neutral_after, acronym_words,
        company_forms, links, articles;
    std::vector<std::pair<std::vector<std::string>, std::string>> anaphoric;  // words, role
    std::map<std::string, std::vector<CompiledContextRule>> context;          // by folded alias
    std::vector<CompiledRole> roles;
    // LanguageRules::role_predicates and role_prefixes: folded words, and the
    // rules file's language. Either before a role makes it nobody's of the day.
    std::vector<std::pair<std::vector<std::string>, std::string>> predicates;
    // By language: rules/<lang>.json "compounds" (schema/gazetteer.h).
    struct Compounds {
      std::map<std::string, const GazetteerEntry*, std::less<>> letters;
      std::set<std::string, std::less<>> not_before, joins_previous, syllables;
      std::vector<std::string> exceptions;
      std::vector<std::string> before_titles;  // a single letter before one names its country
    };
    std::map<std::string, Compounds, std::less<>> compounds;
  };
  struct Node {
    std::unordered_map<std::string, uint32_t> next;
    std::vector<uint32_t> patterns;
  };
  struct Context;  // per-call state, defined in the .cpp
  struct Pending;  // an ambiguous match, defined in the .cpp

  void CompileRules();
  // Whether a word that may be part of a name stands right before
  // `tokens[i]`: adjacent, capitalised but not all capitals, and no word
  // the rules call neutral ("in", "president"). "Sadiq" before "Khan".
  bool NameWordBefore(const std::vector<Token>& tokens, size_t i) const;
  // Whether the folded word `key` alone is a name of a country or an
  // organisation ("russian", "nato"): before a leader's surname it is no
  // given name.
  bool NamesNonPerson(const std::string& key) const;
  // Whether the rules mark `t` as no part of a person's name: a neutral
  // word, a title, a word of a role phrase, or a country's or
  // organisation's one-word name («قال», «الرئيس», «الخارجية», «الروسي»).
  // Arabic words, which case cannot tell apart, need it.
  bool MarkedNonName(const Token& t) const;
  // Pass 1: the trie's longest valid matches; blockers yield nothing, and
  // matches with several candidates go to `pending`.
  void MatchAliases(const Context& ctx, std::vector<Mention>& mentions,
                    std::vector<Pending>& pending) const;
  // Pass 2: the pending matches the text or the date settles.
  void ResolveAmbiguous(const Context& ctx, const std::vector<Pending>& pending,
                        std::vector<Mention>& mentions) const;
  // Pass 3b: countries compounded from one character each (中俄, 日米), in
  // articles of a language whose rules list such characters.
  void MatchCompounds(const Context& ctx, std::vector<Mention>& mentions) const;
  // Two or three capitalised Cyrillic words that no alias matched and whose
  // transliteration key (analysis/text/transliteration_key.h) is that of a
  // leader's Latin full name («Али Хаменеи» is "Ali Khamenei": "alihamenei"),
  // when exactly one leader has the key and held office on the date: the
  // leader tables of a language cannot spell every office holder, and a key
  // alone is weak evidence, so the date must agree. Nominative forms only.
  void MatchTransliterated(const Context& ctx, std::vector<Mention>& mentions) const;
  // Pass 4: leaders named by a role: "the Russian president", «президент
  // России», "国家主席", "the premier" after a named holder.
  std::vector<Mention> ResolveRoles(const Context& ctx, const std::vector<Mention>& mentions) const;
  // The role phrases of pass 4 that name a country's or a body's office, in
  // text order of resolution; `place` may be nullptr (a fixed country the
  // gazetteer lacks). ResolveRoles() resolves them on the date.
  std::vector<RoleReference> RolePhrasesIn(const Context& ctx,
                                           const std::vector<Mention>& mentions) const;
  // Passes 1 to 3 and the acronym definitions of Recognise(): every mention
  // but those of roles, sorted by position.
  std::vector<Mention> NamedMentions(const Context& ctx, const RecognitionPasses& passes) const;

  void AddPattern(const std::vector<std::string>& words, Pattern p);
  // Whether `p` may match at token `i` as far as language, case, company
  // forms and sentence-start rules go; it matches when NameHolds too.
  bool Admissible(const Pattern& p, const Context& ctx, size_t i) const;
  // Whether an admissible `p`, if ambiguous, is the entity and not a
  // person's name or another sense its neighbours betray ("Chad Smith",
  // «Israel Katz»).
  bool NameHolds(const Pattern& p, const Context& ctx, size_t i) const;
  // Re-reads `mentions` (sorted) with the acronyms the text defines.
  static void ApplyDefinitions(const std::vector<Token>& tokens, std::vector<Mention>& mentions);
  // The holder of `role` on `date` for `place`: a country (its national
  // offices) or an organisation (the terms held at its head; role "head",
  // from "chief", is its one head on the date, none when it has several,
  // as the EU has). nullptr when none is listed.
  const GazetteerEntry* LeaderInRole(const GazetteerEntry& place, std::string_view role,
                                     const Date& date) const;

  const Gazetteer& gazetteer_;
  CompiledRules rules_;
  // Leaders by the transliteration key of their ASCII full names (two words
  // or more, keys of kMinTransliteratedName bytes or more).
  std::map<std::string, std::vector<const GazetteerEntry*>, std::less<>> leaders_by_key_;
  // Folded given names of the gazetteer's leaders ("michelle"): a sentence's
  // first word that is one still starts another person's name ("Michelle
  // Obama said"), where "Senior Reagan aides" does not.
  std::set<std::string, std::less<>> given_names_;
  std::vector<Node> nodes_;  // nodes_[0] is the root
  std::vector<Pattern> patterns_;
  // Present-day country id -> historical states covering it, with end dates.
  std::map<std::string, std::vector<std::pair<const GazetteerEntry*, std::string>>> covered_by_;
  // Leaders per country, for role resolution without scanning everything.
  std::map<std::string, std::vector<const GazetteerEntry*>> leaders_by_country_;
  // Heads per organisation id (a term's `organisation`), the same for bodies.
  std::map<std::string, std::vector<const GazetteerEntry*>> leaders_by_organisation_;
};

}  // namespace communique
