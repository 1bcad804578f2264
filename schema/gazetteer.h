// The gazetteers of schema/gazetteer/: countries, leaders and organisations,
// loaded as data. The indexer's EntityRecognizer compiles their aliases into
// matchers; the searcher uses them for facet labels and query aliases.
//
// Thread-safety: immutable after Load(); share one instance freely.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace communique {

enum class EntityKind { kCountry, kLeader, kOrganisation };

// The facet field an entity kind is stored in ("country", "leader", "organisation").
std::string_view FieldNameOf(EntityKind kind);

// How an alias names its entity; the recogniser treats them differently
// (a metonym such as "the Kremlin" names a government, not a territory, and a
// context alias such as "Khan" counts only next to a title or a full name).
// A blocker ("New Mexico" on Mexico) is a phrase that contains a name but
// does not name the entry: it is matched so that it can yield nothing.
enum class AliasType { kName, kDemonym, kMetonym, kAcronym, kContext, kHandle, kBlocker };

struct Alias {
  std::string text;
  AliasType type = AliasType::kName;
  // Listed in the entry's "ambiguous_names": also a person's name, a US
  // state or a common noun ("Jordan", "Georgia", "Turkey"), so the
  // recogniser asks its context before counting it.
  bool ambiguous = false;
  // ISO date from which the alias names this entry ("" = always): "Congo"
  // names DR Congo only since it stopped being Zaire in 1997.
  std::string since;
  // From a language's rules file (rules/<lang>.json): a word that language
  // writes in lower case ("российский", "russe") matches in any case.
  bool any_case = false;
  // The language whose rules file gave the alias ("" = the gazetteer's own).
  // With `only_language`, the alias counts only in articles of that
  // language (or of unknown language): German "Georgia" is the US state.
  std::string language;
  bool only_language = false;
  // A form the rules generator made by rule («России», «وروسيا», «l'Iran»):
  // matched in text and looked up as a query synonym, but not offered as an
  // expansion of the entity's other names.
  bool generated = false;
};

// A rule that drops an ambiguous one-word name when words around it betray
// another sense ("turkey" near "roast"; "china" before "plates"; Russian
// "Того" opening a sentence is the pronoun).
struct ContextRule {
  std::string alias;              // the name as written in the rules file
  std::vector<std::string> near;  // any of these within `before`/`after` tokens
  int before = 0, after = 0;
  std::vector<std::string> prev;  // the token right before
  std::vector<std::string> next;  // the token right after
  bool sentence_start = false;    // dropped when it opens a sentence
};

// A phrase naming an office ("президент", "国家主席", "président"), the
// gazetteer role it means and where its country is: next to it (`side`
// "before": "俄罗斯总统", "российский президент"; "after": "президент России",
// "le président russe"; "either"), possibly across `links` ("de la"), or
// fixed (`country` "CN" for "国家主席").
struct RoleRule {
  std::string phrase;
  std::string role;
  std::string side;     // "before", "after", "either" ("" with a fixed country)
  std::string country;  // fixed country code, or ""
};

// How a language writes a calendar date, as data (the "dates" object of
// rules/<lang>.json): month names and the words and signs around the day
// and year. analysis/dates/date_parser.h compiles it (DateVocabulary).
struct DateWords {
  // Forms of each month, index 0 = January; a form may be several words
  // ("كانون الثاني"). As written; the date parser folds them.
  std::vector<std::vector<std::string>> months;
  std::vector<std::string> day_suffixes;  // after the day's digits: French "1er"
  std::vector<std::string> links;         // between day, month and year: Spanish "de"
  // Signs after the numbers of a year, month and day, for languages that
  // write dates so (2021年9月14日); empty otherwise.
  std::string year_sign, month_sign, day_sign;
};

// Country names compounded from one character of each (Chinese 中俄,
// Japanese 日米韓), as data (the "compounds" object of rules/<lang>.json).
// A run of two to four `letters` in the text names each of their countries,
// except: a letter followed by one of `not_before` is part of a full name
// (中国, 俄罗斯) and leaves the run; a letter of `joins_previous` after a
// Han character ends that word (来日, 会談中) and leaves it too; a run right
// after a digit belongs to a date (15日米国); a run starting one of
// `exceptions` (美德, 中米) is a word. A one-character country name written
// between two `syllables` of transliterated foreign names, with no break
// (阿尔巴尼斯, Albanese: 阿尔 / 巴 / 尼斯), is a syllable of such a name too.
struct CompoundNames {
  std::map<std::string, std::string> letters;  // one character -> country code
  std::vector<std::string> not_before, joins_previous, exceptions, syllables;
  // Office titles after which one letter alone names its country
  // (メルケル独首相, 英外相): the press's short form of a leader's country.
  std::vector<std::string> before_titles;
};

