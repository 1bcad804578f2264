// Finds what kind of diplomatic event an article reports (a call, a visit,
// sanctions...) from trigger phrases in schema/events.json, and who took
// part: the countries (or their leaders) named in the trigger's sentence.
//
// The headline is read first, then the lead, then the rest: an article can
// report several events (one per type is kept, at its first sighting), and
// the one its headline reports is primary. Within the headline and the lead,
// text order decides, except that a `call` comes first (it is how the rest
// happened, even when read within another trigger's gap: "agree in call to
// start talks") unless a clause of time holds it ("agree to start talks
// after phone call" is an agreement), a `statement` comes after the other
// events of its sentence and an event in the background after those. Background is an event named
// in a clause of time or condition ("... after phone call", "ahead of
// summit", "once the fighting stops"), the occasion of a statement ("Xi
// congratulates Trump on election victory"), or the subject of a passive
// verb that is itself a trigger ("Putin's re-election congratulated by
// Xi"), or a one-word trigger right before another type's one-word trigger,
// which it qualifies ("Ceasefire talks resume" are talks), or an event
// named as a statement's object within the statement's trigger ("Britain
// calls Russian strike 'a serious escalation'", "celebra el acuerdo"):
// "Biden warns Putin of sanctions in video call" is a call first,
// "China warns U.S. after Pelosi visit" a statement. What any verb is on,
// over or about is background too ("exchange views on Israeli strikes",
// "expressed concern over attacks"; not "on Friday imposed"). A headline
// whose events all stand in its background defers to the lead's first
// event in none, unless one stands in a frame ("during state visit"): the
// headline then reports what its trigger words do not read. A feature's
// headline ("Profile: ...", "Review: ...", "Inside the ...") reports no
// event at all (events.json "features"). A headline that gives
// a leader's words after the name and a colon ("Lavrov: West is playing with
// fire", or a name the gazetteer lacks that the body gives in full) is a
// statement, and what the words name is no event. A statement's participle
// after a comma that follows another event gives that event's reason
// ("closed the consulate, blaming Moscow"). A trigger word joined by a
// hyphen to the word after it ("Summit-bound Modi", "Sanctions-hit Russia")
// qualifies a noun and reports nothing. Some hits are
// no events at all: what a request asks for ("Pope urges ceasefire"), what a
// condition supposes ("would intervene if China attacked"), what is negated
// ("left without signing a deal"), what is stopped, cancelled or refused
// ("Poland halts arms deliveries", "calls off the visit", 访问被取消; the
// decision is a statement unless an agreement or vote it belongs to comes
// before it: "agree to halt firing"), and a request
// or warning whose subject is no government ("Investors urge Fed to hold
// rates", "as analysts warn"); all of them are events.json data.
//
// Every language reads its own triggers and background rules from
// events.json (keyed by primary subtag: "ru", "zh"...), matched on the
// folded tokens its analysis produces; one without triggers of its own is
// read with English's. What the English code once spelt out (articles
// before a request, "by" after a passive verb, the -ed and -ing endings)
// is English's data there too.
//
// It reads the token stream and the entity mentions the EntityRecognizer
// found; it never re-recognises entities.
//
// Thread-safety: EventVocabulary and EventRecognizer are immutable after
// construction; Recognise() may be called concurrently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/entities/entity_recognizer.h"
#include "analysis/text/tokenizer.h"
#include "common/status.h"

