#include "searcher/query_builder.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <set>

#include "analysis/alias_synonyms.h"
#include "analysis/language/analyzer.h"
#include "analysis/language/language_detector.h"
#include "analysis/quotes/quote_attributor.h"
#include "analysis/text/text_normalizer.h"
#include "analysis/text/tokenizer.h"
#include "schema/terms.h"
#include "searcher/search_request.h"

namespace communique {
namespace {

std::string AliasKey(EntityKind kind, std::string_view folded) {
  return std::to_string(static_cast<int>(kind)) + std::string(folded);
}

std::optional<EntityKind> KindOf(const Field& field) {
  for (EntityKind k : {EntityKind::kCountry, EntityKind::kLeader, EntityKind::kOrganisation}) {
    if (FieldNameOf(k) == field.entity) return k;
  }
  return std::nullopt;
}

}  // namespace

QueryBuilder::QueryBuilder(const FieldSchema& schema, const Gazetteer& gazetteer)
    : schema_(schema), gazetteer_(gazetteer) {
  for (const GazetteerEntry& e : gazetteer.entries()) {
    for (const Alias& a : e.aliases) {
      std::string folded = FoldPhrase(a.text);
      if (folded.empty()) continue;
      auto& ids = aliases_[AliasKey(e.kind, folded)];
      if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) ids.push_back(e.id);
    }
  }
  for (const Field& f : schema.fields()) {
    for (const std::string& name : f.query_names) {
      QueryField::Kind kind =
          f.kind == FieldKind::kText ? QueryField::Kind::kText : QueryField::Kind::kFilter;
      syntax_[AsciiLower(name)] = {kind, f.name};
    }
  }
  syntax_["date"] = {QueryField::Kind::kDate, "date"};
}

std::vector<std::string> QueryBuilder::ResolveEntity(EntityKind kind, std::string_view text) const {
  std::string id = gazetteer_.CanonicalId(kind, text);
  if (!id.empty()) return {id};
  auto it = aliases_.find(AliasKey(kind, FoldPhrase(text)));
  if (it == aliases_.end()) return {};
  return it->second;
}

Xapian::Query QueryBuilder::FacetFilter(const std::string& field_name,
                                        const std::string& value) const {
  const Field* field = schema_.Find(field_name);
  if (field_name == kDyadField && !field) {
    std::string dyad = CanonicalDyad(value);
    if (dyad.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_AND, FacetFilter("country", dyad.substr(0, 2)),
                         FacetFilter("country", dyad.substr(3, 2)));
  }
  if (!field) return Xapian::Query::MatchNothing;
  if (field_name == kDyadField) {
    std::string dyad = CanonicalDyad(value);
    return Xapian::Query(BooleanTerm(*field, dyad.empty() ? value : dyad));
  }
  if (const Field* names = schema_.Find("subject_name"); names && field_name == "subject") {
    // A subject by its code (subject:medtop:11000000) or by the words of
    // the name a feed gave it (subject:politics, subject:"international trade").
    Xapian::Query code(BooleanTerm(*field, value));
    std::vector<Xapian::Query> words;
    for (const Token& t : Tokenize(value))
      if (!t.folded.empty()) words.emplace_back(names->prefix + t.folded);
    if (words.empty()) return code;
    Xapian::Query name = words.size() == 1
                             ? words[0]
                             : Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                             static_cast<Xapian::termcount>(words.size()));
    return Xapian::Query(Xapian::Query::OP_OR, code, name);
  }
  std::optional<EntityKind> kind = KindOf(*field);
  if (!kind) return Xapian::Query(BooleanTerm(*field, value));
  std::vector<std::string> ids = ResolveEntity(*kind, value);
  std::vector<Xapian::Query> terms;
  terms.reserve(ids.size());
  for (const std::string& id : ids) terms.emplace_back(BooleanTerm(*field, id));
  if (field_name == "speaker") {
    // A speaker the gazetteer lacks is stored as the slug of the name as
    // written, and every shorter run of its words as a speaker_part: the
    // value folded the same way finds it by the whole name or by any of its
    // words (speaker:Guterres, speaker:"Antonio Guterres").
    std::string slug = SpeakerSlug(value);
    if (!slug.empty()) {
      if (std::find(ids.begin(), ids.end(), slug) == ids.end())
        terms.emplace_back(BooleanTerm(*field, slug));
      if (const Field* part = schema_.Find("speaker_part"))
        terms.emplace_back(BooleanTerm(*part, slug));
    }
  }
  if (terms.empty()) return Xapian::Query(BooleanTerm(*field, value));
  if (terms.size() == 1) return terms[0];
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

