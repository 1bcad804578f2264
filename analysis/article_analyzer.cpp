#include "analysis/article_analyzer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>
#include <set>
#include <tuple>

#include "analysis/clean/html_text.h"
#include "analysis/entities/multilingual_dateline.h"
#include "analysis/entities/salience.h"
#include "analysis/language/analyzer.h"
#include "analysis/language/language_detector.h"
#include "analysis/text/text_normalizer.h"
#include "analysis/text/tokenizer.h"
#include "common/hash.h"
#include "common/strings.h"

namespace communique {
namespace {

std::string Fnv1a64Hex(std::string_view s) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(KeyHash(s)));
  return buf;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n') c = ' ';
  }
  std::string out;
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return std::string(TrimSpace(out));
}

std::vector<std::string> Words(const std::vector<Token>& tokens) {
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens)
    words.push_back(t.folded.size() > kMaxWordBytes ? std::string() : t.folded);
  return words;
}

bool IsUpperWord(std::string_view w) {
  bool letter = false;
  for (unsigned char c : w) {
    if (std::islower(c)) return false;
    if (std::isupper(c)) letter = true;
  }
  return letter;
}

// Bytes of `text` up to the end of its first sentence ('.', '!' or '?'
// before a space or line break, not after an initial such as "U.S." or "Mr.").
size_t LeadLength(std::string_view text) {
  for (size_t i = 20; i + 1 < text.size(); ++i) {
    // Chinese and Japanese full stops end a sentence without a space: 。！？
    if (text.compare(i, 3, "\xE3\x80\x82") == 0 || text.compare(i, 3, "\xEF\xBC\x81") == 0 ||
        text.compare(i, 3, "\xEF\xBC\x9F") == 0)
      return i + 3;
    char c = text[i];
    if ((c != '.' && c != '!' && c != '?') || (text[i + 1] != ' ' && text[i + 1] != '\n')) continue;
    if (c == '.' && std::isupper(static_cast<unsigned char>(text[i - 1])) &&
        !std::isalpha(static_cast<unsigned char>(text[i - 2])))
      continue;
    if (c == '.' && (text.substr(i - 2, 2) == "Mr" || text.substr(i - 2, 2) == "Dr")) continue;
    return i + 1;
  }
  return text.size();
}

// "New York, March 20 - ..." or "Winnipeg, Manitoba, Feb 26 - ...": a
// dateline written in title case, accepted only with its date, which is
// what tells it from a sentence that opens with a place.
std::pair<std::string, std::string_view> SplitTitleCaseDateline(std::string_view body) {
  static const std::regex kDateline(
      R"(^\s*([A-Z][A-Za-z.' -]{1,38}?)(?:, [A-Z][A-Za-z. ]{1,20}?)?, )"
      R"((?:[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]ay|[Jj]un|[Jj]ul|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec)[a-z]*\.? )"
      R"(\d{1,2}(?:, \d{4})? [-:\xE2][^ ]* ?)");
  std::string_view head = body.substr(0, std::min<size_t>(body.size(), 120));
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(head.begin(), head.end(), m, kDateline)) return {"", body};
  return {m[1].str(), body.substr(static_cast<size_t>(m.length(0)))};
}

// The publication date a dateline carries in full ("MOSCOW, Sept 14, 2021
// (Communique Wire) -"), for records without a date field. A dateline
// without a year ("HOUSTON, April 8 -") gives none.
std::optional<Date> DatelineDate(std::string_view head) {
  size_t comma = head.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  std::string_view rest = head.substr(comma + 1);
  rest = rest.substr(0, rest.find_first_of("(-:\n"));
  if (std::optional<Date> d = ParseDate(TrimSpace(rest))) return d;
  // "BETHLEHEM, Pa., March 5, 1987": the date follows a region.
  comma = rest.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  return ParseDate(TrimSpace(rest.substr(comma + 1)));
}

}  // namespace

std::string DeriveKey(std::string_view id, std::string_view url, std::string_view body) {
  std::string_view key = TrimSpace(id);
  if (key.empty()) key = TrimSpace(url);
  std::string k = key.empty() ? "h" + Fnv1a64Hex(body) : std::string(key);
  if (k.size() > 200) k = "h" + Fnv1a64Hex(k);
  return k;
}

