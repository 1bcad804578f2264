#include "analysis/events/event_recognizer.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analysis/text/text_normalizer.h"
#include "common/file.h"
#include "schema/paths.h"

namespace communique {
namespace {

// Whether sentences past the lead yield events (see Recognise).
constexpr bool kBodyEvents = false;

// The language whose triggers read a language that has none (events.json).
constexpr char kEnglish[] = "en";

Result<std::vector<TriggerElement>> ParseTrigger(std::string_view text) {
  std::vector<TriggerElement> out;
  std::istringstream in{std::string(text)};
  std::string piece;
  while (in >> piece) {
    TriggerElement e;
    if (piece[0] == '~') {
      try {
        e.gap = std::stoi(piece.substr(1));
      } catch (...) {
        e.gap = 0;
      }
      if (e.gap <= 0 || e.gap > 10) return Status::BadRequest("bad gap '" + piece + "'");
      out.push_back(std::move(e));
      continue;
    }
    if (piece[0] == '@') {
      if (piece != "@leader" && piece != "@quote" && piece != "@place")
        return Status::BadRequest("unknown class '" + piece + "'");
      (piece == "@leader" ? e.leader : piece == "@quote" ? e.quote : e.place) = true;
      out.push_back(std::move(e));
      continue;
    }
    if (piece.size() > 1 && piece.back() == '?') {
      e.optional = true;
      piece.pop_back();
    }
    size_t start = 0;
    while (start <= piece.size()) {
      size_t bar = piece.find('|', start);
      std::string alt =
          piece.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      if (alt.empty()) return Status::BadRequest("empty alternative in '" + piece + "'");
      if (alt.back() == '*') {
        alt.pop_back();
        if (alt.empty()) return Status::BadRequest("bare '*' in '" + piece + "'");
        e.prefixes.push_back(FoldForMatch(alt));
      } else {
        e.words.push_back(FoldForMatch(alt));
      }
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    out.push_back(std::move(e));
  }
  if (out.empty() || out.front().gap || out.back().gap)
    return Status::BadRequest("a trigger must start and end with a word");
  return out;
}

// Whether `word` is one of `list`.
bool Listed(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Whether `word` ends with one of `endings` after at least `stem` bytes
// ("-led" is a participle of one letter's stem, "king" no gerund).
bool EndsWithOne(std::string_view word, const std::vector<std::string>& endings, size_t stem) {
  return std::any_of(endings.begin(), endings.end(), [&](const std::string& e) {
    return word.size() >= e.size() + stem && word.compare(word.size() - e.size(), e.size(), e) == 0;
  });
}

bool WordMatches(const TriggerElement& e, const std::string& folded) {
  if (std::find(e.words.begin(), e.words.end(), folded) != e.words.end()) return true;
  for (const std::string& p : e.prefixes)
    if (folded.compare(0, p.size(), p) == 0) return true;
  return false;
}

// Abbreviations after which a full stop ends no sentence: an initial, a
// dotted acronym, and English titles (Latin-script only, so harmless in other
// languages; French "M." is an initial).
bool Abbreviation(std::string_view word) {
  if (word.size() == 1 && std::isupper(static_cast<unsigned char>(word[0]))) return true;
  if (word.find('.') != std::string_view::npos) return true;  // "U.S"
  static const std::set<std::string_view> titles = {"Mr", "Mrs", "Ms",  "Dr",  "St",  "Gen",
                                                    "Lt", "Col", "Sen", "Rep", "Gov", "Prof"};
  return titles.count(word) > 0;
}

// Full stops, question and exclamation marks of Chinese and Japanese (。！？)
// and the Arabic question mark (؟): they end a sentence as ". ! ?" do.
constexpr std::string_view kWideStops[] = {"\u3002", "\uff01", "\uff1f", "\u061f"};
// Commas, enumeration marks, semicolons and colons of CJK and Arabic text
// (，、；：،؛): they part clauses as ", ; :" do.
constexpr std::string_view kWidePauses[] = {"\uff0c", "\u3001", "\uff1b",
                                            "\uff1a", "\u060c", "\u061b"};

template <size_t N>
bool HasOne(std::string_view gap, const std::string_view (&marks)[N]) {
  return std::any_of(std::begin(marks), std::end(marks),
                     [&](std::string_view m) { return gap.find(m) != std::string_view::npos; });
}

// Whether a gap holds a comma, semicolon, colon or stop of any script.
bool Pause(std::string_view gap) {
  return gap.find_first_of(",;:.!?") != std::string_view::npos || HasOne(gap, kWideStops) ||
         HasOne(gap, kWidePauses);
}

// Whether the gap between tokens `k` - 1 and `k` (k >= 1) of `text` is a Pause.
bool PauseBefore(std::string_view text, const std::vector<Token>& tokens, size_t k) {
  return Pause(text.substr(tokens[k - 1].end, tokens[k].begin - tokens[k - 1].end));
}

// Whether one of the two words before `first` negates it ("has not
// arrived", "without signing", "failed to reach"), with no comma or stop
// between.
bool Negated(std::string_view text, const std::vector<Token>& tokens, size_t first,
             const std::vector<std::string>& negation) {
  for (size_t i = first; i-- > 0 && first - i <= 2;) {
    std::string_view gap = text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end);
    if (Pause(gap)) return false;
    if (std::find(negation.begin(), negation.end(), tokens[i].folded) != negation.end())
      return true;
  }
  return false;
}

// Whether the word at `first` stands in a clause of time or condition: after
// one of `clause_words` ("after", "ahead", "if"...) with no comma, colon,
// semicolon, stop or line break between. A comma ends the clause: in "After talks in
// Ankara, Erdogan and Putin sign deal" the signing is the news.
bool InBackgroundClause(std::string_view text, const std::vector<Token>& tokens, size_t first,
                        const std::vector<std::string>& clause_words) {
  for (size_t i = first; i-- > 0;) {
    if (std::find(clause_words.begin(), clause_words.end(), tokens[i].folded) != clause_words.end())
      return true;
    if (i == 0) break;
    std::string_view gap = text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
    if (Pause(gap) || gap.find('\n') != std::string_view::npos) return false;
  }
  return false;
}

// Whether one of `words` stands among the two tokens from `at` (before
// `end`) with no pause before it: a language that puts its clause of time
// after the event (会晤后, 訪問を前に, 访问期间) closes it so.
bool PostpositionAfter(std::string_view text, const std::vector<Token>& tokens, size_t at,
                       size_t end, const std::vector<std::string>& words) {
  if (words.empty() || at == 0) return false;
  for (size_t k = at; k < end && k < at + 2; ++k) {
    if (PauseBefore(text, tokens, k)) return false;
    if (Listed(words, tokens[k].folded)) return true;
  }
  return false;
}

// For each token, whether an opening quote mark stands right before it
// ("calls strike 'a serious escalation'"): a curly or angled opening mark,
// or a straight one after a space or at the start.
std::vector<bool> QuoteStarts(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<bool> out(tokens.size(), false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view before = text.substr(0, tokens[i].begin);
    auto ends = [&](std::string_view mark) {
      return before.size() >= mark.size() &&
             before.compare(before.size() - mark.size(), mark.size(), mark) == 0;
    };
    if (ends("\u201c") || ends("\u2018") || ends("\u00ab")) {
      out[i] = true;
    } else if (ends("\"") || ends("'")) {
      out[i] = before.size() == 1 || before[before.size() - 2] == ' ' ||
               before[before.size() - 2] == '\n';
    }
  }
  return out;
}

// Whether one of `clause_words` stands in tokens [first, end).
bool ClauseBetween(const std::vector<Token>& tokens, size_t first, size_t end,
                   const std::vector<std::string>& clause_words) {
  for (size_t i = first; i < end; ++i)
    if (std::find(clause_words.begin(), clause_words.end(), tokens[i].folded) != clause_words.end())
      return true;
  return false;
}

// Whether token spans `a` and `b` ([first, end)) stand at most four words
// apart in one clause: no comma, stop or other pause and none of
// `clause_words` between them ("discuté par téléphone" yes; "met after a
// phone call", "talks; a call later" no). Overlapping spans are near.
bool SameClauseNear(std::string_view text, const std::vector<Token>& tokens,
                    std::pair<size_t, size_t> a, std::pair<size_t, size_t> b,
                    const std::vector<std::string>& clause_words) {
  constexpr size_t kNear = 4;
  if (b.first < a.first) std::swap(a, b);
  if (b.first < a.second) return true;
  if (b.first - a.second > kNear || ClauseBetween(tokens, a.second, b.first, clause_words))
    return false;
  for (size_t k = a.second - 1; k + 1 <= b.first; ++k)
    if (PauseBefore(text, tokens, k + 1)) return false;
  return true;
}

// Whether the subject of a statement at `at` names no government: a word of
// the rules' private actors between the start of its clause (the sentence's
// `first` token or the last clause word before `at`) and `at` ("Bond
// investors urged", "Oil jumps as analysts warn").
bool PrivateSubject(const std::vector<Token>& tokens, size_t first, size_t at,
                    const BackgroundRules& rules) {
  for (size_t i = at; i-- > first;) {
    const std::string& w = tokens[i].folded;
    if (std::find(rules.clause.begin(), rules.clause.end(), w) != rules.clause.end()) return false;
    if (WordMatches(rules.private_actors, w)) return true;
  }
  return false;
}

// Whether `body` names a person whose last name is `surname`: the word right
// after another capitalised word, a space between, and no country or
// capital ("Polish Prime Minister Donald Tusk said"; "in Vilnius" is none).
bool PersonNamedIn(const EventText& body, std::string_view surname) {
  if (!body.tokens) return false;
  const std::vector<Token>& tokens = *body.tokens;
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].text != surname || !tokens[i - 1].capitalised ||
        body.text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end) != " ")
      continue;
    bool place =
        body.mentions &&
        std::any_of(body.mentions->begin(), body.mentions->end(), [&](const Mention& m) {
          return m.entry->kind == EntityKind::kCountry && m.first_token <= i && i < m.end_token;
        });
    if (!place) return true;
  }
  return false;
}