namespace communique {

// One element of a trigger: a word (alternatives, prefixes) or a gap.
struct TriggerElement {
  std::vector<std::string> words;     // folded; exact alternatives
  std::vector<std::string> prefixes;  // folded; "sanction*" -> "sanction"
  int gap = 0;                        // > 0: skip 0..gap words of anything
  bool optional = false;
  // "@leader": a leader's mention, all its words ("calls @leader": "Scholz
  // calls Putin" is a call, "calls for talks" is not; "@leader attacked"
  // reads "Sergei Lavrov attacked").
  bool leader = false;
  // "@quote": a word right after an opening quote mark ("calls|called ~8
  // @quote": "China calls Pelosi visit 'dangerous'" is a statement).
  bool quote = false;
  // "@place": a country's mention, all its words, or a place that names one
  // (a capital, "Kremlin"): "@leader in @place" is a visit ("Modi in Moscow").
  bool place = false;
};

struct EventType {
  std::string type;  // "call"
  std::string name;  // "Phone or video call"
  // By language ("en", "ru"...): each language's triggers are matched on the
  // folded tokens of its own articles. A type may have none in a language.
  std::map<std::string, std::vector<std::vector<TriggerElement>>, std::less<>> triggers;
  // Whether a word that stops, cancels or refuses the event undoes it
  // (events.json "cancellable", default true): "halts arms deliveries" is no
  // aid, but lifting or suspending sanctions is itself a sanctions decision.
  bool cancellable = true;
};

// What makes an event background in a headline or lead (events.json
// "background"): the words that open a clause of time or condition
// ("after", "ahead"), the prepositions that give a statement's occasion
// ("on": "congratulates Trump on election victory"), and the requests
// ("urge*", "call* for") whose objects are only asked for ("Pope urges
// ceasefire" is a statement, not an agreement), and the subjects that are
// no government ("private": "investors urge Fed to hold rates", "analysts
// warn"), whose requests and warnings are no statement.
struct BackgroundRules {
  std::vector<std::string> clause;    // folded words
  std::vector<std::string> occasion;  // folded words
  std::vector<std::vector<TriggerElement>> requests;
  TriggerElement private_actors;  // one word: alternatives and prefixes
  // Words opening a condition ("if", "unless", "could", "possible"): what it
  // supposes is no event.
  std::vector<std::string> condition;  // folded words
  // Words that negate a trigger one or two words after them ("not",
  // "without", "failed to"): what they negate is no event.
  std::vector<std::string> negation;  // folded words
  // What stops, cancels, postpones or refuses the event right after it
  // ("halts|suspends", "call* off", "refuse* to?", «отказ* от?», 暂停), or
  // around it ("sagt|sagte ~4 ab"), in trigger syntax; `cancelled`, what does
  // so right after it ("visit was called off", "Besuch abgesagt", 訪問を中止).
  // The event has not happened; the decision is a statement (see
  // EventRecognizer::Recognise).
  std::vector<std::vector<TriggerElement>> cancellation;
  std::vector<std::vector<TriggerElement>> cancelled;
  // Clause words whose event frames the news rather than comes before it
  // ("during": "Xi and Putin pledge partnership during state visit"): a
  // headline whose events all stand in its background defers to the lead's
  // event, unless one stands in a frame (see EventRecognizer::Recognise).
  std::vector<std::string> frame;  // folded words
  // The same for a language that closes such a clause after the event, one
  // or two words on (zh 会晤后, 前夕; ja 訪問後, 会談を前に): `clause_after`
  // makes the event background, `frame_after` a frame (访问期间, 訪問中).
  std::vector<std::string> clause_after;  // folded words
  std::vector<std::string> frame_after;   // folded words
  // Days and months: an occasion word before one ("on Friday imposed
  // sanctions") gives a time, not the topic of a verb.
  std::vector<std::string> times;  // folded words
  // Words that make the request after them a noun ("a call for rich
  // countries to pay" is the event's before it, not a statement).
  std::vector<std::string> determiners;  // folded words
  // The agent of a passive verb ("congratulated by Xi"): a headline's
  // passive verb that is a trigger makes its subject background.
  std::vector<std::string> agents;  // folded words
  // Words that give a statement's occasion between it and an event after it,
  // though after other verbs they give none ("remercie la France pour son
  // aide", "agradece a España por su ayuda": thanks are the news, the aid
  // their occasion; "arrive pour une visite" is a visit).
  std::vector<std::string> statement_occasion;  // folded words
  // In trigger syntax, what follows an event to open the statement whose
  // occasion it is, in a language that puts the occasion first (日本の支援に
  // 謝意: thanks for the support): the event is background.
  std::vector<std::vector<TriggerElement>> occasion_after;
  // Endings of a participle joined by a hyphen to the word before it
  // ("U.S.-sanctioned"): it qualifies a noun and reports nothing.
  std::vector<std::string> hyphen_participles;  // folded endings ("ed")
  // Endings of a statement's participle after a comma that give another
  // event's reason ("closed the consulate, blaming Moscow").
  std::vector<std::string> reason_participles;  // folded endings ("ing")
  // Labels that open a feature's headline ("Profile:", "Review:", "Inside
  // the"): a profile, review or tour of a place reports no event, whatever
  // trigger words its lead uses in passing ("spent years warning about
  // China"). `colon`: a colon or dash must follow the words ("Review:", not
  // "Review finds").
  struct FeatureLabel {
    std::vector<std::string> words;  // folded
    bool colon = false;
  };
  std::vector<FeatureLabel> features;
};

// The vocabulary of schema/events.json, in priority order. Types and their
// order are shared by every language; triggers, background rules and the
// prefixes written attached to a word are each language's data. A language
// with no triggers of its own is read with English's (kDefaultLanguage).
class EventVocabulary {
 public:
  // Parses events.json text; errors name `what` and the reason (400).
  static Result<EventVocabulary> Parse(std::string_view json_text, const std::string& what);
  static Result<EventVocabulary> LoadFile(const std::string& path);
  // DefaultSchemaDir()/events.json, loaded once. When it cannot be read the
  // reason goes to stderr once and the vocabulary is empty (no events), so
  // a server without the file still indexes and searches.
  static const EventVocabulary& Default();

