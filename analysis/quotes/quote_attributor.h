// Finds the direct quotes of an article and who said them.
//
// Quotes are text between double quotes, straight, or any pair of marks of
// schema/quotes.json (“ ”, « », „ “, 「 」); a straight pair inside a
// typographic quote is a quote within it ("We told them \"no\""); a quote
// left open at a paragraph's end goes on when the next paragraph opens with
// a quote mark (the newsroom convention), and is dropped otherwise.
// Attribution is read in the quote's own sentence: after it ("…," Biden
// said / said Peskov / the minister told reporters), else before it (Peskov
// said: "…" / called it "a beacon of hope"); a quote with none in its
// sentence continues the previous speaker's when it follows in the same or
// the next paragraph, unless its sentence has an attribution that names no
// one. "…," Peskov said, "…" is one quote; "…" and told reporters: "…" two.
//
// The speaker is the leader mention the EntityRecognizer found in the
// attribution; else a spokesperson or minister phrase ("the Kremlin
// spokesman", "the minister") resolved through the gazetteer's roles on the
// publication date (the office's holder in the country the phrase or the
// dateline names; a bare "the minister" is the last minister named before);
// else "he"/"she" (the first leader named in the latest sentence since the
// previous quote that names one, else the previous speaker); else the
// capitalised name as written, less titles and a country before them
// ("Ukrainian Foreign Minister Dmytro Kuleba"), without an id; a name
// after a spokesperson's title is that person, not the office's holder
// ("Pentagon spokesman Pat Ryder"); a bare word that opens a full name
// named before is that person ("Anwar" of "Anwar Ibrahim"). A country as
// subject ("China said it had lodged \"…\"") speaks unnamed, and a subject
// naming an institution never borrows a name from earlier in its sentence
// (a dateline's "Nov"). A quote of fewer than quotes.json min_cjk_chars CJK
// letters (“台独”) is a term, not a quote. An
// institution's attribution ("the foreign ministry said in a statement"),
// or a person's the article does not name ("one Gulf banker said", "a
// senior official told reporters"), gives a quote with speaker "", which
// goes on after its attribution like a named speaker's. A participle after
// a comma ("..., saying the island was \"not for sale\"") speaks for its
// sentence's first person named, not for one named in the possessive
// before it. Sentences end where the event recogniser's SentenceRanges end
// them ("U.S. President" ends none).
//
// Attribution verbs are the data's, every language's at once (the words of
// one language seldom mean "said" in another): «…», — заявил Лавров;
// « … », a déclaré Macron; 「…」と述べた, whose speaker is named before the
// quote. So are the pronouns that stand for the person named before (« … »,
// a-t-il écrit; по его словам), the office words that name the office's
// first holder the article named (dijo el mandatario; le président
// français; 首相は), the conjunctions that leave a verb without a subject of
// its own (… and told reporters; „…“, warnte aber …: the attribution is
// then before the quote) and the particles before a verb whose speaker
// follows it (по словам Пескова). A CJK word has no capitals, so no run of
// them is a name as written; letters that open a leader's longer name
// written before are that leader (高市氏 after 高市早苗), and so does one
// letter before a title (習氏, 李大統領); Han letters right before a title
// the gazetteer lacks are a name as written (木原稔官房長官). A quotative
// particle (と) leaves the subject before the quote whatever stands
// between it and the verb (「…」と記者団に語った). A leader named
// before a clause between commas speaks rather than capitals inside it
// ("Meloni, que llegó desde Río de Janeiro, destacó").
//
// After an inverted verb the subject ends at a comma before a word in lower
// case ("dijo el canadiense, que viajó a Monterrey"), and a name right
// after the verb that the article named in full speaks rather than a leader
// named further on ("explicó Albares tras reunirse con … Bourita"); an
// institution there speaks unnamed (« … », a indiqué l'Élysée). A verb
// with no subject at all ("«…», añadió.") is the previous speaker's, who
// says a new quote. Selon, según, laut, по словам with nothing before them
// speak for the phrase after them up to a comma or its first run of
// capitals ("Según fuentes diplomáticas": unnamed). A country's adjective
// written in lower case names the leader of that country named before (el
// chileno, белорусский лидер) and bounds an office word (la ministre
// sénégalaise is no French minister). A run of capitals with a word of an
// unnamed person or institution names no one (German nouns: "ein
// europäischer Diplomat"). An attribution set between commas inside the
// quote attributes it (« …, a-t-elle insisté, … »). A word of the data's
// name_markers before a quote makes it a name (el llamado «…»). Parts of a
// quote join across their attribution only: two fragments joined by a
// conjunction are two quotes, and so are two whose second a verb frames
// after the first's attribution; a quote in the same sentence as the last
// one with no attribution of its own is a quote of its own, not the last
// one going on, and a sentence that names another leader inherits no
// speaker.
// A title with no name refers back (der SPD-Politiker: the leader the
// latest sentence before the quote names), a preposition ends the subject
// after an inverted verb (sagte Van der Bellen vor Anhängern), and a former
// office (der frühere Präsident) names no holder on the date.
//
// Thread-safety: immutable after construction; Attribute() may be called
// concurrently.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/dates/date_parser.h"
#include "analysis/entities/entity_recognizer.h"
#include "analysis/text/tokenizer.h"
#include "common/status.h"
#include "schema/gazetteer.h"