// When the text opens with a leader's name and a colon ("Lavrov: West is
// playing with fire", "Sergei Lavrov: ..."), the number of tokens before the
// colon; else 0. A place before the colon ("Vilnius: ...") is no speaker.
// A name the gazetteer does not know speaks too when `body` names the
// person in full ("Tusk: Poland will not send troops", "Polish Prime
// Minister Donald Tusk"); a label ("Analysis:", "Profile:") names no one.
size_t SpeakerBeforeColon(const EventText& t, const std::vector<Token>& tokens,
                          const EventText& body) {
  if (!t.mentions) return 0;
  size_t colon = 0;
  while (colon + 1 < tokens.size() &&
         t.text.substr(tokens[colon].end, tokens[colon + 1].begin - tokens[colon].end).find(':') ==
             std::string_view::npos)
    ++colon;
  if (colon + 1 >= tokens.size() || colon > 4) return 0;
  size_t covered = 0;  // tokens [0, covered) are a leader's mentions
  for (const Mention& m : *t.mentions) {
    if (m.entry->kind == EntityKind::kLeader && m.first_token == covered && m.end_token > covered &&
        m.end_token <= colon + 1)
      covered = m.end_token;
  }
  if (covered == colon + 1) return covered;
  if (colon > 1) return 0;  // one or two words
  for (size_t i = 0; i <= colon; ++i) {
    if (!tokens[i].capitalised) return 0;
    for (const Mention& m : *t.mentions)
      if (m.first_token <= i && i < m.end_token) return 0;  // a place, a leader's country
  }
  return PersonNamedIn(body, tokens[colon].text) ? colon + 1 : 0;
}

// When a Japanese or Chinese headline opens with a leader, his title at
// most, and an ideographic comma, and its first part (up to an ideographic
// space) ends in a closing corner bracket ("ラブロフ外相、日本との平和条約交渉
// 「不可能」"), the number of tokens before the comma; else 0. The headline
// gives his words, as "Lavrov: ..." does.
size_t SpeakerBeforeQuotedWords(const EventText& t, const std::vector<Token>& tokens) {
  if (!t.mentions || tokens.size() < 3) return 0;
  std::string_view part = t.text.substr(0, t.text.find("\u3000"));
  while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
  constexpr std::string_view kClose = "\u300d";
  if (part.size() < kClose.size() || part.substr(part.size() - kClose.size()) != kClose) return 0;
  size_t comma = 0;
  while (comma + 1 < tokens.size() &&
         t.text.substr(tokens[comma].end, tokens[comma + 1].begin - tokens[comma].end)
                 .find("\u3001") == std::string_view::npos)
    ++comma;
  if (comma + 1 >= tokens.size() || tokens[comma + 1].begin >= part.size()) return 0;
  bool leader = std::any_of(t.mentions->begin(), t.mentions->end(), [&](const Mention& m) {
    return m.entry->kind == EntityKind::kLeader && m.first_token == 0 && m.end_token <= comma + 1 &&
           comma + 1 - m.end_token <= 1;
  });
  return leader ? comma + 1 : 0;
}