namespace {

// Folded words joined by spaces, the form synonym keys are stored in.
std::string JoinWords(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string key;
  for (size_t i = begin; i < end; ++i) key += (i > begin ? " " : "") + words[i];
  return key;
}

// A phrase of `words` under `prefix` (a single word is its exact term).
Xapian::Query Phrase(const std::string& prefix, const std::vector<std::string>& words) {
  std::vector<Xapian::Query> terms;
  terms.reserve(words.size());
  for (const std::string& w : words) terms.emplace_back(prefix + w);
  if (terms.size() == 1) return terms[0];
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

// A stored synonym as a query: a term, or a phrase when it has spaces
// (multi-word names are stored as their folded words).
Xapian::Query SynonymQuery(const std::string& value) {
  if (value.find(' ') == std::string::npos) return Xapian::Query(value);
  std::vector<std::string> words;
  size_t begin = 0;
  while (begin < value.size()) {
    size_t space = value.find(' ', begin);
    if (space == std::string::npos) space = value.size();
    if (space > begin) words.push_back(value.substr(begin, space - begin));
    begin = space + 1;
  }
  return Phrase("", words);
}

bool HasSynonyms(const Xapian::Database& db, const std::string& key) {
  return db.synonyms_begin(key) != db.synonyms_end(key);
}

// Longest synonym key written as consecutive words.
constexpr size_t kMaxSynonymWords = 6;
// Languages Xapian stems that are not written in Latin script: a Latin
// word is not stemmed by them, nor a Cyrillic one by English.
bool LatinScript(const std::string& language) {
  return language != "ru" && language != "ar" && language != "hy" && language != "ne" &&
         language != "ta";
}

bool IsPlainWord(const QueryNode& n) {
  return n.kind == QueryNode::Kind::kWord && n.field.empty() && !n.wildcard && !n.quoted;
}

// A fresh match-everything query: Xapian::Query::MatchAll is one static
// object whose reference count (a plain integer in Xapian 1.4) every copy
// bumps, so copying it from several server threads at once corrupts the
// count and frees it under a reader (heap-use-after-free found by ASan in
// tests/reliability/readers_during_writes.py).
Xapian::Query Everything() { return Xapian::Query(std::string()); }

// Whether `q` (as compiled) holds a term that ranks.
bool Ranks(const QueryNode& n) {
  switch (n.kind) {
    case QueryNode::Kind::kWord:
    case QueryNode::Kind::kPhrase:
    case QueryNode::Kind::kNear:
      return true;
    case QueryNode::Kind::kFilter:
    case QueryNode::Kind::kDate:
      return false;
    default:
      return std::any_of(n.children.begin(), n.children.end(), Ranks);
  }
}

// The normalised text with its phrase quotes taken out, except the quotes
// of a field value (source:"Atlas Daily" stays one value).
std::string StripPhraseQuotes(const std::string& text) {
  std::string out;
  bool in_value = false;
  for (size_t i = 0; i < text.size();) {
    if (size_t q = PhraseQuoteAt(text, i)) {
      if (in_value || (i > 0 && text[i - 1] == ':')) {
        in_value = !in_value;
        out.append(text, i, q);
      } else if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
      i += q;
      continue;
    }
    out += text[i++];
  }
  // Collapse the spaces the quotes leave.
  std::string tidy;
  for (char c : out) {
    if (c == ' ' && (tidy.empty() || tidy.back() == ' ')) continue;
    tidy += c;
  }
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  return tidy;
}

// A byte range of the query text and what to write there instead.
struct Span {
  size_t begin, end;
  std::string with;
};

// `text` with each span replaced (overlapping ones after the first are
// dropped): respelled words, phrases written as words.
std::string ReplaceSpans(const std::string& text, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::string out;
  size_t done = 0;
  for (const Span& s : spans) {
    if (s.begin < done) continue;
    out.append(text, done, s.begin - done);
    out += s.with;
    done = s.end;
  }
  out.append(text, done, std::string::npos);
  return out;
}

}  // namespace

QueryBuilder::Context QueryBuilder::MakeContext(const Xapian::Database& words,
                                                const Xapian::Database& db, std::string_view q,
                                                std::string_view language) const {
  Context cx{words, PrimaryLanguage(language), {}, false, {kDefaultLanguage}};
  // A term lookup (summed over shards): pairs only if every document has them.
  const std::string marker = WordPairMarker(schema_);
  const Xapian::doccount docs = db.get_doccount();
  cx.word_pairs = !marker.empty() && docs > 0 && db.get_termfreq(marker) == docs;
  if (!cx.language.empty()) {
    cx.stop_languages = {cx.language};
    return cx;
  }
  // The L terms are the index's languages (one per language, so a cheap
  // walk even over remote shards).
  const std::string prefix = schema_.Prefix("language");
  std::set<std::string> held{kDefaultLanguage};
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    std::string primary = PrimaryLanguage(std::string_view(*t).substr(prefix.size()));
    if (!primary.empty()) held.insert(primary);
  }
  for (const std::string& l : held) {
    cx.index_languages.push_back(l);
    cx.unstemmed_language |= !Analyzer::For(l).stems();
  }
  LanguageGuess guess = LanguageDetector::Default().Detect(q);
  if (!guess.language.empty() && guess.language != kDefaultLanguage)
    cx.stop_languages.push_back(guess.language);
  return cx;
}