  const std::vector<EventType>& types() const { return types_; }
  // Position of `type` in priority order, or types().size() when unknown.
  size_t Priority(std::string_view type) const;
  // The language whose data reads articles in `language` (a primary
  // subtag): itself when some type has triggers in it, else "en".
  std::string_view LanguageFor(std::string_view language) const;
  // The background rules of `language` (as LanguageFor chooses it); empty
  // rules when the language has none.
  const BackgroundRules& background(std::string_view language = "en") const;
  // The folded prefixes that `language` writes attached to the next word
  // (Arabic و، ب، ل، ال; French l', d'): a trigger word also matches a token
  // without one of them. Empty for most languages.
  const std::vector<std::string>& attached(std::string_view language) const;

 private:
  std::vector<EventType> types_;
  std::map<std::string, BackgroundRules, std::less<>> background_;
  std::map<std::string, std::vector<std::string>, std::less<>> attached_;
};

// An event the article reports.
struct Event {
  std::string type;                    // a type of the vocabulary
  bool primary = false;                // the headline's (else the lead's) first
  std::string trigger;                 // the words as written
  std::vector<std::string> countries;  // participants, sorted country codes
  // Article dyads ("PK-RU") whose two countries both take part.
  std::vector<std::string> dyads;
};

// A text (headline or body) with its tokens and entity mentions.
struct EventText {
  std::string_view text;
  const std::vector<Token>* tokens = nullptr;
  const std::vector<Mention>* mentions = nullptr;
  size_t lead_begin = 0;  // bytes [lead_begin, lead_end): the lead (body only;
  size_t lead_end = 0;    // text before lead_begin, the dateline, is skipped)
  // SentenceRanges(text, *tokens) when the caller has them (the analyser
  // splits the body once for events and quotes); nullptr: split here.
  const std::vector<std::pair<size_t, size_t>>* sentences = nullptr;
};

// The sentences of `tokens`, as [first, end) token ranges: a sentence ends
// at '.', '!', '?' (also 。！？ and ؟) or a line break between two tokens,
// except after an initial or a title ("U.S.", "Mr."). Shared with the quote
// attributor.
std::vector<std::pair<size_t, size_t>> SentenceRanges(std::string_view text,
                                                      const std::vector<Token>& tokens);

class EventRecognizer {
 public:
  // `vocabulary` must outlive the recogniser.
  explicit EventRecognizer(const EventVocabulary& vocabulary);

  // Events of an article: `title` (may have no tokens) first, then `body`.
  // `dyads` are the article's dyads (see salience.h); a leader mention
  // counts as the country he speaks for on `date` ("YYYY-MM-DD", "" when
  // unknown: LeaderCountryOn), none while he heads an organisation.
  // `language` (a primary subtag: "ru") chooses the triggers and background
  // rules (EventVocabulary::LanguageFor).
  std::vector<Event> Recognise(const EventText& title, const EventText& body,
                               const std::vector<std::string>& dyads,
                               std::string_view language = "en", std::string_view date = {}) const;

 private:
  struct Hit {
    size_t type_index;
    size_t first, end;  // tokens
    // Read within a statement's gap, as its object ("celebra el acuerdo",
    // "calls Russian strike 'a serious escalation'"): an event, never the
    // sentence's own.
    bool inner = false;
  };
  // The words of one text being matched: tokens, where the leader's or
  // country's mention starting at each ends ("@leader", "@place"; 0 where
  // none starts), and which follow an opening quote mark ("@quote").
  struct Words {
    const std::vector<Token>& tokens;
    std::vector<size_t> leader_ends;
    std::vector<size_t> place_ends;
    std::vector<std::string> countries;  // the country of the mention starting at each
    std::vector<bool> quote_starts;
    // Each token's folded form without an attached prefix of the language
    // ("والتقى" -> "التقى", "التقى"), empty for languages with none.
    std::vector<std::vector<std::string>> bare;
  };
  // Whether t[e..] matches from token i; `home` is the country of the
  // leader matched last ("@leader in @place" is no visit at home).
  bool MatchAt(const std::vector<TriggerElement>& t, size_t e, const Words& words, size_t i,
               size_t end, size_t* match_end, std::string_view home = {}) const;
  std::vector<Hit> Find(const Words& words, std::string_view language, size_t first,
                        size_t end) const;
  // The first match of any of `triggers` in tokens [first, end), as
  // [match first, match end); nullopt when none matches.
  std::optional<std::pair<size_t, size_t>> FindFirst(
      const std::vector<std::vector<TriggerElement>>& triggers, const Words& words, size_t first,
      size_t end) const;

  // The words of `rules` that stop, cancel or refuse `h` (cancellation
  // ending at most three words before it or around it, cancelled starting at
  // most three words after it, no pause between), as [first, end) tokens of
  // sentence [first, end) of `text`; nullopt when none does or `h`'s type is
  // not cancellable.
  std::optional<std::pair<size_t, size_t>> Cancellation(const Hit& h, const Words& words,
                                                        const BackgroundRules& rules,
                                                        std::string_view text, size_t first,
                                                        size_t end) const;

  const EventVocabulary& vocabulary_;
};

}  // namespace communique