// One language's recognition rules as data (schema/gazetteer/rules/<lang>.json):
// the word lists the recogniser asks about context, its context rules and
// role phrases. Words are as written; the recogniser folds them.
struct LanguageRules {
  std::string language;
  std::vector<std::string> title_words;           // before a bare surname: "President", "PM"
  std::vector<std::string> neutral_before;        // may precede a name that is also a first name
  std::vector<std::string> neutral_after;         // may follow one ("Jordan said")
  std::vector<std::string> first_name_countries;  // names that are also first names
  std::vector<std::string> common_word_acronyms;  // acronyms that are words ("US", "WHO")
  std::vector<std::string> company_forms;         // "Inc", "SpA": a company's name ends
  std::vector<std::string> role_links;            // words between a role and its country: "de"
  std::vector<std::string> definite_articles;     // before an anaphoric role: "the"
  // Words that make the role phrase after them a predicate, the role someone
  // takes or plays («Stocker als Bundeskanzler angelobt», «en tant que
  // président»), not a reference to the office's holder.
  std::vector<std::string> role_predicates;
  // Words joined to a role by a hyphen or a space that make it another
  // office, a deputy's or a former holder's («вице-премьер», «ex presidente»).
  std::vector<std::string> role_prefixes;
  std::vector<std::pair<std::string, std::string>> anaphoric_roles;  // phrase, role
  std::vector<ContextRule> context_rules;
  std::vector<RoleRule> roles;
  DateWords dates;
  CompoundNames compounds;
  // National news agencies as their credit is written in this language's
  // datelines («ТАСС», «dpa», «بترا») -> the agency's country: where a
  // dateline's place is one no list knows, a national agency's is mostly
  // at home (Elmau (dpa), البحر الميت (بترا)). International wires (AFP,
  // Reuters, EFE) are not listed.
  std::vector<std::pair<std::string, std::string>> wires;
};

// A historical state stands for a present-day country's mentions until it
// ended: in 1987 "Bonn" and "German" mean West Germany, "Moscow" the USSR.
struct Coverage {
  std::string code;  // the present-day country ("DE")
  std::string end;   // ISO date the historical state ended ("1990-10-03")
};

// A spell in office: role ("president", "prime minister"…) with ISO dates;
// `end` is empty while in office. A spell at the head of an international
// organisation ("secretary-general" of the UN) names it in `organisation`
// (an organisations.json id) and is held for the body, not for the leader's
// country: while in it, the leader speaks for no country.
struct Term {
  std::string role;
  std::string start;
  std::string end;
  std::string organisation;  // "" for a national office
};

// One spell of a country's membership in an organisation. Dates are ISO
// dates cut to the precision the record gives ("1949", "1997-07",
// "2017-06-09"), because COW and older treaties give only a year.
struct Membership {
  std::string country;  // a code of countries.json; historical states keep theirs ("XG")
  std::string joined;   // "" when no source gives it; see member_in
  // A year the country is known to have been a member in, when `joined` is
  // unknown: COW IGO v3 as we have it lists members in its last coded year
  // only ("2014").
  std::string member_in;
  std::string left;  // "" while still a member
};

struct GazetteerEntry {
  EntityKind kind = EntityKind::kCountry;
  std::string id;     // "PK", "vladimir-putin", "SCO"
  std::string label;  // display name
  // Leaders: the country of their national offices; "" for a head of an
  // international organisation who held none the gazetteer lists (Kofi
  // Annan). See LeaderCountryOn for the country a leader speaks for.
  std::string country;
  std::vector<Alias> aliases;
  std::vector<Term> terms;              // leaders only
  std::vector<std::string> members;     // organisations: countries with a spell not yet ended
  std::vector<Membership> memberships;  // organisations only, every spell
  std::string dissolved;                // organisations: ISO date the body ended, "" if it lives
  // Organisations: a grouping whose meetings are summits of its members'
  // leaders (BRICS, the G20, NATO), where a leader is one guest among many;
  // not a body where a leader or minister speaks for their country (the UN
  // Security Council, the IMF).
  bool summit = false;
  bool historical = false;       // countries only
  std::vector<Coverage> covers;  // historical countries: see Coverage
};

// The term `leader` holds on `iso_date` ("YYYY-MM-DD"), the first listed
// when several overlap, or nullptr (none then, or no date).
const Term* TermOn(const GazetteerEntry& leader, std::string_view iso_date);

// The organisation whose head `leader` is on `iso_date` ("UN" for António
// Guterres in 2021), or "" when the office held then is national or none.
std::string_view OrganisationOn(const GazetteerEntry& leader, std::string_view iso_date);

// The country a mention of `leader` stands for on `iso_date`: "" while they
// head an organisation (Mark Rutte at NATO in 2025 speaks for no country),
// else their country (also out of office, and when the date is unknown: "").
// The recogniser's salience, events and the extract's output ask this one
// function, so an organisation's head never makes a country salient.
std::string_view LeaderCountryOn(const GazetteerEntry& leader, std::string_view iso_date);