std::vector<std::string> QueryBuilder::WordTerms(const std::string& prefix, const std::string& word,
                                                 const Context& cx) const {
  std::vector<std::string> terms;
  bool exact = false;
  bool as_typed = false;  // the word as typed is a stem too (below)
  auto add = [&](const Analyzer& a) {
    const std::string& stem = a.Stem(word);
    if (stem.empty()) {
      exact = true;
      return;
    }
    auto push = [&](const std::string& s) {
      std::string term = "Z" + prefix + s;
      if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
    };
    push(stem);
    // English stems as Xapian's own QueryParser does (and the differential
    // test's reference): there a stem's stem reaches further than people
    // mean ("preparedness" -> prepared -> prepar).
    if (a.language() == "en") return;
    // Snowball is not idempotent where it cuts a nominative shorter than
    // its other cases (below): "саммита" -> саммит -> самм, the stem of
    // "саммит" in the text.
    push(a.Stem(stem));
    as_typed = true;
  };
  if (!cx.language.empty()) {
    add(Analyzer::For(cx.language));
  } else {
    // A word in a script of its own (Cyrillic, Arabic, Han…) is stemmed
    // by that script's language; a Latin one by every Latin-script
    // language the index holds.
    std::string by_script = LanguageByScript(word);
    if (!by_script.empty()) {
      add(Analyzer::For(by_script));
      // Held only inside articles of other languages: as written there.
      exact |= std::find(cx.index_languages.begin(), cx.index_languages.end(), by_script) ==
               cx.index_languages.end();
    } else {
      for (const std::string& l : cx.index_languages) {
        if (LatinScript(l) && Analyzer::For(l).stems()) add(Analyzer::For(l));
      }
    }
    // Articles in a language without a stemmer hold only exact forms.
    exact |= cx.unstemmed_language;
  }
  // The word as typed may be its inflections' stem where Snowball cuts the
  // word itself shorter: Russian reads -ит of a nominative as a verb ending
  // (визит -> виз, саммит -> самм) but keeps it in every other case
  // (визита, визитом -> визит), so "визит" alone missed "с визитом" (and
  // "визита" missed "визит" before the stem's stem above).
  if (as_typed) {
    std::string as_stem = "Z" + prefix + word;
    if (std::find(terms.begin(), terms.end(), as_stem) == terms.end()) terms.push_back(as_stem);
  }
  if (exact || terms.empty()) terms.push_back(prefix + word);
  return terms;
}