std::pair<std::string, std::string_view> SplitDateline(std::string_view body) {
  std::string_view s = body;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  // The place: upper-case words ("ISLAMABAD", "NEW DELHI", "RIO DE JANEIRO").
  size_t i = 0;
  auto dash_at = [&](size_t k) {
    return s.compare(k, 3, "\xE2\x80\x93") == 0 || s.compare(k, 3, "\xE2\x80\x94") == 0;
  };
  while (i < s.size() && i < 40 && !dash_at(i) &&
         (std::isupper(static_cast<unsigned char>(s[i])) || s[i] == ' ' || s[i] == '.' ||
          s[i] == '\'' || s[i] == '-' || static_cast<unsigned char>(s[i]) >= 0x80))
    ++i;
  std::string_view place = TrimSpace(s.substr(0, i));
  if (place.size() < 3 || !IsUpperWord(place)) return SplitTitleCaseDateline(body);
  size_t j = i;
  auto skip_spaces = [&] {
    while (j < s.size() && s[j] == ' ') ++j;
  };
  skip_spaces();
  if (j < s.size() && s[j] == ',') {  // ", April 8" or ", Sept 14"
    ++j;
    size_t limit = std::min(s.size(), j + 40);  // ", British Columbia, March 3"
    while (j < limit && s[j] != '-' && s[j] != ':' && s[j] != '(' && s[j] != '\n' &&
           static_cast<unsigned char>(s[j]) != 0xE2)
      ++j;
  }
  skip_spaces();
  if (j < s.size() && s[j] == '(') {  // "(Reuters)"
    size_t close = s.find(')', j);
    if (close == std::string_view::npos || close - j > 40) return {"", body};
    j = close + 1;
    skip_spaces();
  }
  // The separator: ':' '-' or an en/em dash.
  if (j < s.size() && (s[j] == ':' || s[j] == '-')) {
    ++j;
  } else if (dash_at(j)) {
    j += 3;
  } else {
    return {"", body};
  }
  skip_spaces();
  return {std::string(place), s.substr(j)};
}

std::string FirstSentence(std::string_view body, size_t max_chars) {
  std::string_view s = TrimSpace(SplitDateline(body).second);
  size_t end = s.size();
  for (size_t i = 20; i + 1 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && (s[i + 1] == ' ' || s[i + 1] == '\n')) {
      // Not after a single capital ("U.S. officials", "Mr. Khan").
      if (s[i] == '.' && i >= 2 && std::isupper(static_cast<unsigned char>(s[i - 1])) &&
          !std::isalpha(static_cast<unsigned char>(s[i - 2])))
        continue;
      if (s[i] == '.' && i >= 2 && s.substr(i - 2, 2) == "Mr") continue;
      end = i + (s[i] == '.' ? 0 : 1);
      break;
    }
    if (s[i] == '\n') {
      end = i;
      break;
    }
  }
  std::string out(TrimSpace(s.substr(0, end)));
  // Count characters, not bytes, and cut at a space.
  size_t chars = 0, cut = std::string::npos, last_space = std::string::npos;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) {
      cut = i;
      break;
    }
    if (out[i] == ' ') last_space = i;
    ++chars;
  }
  if (cut != std::string::npos) {
    out =
        std::string(TrimSpace(out.substr(0, last_space != std::string::npos ? last_space : cut))) +
        "…";
  }
  return out;
}

ArticleAnalyzer::ArticleAnalyzer(const Gazetteer& gazetteer, bool extract_entities)
    : gazetteer_(gazetteer),
      recognizer_(gazetteer),
      dateline_resolver_(recognizer_),
      dateline_credits_(gazetteer.Rules(), gazetteer.Cities()),
      events_(EventVocabulary::Default()),
      quotes_(gazetteer),
      extract_entities_(extract_entities) {
  for (const LanguageRules& rules : gazetteer.Rules()) {
    DateVocabulary words(rules.dates);
    if (!words.empty()) date_words_.emplace(rules.language, std::move(words));
  }
}

std::string ArticleAnalyzer::DatelineCountry(std::string_view dateline,
                                             const EntitySummary& entities,
                                             const std::optional<Date>& date,
                                             std::string_view language) const {
  return dateline_resolver_.Resolve(dateline, entities, date, language);
}