namespace communique {

struct Quote {
  std::string speaker;             // display name ("Dmitry Peskov"); "" when unknown
  std::string speaker_id;          // gazetteer leader id, "" when not in the gazetteer
  std::string role;                // the office on the date ("government spokesperson"), if known
  std::string text;                // the quoted words (parts of a split quote joined)
  size_t begin = 0, end = 0;       // bytes of the first and last part in the text
  std::vector<std::string> words;  // `text` folded for indexing (set by ArticleAnalyzer)
};

// The gazetteer roles of spokespeople (see scripts/gazetteer).
inline constexpr std::string_view kGovernmentSpokesperson = "government spokesperson";
inline constexpr std::string_view kForeignMinistrySpokesperson = "foreign ministry spokesperson";

// The speaker facet's value for a quoted name the gazetteer lacks: its
// words folded and joined with '-' ("António Guterres" ->
// "antonio-guterres"), the shape of a gazetteer id; "" for a name of no
// words or over 100 bytes folded. Indexer and searcher both call it, so a
// `speaker:` query folds a name exactly as the index stored it.
// Thread-safe (pure).
std::string SpeakerSlug(std::string_view name);

// The slugs of every run of consecutive words in `slug` shorter than the
// whole ("ban-ki-moon" -> "ban", "ki", "moon", "ban-ki", "ki-moon"), so
// `speaker:Guterres` finds "antonio-guterres" without a scan of the
// speakers stored; none for a one-word slug or one of over 6 words (no
// name is that long; the whole slug is still stored). Thread-safe (pure).
std::vector<std::string> SpeakerSlugParts(std::string_view slug);

// The quote marks and attribution verbs of schema/quotes.json.
// Thread-safety: immutable after construction.
struct QuoteVocabulary {
  std::vector<std::pair<std::string, std::string>> marks;  // [open, close], UTF-8
  std::set<std::string> speech_verbs;                      // folded, every language's
  std::set<std::string> framing_verbs;                     // folded
  std::set<std::string> particles;                         // folded: "a" (a déclaré), "と"
  // folded: particles that mark the words before them as quoted (と, との):
  // 「…」と記者団に語った is attributed to the subject before the quote
  // whatever stands between the particle and the verb.
  std::set<std::string> quotatives;
  // folded: a subject with one of these speaks unnamed, speaker "" ("the
  // foreign ministry said", "a senior official told reporters")
  std::set<std::string> unnamed_speakers;
  // folded: words of a title or an office before a name, dropped from a
  // name as written ("Foreign Minister Ayman Safadi" -> "Ayman Safadi")
  std::set<std::string> titles;
  // folded: capitalised words that name no person, an institution, a date
  // or a region ("White House", "Friday", "European"): a run of capitals
  // with one is no speaker's name
  std::set<std::string> institutions;
  // folded: words that stand for a person named before ("he", "il", "его",
  // 同氏): a subject of one or two words with one of them, or of only
  // these and particles ("a-t-il écrit", "по его словам"), is the leader
  // the latest sentence since the last quote names, else the last speaker.
  std::set<std::string> pronouns;
  // [folded word, gazetteer role it names] in the data's order, English's
  // first ("premier" -> "prime minister", "mandatario" -> "president", 首相):
  // a subject with such a word and no name ("the minister", "le président
  // français") is the first holder of that office the article names before
  // the quote.
  std::vector<std::pair<std::string, std::string>> offices;
  // folded: words that leave an attribution without a subject of its own
  // ("… and told reporters: \"…\"", "и добавил"): the previous speaker goes on.
  std::set<std::string> conjunctions;
  // folded: a word right before a quote that makes it a name, not words
  // said ("el llamado «Cartel de los Soles»", „sogenannten …“).
  std::set<std::string> name_markers;
  // folded: prepositions that end the subject after an inverted verb
  // ("sagte Van der Bellen vor Anhängern in der Wiener Innenstadt", "schrieb
  // der frühere Präsident auf Twitter"): capitals after one are a place or
  // a body, not the speaker. No language's words that open a title's own
  // complement ("de" of "le chef de l'État").
  std::set<std::string> subject_ends;
  // folded: words that name a person by a title or a description alone, no
  // name ("der SPD-Politiker", "die Grünen-Politikerin", "le chef de la
  // diplomatie", "представитель Кремля"); a German compound counts by its
  // last part. A subject with one, and no name or office holder, is the
  // first leader named in the latest sentence before the quote that names
  // one: the person the title refers back to.
  std::set<std::string> person_titles;
  // folded: words that make an office a past one ("der frühere Präsident",
  // "l'ancien président", "бывший президент"): the office's holder on the
  // date is then not the speaker; the title refers back (person_titles).
  std::set<std::string> former;
  // folded: words of someone who speaks for an office holder ("aide",
  // «помощник», "portavoz", "Sprecher", 发言人, "المتحدث"): a leader named
  // by office right after or before one ("помощник российского
  // президента", "Sprecher des Kanzlers", 总统发言人) is not the speaker,
  // nor is an office word beside one its holder; the name written after
  // the title is ("помощник российского президента Юрий Ушаков"), else the
  // speaker is unnamed.
  std::set<std::string> aides;
  // A quote written only in a CJK script (Han, kana, Hangul) with fewer
  // letters than this is a term in quote marks (“台独”, one word of two
  // characters), not a quote: none is attributed. A quote in any other
  // script counts from one word ("dismissed as \"absurd\"").
  size_t min_cjk_chars = 0;