Xapian::Query QueryBuilder::WordQuery(const QueryNode& w, const Context& cx) const {
  const Xapian::Database& words = cx.words;
  const std::string prefix = w.field.empty() ? "" : schema_.Prefix(w.field);
  const std::string& word = w.words[0];
  if (w.wildcard)
    return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix + word, kMaxWildcardExpansion,
                         Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_SYNONYM);
  // Quoted: that exact form, as a one-word phrase would be.
  if (w.quoted) return Xapian::Query(prefix + word);
  // Stems carry no positions and every indexed word has one (see
  // DocumentBuilder::AddText), so a word matches every inflection; in an
  // index of several languages, the stems of each, as one synonym group.
  std::vector<std::string> terms = WordTerms(prefix, word, cx);
  Xapian::Query term = terms.size() == 1
                           ? Xapian::Query(terms[0])
                           : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  if (!w.field.empty() || !HasSynonyms(words, word)) return term;
  std::vector<Xapian::Query> alts{term};
  for (auto s = words.synonyms_begin(word); s != words.synonyms_end(word); ++s)
    alts.push_back(SynonymQuery(*s));
  return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
}

Xapian::Query QueryBuilder::CompileAnd(const QueryNode& n, const Context& cx) const {
  const Xapian::Database& words = cx.words;
  std::vector<Xapian::Query> ranked, filters, excluded;
  // Runs of plain words that together are a stored name ("vladimir
  // putin", "shanghai cooperation organization") become one synonym group.
  std::vector<bool> grouped(n.children.size(), false);
  for (size_t i = 0; i < n.children.size(); ++i) {
    if (!IsPlainWord(n.children[i])) continue;
    size_t run_end = i;
    while (run_end < n.children.size() && run_end - i < kMaxSynonymWords &&
           IsPlainWord(n.children[run_end]))
      ++run_end;
    std::vector<std::string> run;
    for (size_t k = i; k < run_end; ++k) run.push_back(n.children[k].words[0]);
    for (size_t len = run.size(); len >= 2; --len) {
      std::string key = JoinWords(run, 0, len);
      if (!HasSynonyms(words, key)) continue;
      std::vector<Xapian::Query> parts;
      for (size_t k = i; k < i + len; ++k) parts.push_back(WordQuery(n.children[k], cx));
      std::vector<Xapian::Query> alts{
          Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end())};
      for (auto s = words.synonyms_begin(key); s != words.synonyms_end(key); ++s)
        alts.push_back(SynonymQuery(*s));
      ranked.emplace_back(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
      for (size_t k = i; k < i + len; ++k) grouped[k] = true;
      i += len - 1;
      break;
    }
  }
  // A date written as words ("SCO summit 2021", "September 2021"): news
  // copy rarely writes its own date, so the span matches its words as
  // written, or a publication date within it, or a date the text mentions
  // within it. Only the words rank.
  {
    std::vector<std::string> plain(n.children.size());
    for (size_t k = 0; k < n.children.size(); ++k)
      if (!grouped[k] && IsPlainWord(n.children[k])) plain[k] = n.children[k].words[0];
    const std::string mentioned = schema_.Prefix("date_mentioned");
    for (const QueryDateSpan& d : dates_.Find(plain)) {
      std::vector<std::string> written(plain.begin() + static_cast<std::ptrdiff_t>(d.begin),
                                       plain.begin() + static_cast<std::ptrdiff_t>(d.end));
      std::vector<Xapian::Query> alts{
          written.size() == 1 ? WordQuery(n.children[d.begin], cx) : TextPhrase(written, cx),
          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema_.Slot("date"), d.from, d.to)};
      if (!mentioned.empty())
        alts.push_back(d.mentioned.size() == 8
                           ? Xapian::Query(mentioned + d.mentioned)
                           : Xapian::Query(Xapian::Query::OP_WILDCARD, mentioned + d.mentioned, 0,
                                           Xapian::Query::WILDCARD_LIMIT_ERROR,
                                           Xapian::Query::OP_OR));
      ranked.emplace_back(Xapian::Query::OP_OR, alts.begin(), alts.end());
      for (size_t k = d.begin; k < d.end; ++k) grouped[k] = true;
    }
  }
  // A name in a romanisation or script the gazetteer does not list
  // ("Selenskij", "Si Tszinpin"): a run of up to three plain words, one of
  // them at least unknown to the synonyms ("si" alone is Slovenia's code),
  // whose transliteration key is a gazetteer name's, also matches that
  // entity's term. A word the synonyms know keeps exactly its own expansion.
  constexpr size_t kMaxKeyWords = 3;
  auto free_word = [&](size_t k) { return !grouped[k] && IsPlainWord(n.children[k]); };
  auto unknown_word = [&](size_t k) { return !HasSynonyms(words, n.children[k].words[0]); };
  for (size_t i = 0; i < n.children.size(); ++i) {
    for (size_t len = std::min(kMaxKeyWords, n.children.size() - i); len > 0; --len) {
      bool all_free = true, any_unknown = false;
      for (size_t k = i; k < i + len && all_free; ++k) {
        all_free = free_word(k);
        any_unknown = any_unknown || (all_free && unknown_word(k));
      }
      if (!all_free || !any_unknown) continue;
      std::vector<std::string> run;
      for (size_t k = i; k < i + len; ++k) run.push_back(n.children[k].words[0]);
      const std::vector<TransliterationIndex::Hit>& hits =
          transliterations_.Find(JoinWords(run, 0, run.size()));
      if (hits.empty()) continue;
      std::vector<Xapian::Query> parts;
      for (size_t k = i; k < i + len; ++k) parts.push_back(WordQuery(n.children[k], cx));
      std::vector<Xapian::Query> alts{
          Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end())};
      for (const TransliterationIndex::Hit& hit : hits) {
        // The field AliasSynonyms maps names to (analysis/alias_synonyms.h).
        const Field* field =
            hit.kind == EntityKind::kCountry ? schema_.Find("country_mentioned") : nullptr;
        if (!field) field = schema_.Find(std::string(FieldNameOf(hit.kind)));
        if (field) alts.emplace_back(field->prefix + AsciiLower(hit.id));
      }
      ranked.emplace_back(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
      for (size_t k = i; k < i + len; ++k) grouped[k] = true;
      i += len - 1;
      break;
    }
  }
  // Stopwords rank and highlight nothing, so they go unless the query has
  // nothing else (a search for "the who" still searches).
  auto stopword = [&](const QueryNode& c) { return IsStopword(c, cx); };
  bool has_other = false;
  for (size_t i = 0; i < n.children.size(); ++i)
    has_other |= grouped[i] || !stopword(n.children[i]);
  for (size_t i = 0; i < n.children.size(); ++i) {
    const QueryNode& c = n.children[i];
    if (grouped[i] || (has_other && stopword(c))) continue;
    if (c.kind == QueryNode::Kind::kFilter || c.kind == QueryNode::Kind::kDate)
      filters.push_back(Compile(c, cx));
    else
      ranked.push_back(Compile(c, cx));
  }
  for (const QueryNode& x : n.excluded) excluded.push_back(Compile(x, cx));

  Xapian::Query out;
  if (!ranked.empty()) {
    out = ranked.size() == 1 ? ranked[0]
                             : Xapian::Query(Xapian::Query::OP_AND, ranked.begin(), ranked.end());
    if (!filters.empty())
      out = Xapian::Query(Xapian::Query::OP_FILTER, out,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  } else if (!filters.empty()) {
    // Filters alone weigh nothing: every match ranks alike (then newest first).
    out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()), 0);
  } else {
    // Only exclusions ("-putin"): everything but them.
    out = Everything();
  }
  if (excluded.empty()) return out;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, out,
                       Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
}

