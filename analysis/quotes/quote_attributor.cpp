#include "analysis/quotes/quote_attributor.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "analysis/events/event_recognizer.h"
#include "analysis/language/language_detector.h"
#include "analysis/text/text_normalizer.h"
#include "common/file.h"
#include "common/strings.h"
#include "schema/paths.h"

namespace communique {
namespace {

using Marks = std::vector<std::pair<std::string, std::string>>;

struct Span {
  std::vector<std::pair<size_t, size_t>> parts;  // content byte ranges, one per paragraph
  size_t open = 0;                               // byte of the opening mark
  size_t close_end = 0;                          // byte after the closing mark
  int pair = -1;                                 // index in `marks`; -1 straight
};

// A quote mark at a byte of the text.
struct Mark {
  size_t len = 0;  // 0: none
  bool straight = false;
  int opens = -1;       // the pair it opens, -1 none
  bool closes = false;  // it closes some pair
};

Mark MarkAt(std::string_view text, size_t i, const Marks& marks) {
  Mark m;
  if (text[i] == '"') {
    m.len = 1;
    m.straight = true;
    return m;
  }
  for (size_t p = 0; p < marks.size(); ++p) {
    if (m.opens < 0 && text.compare(i, marks[p].first.size(), marks[p].first) == 0) {
      m.opens = static_cast<int>(p);
      m.len = std::max(m.len, marks[p].first.size());
    }
    if (text.compare(i, marks[p].second.size(), marks[p].second) == 0) {
      m.closes = true;
      m.len = std::max(m.len, marks[p].second.size());
    }
  }
  return m;
}

// Quote spans of `text`; see the header for paragraph continuation.
std::vector<Span> FindSpans(std::string_view text, const Marks& marks) {
  std::vector<Span> out;
  std::optional<Span> cur;
  size_t content_begin = 0;
  bool nested = false;  // inside a straight pair within a typographic quote
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n' && cur) {
      // Paragraph end inside a quote: continues when the next paragraph
      // opens with a quote mark.
      size_t j = i;
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      Mark next = j < text.size() ? MarkAt(text, j, marks) : Mark{};
      if (next.len && (next.straight || next.opens >= 0)) {
        cur->parts.emplace_back(content_begin, i);
        content_begin = j + next.len;
        i = j + next.len;
        continue;
      }
      cur.reset();
      ++i;
      continue;
    }
    Mark m = MarkAt(text, i, marks);
    if (!m.len) {
      ++i;
      continue;
    }
    // The open span's own closing mark („…“: “ closes here, though it opens
    // an English quote).
    bool own_close = cur && cur->pair >= 0 &&
                     text.compare(i, marks[cur->pair].second.size(), marks[cur->pair].second) == 0;
    if (own_close) m.len = marks[cur->pair].second.size();
    if (cur && m.straight && cur->pair >= 0) {
      // A straight pair inside a typographic quote is a quote within it
      // (“We told them "no",” he said) when the closing mark follows in
      // the paragraph; a lone straight mark still closes it.
      if (nested) {
        nested = false;
        i += m.len;
        continue;
      }
      size_t para = std::min(text.find('\n', i), text.size());
      size_t pair = text.find('"', i + 1), close = text.find(marks[cur->pair].second, i + 1);
      if (pair < close && close < para) {
        nested = true;
        i += m.len;
        continue;
      }
    }
    if (!cur && (m.straight || m.opens >= 0)) {
      cur = Span{};
      cur->open = i;
      cur->pair = m.straight ? -1 : m.opens;
      content_begin = i + m.len;
      nested = false;
    } else if (cur && (own_close || m.straight || m.opens < 0)) {
      cur->parts.emplace_back(content_begin, i);
      cur->close_end = i + m.len;
      out.push_back(std::move(*cur));
      cur.reset();
    } else if (cur) {
      // An opening mark inside an open quote: the earlier one was never closed.
      cur->open = i;
      cur->pair = m.opens;
      cur->parts.clear();
      content_begin = i + m.len;
    }
    i += m.len;
  }
  return out;
}

