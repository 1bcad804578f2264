#include "analysis/text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

#include "analysis/text/text_normalizer.h"

namespace communique {
namespace {

icu::BreakIterator* WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(bi) : nullptr;
  }();
  return it.get();
}

void SetCaseFlags(Token& t) {
  int letters = 0, upper = 0;
  bool first = true;
  // Bytes, as U8_NEXT reads them (a char* would convert each one implicitly).
  const auto* s = reinterpret_cast<const uint8_t*>(t.text.data());
  int32_t len = static_cast<int32_t>(t.text.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0 || !u_isalpha(c)) continue;
    ++letters;
    bool up = u_isupper(c) || u_istitle(c);
    if (up) ++upper;
    // Scripts without case (Arabic, Chinese...) count as capitalised: the
    // flag exists to tell "Turkey" from "turkey", not to reject them.
    if (first) t.capitalised = !u_islower(c);
    first = false;
  }
  t.all_caps = letters >= 2 && upper == letters;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  icu::BreakIterator* bi = WordBreaker();
  if (bi == nullptr || text.empty()) return tokens;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return tokens;
  bi->setText(ut, status);
  if (U_SUCCESS(status)) {
    int32_t start = bi->first();
    for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
      if (bi->getRuleStatus() == UBRK_WORD_NONE) continue;
      Token t;
      t.begin = static_cast<size_t>(start);
      t.end = static_cast<size_t>(end);
      t.text = text.substr(t.begin, t.end - t.begin);
      // ICU keeps a leading '@' in the word ("@ImranKhanPTI"); the handle
      // is the word after it.
      while (!t.text.empty() && (t.text.front() == '@' || t.text.front() == '#')) {
        t.text.remove_prefix(1);
        ++t.begin;
      }
      t.folded = FoldForMatch(t.text);
      if (t.folded.empty()) continue;
      t.at_sign = t.begin > 0 && text[t.begin - 1] == '@';
      SetCaseFlags(t);
      tokens.push_back(std::move(t));
    }
  }
  // Detach the iterator from `ut` before closing it.
  bi->setText(icu::UnicodeString());
  utext_close(ut);
  return tokens;
}

}  // namespace communique