bool QueryBuilder::IsStopword(const QueryNode& part, const Context& cx) const {
  if (!IsPlainWord(part) || part.required) return false;
  for (const std::string& l : cx.stop_languages) {
    if (Analyzer::For(l).IsStopword(schema_, part.words[0])) return true;
  }
  return false;
}

std::string QueryConjunction::Without(const std::vector<bool>& drop) const {
  std::vector<bool> left_out(written.size(), false);
  for (size_t i = 0; i < droppable.size() && i < drop.size(); ++i) left_out[droppable[i]] = drop[i];
  std::string out;
  for (size_t i = 0; i < written.size(); ++i) {
    if (left_out[i]) continue;
    if (!out.empty()) out += ' ';
    out += written[i];
  }
  return out;
}

Xapian::Query QueryBuilder::Compile(const QueryNode& n, const Context& cx) const {
  auto children = [&]() {
    std::vector<Xapian::Query> out;
    for (const QueryNode& c : n.children) out.push_back(Compile(c, cx));
    return out;
  };
  switch (n.kind) {
    case QueryNode::Kind::kWord:
      return WordQuery(n, cx);
    case QueryNode::Kind::kPhrase:
      if (!n.field.empty()) return Phrase(schema_.Prefix(n.field), n.words);
      // A run written without spaces: a name in a CJK script is several
      // words to ICU ("习 近平" is Xi's synonym key), so it finds its entity
      // as a Latin name's run of words does.
      if (n.joined)
        if (std::optional<Xapian::Query> names = NameRun(n.words, cx)) return *names;
      return TextPhrase(n.words, cx);
    case QueryNode::Kind::kNear: {
      std::vector<Xapian::Query> terms;
      for (const std::string& w : n.words) terms.emplace_back(w);
      // As Xapian's own parser: NEAR/n lets n-1 other words stand between
      // each pair, so the window grows with the words joined.
      Xapian::termcount window = n.window - 1 + static_cast<Xapian::termcount>(terms.size());
      return Xapian::Query(n.ordered ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR,
                           terms.begin(), terms.end(), window);
    }
    case QueryNode::Kind::kFilter: {
      // Dates the text mentions are terms by day: a month or a year is
      // every day term it begins.
      const Field* field = schema_.Find(n.field);
      if (field && n.field == "date_mentioned") {
        auto first = ParseDateBound(n.value, false);
        if (!first.ok()) return Xapian::Query::MatchNothing;
        size_t digits = n.value.size() == 4 ? 4 : n.value.size() == 7 ? 6 : 8;
        std::string term = field->prefix + first.value().substr(0, digits);
        if (digits == 8) return Xapian::Query(term);
        return Xapian::Query(Xapian::Query::OP_WILDCARD, term, 0,
                             Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_OR);
      }
      return FacetFilter(n.field, n.value);
    }
    case QueryNode::Kind::kDate: {
      unsigned slot = schema_.Slot("date");
      if (n.from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, n.to);
      if (n.to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, n.from);
      return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, n.from, n.to);
    }
    case QueryNode::Kind::kOr: {
      auto qs = children();
      return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
    }
    case QueryNode::Kind::kXor: {
      auto qs = children();
      return Xapian::Query(Xapian::Query::OP_XOR, qs.begin(), qs.end());
    }
    case QueryNode::Kind::kAnd:
      return CompileAnd(n, cx);
  }
  return Everything();
}