// Whether `title` opens with one of `features` ("Profile: Kaja Kallas",
// "Inside the embassy kitchens"): the label's words from the first token,
// and a colon or dash after them when the label asks for one.
bool FeatureHeadline(const EventText& title,
                     const std::vector<BackgroundRules::FeatureLabel>& features) {
  if (!title.tokens) return false;
  const std::vector<Token>& tokens = *title.tokens;
  for (const BackgroundRules::FeatureLabel& f : features) {
    if (f.words.empty() || f.words.size() >= tokens.size()) continue;
    bool same = true;
    for (size_t i = 0; i < f.words.size() && same; ++i) same = tokens[i].folded == f.words[i];
    if (!same) continue;
    if (!f.colon) return true;
    const Token& last = tokens[f.words.size() - 1];
    std::string_view gap = title.text.substr(last.end, tokens[f.words.size()].begin - last.end);
    if (gap.find_first_of(":-") != std::string_view::npos ||
        gap.find("\u2014") != std::string_view::npos)
      return true;
  }
  return false;
}

}  // namespace

namespace {

// The keys of one language's background rules.
constexpr const char* kBackgroundKeys[] = {"clause",
                                           "occasion",
                                           "requests",
                                           "cancellation",
                                           "cancelled",
                                           "private",
                                           "condition",
                                           "negation",
                                           "frame",
                                           "times",
                                           "features",
                                           "determiners",
                                           "agents",
                                           "hyphen_participles",
                                           "reason_participles",
                                           "statement_occasion",
                                           "occasion_after",
                                           "clause_after",
                                           "frame_after"};

bool IsBackgroundKey(const std::string& key) {
  return std::any_of(std::begin(kBackgroundKeys), std::end(kBackgroundKeys),
                     [&](const char* k) { return key == k; });
}

// One language's background rules from `bg`; errors name `where`
// ("e.json: background.ru") and the key.
Status ParseBackground(const nlohmann::json& bg, const std::string& where, BackgroundRules& out) {
  if (!bg.is_object()) return Status::BadRequest(where + " is not an object");
  for (const std::string key : kBackgroundKeys) {
    if (!bg.contains(key)) continue;
    if (!bg[key].is_array()) return Status::BadRequest(where + "." + key + " is not an array");
    for (size_t j = 0; j < bg[key].size(); ++j) {
      const nlohmann::json& item = bg[key][j];
      std::string at = where + "." + key + "[" + std::to_string(j) + "]";
      if (!item.is_string()) return Status::BadRequest(at + ": not a string");
      if (key == "requests" || key == "cancellation" || key == "cancelled" ||
          key == "occasion_after") {
        auto parsed = ParseTrigger(item.get<std::string>());
        if (!parsed.ok()) return Status::BadRequest(at + ": " + parsed.status().message);
        (key == "requests"         ? out.requests
         : key == "cancellation"   ? out.cancellation
         : key == "occasion_after" ? out.occasion_after
                                   : out.cancelled)
            .push_back(std::move(parsed).value());
      } else if (key == "features") {
        // "profile:" (a colon or dash must follow) or "inside the".
        std::string label = item.get<std::string>();
        BackgroundRules::FeatureLabel f;
        if (!label.empty() && label.back() == ':') {
          f.colon = true;
          label.pop_back();
        }
        std::istringstream words(label);
        for (std::string w; words >> w;) f.words.push_back(FoldForMatch(w));
        if (f.words.empty()) return Status::BadRequest(at + ": no words");
        out.features.push_back(std::move(f));
      } else if (key == "private") {
        auto parsed = ParseTrigger(item.get<std::string>());
        if (!parsed.ok()) return Status::BadRequest(at + ": " + parsed.status().message);
        const std::vector<TriggerElement>& one = parsed.value();
        if (one.size() != 1 || one.front().leader || one.front().quote || one.front().place ||
            one.front().optional)
          return Status::BadRequest(at + ": not one word (alternatives and prefixes)");
        TriggerElement& actors = out.private_actors;
        actors.words.insert(actors.words.end(), one.front().words.begin(), one.front().words.end());
        actors.prefixes.insert(actors.prefixes.end(), one.front().prefixes.begin(),
                               one.front().prefixes.end());
      } else {
        (key == "clause"               ? out.clause
         : key == "occasion"           ? out.occasion
         : key == "negation"           ? out.negation
         : key == "frame"              ? out.frame
         : key == "times"              ? out.times
         : key == "determiners"        ? out.determiners
         : key == "agents"             ? out.agents
         : key == "statement_occasion" ? out.statement_occasion
         : key == "clause_after"       ? out.clause_after
         : key == "frame_after"        ? out.frame_after
         : key == "hyphen_participles" ? out.hyphen_participles
         : key == "reason_participles" ? out.reason_participles
                                       : out.condition)
            .push_back(FoldForMatch(item.get<std::string>()));
      }
    }
  }
  return Status::Ok();
}

// A language key of events.json: a primary subtag ("en", "zh").
bool IsLanguageKey(const std::string& key) {
  return key.size() >= 2 && key.size() <= 3 &&
         key.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
}

}  // namespace