class Gazetteer {
 public:
  // Loads countries.json, leaders.json and organisations.json from `dir`.
  // A missing or malformed file is an error naming the file and reason.
  static Result<Gazetteer> LoadDir(const std::string& dir);
  // Parses the three files' JSON texts (used by tests).
  static Result<Gazetteer> Parse(std::string_view countries, std::string_view leaders,
                                 std::string_view organisations);

  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  // The entry of `kind` whose id equals `id` case-insensitively, or nullptr.
  const GazetteerEntry* Find(EntityKind kind, std::string_view id) const;
  // The display label for an id, or the id itself when unknown.
  std::string Label(EntityKind kind, std::string_view id) const;
  // The canonical spelling of an id ("pk" → "PK"), or "" when unknown.
  std::string CanonicalId(EntityKind kind, std::string_view id) const;

  // Whether the data shows `country_code` a member of organisation `org_id`
  // on `iso_date` ("YYYY-MM-DD"); ids and codes match case-insensitively.
  // A spell counts from `joined`, or, when only `member_in` is known, from
  // the first day of that year (so the answer is "known to be a member", and
  // false before the first record); it stops counting on `left`, and nothing
  // counts once the body is dissolved. A date cut to a year or month acts
  // as its first day: "joined": "1949" counts from 1949-01-01. Historical
  // states are not folded into their successors: West Germany's NATO years
  // are "XG"'s, not "DE"'s. Unknown ids and codes are simply not members.
  // Thread-safe (const, no caches).
  bool IsMember(std::string_view org_id, std::string_view country_code,
                std::string_view iso_date) const;

  // Countries of the world city called `key` (its name lower-cased, without
  // diacritics, words joined by one space: "rio de janeiro"), the place a
  // wire dateline means first (curated wire names, then the most populous);
  // empty when unknown. Read from cities.tsv when LoadDir finds it
  // (datelines: "HOUSTON, April 8 -" is in the US).
  std::vector<std::string> CityCountries(std::string_view key) const;
  // Whether the first of CityCountries(key) holds against an article's text:
  // it is a capital, a curated wire name or far more populous than the next
  // ("ALEXANDRIA" is Egypt's even in a story that names the United States).
  // False for unknown and unambiguous names.
  bool CityIsFirm(std::string_view key) const;
  // Parses cities.tsv text: "key<TAB>CC[,CC...][<TAB>firm]" lines, '#' comments.
  void ParseCities(std::string_view tsv);
  // Every city key CityCountries() knows with its countries ("rio de
  // janeiro" -> "BR", "alexandria" -> "EG,US"), for lookups by another key
  // of a name (the dateline resolver's transliteration keys).
  const std::map<std::string, std::string, std::less<>>& Cities() const { return cities_; }

  // Cities with a former name ("Kyiv", "Kiev"), one list of display names
  // per city, GeoNames name first; read from city_variants.tsv when LoadDir
  // finds it. The indexer stores them as search synonyms (alias_synonyms.h).
  const std::vector<std::vector<std::string>>& CityVariants() const { return city_variants_; }
  // Parses city_variants.tsv text: tab-separated names per line, '#' comments.
  void ParseCityVariants(std::string_view tsv);

  // Bare surnames a query widens to the leaders who bear them ("xi" ->
  // xi-jinping, "assad" -> bashar-al-assad), folded as the tokenizer folds
  // words; read from query_surnames.tsv when LoadDir finds it (generated by
  // scripts/gazetteer/build_query_surnames.py, whose header states which
  // surnames qualify). Other context aliases stay out of queries.
  const std::map<std::string, std::vector<std::string>, std::less<>>& QuerySurnames() const {
    return query_surnames_;
  }
  // Parses query_surnames.tsv text: "surname<TAB>id[,id...]" lines, '#'
  // comments.
  void ParseQuerySurnames(std::string_view tsv);

  // Per-language rules and aliases, read by LoadDir from rules/<lang>.json
  // (generated by scripts/gazetteer/build_lang_rules.py), in file-name order.
  const std::vector<LanguageRules>& Rules() const { return rules_; }
  // Parses one rules file's JSON text: its word lists and rules go to
  // Rules(), its aliases onto the entries they name. An unknown entry, kind
  // or alias type is an error naming `what`, the alias's index and reason.
  Status AddRules(std::string_view json_text, const std::string& what);

 private:
  Status Add(EntityKind kind, std::string_view json_text, const std::string& what);
  std::vector<GazetteerEntry> entries_;
  std::map<std::string, size_t> index_;  // kind digit + lower-case id -> entries_ index
  std::map<std::string, std::string, std::less<>> cities_;  // key -> "CC[,CC...]"
  std::set<std::string, std::less<>> firm_cities_;          // keys marked "firm"
  std::vector<std::vector<std::string>> city_variants_;
  std::map<std::string, std::vector<std::string>, std::less<>> query_surnames_;
  std::vector<LanguageRules> rules_;
};

// ASCII lower-casing for ids and codes.
std::string AsciiLower(std::string_view s);

}  // namespace communique