Xapian::Query QueryBuilder::TextPhrase(const std::vector<std::string>& words,
                                       const Context& cx) const {
  std::vector<Xapian::Query> pairs;
  if (cx.word_pairs) {
    for (size_t i = 1; i < words.size(); ++i) {
      std::string term = WordPairTerm(schema_, words[i - 1], words[i]);
      if (!term.empty()) pairs.emplace_back(term);
    }
  }
  if (pairs.empty()) return Phrase("", words);
  cx.paired_phrase = true;
  // Two words: their pair term matches exactly where the phrase does.
  if (cx.counting && words.size() == 2) return pairs[0];
  // Still the phrase, so it weighs the same and snippets mark it whole;
  // Xapian reads positions only in the articles holding every pair (for
  // two words, exactly the articles that match).
  return Xapian::Query(Xapian::Query::OP_FILTER, Phrase("", words),
                       Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()));
}

std::optional<Xapian::Query> QueryBuilder::NameRun(const std::vector<std::string>& words,
                                                   const Context& cx) const {
  std::vector<Xapian::Query> names;
  for (size_t i = 0; i < words.size();) {
    // The longest name starting here.
    size_t len = std::min(kMaxSynonymWords, words.size() - i);
    while (len > 0 && !HasSynonyms(cx.words, JoinWords(words, i, i + len))) --len;
    if (len == 0) return std::nullopt;
    const std::string key = JoinWords(words, i, i + len);
    std::vector<Xapian::Query> alts{
        TextPhrase(std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(i),
                                            words.begin() + static_cast<std::ptrdiff_t>(i + len)),
                   cx)};
    for (auto s = cx.words.synonyms_begin(key); s != cx.words.synonyms_end(key); ++s)
      alts.push_back(SynonymQuery(*s));
    names.emplace_back(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
    i += len;
  }
  if (names.size() == 1) return names[0];
  return Xapian::Query(Xapian::Query::OP_AND, names.begin(), names.end());
}