Result<EventVocabulary> EventVocabulary::Parse(std::string_view json_text,
                                               const std::string& what) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("types") || !doc["types"].is_array())
    return Status::BadRequest(what + ": not a JSON object with a \"types\" array");
  EventVocabulary v;
  std::set<std::string> seen;
  for (size_t i = 0; i < doc["types"].size(); ++i) {
    const nlohmann::json& t = doc["types"][i];
    std::string where = what + ": types[" + std::to_string(i) + "]";
    if (!t.is_object() || !t.contains("type") || !t["type"].is_string() ||
        !t.contains("triggers") || !(t["triggers"].is_array() || t["triggers"].is_object()))
      return Status::BadRequest(where + ": needs \"type\" and \"triggers\"");
    EventType et;
    et.type = t["type"].get<std::string>();
    et.name = t.value("name", et.type);
    if (t.contains("cancellable")) {
      if (!t["cancellable"].is_boolean())
        return Status::BadRequest(where + ": \"cancellable\" is not true or false");
      et.cancellable = t["cancellable"].get<bool>();
    }
    if (et.type.empty() ||
        et.type.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
      return Status::BadRequest(where + ": type '" + et.type + "' is not lower-case a-z");
    if (!seen.insert(et.type).second)
      return Status::BadRequest(where + ": type '" + et.type + "' listed twice");
    // A list is English's triggers; an object gives each language's.
    std::vector<std::pair<std::string, const nlohmann::json*>> lists;
    if (t["triggers"].is_array()) {
      lists.emplace_back(kEnglish, &t["triggers"]);
    } else {
      for (const auto& [language, list] : t["triggers"].items()) {
        if (language == "comment") continue;
        if (!IsLanguageKey(language) || !list.is_array())
          return Status::BadRequest(where + ".triggers." + language +
                                    ": not a language's list of triggers");
        lists.emplace_back(language, &list);
      }
    }
    for (const auto& [language, list] : lists) {
      std::string at =
          where + ".triggers" + (t["triggers"].is_array() ? std::string() : "." + language);
      auto& triggers = et.triggers[language];
      for (size_t j = 0; j < list->size(); ++j) {
        const nlohmann::json& trig = (*list)[j];
        if (!trig.is_string())
          return Status::BadRequest(at + "[" + std::to_string(j) + "]: not a string");
        auto parsed = ParseTrigger(trig.get<std::string>());
        if (!parsed.ok())
          return Status::BadRequest(at + "[" + std::to_string(j) + "]: " + parsed.status().message);
        triggers.push_back(std::move(parsed).value());
      }
    }
    v.types_.push_back(std::move(et));
  }
  if (doc.contains("background")) {
    const nlohmann::json& bg = doc["background"];
    if (!bg.is_object()) return Status::BadRequest(what + ": \"background\" is not an object");
    // Rules at the top are English's; else each language has its own object.
    bool flat = std::any_of(bg.items().begin(), bg.items().end(),
                            [](const auto& item) { return IsBackgroundKey(item.key()); });
    if (flat) {
      Status st = ParseBackground(bg, what + ": background", v.background_[kEnglish]);
      if (!st.ok()) return st;
    } else {
      for (const auto& [language, rules] : bg.items()) {
        if (language == "comment") continue;
        if (!IsLanguageKey(language))
          return Status::BadRequest(what + ": background." + language + " is not a language");
        Status st =
            ParseBackground(rules, what + ": background." + language, v.background_[language]);
        if (!st.ok()) return st;
      }
    }
  }
  if (doc.contains("attached")) {
    const nlohmann::json& at = doc["attached"];
    if (!at.is_object()) return Status::BadRequest(what + ": \"attached\" is not an object");
    for (const auto& [language, list] : at.items()) {
      if (language == "comment") continue;
      std::string where = what + ": attached." + language;
      if (!IsLanguageKey(language) || !list.is_array())
        return Status::BadRequest(where + ": not a language's list of prefixes");
      for (const nlohmann::json& item : list) {
        if (!item.is_string() || item.get<std::string>().empty())
          return Status::BadRequest(where + ": not a list of prefixes");
        v.attached_[language].push_back(FoldForMatch(item.get<std::string>()));
      }
      // Longest first: "وال" before "و".
      std::stable_sort(
          v.attached_[language].begin(), v.attached_[language].end(),
          [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    }
  }
  return v;
}

Result<EventVocabulary> EventVocabulary::LoadFile(const std::string& path) {
  auto text = ReadWholeFile(path, "the event vocabulary");
  if (!text.ok()) return text.status();
  return Parse(text.value(), path);
}

const EventVocabulary& EventVocabulary::Default() {
  static const EventVocabulary vocabulary = [] {
    auto loaded = LoadFile(DefaultSchemaDir() + "/events.json");
    if (loaded.ok()) return std::move(loaded).value();
    std::cerr << "warning: " << loaded.status().message << "; no events are recognised\n";
    return EventVocabulary();
  }();
  return vocabulary;
}

std::string_view EventVocabulary::LanguageFor(std::string_view language) const {
  for (const EventType& t : types_)
    if (t.triggers.find(language) != t.triggers.end()) return t.triggers.find(language)->first;
  return kEnglish;
}

const BackgroundRules& EventVocabulary::background(std::string_view language) const {
  static const BackgroundRules kNone;
  auto it = background_.find(LanguageFor(language));
  return it == background_.end() ? kNone : it->second;
}

const std::vector<std::string>& EventVocabulary::attached(std::string_view language) const {
  static const std::vector<std::string> kNone;
  auto it = attached_.find(LanguageFor(language));
  return it == attached_.end() ? kNone : it->second;
}

size_t EventVocabulary::Priority(std::string_view type) const {
  for (size_t i = 0; i < types_.size(); ++i)
    if (types_[i].type == type) return i;
  return types_.size();
}

std::vector<std::pair<size_t, size_t>> SentenceRanges(std::string_view text,
                                                      const std::vector<Token>& tokens) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t first = 0;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    std::string_view gap = text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end);
    bool newline = gap.find('\n') != std::string_view::npos;
    bool stop = gap.find_first_of("!?") != std::string_view::npos || HasOne(gap, kWideStops) ||
                (gap.find('.') != std::string_view::npos && !Abbreviation(tokens[i].text));
    // "Biden said. Then" ends; "U.S. officials" does not; a stop before a
    // lower-case word ("said Mr. khan") is no end either.
    if (stop && !newline && !tokens[i + 1].capitalised &&
        gap.find_first_of("\"”“") == std::string_view::npos)
      stop = false;
    if (newline || stop) {
      out.emplace_back(first, i + 1);
      first = i + 1;
    }
  }
  if (first < tokens.size()) out.emplace_back(first, tokens.size());
  return out;
}

EventRecognizer::EventRecognizer(const EventVocabulary& vocabulary) : vocabulary_(vocabulary) {}

bool EventRecognizer::MatchAt(const std::vector<TriggerElement>& t, size_t e, const Words& words,
                              size_t i, size_t end, size_t* match_end,
                              std::string_view home) const {
  if (e == t.size()) {
    *match_end = i;
    return true;
  }
  const TriggerElement& el = t[e];
  if (el.gap) {
    for (int skip = 0; skip <= el.gap && i + skip <= end; ++skip)
      if (MatchAt(t, e + 1, words, i + skip, end, match_end, home)) return true;
    return false;
  }
  if (el.leader || el.place) {
    size_t mention_end = i < end ? (el.leader ? words.leader_ends : words.place_ends)[i] : 0;
    // A leader in his own country is no visit ("Xi in Beijing").
    bool at_home = el.place && mention_end && !home.empty() && words.countries[i] == home;
    if (mention_end && mention_end <= end && !at_home &&
        MatchAt(t, e + 1, words, mention_end, end, match_end,
                el.leader ? std::string_view(words.countries[i]) : home))
      return true;
    return el.optional && MatchAt(t, e + 1, words, i, end, match_end, home);
  }
  bool here =
      i < end &&
      (el.quote ? static_cast<bool>(words.quote_starts[i])
                : WordMatches(el, words.tokens[i].folded) ||
                      std::any_of(words.bare[i].begin(), words.bare[i].end(),
                                  [&](const std::string& b) { return WordMatches(el, b); }));
  if (here && MatchAt(t, e + 1, words, i + 1, end, match_end, home)) return true;
  return el.optional && MatchAt(t, e + 1, words, i, end, match_end, home);
}