// Whether `gap` ends a sentence: a stop of Latin or Cyrillic script, or a
// full-width one (。！？) or the Arabic question mark.
bool Stop(std::string_view gap) {
  if (gap.find_first_of(".!?\n") != std::string_view::npos) return true;
  for (std::string_view stop : {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xD8\x9F"})
    if (gap.find(stop) != std::string_view::npos) return true;
  return false;
}

// Whether `gap` holds a quote mark of FindSpans's.
bool QuoteMarkIn(std::string_view gap, const Marks& marks) {
  for (size_t i = 0; i < gap.size(); ++i)
    if (MarkAt(gap, i, marks).len) return true;
  return false;
}

// "Trump's", "Trump’s": a possessive, no subject.
bool ApostropheIn(std::string_view word) {
  return word.find('\'') != std::string_view::npos ||
         word.find("\xE2\x80\x99") != std::string_view::npos;
}

// The letters of `text` when every one is of a CJK script (Han, kana,
// Hangul), else 0.
size_t CjkLetters(std::string_view text) {
  size_t cjk = 0;
  for (const auto& letter : LetterScripts(text)) {
    int script = letter.second;
    if (script != USCRIPT_HAN && script != USCRIPT_HIRAGANA && script != USCRIPT_KATAKANA &&
        script != USCRIPT_HANGUL)
      return 0;
    ++cjk;
  }
  return cjk;
}

// Whether the first letter of `word` is of a script with capitals (Latin,
// Cyrillic, Greek): only there does a run of capitals mark a name.
bool Cased(std::string_view word) {
  auto letters = LetterScripts(word);
  if (letters.empty()) return false;
  int script = letters.front().second;
  return script == USCRIPT_LATIN || script == USCRIPT_CYRILLIC || script == USCRIPT_GREEK;
}

// The Han letters of `text` when every letter is Han, else 0.
size_t HanLetters(std::string_view text) {
  size_t han = 0;
  for (const auto& letter : LetterScripts(text)) {
    if (letter.second != USCRIPT_HAN) return 0;
    ++han;
  }
  return han;
}

// The first name written in Han letters (two to four, after a letter of
// another script or the start) right before a CJK title of `titles` in
// `text` (木原稔官房長官, 毛寧報道官), else "". A run that holds a title
// itself (大統領 of ペスコフ大統領報道官) is none.
std::string HanNameBefore(std::string_view text, const std::set<std::string>& titles) {
  std::string best;
  size_t best_at = std::string_view::npos;
  for (const std::string& title : titles) {
    if (!HanLetters(title)) continue;
    for (size_t at = text.find(title); at != std::string_view::npos;
         at = text.find(title, at + 1)) {
      int32_t i = static_cast<int32_t>(at), letters = 0;
      while (i > 0 && letters <= 4) {
        int32_t prev = i;
        UChar32 c = 0;
        U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, prev, c);
        UErrorCode err = U_ZERO_ERROR;
        if (c < 0 || uscript_getScript(c, &err) != USCRIPT_HAN) break;
        i = prev;
        ++letters;
      }
      if (letters < 2 || letters > 4 || at >= best_at) continue;
      std::string_view run = text.substr(static_cast<size_t>(i), at - static_cast<size_t>(i));
      if (std::any_of(titles.begin(), titles.end(), [&](const std::string& t) {
            return HanLetters(t) && run.find(t) != std::string_view::npos;
          }))
        continue;
      best = std::string(run);
      best_at = at;
    }
  }
  return best;
}

// Whether `quote` is written in a CJK script only with fewer than
// `min_chars` letters: a term set in quote marks (“台独”), not words
// someone said.
bool ShortCjk(std::string_view quote, size_t min_chars) {
  size_t cjk = CjkLetters(quote);
  return cjk > 0 && cjk < min_chars;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (std::isspace(static_cast<unsigned char>(s[b])))) ++b;
  while (e > b && (std::isspace(static_cast<unsigned char>(s[e - 1])) || s[e - 1] == ',')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::string SpeakerSlug(std::string_view name) {
  std::string out;
  for (const Token& t : Tokenize(name)) {
    if (t.folded.empty()) continue;
    if (!out.empty()) out += '-';
    out += t.folded;
  }
  return out.size() > 100 ? std::string() : out;
}

std::vector<std::string> SpeakerSlugParts(std::string_view slug) {
  std::vector<std::string_view> words;
  for (size_t b = 0; b < slug.size();) {
    size_t dash = std::min(slug.find('-', b), slug.size());
    if (dash > b) words.push_back(slug.substr(b, dash - b));
    b = dash + 1;
  }
  std::vector<std::string> out;
  if (words.size() < 2 || words.size() > 6) return out;
  for (size_t len = 1; len < words.size(); ++len) {
    for (size_t i = 0; i + len <= words.size(); ++i) {
      std::string part(words[i]);
      for (size_t k = i + 1; k < i + len; ++k) part += "-" + std::string(words[k]);
      if (std::find(out.begin(), out.end(), part) == out.end()) out.push_back(std::move(part));
    }
  }
  return out;
}

Result<QuoteVocabulary> QuoteVocabulary::Parse(std::string_view json_text,
                                               const std::string& what) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Status::BadRequest(what + ": not a JSON object");
  QuoteVocabulary v;
  if (doc.contains("marks")) {
    const nlohmann::json& marks = doc["marks"];
    if (!marks.is_array()) return Status::BadRequest(what + ": \"marks\" is not an array");
    for (size_t i = 0; i < marks.size(); ++i) {
      const nlohmann::json& m = marks[i];
      if (!m.is_array() || m.size() != 2 || !m[0].is_string() || !m[1].is_string() ||
          m[0].get<std::string>().empty() || m[1].get<std::string>().empty())
        return Status::BadRequest(what + ": marks[" + std::to_string(i) +
                                  "]: not an [open, close] pair of strings");
      v.marks.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
    }
  }
  for (const std::string key :
       {"speech_verbs", "framing_verbs", "unnamed_speakers", "titles", "institutions", "pronouns",
        "conjunctions", "name_markers", "subject_ends", "person_titles", "former", "aides"}) {
    if (!doc.contains(key)) continue;
    if (!doc[key].is_object())
      return Status::BadRequest(what + ": \"" + key + "\" is not an object of languages");
    for (const auto& [language, words] : doc[key].items()) {
      if (!words.is_array())
        return Status::BadRequest(what + ": " + key + "." + language + " is not an array");
      for (size_t i = 0; i < words.size(); ++i) {
        if (!words[i].is_string())
          return Status::BadRequest(what + ": " + key + "." + language + "[" + std::to_string(i) +
                                    "]: not a string");
        std::set<std::string>& into = key == "speech_verbs"    ? v.speech_verbs
                                      : key == "framing_verbs" ? v.framing_verbs
                                      : key == "titles"        ? v.titles
                                      : key == "institutions"  ? v.institutions
                                      : key == "pronouns"      ? v.pronouns
                                      : key == "conjunctions"  ? v.conjunctions
                                      : key == "name_markers"  ? v.name_markers
                                      : key == "subject_ends"  ? v.subject_ends
                                      : key == "person_titles" ? v.person_titles
                                      : key == "former"        ? v.former
                                      : key == "aides"         ? v.aides
                                                               : v.unnamed_speakers;
        into.insert(FoldForMatch(words[i].get<std::string>()));
      }
    }
  }
  if (doc.contains("offices")) {
    const nlohmann::json& offices = doc["offices"];
    if (!offices.is_object())
      return Status::BadRequest(what + ": \"offices\" is not an object of languages");
    // English's first, in its own order: a subject naming two offices ("the
    // president and prime minister") is read by the first that has a holder.
    std::vector<std::string> languages;
    if (offices.contains("en")) languages.emplace_back("en");
    for (const auto& [language, pairs] : offices.items())
      if (language != "en") languages.push_back(language);
    for (const std::string& language : languages) {
      const nlohmann::json& pairs = offices[language];
      if (!pairs.is_array())
        return Status::BadRequest(what + ": offices." + language + " is not an array");
      for (size_t i = 0; i < pairs.size(); ++i) {
        const nlohmann::json& o = pairs[i];
        if (!o.is_array() || o.size() != 2 || !o[0].is_string() || !o[1].is_string() ||
            o[1].get<std::string>().empty())
          return Status::BadRequest(what + ": offices." + language + "[" + std::to_string(i) +
                                    "]: not a [word, role] pair of strings");
        std::string word = FoldForMatch(o[0].get<std::string>());
        if (std::none_of(v.offices.begin(), v.offices.end(),
                         [&](const auto& known) { return known.first == word; }))
          v.offices.emplace_back(std::move(word), o[1].get<std::string>());
      }
    }
  }
  if (doc.contains("min_cjk_chars")) {
    const nlohmann::json& m = doc["min_cjk_chars"];
    if (!m.is_number_unsigned() || m.get<size_t>() > 100)
      return Status::BadRequest(what + ": \"min_cjk_chars\" is not a count from 0 to 100");
    v.min_cjk_chars = m.get<size_t>();
  }
  for (const std::string key : {"particles", "quotatives"}) {
    if (!doc.contains(key)) continue;
    const nlohmann::json& p = doc[key];
    if (!p.is_array()) return Status::BadRequest(what + ": \"" + key + "\" is not an array");
    for (size_t i = 0; i < p.size(); ++i) {
      if (!p[i].is_string())
        return Status::BadRequest(what + ": " + key + "[" + std::to_string(i) + "]: not a string");
      (key == "particles" ? v.particles : v.quotatives)
          .insert(FoldForMatch(p[i].get<std::string>()));
    }
  }
  return v;
}

Result<QuoteVocabulary> QuoteVocabulary::LoadFile(const std::string& path) {
  auto text = ReadWholeFile(path, "the quote vocabulary");
  if (!text.ok()) return text.status();
  return Parse(text.value(), path);
}

const QuoteVocabulary& QuoteVocabulary::Default() {
  static const QuoteVocabulary vocabulary = [] {
    auto loaded = LoadFile(DefaultSchemaDir() + "/quotes.json");
    if (loaded.ok()) return std::move(loaded).value();
    std::cerr << "warning: " << loaded.status().message << "; no quotes are attributed\n";
    return QuoteVocabulary();
  }();
  return vocabulary;
}

QuoteAttributor::QuoteAttributor(const Gazetteer& gazetteer, const QuoteVocabulary& vocabulary)
    : gazetteer_(gazetteer), vocabulary_(vocabulary) {}

const GazetteerEntry* QuoteAttributor::Holder(std::string_view country, std::string_view role,
                                              const Date& date) const {
  for (const GazetteerEntry& e : gazetteer_.entries()) {
    if (e.kind != EntityKind::kLeader || e.country != country) continue;
    if (RoleOn(e, date) == role) return &e;
    // A holder of several offices answers for any of them.
    std::string iso = date.Iso();
    for (const Term& t : e.terms)
      if (t.role == role && t.start <= iso && (t.end.empty() || iso < t.end)) return &e;
  }
  return nullptr;
}

std::vector<Quote> QuoteAttributor::Attribute(
    std::string_view text, const std::vector<Token>& tokens, const std::vector<Mention>& mentions,
    const std::optional<Date>& date, std::string_view home_country,
    const std::vector<std::pair<size_t, size_t>>* sentences) const {
  std::vector<Quote> out;
  std::vector<Span> spans = FindSpans(text, vocabulary_.marks);
  auto speech_verb = [&](const std::string& w) { return vocabulary_.speech_verbs.count(w) > 0; };
  auto framing_verb = [&](const std::string& w) { return vocabulary_.framing_verbs.count(w) > 0; };
  // A word that makes an attribution's subject someone who speaks unnamed:
  // an institution ("the foreign ministry said") or a person the article
  // does not name ("a senior official told reporters"): speaker "".
  auto unnamed_word = [&](const std::string& w) {
    return vocabulary_.unnamed_speakers.count(w) > 0 || vocabulary_.aides.count(w) > 0;
  };
  // Tokens by byte: first token at or after a byte offset.
  auto token_at = [&](size_t byte) {
    return static_cast<size_t>(
        std::lower_bound(tokens.begin(), tokens.end(), byte,
                         [](const Token& t, size_t b) { return t.begin < b; }) -
        tokens.begin());
  };
  auto gap = [&](size_t i) {  // text between token i and i + 1
    return text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end);
  };
  // Where the subject after an inverted verb ends: at a comma before a
  // word in lower case, a clause of its own ("dijo el canadiense, que
  // viajará después a Monterrey"); a name in apposition after a comma is
  // written with a capital ("said Russia's foreign minister, Sergei Lavrov").
  // A preposition of subject_ends ends it too ("sagte Van der Bellen vor
  // Anhängern in der Wiener Innenstadt").
  auto SubjectEnd = [&](size_t from, size_t end) {
    for (size_t k = from; k + 1 < end; ++k) {
      if (gap(k).find(',') != std::string_view::npos && !tokens[k + 1].capitalised) return k + 1;
      if (k > from && vocabulary_.subject_ends.count(tokens[k].folded)) return k;
    }
    return end;
  };
  // Whether a sentence ends after token i: a full stop after an initial or
  // a title ("U.S. President-elect Donald Trump") ends none, as the event
  // recogniser's sentences have it.
  std::vector<bool> sentence_end(tokens.size(), false);
  std::vector<std::pair<size_t, size_t>> own;
  for (auto [first, end] : sentences ? *sentences : (own = SentenceRanges(text, tokens)))
    if (end > first) sentence_end[end - 1] = true;
  auto stop_after = [&](size_t i) {
    std::string_view g = gap(i);
    return Stop(g) && (sentence_end[i] || g.find('.') == std::string_view::npos);
  };
  auto inside_quote = [&](size_t byte) {
    for (const Span& s : spans)
      if (byte > s.open && byte < s.close_end) return true;
    return false;
  };
  const GazetteerEntry* last_speaker = nullptr;
  std::string last_name;
  // Whether the last quote has a speaker, named or not: an unnamed one
  // ("a senior official told reporters") goes on like a named one.
  bool have_last = false;
  size_t last_end = 0;

  // The speaker of tokens [a, b): see the header for the order of rules.
  struct Who {
    const GazetteerEntry* entry = nullptr;
    std::string name, role;
    bool found = false;
  };
  // Whether token `i` may be a word of a name as written: capitalised (not
  // all capitals), in a cased script, no elided article (l'ONU), and no
  // title, institution or word of an unnamed speaker.
  auto written_name_word = [&](size_t i) {
    const Token& t = tokens[i];
    return t.capitalised && !t.all_caps && Cased(t.text) && !ApostropheIn(t.text) &&
           !vocabulary_.titles.count(t.folded) && !vocabulary_.institutions.count(t.folded) &&
           !unnamed_word(t.folded);
  };
  // Whether token `i` is part of an entity the recogniser named.
  auto in_mention = [&](size_t i) {
    return std::any_of(mentions.begin(), mentions.end(),
                       [&](const Mention& m) { return m.first_token <= i && i < m.end_token; });
  };
  // Whether a leader named by office stands for someone else: an aide's
  // title beside it («помощник российского президента», "Sprecher des
  // Kanzlers", 总统发言人), or a name written right after it that is not
  // the holder's ("Polens Präsident Karol Nawrocki" when the gazetteer's
  // holder is another): the office only qualifies that person. `name`, when
  // given, receives the first token of such a name (tokens.size() if none).
  auto qualifies_other = [&](const Mention& m, size_t* name = nullptr) {
    if (name) *name = tokens.size();
    if (!m.from_role) return false;
    for (size_t k = m.first_token >= 3 ? m.first_token - 3 : 0; k < m.first_token; ++k)
      if (vocabulary_.aides.count(tokens[k].folded)) return true;
    size_t next = m.end_token;
    if (next >= tokens.size() || Stop(gap(next - 1))) return false;
    if (vocabulary_.aides.count(tokens[next].folded)) return true;
    if (!written_name_word(next)) return false;
    for (const Mention& o : mentions)
      if (o.first_token == next && (o.entry == m.entry || o.entry->kind != EntityKind::kLeader))
        return false;
    if (name) *name = next;
    return true;
  };
  // The first leader named in tokens [a, b), but for one named by an
  // office that qualifies someone else (qualifies_other).
  auto leader_in = [&](size_t a, size_t b) -> Who {
    Who w;
    for (const Mention& m : mentions) {
      if (m.entry->kind == EntityKind::kLeader && m.first_token >= a && m.first_token < b &&
          !qualifies_other(m)) {
        w.entry = m.entry;
        w.found = true;
        return w;
      }
    }
    return w;
  };
  // The first leader named in the latest sentence, from byte `from` to the
  // quote, that names one: who a pronoun or a title refers back to.
  // A leader named by an office that qualifies a name written after it
  // ("Le Premier ministre belge Bart De Wever") stands for that name.
  auto latest_named = [&](size_t from, size_t quote_begin) -> Who {
    Who named;
    size_t named_sentence = 0;
    for (const Mention& m : mentions) {
      if (m.entry->kind != EntityKind::kLeader) continue;
      size_t at = tokens[m.first_token].begin;
      if (at < from || at >= quote_begin) continue;
      size_t k = m.first_token;
      while (k > 0 && !stop_after(k - 1) && tokens[k - 1].begin >= from) --k;
      if (named.found && k <= named_sentence) continue;
      size_t name = tokens.size();
      if (qualifies_other(m, &name)) {
        if (name == tokens.size()) continue;  // an aide left unnamed
        size_t last = name;
        while (last + 1 < tokens.size() && tokens[last + 1].capitalised &&
               !tokens[last + 1].all_caps && !stop_after(last) && gap(last) == " " &&
               !vocabulary_.institutions.count(tokens[last + 1].folded))
          ++last;
        named = Who{};
        named.name =
            std::string(text.substr(tokens[name].begin, tokens[last].end - tokens[name].begin));
      } else {
        named = Who{};
        named.entry = m.entry;
      }
      named.found = true;
      named_sentence = k;
    }
    return named;
  };
  // A word naming a person by title alone ("Politiker", and a German
  // compound by its last part: "SPD-Politiker", "Grünen-Politikerin").
  auto person_title = [&](const std::string& folded) {
    size_t dash = folded.rfind('-');
    return vocabulary_.person_titles.count(folded) > 0 ||
           (dash != std::string::npos && vocabulary_.person_titles.count(folded.substr(dash + 1)));
  };
  // A person the gazetteer lacks, named with a title before the quote
  // ("a annoncé le président François Hollande"; "Bundeskanzler Christian
  // Stocker … Stocker kündigte"): the name in the latest sentence, of three,
  // that writes one after a title or repeats the last word of one; the
  // first such in that sentence. "" when none. Who a title with no name
  // refers back to when no leader is named.
  auto titled_name_before = [&](size_t quote_begin) -> std::string {
    size_t end = token_at(quote_begin);
    auto plain_capital = [&](size_t i) {
      return written_name_word(i) && !person_title(tokens[i].folded) && !in_mention(i);
    };
    struct Titled {
      size_t first, last;
    };
    std::vector<Titled> titled;
    for (size_t i = 0; i + 1 < end; ++i) {
      const std::string& f = tokens[i].folded;
      bool title = vocabulary_.titles.count(f) || person_title(f);
      if (!title || stop_after(i) || !plain_capital(i + 1)) continue;
      size_t last = i + 1;
      while (last + 1 < end && plain_capital(last + 1) && gap(last) == " ") ++last;
      titled.push_back({i + 1, last});
    }
    if (titled.empty()) return "";
    size_t read = 0;  // sentences read back
    for (size_t k = end; k > 0 && read < 3; ++read) {
      size_t first = k - 1;
      while (first > 0 && !stop_after(first - 1)) --first;
      for (size_t i = first; i < k; ++i) {
        for (const Titled& t : titled) {
          bool named_here = t.first == i;
          bool repeated =
              t.last < i && plain_capital(i) && tokens[i].folded == tokens[t.last].folded;
          if (named_here || repeated)
            return std::string(
                text.substr(tokens[t.first].begin, tokens[t.last].end - tokens[t.first].begin));
        }
      }
      k = first;
    }
    return "";
  };
  auto resolve = [&](size_t a, size_t b, size_t quote_begin) -> Who {
    if (a >= b) return Who{};
    if (Who leader = leader_in(a, b); leader.found) return leader;
    Who w;
    // 高市氏は after 高市早苗: CJK letters, two or more, that open a leader's
    // longer name written before (family names come first) are that leader.
    // ICU may cut them one by one (高 + 市), so runs of adjacent words count.
    for (size_t i = a; i < b; ++i) {
      size_t letters = 0;
      for (size_t j = i; j < b && (j == i || tokens[j].begin == tokens[j - 1].end); ++j) {
        size_t more = CjkLetters(tokens[j].text);
        if (!more) break;
        letters += more;
        // 習氏, 李大統領: one letter before a title or an honorific is a
        // family name as well.
        bool titled = j + 1 < b && tokens[j + 1].begin == tokens[j].end &&
                      vocabulary_.titles.count(tokens[j + 1].folded) > 0;
        if (letters < 2 && !(letters == 1 && titled)) continue;
        std::string_view run = text.substr(tokens[i].begin, tokens[j].end - tokens[i].begin);
        for (const Mention& m : mentions) {
          if (m.entry->kind != EntityKind::kLeader || m.first_token >= i ||
              tokens[m.first_token].begin >= quote_begin)
            continue;
          std::string_view name =
              text.substr(tokens[m.first_token].begin,
                          tokens[m.end_token - 1].end - tokens[m.first_token].begin);
          if (name.size() > run.size() && name.compare(0, run.size(), run) == 0) {
            w.entry = m.entry;
            w.found = true;
            return w;
          }
        }
      }
    }
    // «وقال عبد العاطي» after «بدر عبد العاطي»: in a script without
    // capitals, the words that end a leader's longer name written before
    // (the surname) are that leader.
    for (const Mention& m : mentions) {
      if (m.entry->kind != EntityKind::kLeader || m.end_token - m.first_token < 2 ||
          tokens[m.first_token].begin >= quote_begin || m.first_token >= a)
        continue;
      for (size_t len = m.end_token - m.first_token - 1; len > 0 && !w.found; --len) {
        size_t from = m.end_token - len;
        if (Cased(tokens[from].text) || CjkLetters(tokens[from].text) ||
            vocabulary_.titles.count(tokens[from].folded) || person_title(tokens[from].folded))
          continue;
        for (size_t i = a; i + len <= b && !w.found; ++i) {
          bool same = true;
          for (size_t k = 0; k < len && same; ++k)
            same = tokens[i + k].folded == tokens[from + k].folded;
          if (same) {
            w.entry = m.entry;
            w.found = true;
          }
        }
      }
      if (w.found) return w;
    }
    // 木原稔官房長官は: Han letters (two to four) written right before a
    // title are a name as written, when no leader's name opens with them
    // (ICU may cut 木原稔官房長官 anywhere, so the text is read, not words).
    if (std::string name = HanNameBefore(
            text.substr(tokens[a].begin, tokens[b - 1].end - tokens[a].begin), vocabulary_.titles);
        !name.empty()) {
      w.name = std::move(name);
      w.found = true;
      return w;
    }
    // マルコス氏は: a word in katakana right before a title is a foreign
    // name as written, when no leader's name opens with it (read above).
    for (size_t i = a; i + 1 < b; ++i) {
      auto letters = LetterScripts(tokens[i].text);
      bool katakana = letters.size() > 1 &&
                      std::all_of(letters.begin(), letters.end(),
                                  [](const auto& l) { return l.second == USCRIPT_KATAKANA; });
      if (katakana && tokens[i + 1].begin == tokens[i].end &&
          vocabulary_.titles.count(tokens[i + 1].folded)) {
        w.name = tokens[i].text;
        w.found = true;
        return w;
      }
    }
    std::set<std::string> words;
    for (size_t i = a; i < b; ++i) words.insert(tokens[i].folded);
    // "le ministre français", "el canadiense", "белорусский лидер": a
    // country's adjective written in lower case (the languages that write
    // it so) names whose person the subject is.
    std::string adjective_country;
    for (const Mention& m : mentions)
      if (m.entry->kind == EntityKind::kCountry && m.first_token >= a && m.first_token < b &&
          !tokens[m.first_token].capitalised && !ApostropheIn(tokens[m.first_token].text))
        adjective_country = m.entry->id;
    auto has = [&](const char* x) { return words.count(x) > 0; };
    // "he said", "a-t-il écrit", "по его словам": a pronoun, alone or among
    // particles, is the person named before.
    bool pronoun = false, pronouns_only = true;
    for (size_t i = a; i < b; ++i) {
      if (vocabulary_.pronouns.count(tokens[i].folded))
        pronoun = true;
      else if (!vocabulary_.particles.count(tokens[i].folded))
        pronouns_only = false;
    }
    // "El rey" (él folds to el): an office word of the data makes the
    // subject that office's, read below, not a pronoun's.
    bool office_word = std::any_of(vocabulary_.offices.begin(), vocabulary_.offices.end(),
                                   [&](const auto& o) { return words.count(o.first) > 0; });
    if (pronoun && (pronouns_only || (b - a <= 2 && !office_word))) {
      // The first leader named in the latest sentence that names one since
      // the last quote ("Putin said he understood. \"…,\" he said"), else
      // the last speaker.
      if (Who named = latest_named(last_end, quote_begin); named.found) return named;
      w.entry = last_speaker;
      w.name = last_name;
      w.found = last_speaker || !last_name.empty();
      if (!w.found) {
        // The last leader named before the quote.
        for (const Mention& m : mentions)
          if (m.entry->kind == EntityKind::kLeader && tokens[m.first_token].begin < quote_begin)
            w.entry = m.entry;
        w.found = w.entry != nullptr;
      }
      return w;
    }
    bool spokes = has("spokesman") || has("spokeswoman") || has("spokesperson") ||
                  (has("press") && has("secretary"));
    // "Pentagon spokesman Pat Ryder": a name after the title is the speaker,
    // as written below, not the holder of an office the phrase may not mean.
    bool named_after_title = false;
    for (size_t i = a; i + 1 < b; ++i) {
      const std::string& f = tokens[i].folded;
      if ((f == "spokesman" || f == "spokeswoman" || f == "spokesperson" || f == "secretary") &&
          tokens[i + 1].capitalised && !tokens[i + 1].all_caps && !ApostropheIn(tokens[i + 1].text))
        named_after_title = true;
    }
    if (spokes && date && !named_after_title) {
      bool foreign = has("foreign") || has("ministry") || has("mfa") || has("department");
      std::string country;
      for (const Mention& m : mentions)
        if (m.entry->kind == EntityKind::kCountry && m.first_token >= a && m.first_token < b)
          country = m.entry->id;
      if (country.empty()) {
        if (has("kremlin"))
          country = "RU";
        else if (has("white") && has("house"))
          country = "US";
        else if (has("state") && has("department"))
          country = "US";
        else if (has("downing"))
          country = "GB";
        else if (has("elysee"))
          country = "FR";
        else
          country = std::string(home_country);
      }
      std::string_view role = foreign ? kForeignMinistrySpokesperson : kGovernmentSpokesperson;
      if (const GazetteerEntry* e = Holder(country, role, *date)) {
        w.entry = e;
        w.found = true;
        return w;
      }
      w.role = std::string(role);
    }
    // "the minister", "the president": the last holder of such an office
    // named before the quote.
    // "der frühere Präsident": a past office is not its holder's on the date.
    bool former = std::any_of(words.begin(), words.end(), [&](const std::string& x) {
      return vocabulary_.former.count(x) > 0;
    });
    // "portavoz del presidente": an aide's office word is not its holder.
    bool aide = std::any_of(words.begin(), words.end(),
                            [&](const std::string& x) { return vocabulary_.aides.count(x) > 0; });
    // "Polens Präsident Karol Nawrocki": an office word that introduces a
    // name as written is that person's title, not a pointer to its holder.
    bool titles_a_name = false;
    for (size_t i = a; i + 1 < b && !titles_a_name; ++i)
      titles_a_name = vocabulary_.titles.count(tokens[i].folded) && written_name_word(i + 1) &&
                      gap(i) == " " && !in_mention(i + 1);
    if (date && !spokes && !former && !aide && !titles_a_name) {
      for (const auto& [office, want] : vocabulary_.offices) {
        if (!words.count(office)) continue;
        const GazetteerEntry* found = nullptr;
        for (const Mention& m : mentions) {
          if (m.entry->kind != EntityKind::kLeader || tokens[m.first_token].begin >= quote_begin ||
              qualifies_other(m))
            continue;
          if (!adjective_country.empty() && m.entry->country != adjective_country) continue;
          std::string role = RoleOn(*m.entry, *date);
          // The first named: a story's "the minister" is its subject.
          if (role.find(want) != std::string::npos && !found) found = m.entry;
        }
        if (found) {
          w.entry = found;
          w.found = true;
          return w;
        }
      }
    }
    // A name as written: the last run of capitalised words, less the titles
    // before it ("Foreign Minister Ayman Safadi" -> "Ayman Safadi") and
    // unless it names an institution ("White House", "Kremlin").
    const std::set<std::string>& titles = vocabulary_.titles;
    const std::set<std::string>& institutions = vocabulary_.institutions;
    auto possessive = [&](size_t i) { return ApostropheIn(tokens[i].text); };
    // A CJK word has no capitals: a run of them is a clause, not a name
    // (高市氏は); names in those scripts are found by the recogniser. A
    // particle opening a sentence is none either («По словам …»).
    auto name_word = [&](size_t i) {
      return tokens[i].capitalised && !tokens[i].all_caps && !possessive(i) &&
             !CjkLetters(tokens[i].text) && !vocabulary_.particles.count(tokens[i].folded);
    };
    for (size_t j = b; j > a;) {
      if (!name_word(j - 1)) {
        --j;
        continue;
      }
      size_t run_end = j;
      --j;
      while (j > a && name_word(j - 1) && !stop_after(j - 1) &&
             gap(j - 1).find(',') == std::string_view::npos)
        --j;
      size_t run_begin = j;
      // Titles and a country or body named before them go: "Ukrainian
      // Foreign Minister Dmytro Kuleba" -> "Dmytro Kuleba".
      // A leader named by an office that qualifies someone else
      // ("Sprecher des russischen Präsidenten") is part of the title too.
      auto named_body = [&](size_t i) {
        for (const Mention& m : mentions)
          if ((m.entry->kind != EntityKind::kLeader || qualifies_other(m)) && m.first_token <= i &&
              i < m.end_token)
            return true;
        return false;
      };
      while (run_begin < run_end &&
             (titles.count(tokens[run_begin].folded) || person_title(tokens[run_begin].folded) ||
              named_body(run_begin)))
        ++run_begin;
      bool institution = false;
      // A word of a person left unnamed ("ein europäischer Diplomat": German
      // writes every noun with a capital) names no one either.
      for (size_t i = run_begin; i < run_end; ++i)
        if (institutions.count(tokens[i].folded) || unnamed_word(tokens[i].folded))
          institution = true;
      // Capitals that qualify a person the article does not name ("one Gulf
      // banker", "a Pentagon official") are no name.
      if (run_end < b && !tokens[run_end].capitalised && unnamed_word(tokens[run_end].folded))
        institution = true;
      // A run ending on a title is a description ("Grünen-Politikerin").
      if (person_title(tokens[run_end - 1].folded)) institution = true;
      // A country's name or adjective ("Kenyan", "Central Asian" officials)
      // or an organisation is not a person's name.
      for (const Mention& m : mentions) {
        if (m.entry->kind != EntityKind::kLeader && m.first_token < run_end &&
            m.end_token > run_begin)
          institution = true;
      }
      if (run_begin + 1 == run_end && !institution) {
        // A bare surname is the person last named in full with it ("António
        // Guterres ... Guterres said"); the entity recogniser leaves such a
        // surname to that person, not to a leader of the same name.
        for (size_t k = run_begin; k-- > 1;) {
          if (tokens[k].folded != tokens[run_begin].folded) continue;
          // Up to two given names before it; one capitalised word opening a
          // sentence may be no name at all ("But Boren urged").
          size_t full = k;
          while (full > 0 && k - full < 2 && name_word(full - 1) &&
                 !titles.count(tokens[full - 1].folded) && !named_body(full - 1) &&
                 !stop_after(full - 1) && gap(full - 1).find(',') == std::string_view::npos)
            --full;
          bool opens_sentence = full == 0 || stop_after(full - 1);
          if (full == k || (opens_sentence && k - full == 1)) {
            // Or the first word of a full name ("Prime Minister Anwar Ibrahim
            // ... Anwar told"): in names that put the personal name first,
            // the word a story repeats is that one.
            size_t last = k;
            while (last + 1 < tokens.size() && last - k < 2 && name_word(last + 1) &&
                   !titles.count(tokens[last + 1].folded) &&
                   !institutions.count(tokens[last + 1].folded) && !named_body(last + 1) &&
                   !stop_after(last) && gap(last) == " ")
              ++last;
            if (last == k || full != k) continue;
            w.name = std::string(text.substr(tokens[k].begin, tokens[last].end - tokens[k].begin));
            w.found = true;
            return w;
          }
          w.name = std::string(text.substr(tokens[full].begin, tokens[k].end - tokens[full].begin));
          w.found = true;
          return w;
        }
      }
      if (run_begin < run_end && !institution) {
        w.name = std::string(text.substr(tokens[run_begin].begin,
                                         tokens[run_end - 1].end - tokens[run_begin].begin));
        w.found = true;
        return w;
      }
    }
    // "dijo el canadiense", "добавил белорусский лидер": no name, a country's
    // adjective: the first leader of that country named before the quote.
    if (!adjective_country.empty()) {
      for (const Mention& m : mentions) {
        if (m.entry->kind == EntityKind::kLeader && m.entry->country == adjective_country &&
            tokens[m.first_token].begin < quote_begin) {
          w.entry = m.entry;
          w.found = true;
          return w;
        }
      }
    }
    // "betonte der SPD-Politiker", "a déclaré le chef de l'État": a title
    // with no name refers back to the person the latest sentence names.
    // A country's adjective bounds it (la ministre sénégalaise), read above.
    if (adjective_country.empty() && std::any_of(words.begin(), words.end(), person_title)) {
      if (Who named = latest_named(0, quote_begin); named.found) {
        w = named;
      } else if (std::string titled = titled_name_before(quote_begin); !titled.empty()) {
        w.name = std::move(titled);
        w.found = true;
      } else if (!last_name.empty() && !last_speaker) {
        // «…», — заявил … Василий Небензя. По словам дипломата, …: the
        // last speaker, named as written.
        w.name = last_name;
        w.found = true;
      }
    }
    return w;
  };

  // "Frederiksen rejected Trump's suggestion ..., saying \"…\"": a
  // participle without a subject of its own speaks for its sentence's
  // subject, the first person named after any dateline, not the last one
  // named before it; a name in the possessive is nobody's subject.
  auto clause_subject = [&](size_t start, size_t v, size_t quote_begin) -> Who {
    size_t from = start;
    for (size_t k = start; k + 1 < v; ++k) {
      std::string_view g = gap(k);
      if (g.find(" - ") != std::string_view::npos ||
          g.find("\xE2\x80\x94") != std::string_view::npos)
        from = k + 1;
    }
    for (size_t k = from + 1; k <= v; ++k) {
      bool run_end =
          tokens[k - 1].capitalised && !tokens[k - 1].all_caps &&
          (k == v || !tokens[k].capitalised || gap(k - 1).find(',') != std::string_view::npos);
      if (!run_end || ApostropheIn(tokens[k - 1].text)) continue;
      if (k < v && ApostropheIn(tokens[k].text)) continue;
      // One capitalised word opening the sentence ("In", "After") names
      // someone only as a leader or as a surname the article named before.
      if (k - 1 == from && !leader_in(from, k).found &&
          std::none_of(tokens.begin(), tokens.begin() + static_cast<long>(from),
                       [&](const Token& t) { return t.folded == tokens[from].folded; }))
        continue;
      if (Who w = resolve(from, k, quote_begin); w.found) return w;
    }
    return Who{};
  };

  // Whether the quote mark at byte `open` opens its sentence: no word of
  // the sentence before it.
  auto opens_sentence = [&](size_t open) {
    size_t k = token_at(open);
    return k == 0 || stop_after(k - 1) || inside_quote(tokens[k - 1].begin);
  };

  for (const Span& s : spans) {
    std::string body;
    for (auto [b, e] : s.parts) {
      if (!body.empty()) body += ' ';
      body += Trim(text.substr(b, e - b));
    }
    // Drop a trailing comma and stray spaces; words only count.
    body = Trim(body);
    if (body.empty() || ShortCjk(body, vocabulary_.min_cjk_chars)) continue;
    // «el llamado «Cartel de los Soles»»: a word that names what follows
    // makes the quote a name, not words said.
    if (size_t open_tok = token_at(s.open);
        open_tok > 0 && vocabulary_.name_markers.count(tokens[open_tok - 1].folded))
      continue;
    // A "quote" of at most four words that ends on a speech verb ("Nair
    // said.", "he added.") is the attribution between two quotes: a mark
    // earlier in the text was left unpaired and the pairs slid by one.
    if (size_t first = token_at(s.open), last = token_at(s.close_end);
        last > first && last - first <= 4 && speech_verb(tokens[last - 1].folded))
      continue;
    size_t after = token_at(s.close_end);
    Who who;
    // An attribution whose subject names no one: an institution ("the
    // foreign ministry said") speaks unnamed; anyone else unresolved is not
    // the previous speaker either.
    bool unresolved = false, institution = false;
    auto failed = [&](size_t a, size_t b) {
      if (a >= b) return;
      unresolved = true;
      for (size_t i = a; i < b; ++i)
        if (unnamed_word(tokens[i].folded)) institution = true;
      // "China said it had lodged \"stern representations\"": a country
      // speaks through its government, unnamed.
      for (const Mention& m : mentions)
        if (m.entry->kind == EntityKind::kCountry && m.first_token >= a && m.first_token < b)
          institution = true;
    };
    // After the quote, in its sentence: up to a stop, a quote mark or 12 words.
    if (after < tokens.size() &&
        !Stop(text.substr(s.close_end, tokens[after].begin - s.close_end))) {
      size_t end = after;
      while (end < tokens.size() && end - after < 12 && !inside_quote(tokens[end].begin)) {
        ++end;
        if (end < tokens.size() &&
            (stop_after(end - 1) || QuoteMarkIn(gap(end - 1), vocabulary_.marks)))
          break;
      }
      for (size_t v = after; v < end; ++v) {
        if (!speech_verb(tokens[v].folded)) continue;
        // « … », a déclaré Macron; 「…」と述べた: only particles before the verb.
        // 「…」と記者団に語った: a quotative particle after the quote leaves
        // its subject before it, whatever stands between it and the verb.
        bool particles =
            v > after &&
            (std::all_of(
                 tokens.begin() + static_cast<long>(after), tokens.begin() + static_cast<long>(v),
                 [&](const Token& t) { return vocabulary_.particles.count(t.folded) > 0; }) ||
             vocabulary_.quotatives.count(tokens[after].folded));
        if (particles) {
          // A leader after the verb, else (after an inverted verb, not a
          // quotative particle) a name or an institution there ("…, a déclaré
          // la présidente de la Commission, Ursula von der Leyen"; « … », a
          // indiqué l'Élysée), else the subject before the quote
          // (バイデン大統領は、…「…」と述べた), else a name after the verb.
          bool quotative = vocabulary_.quotatives.count(tokens[after].folded) > 0;
          size_t subject_end = SubjectEnd(v + 1, end);
          who = leader_in(v + 1, subject_end);
          if (!who.found && !quotative) who = resolve(v + 1, subject_end, s.open);
          if (!who.found && !quotative &&
              std::any_of(tokens.begin() + static_cast<long>(v + 1),
                          tokens.begin() + static_cast<long>(subject_end),
                          [&](const Token& t) { return unnamed_word(t.folded); })) {
            failed(v + 1, subject_end);
            break;
          }
          size_t open_tok = token_at(s.open);
          size_t start = open_tok;
          while (start > 0 && !stop_after(start - 1) && !inside_quote(tokens[start - 1].begin) &&
                 open_tok - start < 30)
            --start;
          if (!who.found) who = resolve(start, open_tok, s.open);
          if (!who.found) who = resolve(v + 1, subject_end, s.open);
          // 「…」と述べ、「…」と付け加えた: a quote whose sentence opens
          // with the previous quote and names no one goes on with its speaker.
          if (!who.found && start > 0 && inside_quote(tokens[start - 1].begin) && have_last &&
              !out.empty() && std::none_of(mentions.begin(), mentions.end(), [&](const Mention& m) {
                return m.first_token >= start && m.first_token < open_tok;
              })) {
            who.entry = last_speaker;
            who.name = last_name;
            who.found = true;
          }
          // 両外相は、…「…」ことを確認し: a subject before the quote that
          // names no one speaks unnamed, as one after the verb does.
          if (!who.found) failed(v + 1, subject_end);
          if (!who.found) failed(start, open_tok);
        } else if (v > after && gap(v - 1).find(',') != std::string_view::npos && v + 1 < end) {
          // Die Republik werde "…" bleiben, sagte der ÖVP-Chef: the quote's
          // clause ends at the comma; the verb after it is inverted.
          size_t subject_end = SubjectEnd(v + 1, end);
          who = resolve(v + 1, subject_end, s.open);
          if (!who.found) failed(v + 1, subject_end);
        } else if (v > after) {
          who = resolve(after, v, s.open);
          if (!who.found) failed(after, v);
        } else {
          // "said Peskov", "said Russia's foreign minister, Sergei Lavrov";
          // a conjunction after the verb gives it no subject of its own
          // („…“, warnte aber vor …): the attribution is before the quote.
          size_t e = v + 1;
          if (e < end && vocabulary_.conjunctions.count(tokens[e].folded)) break;
          if (e < end && tokens[v].folded == "according" && tokens[e].folded == "to") ++e;
          size_t subject_end = SubjectEnd(e, end);
          if (e == subject_end && have_last && !out.empty()) {
            // "«…», añadió.": a verb with no subject at all is the previous
            // speaker's, who says a new quote.
            who.entry = last_speaker;
            who.name = last_name;
            who.found = true;
            break;
          }
          // "explicó Albares tras reunirse con su homólogo Nasser Bourita":
          // a name right after the verb speaks, not a leader named after a
          // word that ends it, when the article named that person in full.
          size_t k = e;
          while (k < subject_end && !tokens[k].capitalised) ++k;
          while (k < subject_end && tokens[k].capitalised) ++k;
          if (k < subject_end && !leader_in(e, k).found && leader_in(k, subject_end).found) {
            Who first = resolve(e, k, s.open);
            if (first.found && (first.entry || first.name.find(' ') != std::string::npos))
              who = first;
          }
          if (!who.found) who = resolve(e, subject_end, s.open);
          if (!who.found) failed(e, subject_end);
        }
        break;
      }
    }
    // Before the quote, in its sentence; a colon carries the sentence over a
    // paragraph break ("Macron said in his speech:\n\"Europe must ...\"").
    if (!who.found && s.open > 0) {
      size_t open_tok = token_at(s.open);
      size_t start = open_tok;
      if (start > 0 && start < tokens.size() && !inside_quote(tokens[start - 1].begin) &&
          gap(start - 1).find(':') != std::string_view::npos)
        --start;
      // A mark after the last word opens no words (open_tok == size): the
      // gap after token start - 1 would read past the end.
      while (start > 0 && start < tokens.size() && !stop_after(start - 1) &&
             !inside_quote(tokens[start - 1].begin) && open_tok - start < 30)
        --start;
      std::string_view lead_in =
          text.substr(open_tok > 0 ? tokens[open_tok - 1].end : 0,
                      s.open - (open_tok > 0 ? tokens[open_tok - 1].end : 0));
      bool colon = lead_in.find(':') != std::string_view::npos;
      for (size_t v = open_tok; v-- > start;) {
        if (speech_verb(tokens[v].folded) || (framing_verb(tokens[v].folded) && !colon)) {
          // The subject: after the last comma before the verb, or a dash or
          // Arabic comma that opens the verb's clause ("3 مايو - وقال").
          size_t a = start;
          for (size_t k = start; k + 1 <= v && k + 1 < tokens.size(); ++k) {
            std::string_view g = gap(k);
            if (g.find(',') != std::string_view::npos && k + 1 < v) a = k + 1;
            if (g.find(" - ") != std::string_view::npos ||
                g.find("\xE2\x80\x94") != std::string_view::npos ||  // em dash
                g.find("\xD8\x8C") != std::string_view::npos)        // Arabic comma
              a = k + 1;
          }
          // The subject before the verb, else a leader between the verb and
          // the quote (وقال إبراهيم رئيسي: «…»; "Guterres told Putin" is
          // Guterres's), else anyone the sentence names before the verb.
          Who cand;
          if (v > start && gap(v - 1).find(',') != std::string_view::npos &&
              EndsWith(tokens[v].folded, "ing"))
            cand = clause_subject(start, v, s.open);
          // "По словам Пескова, …": with only particles before the verb (or
          // nothing), the speaker follows it.
          bool no_subject = std::all_of(
              tokens.begin() + static_cast<long>(a), tokens.begin() + static_cast<long>(v),
              [&](const Token& t) { return vocabulary_.particles.count(t.folded) > 0; });
          if (!cand.found && no_subject) {
            // "Selon le Quai d'Orsay, …", "Laut dem Delegationsleiter Rustem
            // Umerow verliefen …": the speaker is the phrase after the verb,
            // up to a comma or the end of its first run of capitals.
            size_t upto = v + 1;
            while (upto + 1 < open_tok && gap(upto).find(',') == std::string_view::npos) ++upto;
            upto = std::min(upto + 1, open_tok);
            cand = leader_in(v + 1, upto);
            size_t k = v + 1;
            while (k < upto && !tokens[k].capitalised) ++k;
            while (k < upto && tokens[k].capitalised) ++k;
            if (!cand.found && v + 1 < upto && Cased(tokens[v + 1].text))
              cand = resolve(v + 1, k, s.open);
            // A script without capitals has no run to end the phrase: the
            // whole of it is read (وقال عبد العاطي في مؤتمر صحفي: «…»).
            else if (!cand.found && v + 1 < upto && !CjkLetters(tokens[v + 1].text))
              if (Who surname = resolve(v + 1, upto, s.open); surname.entry) cand = surname;
            if (!cand.found && v + 1 < upto) {
              failed(v + 1, upto);
              if (institution) break;
            }
          }
          // "El rey, que ofreció …, calificó": a subject followed by a
          // clause between commas (a word in lower case after the comma) is
          // the speaker, not capitals inside the clause.
          for (size_t k = start; !cand.found && k + 1 < v; ++k) {
            if (gap(k).find(',') == std::string_view::npos) continue;
            // Only a leader or an office's holder: "Asked about the crash,
            // the Kremlin spokesman said" opens with no subject.
            if (k + 1 <= a && !tokens[k + 1].capitalised && Cased(tokens[k + 1].text))
              if (Who subject = resolve(start, k + 1, s.open); subject.entry) cand = subject;
            break;
          }
          // "Guaidó se había juramentado ante una multitud en … Caracas y
          // había prometido": capitals after a preposition that ends a
          // subject are a place; the subject is before it.
          for (size_t k = a + 1; !cand.found && k < v; ++k)
            if (vocabulary_.subject_ends.count(tokens[k].folded)) {
              cand = resolve(a, k, s.open);
              break;
            }
          // "Le souverain et le président français ont signé une déclaration
          // sur un « … »": several people as one subject speak for the first.
          for (size_t k = a + 1; !cand.found && k + 1 < v; ++k)
            if (vocabulary_.conjunctions.count(tokens[k].folded)) {
              if (Who first = resolve(a, k, s.open); first.entry) cand = first;
              break;
            }
          if (!cand.found) cand = resolve(a, v, s.open);
          // "Meloni, que llegó desde … Río de Janeiro, destacó": capitals in
          // a clause between commas are a place or a body more often than a
          // person; a leader the sentence names before the clause speaks.
          if (cand.found && !cand.entry && a > start)
            if (Who earlier = leader_in(start, a); earlier.found) cand = earlier;
          // A subject that names an institution or an unnamed person ("Russia's
          // foreign ministry on Friday described") speaks unnamed: no name
          // earlier in the sentence, a dateline's month ("MOSCOW, Nov 24"), is
          // its speaker.
          bool unnamed_subject = std::any_of(
              tokens.begin() + static_cast<long>(a), tokens.begin() + static_cast<long>(v),
              [&](const Token& t) { return unnamed_word(t.folded); });
          if (!cand.found && !unnamed_subject) cand = resolve(start, v, s.open);
          if (cand.found) {
            who = cand;
            unresolved = institution = false;
            break;
          }
          // "… and told reporters: \"…\"": no subject of its own, the
          // previous quote's speaker goes on (a new quote, not a part).
          bool subjectless = true;
          for (size_t k = a; k < v; ++k)
            if (!vocabulary_.conjunctions.count(tokens[k].folded)) subjectless = false;
          if (subjectless && !out.empty() && have_last) {
            who.entry = last_speaker;
            who.name = last_name;
            who.found = true;
            unresolved = institution = false;
            break;
          }
          failed(a, v);
        }
      }
    }
    // « Nous ne relâcherons pas la pression, a-t-elle insisté, tant que … »:
    // an attribution set between commas inside the quote, a verb after a
    // pronoun or a name and the particles of its inversion.
    if (!who.found && !institution) {
      size_t first = token_at(s.parts.front().first), last = token_at(s.parts.back().second);
      for (size_t v = first + 1; v < last && !who.found; ++v) {
        if (!speech_verb(tokens[v].folded)) continue;
        size_t c = v;
        while (c > first && (vocabulary_.particles.count(tokens[c - 1].folded) ||
                             vocabulary_.pronouns.count(tokens[c - 1].folded)))
          --c;
        if (c == v || c == first || gap(c - 1).find(',') == std::string_view::npos) continue;
        if (Who w = resolve(c, v, s.open); w.found) {
          who = w;
          unresolved = false;
        }
      }
    }
    // No attribution in its sentence: the previous speaker goes on, within
    // the same or the next paragraph.
    bool inherited = false;
    if (!who.found && institution) {
      who.found = true;  // unnamed: speaker ""
    } else if (!who.found && !unresolved && !out.empty() && have_last) {
      std::string_view between = text.substr(last_end, s.open - std::min(s.open, last_end));
      size_t breaks = std::count(between.begin(), between.end(), '\n');
      size_t paragraphs = 0;
      for (size_t k = 0; k + 1 < between.size(); ++k)
        if (between[k] == '\n') ++paragraphs;
      // A quote whose sentence names another leader outside quote marks is
      // not the previous speaker's going on ("Sybiha dankte Berlin für die
      // „…“"), though no verb of the data attributes it.
      size_t first = token_at(s.open), last = after;
      while (first > 0 && !stop_after(first - 1) && !inside_quote(tokens[first - 1].begin)) --first;
      // A stop inside the quote ends its sentence there.
      bool ended = after >= tokens.size() ||
                   Stop(text.substr(s.close_end, tokens[after].begin - s.close_end)) ||
                   Stop(std::string_view(body).substr(body.size() > 4 ? body.size() - 4 : 0));
      while (!ended && last < tokens.size() && !inside_quote(tokens[last].begin) &&
             (last == after || !stop_after(last - 1)))
        ++last;
      bool other = std::any_of(mentions.begin(), mentions.end(), [&](const Mention& m) {
        bool in_sentence = (m.first_token >= first && m.first_token < token_at(s.open)) ||
                           (m.first_token >= after && m.first_token < last);
        return in_sentence && m.entry->kind == EntityKind::kLeader && m.entry != last_speaker;
      });
      if (!other && paragraphs <= 2 && breaks <= 2 && s.open > last_end) {
        who.entry = last_speaker;
        who.name = last_name;
        who.found = true;
        inherited = true;
      }
    }
    if (!who.found) continue;
    Quote q;
    if (who.entry) {
      q.speaker = who.entry->label;
      q.speaker_id = who.entry->id;
      if (date) q.role = RoleOn(*who.entry, *date);
    } else {
      q.speaker = who.name;
    }
    if (q.role.empty()) q.role = who.role;
    q.text = body;
    q.begin = s.open;
    q.end = s.close_end;
    // "…," Peskov said, "…": one quote when no sentence ends between them and
    // a verb stands between ("reacted \"…\" and called them \"…\"" too), but
    // two when only a conjunction does (fue «buena» y «con mucho respeto»)
    // or when a verb frames the second part after the first's attribution
    // (« … », a répondu le ministre, qui a qualifié la rencontre de « … »).
    bool split_by_verb = false;
    if (!out.empty() && out.back().end <= q.begin) {
      bool speech = false;
      for (size_t k = token_at(out.back().end); k < token_at(q.begin); ++k) {
        bool frames = framing_verb(tokens[k].folded) && !speech_verb(tokens[k].folded);
        if (frames && speech) {
          split_by_verb = false;
          break;
        }
        if (speech_verb(tokens[k].folded)) speech = true;
        if (frames || speech) split_by_verb = true;
      }
    }
    if (!out.empty() && !inherited && split_by_verb && out.back().speaker == q.speaker &&
        out.back().speaker_id == q.speaker_id && out.back().end <= q.begin &&
        !Stop(text.substr(out.back().end, q.begin - out.back().end)) &&
        text.substr(out.back().end, q.begin - out.back().end).find(':') == std::string_view::npos &&
        text.substr(out.back().end, q.begin - out.back().end).size() < 80) {
      out.back().text += " " + q.text;
      out.back().end = q.end;
    } else if (!out.empty() && inherited && out.back().end <= q.begin &&
               Stop(text.substr(out.back().end, q.begin - out.back().end)) &&
               opens_sentence(q.begin)) {
      // A quote going on after its attribution is the same quote; a second
      // one in the same sentence is a quote of its own (по словам Пескова,
      // Москва «…», но «…»), and so is one inside a sentence of its own
      // („…“, sagte Van der Bellen. Er wolle sich für ein „…“ einsetzen).
      out.back().text += " " + q.text;
      out.back().end = q.end;
    } else {
      out.push_back(std::move(q));
    }
    last_speaker = who.entry;
    last_name = who.name;
    have_last = true;
    last_end = s.close_end;
  }
  return out;
}

}  // namespace communique