std::string QueryBuilder::Respell(const ParsedText& parsed, const Context& cx,
                                  const Xapian::Database& db) const {
  const Xapian::Database& words = cx.words;
  // Rare: no article at all in a small index, a handful in a large one.
  const Xapian::doccount docs = db.get_doccount();
  const Xapian::doccount rare = docs / 20000;
  // A word's frequency: of its commonest form among those it matches.
  auto freq = [&](const std::string& w) {
    Xapian::doccount most = 0;
    for (const std::string& t : WordTerms("", w, cx)) most = std::max(most, db.get_termfreq(t));
    return most;
  };
  std::vector<Span> fixes;
  std::function<void(const QueryNode&)> visit = [&](const QueryNode& n) {
    for (const QueryNode& c : n.children) visit(c);
    for (const QueryNode& c : n.excluded) visit(c);
    // Only plain words the user typed: never field values, codes, numbers,
    // words inside quotes, names the gazetteer knows or its cities.
    if (!IsPlainWord(n) || n.end <= n.begin) return;
    const std::string& w = n.words[0];
    if (w.size() < 4 || w.find_first_of("0123456789") != std::string::npos) return;
    Xapian::doccount have = freq(w);
    if (have > rare || HasSynonyms(words, w)) return;
    // A place the world's cities list is no typo, only a place the archive
    // has not written that way: "Sochi" is not "noche", "Busan" not "began".
    if (!gazetteer_.CityCountries(w).empty()) return;
    // Han, kana, Hangul and Thai words are cut from unspaced text by a
    // dictionary: a character away is another word (通话, a phone call, is
    // not 对话, a dialogue), not a typo.
    const std::string script = LanguageByScript(w);
    if (script == "zh" || script == "ja" || script == "ko" || script == "th") return;
    std::string better = words.get_spelling_suggestion(w, 2);
    if (better.empty() || better == w) return;
    // Much more frequent: at least ten times, and in a few articles.
    Xapian::doccount theirs = freq(better);
    if (theirs < std::max<Xapian::doccount>(2, 10 * have)) return;
    fixes.push_back({n.begin, n.end, better});
  };
  visit(parsed.root);
  if (fixes.empty()) return "";
  return ReplaceSpans(parsed.text, std::move(fixes));
}