Result<AnalyzedArticle> ArticleAnalyzer::Analyze(const Article& article) const {
  auto fail = [&](const std::string& reason) -> Result<AnalyzedArticle> {
    return Status::BadRequest(article.origin + ": " + reason);
  };
  AnalyzedArticle out;
  out.body = NormalizeText(StripMarkup(article.body));
  if (TrimSpace(out.body).empty()) return fail("no text left after removing markup");
  out.title = OneLine(NormalizeText(StripMarkup(article.title)));
  out.url = std::string(TrimSpace(article.url));
  out.source = OneLine(NormalizeText(article.source));
  out.language = AsciiLower(TrimSpace(article.language));
  // A language is a BCP 47 tag ("en", "pt-BR"): anything else (an HTML
  // attribute left unclosed, a sentence) is no language, and as a term
  // could pass Xapian's 245-byte limit (found by fuzz.readers).
  if (out.language.size() > 35 ||
      out.language.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    out.language.clear();
  if (!out.language.empty()) out.language_source = LanguageSourceName(LanguageSource::kDeclared);
  if (out.language.empty()) {
    // Undeclared (decided before the dateline, which is read by language): the headline and the
    // start of the body decide (the detector reads at most its first 4 KB).
    LanguageGuess guess = LanguageDetector::Default().Detect(
        out.title + "\n" + out.body.substr(0, std::min<size_t>(out.body.size(), 4096)));
    out.language = guess.language;
    out.language_source = LanguageSourceName(guess.source);
  }
  if (!TrimSpace(article.date).empty()) {
    std::string reason;
    out.date = ParseDate(article.date, &reason);
    if (!out.date) return fail("date: " + reason);
  }
  auto [place, rest] = SplitDateline(out.body);
  // Other languages' wire datelines («Москва, 14 сентября.», "新华社北京3月10日电",
  // «جدة، 19 مايو -»), only for articles declared in another language: in
  // English text "However, 3 people died - ..." is no dateline. The language
  // is the declared one, else the detected one.
  bool foreign_dateline = false;
  if (place.empty() && !out.language.empty() && out.language != "en" &&
      out.language.compare(0, 3, "en-") != 0) {
    std::tie(place, rest) = SplitMultilingualDateline(out.body, dateline_credits_);
    foreign_dateline = !place.empty();
  } else if (!place.empty() && out.language != "en" && out.language.compare(0, 3, "en-") != 0) {
    // «СОЧИ, 24 окт — РИА Новости. …», which the English form reads up to the dash.
    rest = SkipCreditAfterDateline(rest);
  }
  out.dateline =
      !TrimSpace(article.dateline).empty() ? OneLine(NormalizeText(article.dateline)) : place;
  if (!out.date) {
    // No date field: a dateline written with its year gives one.
    size_t head_end = static_cast<size_t>(rest.data() - out.body.data());
    out.date = DatelineDate(
        !TrimSpace(article.dateline).empty()
            ? std::string_view(out.dateline)
            : std::string_view(out.body).substr(0, std::min(head_end, out.body.size())));
  }
  if (out.title.empty()) {
    out.title = FirstSentence(out.body);
    out.title_derived = true;
  }
  out.key = DeriveKey(article.id, out.url, out.body);
  // The date's ISO form, asked per mention below: written once.
  const std::string iso = out.date ? out.date->Iso() : std::string();

  const Analyzer& analyzer = Analyzer::For(out.language);
  std::vector<Token> title_tokens = analyzer.Tokenize(out.title);
  std::vector<Token> body_tokens = analyzer.Tokenize(out.body);
  out.title_words = Words(title_tokens);
  out.body_words = Words(body_tokens);
  for (const std::string& author : article.authors) {
    std::string name = OneLine(NormalizeText(StripMarkup(author)));
    if (name.empty()) continue;
    out.author_words.push_back(Words(analyzer.Tokenize(name)));
    out.authors.push_back(std::move(name));
  }
  for (const Subject& s : article.subjects) {
    Subject clean{AsciiLower(OneLine(NormalizeText(s.code))), OneLine(NormalizeText(s.name))};
    if (clean.code.empty()) continue;
    out.subject_words.push_back(Words(analyzer.Tokenize(clean.name)));
    out.subjects.push_back(std::move(clean));
  }

  if (!extract_entities_) return out;
  // The language's primary subtag ("pt" of "pt-br"), declared or detected.
  const std::string language = out.language.substr(0, out.language.find('-'));
  std::vector<Mention> mentions = recognizer_.Recognise(body_tokens, out.date, language);
  // A foreign dateline's place that its language lists as a city of another
  // country than the one its word names («عمان» is Amman, not Oman): the
  // same word in the headline and text is that city too, not the namesake.
  std::string namesake;                  // the country the place's word names
  std::vector<std::string> place_words;  // its folded words
  if (foreign_dateline) {
    std::vector<std::string> written = gazetteer_.CityCountries(TrimSpace(out.dateline));
    std::vector<Token> place_tokens = analyzer.Tokenize(out.dateline);
    for (const Mention& m : written.empty()
                                ? std::vector<Mention>{}
                                : recognizer_.Recognise(place_tokens, out.date, language)) {
      if (m.entry->kind == EntityKind::kCountry && m.entry->id != written[0])
        namesake = m.entry->id;
    }
    for (const Token& t : place_tokens) place_words.push_back(t.folded);
  }
  auto is_namesake = [&](const Mention& m, const std::vector<Token>& tokens) {
    if (namesake.empty() || m.entry->id != namesake ||
        m.end_token - m.first_token != place_words.size())
      return false;
    for (size_t k = 0; k < place_words.size(); ++k) {
      if (tokens[m.first_token + k].folded != place_words[k]) return false;
    }
    return true;
  };
  SalienceSignals signals;
  // The lead: the first sentence after the dateline.
  size_t lead_begin = static_cast<size_t>(rest.data() - out.body.data());
  if (lead_begin > out.body.size()) lead_begin = 0;  // the dateline came from the record
  size_t lead_end = lead_begin + LeadLength(out.body.substr(lead_begin));
  // The dateline counts once, through its country below, not as text: "SAN
  // JOSE, Calif." names no Costa Rica.
  mentions.erase(std::remove_if(mentions.begin(), mentions.end(),
                                [&](const Mention& m) {
                                  return body_tokens[m.first_token].begin < lead_begin ||
                                         is_namesake(m, body_tokens);
                                }),
                 mentions.end());
  for (const Mention& m : mentions) {
    if (body_tokens[m.first_token].begin < lead_begin ||
        body_tokens[m.first_token].begin >= lead_end)
      continue;
    if (m.entry->kind == EntityKind::kCountry) signals.in_lead.insert(m.entry->id);
    if (m.entry->kind == EntityKind::kOrganisation) signals.orgs_in_lead.insert(m.entry->id);
  }
  NoteOrganisationUse(out.body, body_tokens, mentions, signals);
  std::vector<Mention> body_mentions = mentions;  // token indices of the body
  // The headline's mentions, found once: salience counts them (below) and
  // events read the headline's participants from them. Read with the body's
  // mentions, as a reader reads it: a surname the body gives in full is that
  // person («السوداني يستقبل…» over a body naming Mohammed Shia al-Sudani),
  // not the country its word also names.
  std::vector<Mention> title_mentions =
      recognizer_.Recognise(title_tokens, out.date, language, {}, body_mentions);
  title_mentions.erase(
      std::remove_if(title_mentions.begin(), title_mentions.end(),
                     [&](const Mention& m) { return is_namesake(m, title_tokens); }),
      title_mentions.end());
  std::set<std::string> leaders_countries;  // of the leaders in office the headline names
  bool summit_in_title = false;             // the headline names a summit's grouping
  // A derived title repeats the body: counting it would double its mentions.
  if (!out.title_derived) {
    for (const Mention& m : title_mentions) {
      if (m.entry->kind == EntityKind::kCountry) signals.in_title.insert(m.entry->id);
      // A headline that names a leader in office names their country: "Scholz
      // trifft Putin", «石破首相、習近平国家主席と初会談» are about Germany
      // and Japan too, as "Reagan vetoes" is about the US. Only in office
      // on the date (a former leader speaks for no one), and not when the
      // headline names a summit's grouping: «习近平出席金砖国家领导人会晤» is
      // about the summit and its host, not every guest's country. A body
      // where they speak for their country keeps it: «上川外相、安保理会合で
      // 核軍縮訴え» is about Japan's minister at the Security Council.
      // A head of an organisation names it, not a country: "Guterres urges
      // restraint" is about the UN.
      if (m.entry->kind == EntityKind::kLeader && out.date &&
          !RoleOn(*m.entry, *out.date).empty()) {
        std::string_view body = OrganisationOn(*m.entry, iso);
        if (!body.empty()) signals.orgs_in_title.insert(std::string(body));
        const GazetteerEntry* c =
            gazetteer_.Find(EntityKind::kCountry, LeaderCountryOn(*m.entry, iso));
        if ((c = recognizer_.CountryOn(c, out.date))) leaders_countries.insert(c->id);
      }
      if (m.entry->kind == EntityKind::kOrganisation) {
        signals.orgs_in_title.insert(m.entry->id);
        summit_in_title = summit_in_title || m.entry->summit;
      }
    }
    mentions.insert(mentions.end(), title_mentions.begin(), title_mentions.end());
    if (!summit_in_title)
      signals.in_title.insert(leaders_countries.begin(), leaders_countries.end());
    else
      leaders_countries.clear();
  }
  out.entities = EntityRecognizer::Summarise(mentions, recognizer_.FindFlags(out.body), out.date);
  for (const std::string& id : leaders_countries) {
    auto& countries = out.entities.countries;
    if (std::none_of(countries.begin(), countries.end(),
                     [&](const EntityCount& c) { return c.id == id; }))
      countries.push_back({id, 1, false, ""});
  }
  for (const Mention& m : mentions) {
    if (m.entry->kind != EntityKind::kLeader) continue;
    const GazetteerEntry* c = gazetteer_.Find(EntityKind::kCountry, LeaderCountryOn(*m.entry, iso));
    if ((c = recognizer_.CountryOn(c, out.date))) ++signals.via_leaders[c->id];
  }
  // A foreign dateline is resolved by its place alone: its agency and date
  // ("新华社…3月10日电", "، 19 مايو (واس)") are no region hint.
  std::string head = !TrimSpace(article.dateline).empty() ? out.dateline
                     : foreign_dateline                   ? out.dateline
                                        : std::string(out.body.substr(0, lead_begin));
  out.dateline_country = DatelineCountry(head, out.entities, out.date, language);
  // A foreign dateline's place the gazetteer does not know (新华社喀山…电): the
  // country the text writes before it.
  if (out.dateline_country.empty() && foreign_dateline)
    out.dateline_country =
        CountryBeforePlace(out.dateline, out.body, lead_begin, body_tokens, body_mentions);
  // Else a world city whose name has the place's transliteration key
  // («ВОНСАН» is Wonsan, 西安 Xi'an).
  if (out.dateline_country.empty() && foreign_dateline)
    out.dateline_country = dateline_resolver_.CountryByKey(out.dateline, out.date);
  // Else a national agency's home («Elmau (dpa) -», «УФА, 9 июля. /ТАСС/.»),
  // else the country the text names nearest the place where it first writes
  // it («抵达西雅图，开始对美国进行国事访问»).
  if (out.dateline_country.empty() && foreign_dateline)
    out.dateline_country = dateline_resolver_.WireCountry(
        out.dateline, std::string_view(out.body).substr(0, lead_begin), language, out.date);
  if (out.dateline_country.empty() && foreign_dateline)
    out.dateline_country =
        CountryNearPlace(out.dateline, out.body, lead_begin, body_tokens, body_mentions);
  if (!out.dateline_country.empty()) {
    signals.dateline_country = out.dateline_country;
    auto& countries = out.entities.countries;
    auto it = std::find_if(countries.begin(), countries.end(),
                           [&](const EntityCount& c) { return c.id == out.dateline_country; });
    // The dateline is the article's first mention of its country.
    if (it == countries.end()) {
      countries.insert(countries.begin(), {out.dateline_country, 1, false, ""});
    } else {
      ++it->count;
      std::rotate(countries.begin(), it, it + 1);
    }
  }
  signals.title_is_lead = out.title_derived;
  MarkSalientCountries(out.entities, signals);
  MarkSalientOrganisations(out.entities, signals);
  out.dyads = Dyads(out.entities);
  // What happened (events) and who said what (quotes): see analysis/events
  // and analysis/quotes.
  // The body's sentences, split once for both.
  const std::vector<std::pair<size_t, size_t>> sentences = SentenceRanges(out.body, body_tokens);
  out.events =
      events_.Recognise({out.title, &title_tokens, &title_mentions, 0, 0},
                        {out.body, &body_tokens, &body_mentions, lead_begin, lead_end, &sentences},
                        out.dyads, language, iso);
  std::string home = out.dateline_country;
  for (const EntityCount& c : out.entities.countries)
    if (home.empty() && c.salient) home = c.id;
  out.quotes = quotes_.Attribute(out.body, body_tokens, body_mentions, out.date, home, &sentences);
  // Tokenised as the article is, so quote: queries meet the same words.
  for (Quote& q : out.quotes) q.words = Words(analyzer.Tokenize(q.text));
  auto words = date_words_.find(language);
  out.dates_mentioned =
      FindMentionedDates(out.body, out.date, words == date_words_.end() ? nullptr : &words->second);
  return out;
}

}  // namespace communique
