#include "indexer/article_analyzer.h"

#include <cctype>
#include <cstdio>

#include "indexer/analysis/text_normalizer.h"
#include "indexer/analysis/tokenizer.h"
#include "indexer/clean/html_text.h"

namespace communique {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Fnv1a64Hex(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
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
  return std::string(Trim(out));
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

}  // namespace

std::string DeriveKey(std::string_view id, std::string_view url, std::string_view body) {
  std::string_view key = Trim(id);
  if (key.empty()) key = Trim(url);
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
  std::string_view place = Trim(s.substr(0, i));
  if (place.size() < 3 || !IsUpperWord(place)) return {"", body};
  size_t j = i;
  auto skip_spaces = [&] {
    while (j < s.size() && s[j] == ' ') ++j;
  };
  skip_spaces();
  if (j < s.size() && s[j] == ',') {  // ", April 8" or ", Sept 14"
    ++j;
    size_t limit = std::min(s.size(), j + 24);
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
  std::string_view s = Trim(SplitDateline(body).second);
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
  std::string out(Trim(s.substr(0, end)));
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
        std::string(Trim(out.substr(0, last_space != std::string::npos ? last_space : cut))) + "…";
  }
  return out;
}

ArticleAnalyzer::ArticleAnalyzer(const Gazetteer& gazetteer)
    : gazetteer_(gazetteer), recognizer_(gazetteer) {}

Result<AnalyzedArticle> ArticleAnalyzer::Analyze(const Article& article) const {
  auto fail = [&](const std::string& reason) -> Result<AnalyzedArticle> {
    return Status::BadRequest(article.origin + ": " + reason);
  };
  AnalyzedArticle out;
  out.body = NormalizeText(StripMarkup(article.body));
  if (Trim(out.body).empty()) return fail("no text left after removing markup");
  out.title = OneLine(NormalizeText(StripMarkup(article.title)));
  out.url = std::string(Trim(article.url));
  out.source = OneLine(NormalizeText(article.source));
  out.language = AsciiLower(Trim(article.language));
  if (!Trim(article.date).empty()) {
    std::string reason;
    out.date = ParseDate(article.date, &reason);
    if (!out.date) return fail("date: " + reason);
  }
  auto [place, rest] = SplitDateline(out.body);
  out.dateline = !Trim(article.dateline).empty() ? OneLine(NormalizeText(article.dateline)) : place;
  if (out.title.empty()) {
    out.title = FirstSentence(out.body);
    out.title_derived = true;
  }
  out.key = DeriveKey(article.id, out.url, out.body);

  std::vector<Token> title_tokens = Tokenize(out.title);
  std::vector<Token> body_tokens = Tokenize(out.body);
  out.title_words = Words(title_tokens);
  out.body_words = Words(body_tokens);

  std::vector<Mention> mentions = recognizer_.Recognise(body_tokens, out.date);
  // A derived title repeats the body: counting it would double its mentions.
  if (!out.title_derived) {
    std::vector<Mention> in_title = recognizer_.Recognise(title_tokens, out.date);
    mentions.insert(mentions.end(), in_title.begin(), in_title.end());
  }
  out.entities = EntityRecognizer::Summarise(mentions, recognizer_.FindFlags(out.body));

  if (!out.dateline.empty()) {
    // "ISLAMABAD" or "HOUSTON, April 8": the place is a capital or a
    // country; a later gazetteer of cities widens this.
    std::string place_only = out.dateline.substr(0, out.dateline.find(','));
    for (const Mention& m : recognizer_.Recognise(Tokenize(place_only), out.date)) {
      if (m.entry->kind == EntityKind::kCountry) {
        out.dateline_country = m.entry->id;
        break;
      }
    }
  }
  out.dates_mentioned = FindMentionedDates(out.body, out.date);
  return out;
}

}  // namespace communique