  // Parses quotes.json text; errors name `what`, the field and the reason (400).
  static Result<QuoteVocabulary> Parse(std::string_view json_text, const std::string& what);
  static Result<QuoteVocabulary> LoadFile(const std::string& path);
  // DefaultSchemaDir()/quotes.json, loaded once. When it cannot be read the
  // reason goes to stderr once and only straight double quotes are marks,
  // with no verbs (no quotes are attributed), so indexing still runs.
  static const QuoteVocabulary& Default();
};

class QuoteAttributor {
 public:
  // `gazetteer` and `vocabulary` must outlive the attributor.
  explicit QuoteAttributor(const Gazetteer& gazetteer,
                           const QuoteVocabulary& vocabulary = QuoteVocabulary::Default());

  // Quotes of `text` (the body) in text order. `tokens` and `mentions` are
  // the body's (Tokenize, EntityRecognizer::Recognise); `date` resolves
  // roles; `home_country` (the dateline's country, else the first salient
  // one) stands for an unnamed government ("the foreign ministry said").
  // `sentences`: SentenceRanges(text, tokens) when the caller has them (the
  // analyser splits the body once for events and quotes); nullptr: split here.
  std::vector<Quote> Attribute(
      std::string_view text, const std::vector<Token>& tokens, const std::vector<Mention>& mentions,
      const std::optional<Date>& date, std::string_view home_country,
      const std::vector<std::pair<size_t, size_t>>* sentences = nullptr) const;

  // The holder of `role` in `country` on `date`, or nullptr.
  const GazetteerEntry* Holder(std::string_view country, std::string_view role,
                               const Date& date) const;

 private:
  const Gazetteer& gazetteer_;
  const QuoteVocabulary& vocabulary_;
};

}  // namespace communique