std::optional<std::pair<size_t, size_t>> EventRecognizer::FindFirst(
    const std::vector<std::vector<TriggerElement>>& triggers, const Words& words, size_t first,
    size_t end) const {
  for (size_t i = first; i < end; ++i) {
    for (const auto& trigger : triggers) {
      size_t match_end = 0;
      if (MatchAt(trigger, 0, words, i, end, &match_end) && match_end > i)
        return std::make_pair(i, match_end);
    }
  }
  return std::nullopt;
}

std::vector<EventRecognizer::Hit> EventRecognizer::Find(const Words& words,
                                                        std::string_view language, size_t first,
                                                        size_t end) const {
  std::vector<Hit> hits;
  const auto& types = vocabulary_.types();
  for (size_t ti = 0; ti < types.size(); ++ti) {
    auto triggers = types[ti].triggers.find(language);
    if (triggers == types[ti].triggers.end()) continue;
    if (auto m = FindFirst(triggers->second, words, first, end))
      hits.push_back({ti, m->first, m->second});
  }
  // Text order; at one place the longest match (the more specific reading
  // of the word: "strikes deal" over "strikes", "welcomes Lula to" over
  // "welcomes"), then the vocabulary's order. Only that one is kept.
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.end != b.end) return a.end > b.end;
    return a.type_index < b.type_index;
  });
  // A word read as part of a trigger starts no other ("was welcomed at" is a
  // visit, not also a statement), except a call read whole within another's
  // gap ("agree in call to start talks"): the call is how that happened. A
  // call read from the same first word is the other's reading ("Xi and Lula
  // spoke face to face" is a meeting).
  // A statement's gap may hold its object's trigger ("celebra el acuerdo",
  // "calls Russian strike 'a serious escalation'"): that event is read too,
  // behind the sentence's own.
  const size_t call = vocabulary_.Priority("call");
  const size_t statement = vocabulary_.Priority("statement");
  const std::vector<std::string>& clause_words = vocabulary_.background(language).clause;
  std::vector<Hit> kept;
  size_t covered = 0;  // the end of the hits kept so far
  for (Hit h : hits) {
    bool inside = !kept.empty() && h.first < covered;
    bool within = inside && h.end <= covered && h.first > kept.back().first;
    // Not the statement's own verb ("Lavrov attacks", "ministry attacked":
    // no military), which follows its subject's first word or a leader.
    const Hit& s = kept.empty() ? h : kept.back();
    bool object = within && s.type_index == statement && h.type_index != statement &&
                  h.type_index != call && h.first >= s.first + 2 &&
                  words.leader_ends[s.first] != h.first;
    // Nor does a trigger's gap hide a clause of its own ("reist trotz
    // Protesten zum Treffen": the protests are background, but read).
    bool clause = within && h.type_index != call &&
                  ClauseBetween(words.tokens, s.first + 1, h.first, clause_words);
    if (object || clause) {
      h.inner = true;
      kept.push_back(h);
      continue;
    }
    if (inside && !(h.type_index == call && within)) continue;
    kept.push_back(h);
    covered = std::max(covered, h.end);
  }
  return kept;
}

std::optional<std::pair<size_t, size_t>> EventRecognizer::Cancellation(
    const Hit& h, const Words& words, const BackgroundRules& rules, std::string_view text,
    size_t first, size_t end) const {
  // How far a cancelling word may stand from the event: "calls off the
  // planned visit", "visit was called off", 訪問 を 中止.
  constexpr size_t kReach = 3;
  if (!vocabulary_.types()[h.type_index].cancellable) return std::nullopt;
  const std::vector<Token>& tokens = words.tokens;
  // A pause between tokens from..to, or a clause word or a passive's agent
  // among them: "port halted by strike", "metro halted as strikes spread"
  // and "freezing prices after strikes" halt nothing of the event.
  auto paused = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      if (PauseBefore(text, tokens, k + 1)) return true;
      if (k > from &&
          (Listed(rules.clause, tokens[k].folded) || Listed(rules.agents, tokens[k].folded)))
        return true;
    }
    return false;
  };
  // A cancelling phrase starts at most ten words before the event (its own
  // words, a gap and the reach).
  for (size_t i = h.first > first + 10 ? h.first - 10 : first; i < h.first; ++i) {
    for (const std::vector<TriggerElement>& c : rules.cancellation) {
      size_t e = 0;
      if (!MatchAt(c, 0, words, i, end, &e) || e <= i) continue;
      bool around = e >= h.end;  // "sagt den Besuch ab"
      bool before = e <= h.first && h.first - e <= kReach && !paused(e - 1, h.first);
      if (around || before) return std::make_pair(i, e);
    }
  }
  for (size_t i = h.end; i < end && i <= h.end + kReach && !paused(h.end - 1, i); ++i) {
    for (const std::vector<TriggerElement>& c : rules.cancelled) {
      size_t e = 0;
      if (MatchAt(c, 0, words, i, end, &e) && e > i) return std::make_pair(i, e);
    }
  }
  return std::nullopt;
}