QueryConjunction QueryBuilder::Conjunction(const ParsedText& text, const Context& cx) const {
  QueryConjunction out;
  const QueryNode& root = text.root;
  if (root.kind != QueryNode::Kind::kAnd || root.children.size() < 2) return out;
  struct Part {
    const QueryNode* node;
    bool excluded;
  };
  std::vector<Part> parts;
  for (const QueryNode& c : root.children) parts.push_back({&c, false});
  for (const QueryNode& x : root.excluded) parts.push_back({&x, true});
  std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
    return a.node->written_begin < b.node->written_begin;
  });
  std::vector<size_t> droppable;
  for (const auto& [p, excluded] : parts) {
    // Not written (a part the parser made up): no relaxing.
    if (p->written_end <= p->written_begin || p->written_end > text.text.size()) return out;
    bool searches_text = p->kind != QueryNode::Kind::kFilter && p->kind != QueryNode::Kind::kDate;
    if (searches_text && !excluded && !p->required && !IsStopword(*p, cx)) {
      droppable.push_back(out.written.size());
      bool stopped = false;
      if (IsPlainWord(*p))
        for (const std::string& l : cx.index_languages)
          stopped |= Analyzer::For(l).IsStopword(schema_, p->words[0]);
      out.function_word.push_back(stopped);
    }
    out.written.push_back(text.text.substr(p->written_begin, p->written_end - p->written_begin));
  }
  if (droppable.size() >= 2 && droppable.size() <= kMaxDroppableParts)
    out.droppable = std::move(droppable);
  else
    out.function_word.clear();
  return out;
}

Result<ParsedQuery> QueryBuilder::Parse(const Xapian::Database& words, const Xapian::Database& db,
                                        std::string_view q, bool alternatives,
                                        std::string_view language, const DateWindow& window) const {
  ParsedQuery out;
  out.query = Everything();
  out.count_query = Everything();
  auto parsed = ParseQueryText(q, syntax_);
  if (!parsed.ok()) return parsed.status();
  const ParsedText& text = parsed.value();
  if (text.words > kMaxQueryWords)
    return Status::BadRequest("query has too many words (at most " +
                              std::to_string(kMaxQueryWords) + ")");
  Context cx = MakeContext(words, db, q, language);
  out.query = Compile(text.root, cx);
  out.ranked = Ranks(text.root);
  if (out.query.get_length() > kMaxExpandedTerms)
    return Status::BadRequest("query expands to too many terms (at most " +
                              std::to_string(kMaxExpandedTerms) + ")");
  // Entity boosts and role expansions (searcher/entity_query.h).
  if (!out.query.empty() && out.query.get_type() != Xapian::Query::LEAF_MATCH_ALL) {
    const QueryEntities found = entity_query_.Find(q);
    out.query = entity_query_.Apply(out.query, found, window);
    if (cx.paired_phrase) {
      cx.counting = true;
      out.count_query = entity_query_.Apply(Compile(text.root, cx), found, window);
    } else {
      out.count_query = out.query;
    }
    out.expansions = entity_query_.RoleExpansions(found, window);
  } else {
    out.count_query = out.query;
  }
  if (!alternatives) return out;
  out.suggestion = Respell(text, cx, db);
  // Phrases outside fields, quoted or written as one run ("Xi-Putin"),
  // have a words-only form to offer when they find nothing.
  std::vector<Span> runs;
  std::function<void(const QueryNode&)> find_runs = [&](const QueryNode& n) {
    if (n.kind == QueryNode::Kind::kPhrase && n.field.empty() && !n.quoted && n.end > n.begin)
      runs.push_back({n.begin, n.end, JoinWords(n.words, 0, n.words.size())});
    for (const QueryNode& c : n.children) find_runs(c);
    for (const QueryNode& c : n.excluded) find_runs(c);
  };
  find_runs(text.root);
  if (text.has_phrase || !runs.empty()) {
    std::string unquoted = StripPhraseQuotes(ReplaceSpans(text.text, std::move(runs)));
    if (unquoted != text.text) out.unquoted = std::move(unquoted);
  }
  out.conjunction = Conjunction(text, cx);
  return out;
}

}  // namespace communique