std::vector<Event> EventRecognizer::Recognise(const EventText& title, const EventText& body,
                                              const std::vector<std::string>& dyads,
                                              std::string_view article_language,
                                              std::string_view date) const {
  const std::string_view language = vocabulary_.LanguageFor(article_language);
  const BackgroundRules& background = vocabulary_.background(language);
  const std::vector<std::string>& attached = vocabulary_.attached(language);
  std::vector<Event> events;
  // A profile, review or "Inside the ..." feature reports no event, whatever
  // its lead names in passing.
  if (FeatureHeadline(title, background.features)) return events;
  std::set<size_t> seen_types;
  // Whether each of the headline's events (the first of `events`) is in its
  // background, a frame aside; the type of the lead's first event in no
  // background, "" when none is.
  std::vector<bool> headline_background;
  std::string lead_foreground;
  struct Found {
    Hit hit;
    std::set<std::string> codes;  // the participants: countries of its sentence
    int rank = 0;                 // headline and lead: lower comes first
    bool framed = false;          // in a clause that frames the news ("during")
  };
  // Whether another hit of `h`'s sentence makes `h` background: `h` is the
  // occasion of a statement or a vote before it ("congratulates Trump on
  // election victory", "vote on ceasefire"), or stands in the subject of a headline's passive verb
  // that is itself a trigger ("Putin's re-election congratulated by Xi").
  auto overshadowed = [&](const Hit& h, const std::vector<Hit>& hits, std::string_view text,
                          const std::vector<Token>& tokens, size_t end, bool headline) {
    const size_t statement = vocabulary_.Priority("statement");
    const size_t vote = vocabulary_.Priority("vote");
    for (const Hit& o : hits) {
      if (o.type_index == h.type_index) continue;
      // A vote's occasion is what it is on ("U.N. vote on Gaza ceasefire").
      if ((o.type_index == statement || o.type_index == vote) && o.end <= h.first) {
        for (size_t i = o.end; i < h.first; ++i)
          if (Listed(background.occasion, tokens[i].folded)) return true;
      }
      // "remercie la France pour son aide": a statement's own occasion word,
      // in its clause.
      if (o.type_index == statement && o.end <= h.first) {
        for (size_t i = o.end; i < h.first; ++i) {
          if (PauseBefore(text, tokens, i)) break;
          if (Listed(background.statement_occasion, tokens[i].folded)) return true;
        }
      }
      if (headline && o.first >= h.end && o.end == o.first + 1 && o.end < end &&
          Listed(background.agents, tokens[o.end].folded))
        return true;  // a headline's passive verb; in a body "a deal brokered by" is no verb
    }
    // What any verb is on, over or about is its topic ("exchange views on
    // Israeli strikes", "expressed concern over attacks on Hindus"): an
    // occasion word at most three words before `h`, with no trigger read in
    // or between them ("sanctions on Russia over invasion" keeps its
    // sanctions, "invasion" is their occasion), no stop or comma, and no
    // time ("on Friday imposed sanctions", "for 2 hours; agree").
    {
      const std::vector<std::string>& occasion = background.occasion;
      const std::vector<std::string>& times = background.times;
      auto in_hit = [&](size_t i) {
        return std::any_of(hits.begin(), hits.end(),
                           [&](const Hit& o) { return o.first <= i && i < o.end; });
      };
      for (size_t i = h.first; i-- > 0 && h.first - i <= 3;) {
        std::string_view gap = text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end);
        if (in_hit(i) || Pause(gap) ||
            std::find(times.begin(), times.end(), tokens[i].folded) != times.end() ||
            std::isdigit(static_cast<unsigned char>(tokens[i].folded[0])))
          break;
        if (std::find(occasion.begin(), occasion.end(), tokens[i].folded) != occasion.end())
          return true;
      }
    }
    return false;
  };
  auto countries_in = [&](const EventText& t, size_t first, size_t end) {
    std::set<std::string> codes;
    if (!t.mentions) return codes;
    for (const Mention& m : *t.mentions) {
      if (m.first_token < first || m.first_token >= end) continue;
      if (m.entry->kind == EntityKind::kCountry) codes.insert(m.entry->id);
      std::string_view country =
          m.entry->kind == EntityKind::kLeader ? LeaderCountryOn(*m.entry, date) : "";
      if (!country.empty()) codes.emplace(country);
    }
    return codes;
  };
  // section 0: headline, 1: lead, 2: the rest. In the first two the
  // vocabulary's priority orders the hits; in the rest, text order does.
  auto take = [&](const EventText& t, int section) {
    if (!t.tokens || t.tokens->empty()) return;
    const std::vector<Token>& tokens = *t.tokens;
    Words words{tokens,
                std::vector<size_t>(tokens.size(), 0),
                std::vector<size_t>(tokens.size(), 0),
                std::vector<std::string>(tokens.size()),
                QuoteStarts(t.text, tokens),
                std::vector<std::vector<std::string>>(tokens.size())};
    // A name is read as written: «الأمير فيصل» is no «ف» + «يصل» (arrives).
    std::vector<bool> named(tokens.size(), false);
    if (t.mentions && !attached.empty()) {
      for (const Mention& m : *t.mentions)
        for (size_t i = m.first_token; i < m.end_token && i < tokens.size(); ++i) named[i] = true;
    }
    for (size_t i = 0; i < tokens.size() && !attached.empty(); ++i) {
      // Each prefix the word starts with, longest first, leaving a word
      // ("وال" + "تقى"... only when something of two letters or more remains).
      if (named[i]) continue;
      std::string_view w = tokens[i].folded;
      for (const std::string& a : attached)
        if (w.size() > a.size() + 2 && w.compare(0, a.size(), a) == 0)
          words.bare[i].emplace_back(w.substr(a.size()));
    }
    if (t.mentions) {
      for (const Mention& m : *t.mentions) {
        if (m.first_token >= tokens.size() || m.end_token <= m.first_token) continue;
        std::vector<size_t>* ends = m.entry->kind == EntityKind::kLeader    ? &words.leader_ends
                                    : m.entry->kind == EntityKind::kCountry ? &words.place_ends
                                                                            : nullptr;
        if (!ends) continue;
        (*ends)[m.first_token] =
            std::max((*ends)[m.first_token], std::min(m.end_token, tokens.size()));
        words.countries[m.first_token] = m.entry->kind == EntityKind::kLeader
                                             ? std::string(LeaderCountryOn(*m.entry, date))
                                             : m.entry->id;
      }
    }
    const size_t statement = vocabulary_.Priority("statement");
    const size_t call = vocabulary_.Priority("call");
    std::vector<Found> found;
    std::vector<std::pair<size_t, size_t>> own;
    const auto& sentences = t.sentences ? *t.sentences : (own = SentenceRanges(t.text, tokens));
    for (auto [first, end] : sentences) {
      while (first < end && tokens[first].begin < t.lead_begin) ++first;  // the dateline
      if (first == end) continue;
      bool in_lead = tokens[first].begin < t.lead_end;
      if (section == 1 && !in_lead) continue;
      if (section == 2 && in_lead) continue;
      std::set<std::string> codes = countries_in(t, first, end);
      std::vector<Hit> hits = Find(words, language, first, end);
      // "U.S.-sanctioned countries", "Nazi-occupied": a participle joined by
      // a hyphen to the word before it qualifies a noun; it reports nothing.
      // Nor does a trigger word joined by a hyphen to the word after it
      // ("Summit-bound Modi", "Sanctions-hit Russia", "vote-rigging claims").
      const size_t sentence_end = end;  // a structured binding is not captured in C++17
      hits.erase(std::remove_if(hits.begin(), hits.end(),
                                [&](const Hit& h) {
                                  if (h.end != h.first + 1) return false;
                                  auto glue = [&](size_t i) {  // between tokens i and i + 1
                                    return t.text.substr(tokens[i].end,
                                                         tokens[i + 1].begin - tokens[i].end);
                                  };
                                  if (h.end < sentence_end && glue(h.first) == "-") return true;
                                  if (h.first == 0) return false;
                                  std::string_view w = tokens[h.first].folded;
                                  std::string_view before = glue(h.first - 1);
                                  return !before.empty() && before.back() == '-' &&
                                         before.find(' ') == std::string_view::npos &&
                                         EndsWithOne(w, background.hyphen_participles, 1);
                                }),
                 hits.end());
      // "a discuté par téléphone", "se reunió por videoconferencia", «провели
      // переговоры по видеосвязи», 電話で約30分会談した: talks held by phone
      // or video are the call, whatever verb of meeting a language gives
      // them, so the meeting's words beside a call's are the call's.
      {
        const size_t meeting = vocabulary_.Priority("meeting");
        hits.erase(std::remove_if(hits.begin(), hits.end(),
                                  [&](const Hit& h) {
                                    return h.type_index == meeting &&
                                           std::any_of(hits.begin(), hits.end(), [&](const Hit& c) {
                                             return c.type_index == call &&
                                                    SameClauseNear(t.text, tokens, {h.first, h.end},
                                                                   {c.first, c.end},
                                                                   background.clause);
                                           });
                                  }),
                   hits.end());
      }
      if (section == 0 && first == 0) {
        // "Lavrov: West is playing with fire": the leader's words, no event.
        size_t speaker_end = SpeakerBeforeColon(t, tokens, body);
        if (!speaker_end) speaker_end = SpeakerBeforeQuotedWords(t, tokens);
        if (speaker_end && statement < vocabulary_.types().size()) {
          hits.erase(std::remove_if(hits.begin(), hits.end(),
                                    [&](const Hit& h) { return h.first >= speaker_end; }),
                     hits.end());
          hits.insert(hits.begin(), Hit{statement, 0, speaker_end});
        }
      }
      // "... would intervene if China attacked Taiwan": what a condition
      // supposes has not happened.
      // "... has not arrived", "left without signing a deal": what is
      // negated has not happened either.
      hits.erase(std::remove_if(hits.begin(), hits.end(),
                                [&](const Hit& h) {
                                  return InBackgroundClause(t.text, tokens, h.first,
                                                            background.condition) ||
                                         Negated(t.text, tokens, h.first, background.negation);
                                }),
                 hits.end());
      // "Poland halts arms deliveries", "calls off the visit", «визит
      // отменён»: what is stopped, cancelled or refused has not happened.
      // The cancelling word is the decision, a statement of its own, unless
      // it is the content of an agreement or a vote before it ("agreed to
      // halt firing", "voted to suspend talks"). A cancelling word that is
      // asked for, supposed or negated ("urges Israel to halt strikes",
      // "could cancel", "did not cancel") cancels nothing.
      auto request = FindFirst(background.requests, words, first, end);
      {
        std::vector<Hit> decisions;
        const size_t agreement = vocabulary_.Priority("agreement");
        const size_t vote = vocabulary_.Priority("vote");
        for (auto h = hits.begin(); h != hits.end();) {
          auto c = Cancellation(*h, words, background, t.text, first, end);
          if (!c || (request && request->first < c->first) ||
              InBackgroundClause(t.text, tokens, c->first, background.condition) ||
              Negated(t.text, tokens, c->first, background.negation)) {
            ++h;
            continue;
          }
          bool content = std::any_of(hits.begin(), hits.end(), [&](const Hit& o) {
            return (o.type_index == agreement || o.type_index == vote) && o.first < c->first &&
                   &o != &*h;
          });
          if (!content && statement < vocabulary_.types().size())
            decisions.push_back(Hit{statement, c->first, c->second});
          h = hits.erase(h);
        }
        for (const Hit& d : decisions) {
          bool read = std::any_of(hits.begin(), hits.end(), [&](const Hit& o) {
            return o.type_index == statement && o.first <= d.first && d.first < o.end;
          });
          if (read) continue;  // a statement trigger reads the word already
          auto at = std::find_if(hits.begin(), hits.end(),
                                 [&](const Hit& o) { return o.first > d.first; });
          hits.insert(at, d);
        }
      }
      // "Pope urges ceasefire": what a request asks for is no event of this
      // sentence's own, and the request is a statement unless an event comes
      // before it ("Security Council demands end to attacks" is a vote, and
      // the attacks it wants ended are its background).
      size_t request_end = end;
      // A request's words that another event's trigger reads whole from its
      // first word are that event ("Biden llama a Sheinbaum" is a call, not
      // a request that makes the rest of the sentence only asked for).
      if (request && std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
            return h.type_index != statement && h.first == request->first &&
                   h.end >= request->second;
          }))
        request.reset();
      if (auto r = request; r && statement < vocabulary_.types().size()) {
        request_end = r->second;
        auto at = std::find_if(hits.begin(), hits.end(),
                               [&](const Hit& h) { return h.first >= r->first; });
        // The request is an event's own when the event's trigger holds the
        // request word ("Security Council demands") or the event is a vote or
        // an agreement, whose content a request is ("adopted a resolution
        // demanding", "agreed to invite"); after another event ("spoke with
        // Putin and urged him to withdraw his troops") the request is a
        // statement of its own that asks for what has not happened.
        const size_t vote = vocabulary_.Priority("vote");
        const size_t agreement = vocabulary_.Priority("agreement");
        // A request word read as part of another trigger ("during a phone
        // call on Tuesday") is that event's, in a clause of its own or not.
        // A request named as a noun ("opened with a call for rich countries
        // to pay") is the event's before it, not a statement of its own.
        const std::string& before_request = r->first > first ? tokens[r->first - 1].folded : "";
        bool noun = Listed(background.determiners, before_request);
        bool event_before = std::any_of(hits.begin(), at, [&](const Hit& h) {
          return h.type_index != statement &&
                 (noun || h.end > r->first ||
                  ((h.type_index == vote || h.type_index == agreement) &&
                   !InBackgroundClause(t.text, tokens, h.first, background.clause)));
        });
        if (!event_before) {
          if (at == hits.end() || at->first != r->first)
            hits.insert(at, Hit{statement, r->first, r->second});
          // Only what a clause of its own reports after the request happened
          // ("urged restraint after Iran launched drones").
          hits.erase(std::remove_if(hits.begin(), hits.end(),
                                    [&](const Hit& h) {
                                      return h.first >= request_end &&
                                             !ClauseBetween(tokens, request_end, h.first,
                                                            background.clause);
                                    }),
                     hits.end());
        } else {
          // An event's own request ("vetoed a resolution calling for a
          // ceasefire") asks for an agreement that has not been made; what it
          // asks to end ("demands end to attacks") has happened.
          const size_t asked = vocabulary_.Priority("agreement");
          hits.erase(std::remove_if(hits.begin(), hits.end(),
                                    [&](const Hit& h) {
                                      return h.type_index == asked && h.first >= request_end &&
                                             !ClauseBetween(tokens, request_end, h.first,
                                                            background.clause);
                                    }),
                     hits.end());
        }
      }
      // "Investors urge Fed to hold rates", "as analysts warn": a request or
      // warning by no government is no statement.
      const size_t sentence_first = first;  // a structured binding is not captured in C++17
      hits.erase(std::remove_if(hits.begin(), hits.end(),
                                [&](const Hit& h) {
                                  return h.type_index == statement &&
                                         PrivateSubject(tokens, sentence_first, h.first,
                                                        background);
                                }),
                 hits.end());
      // "Poland will close the Russian consulate, ..., blaming Moscow for
      // sabotage": a statement's participle after a comma, when another
      // event stands before it in its sentence, gives that event's reason.
      hits.erase(std::remove_if(hits.begin(), hits.end(),
                                [&](const Hit& h) {
                                  const std::string& w = tokens[h.first].folded;
                                  return h.type_index == statement && h.first > sentence_first &&
                                         EndsWithOne(w, background.reason_participles, 2) &&
                                         t.text.substr(
                                                   tokens[h.first - 1].end,
                                                   tokens[h.first].begin - tokens[h.first - 1].end)
                                                 .find(',') != std::string_view::npos &&
                                         std::any_of(hits.begin(), hits.end(), [&](const Hit& o) {
                                           return o.type_index != statement && o.end <= h.first;
                                         });
                                }),
                 hits.end());
      for (const Hit& h : hits) {
        int rank = 0;
        const bool framed = InBackgroundClause(t.text, tokens, h.first, background.frame) ||
                            PostpositionAfter(t.text, tokens, h.end, end, background.frame_after);
        if (section < 2) {
          // "Ceasefire talks resume": a one-word trigger right before another
          // type's one-word trigger names what that one is about, a noun
          // modifier ("summit pledges a billion doses" and "Visit angers
          // Beijing", a statement's verb, are a subject and its verb).
          bool modifier =
              h.end == h.first + 1 && std::any_of(hits.begin(), hits.end(), [&](const Hit& o) {
                return o.first == h.end && o.end == o.first + 1 && o.type_index != h.type_index &&
                       o.type_index != statement &&
                       t.text.substr(tokens[h.first].end,
                                     tokens[h.end].begin - tokens[h.first].end) == " ";
              });
          // "after phone call": a clause of time, or a trigger opening with
          // its word.
          bool clause = InBackgroundClause(t.text, tokens, h.first, background.clause) ||
                        Listed(background.clause, tokens[h.first].folded) ||
                        PostpositionAfter(t.text, tokens, h.end, end, background.clause_after);
          // 日本の支援に謝意: the words after it open the statement whose
          // occasion it is.
          bool occasion =
              std::any_of(background.occasion_after.begin(), background.occasion_after.end(),
                          [&](const std::vector<TriggerElement>& o) {
                            size_t e = 0;
                            return MatchAt(o, 0, words, h.end, sentence_end, &e) && e > h.end;
                          });
          bool behind = modifier || h.inner || clause || occasion ||
                        (h.type_index != statement &&
                         (h.first >= request_end ||
                          overshadowed(h, hits, t.text, tokens, end, section == 0)));
          if (h.type_index == call)
            rank = clause && !framed && !h.inner ? 2 : -1;  // else how the rest happened
          else if (h.type_index == statement)
            rank = behind ? 3 : 1;  // the catch-all
          else
            rank = behind ? 2 : 0;
        }
        found.push_back({h, codes, rank, framed});
      }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Found& x, const Found& y) { return x.rank < y.rank; });
    for (const Found& f : found) {
      const Hit& h = f.hit;
      const std::set<std::string>& codes = f.codes;
      if (section == 1 && f.rank <= 1 && lead_foreground.empty())
        lead_foreground = vocabulary_.types()[h.type_index].type;
      if (!seen_types.insert(h.type_index).second) {
        // Seen already: a later sighting may name participants it lacked.
        for (Event& e : events) {
          if (e.type == vocabulary_.types()[h.type_index].type && e.countries.empty())
            e.countries.assign(codes.begin(), codes.end());
        }
        continue;
      }
      Event e;
      e.type = vocabulary_.types()[h.type_index].type;
      size_t b = tokens[h.first].begin, en = tokens[h.end - 1].end;
      e.trigger = std::string(t.text.substr(b, en - b));
      e.countries.assign(codes.begin(), codes.end());
      events.push_back(std::move(e));
      if (section == 0) headline_background.push_back(f.rank >= 2 && !f.framed);
    }
  };
  take(title, 0);
  take(body, 1);
  // The rest of the body names too many events in passing (plans, history,
  // background) to list: fitted on the tune half, headline and lead only.
  if (kBodyEvents) take(body, 2);
  // The headline's own event is primary. A headline that names events only
  // in its background ("Kremlin upbeat after Putin meets Trump envoy",
  // "Putin, Pezeshkian exchange views on Israeli strikes") reports something
  // its trigger words do not read, which the lead then says: the lead's
  // first event in no background is primary, else the headline's first. A
  // frame is the headline's own ("pledge partnership during state visit").
  if (!events.empty()) {
    size_t primary = 0;
    bool only_background = !headline_background.empty() &&
                           std::all_of(headline_background.begin(), headline_background.end(),
                                       [](bool b) { return b; });
    if (only_background && !lead_foreground.empty()) {
      auto it = std::find_if(events.begin(), events.end(),
                             [&](const Event& e) { return e.type == lead_foreground; });
      primary = static_cast<size_t>(it - events.begin());
    }
    events[primary].primary = true;
    std::rotate(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(primary),
                events.begin() + static_cast<std::ptrdiff_t>(primary) + 1);
  }
  for (Event& e : events) {
    for (const std::string& d : dyads) {
      size_t dash = d.find('-');
      if (dash == std::string::npos) continue;
      std::string a = d.substr(0, dash), b = d.substr(dash + 1);
      auto has = [&](const std::string& c) {
        return std::find(e.countries.begin(), e.countries.end(), c) != e.countries.end();
      };
      if (has(a) && has(b)) e.dyads.push_back(d);
    }
  }
  return events;
}

}  // namespace communique
