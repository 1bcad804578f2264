#include "analysis/text/text_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cctype>
#include <memory>

namespace communique {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Strips combining marks after canonical decomposition: accents, Arabic
// harakat, Hebrew points. Not the marks that spell a different word: kana
// voicing (が is not か) and the vowel signs, tones and viramas of the
// scripts of South and South-East Asia (ที่ is not ท). Transliterators are
// not safe for concurrent use, so each thread builds its own once.
icu::Transliterator* DiacriticStripper() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
        "NFD; [[:Nonspacing Mark:] - [\\u3099\\u309A] - [[:Thai:][:Lao:][:Khmer:][:Myanmar:]"
        "[:Tibetan:][:Devanagari:][:Bengali:][:Gurmukhi:][:Gujarati:][:Oriya:][:Tamil:]"
        "[:Telugu:][:Kannada:][:Malayalam:][:Sinhala:]]] Remove; NFC",
        UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(tr) : nullptr;
  }();
  return t.get();
}

// "u.s" -> "us", "u.s.a" -> "usa": single letters separated by dots.
std::string CollapseDottedAcronym(std::string s) {
  if (s.size() < 3 || s.find('.') == std::string::npos) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    bool letter = (s[i] & 0x80) == 0 && std::isalpha(static_cast<unsigned char>(s[i]));
    if (i % 2 == 0 ? !letter : s[i] != '.') return s;
    if (letter) out.push_back(s[i]);
  }
  return out;
}

}  // namespace

std::string NormalizeText(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString n = U_SUCCESS(status) ? nfkc->normalize(u, status) : u;
  if (U_FAILURE(status)) n = u;

  icu::UnicodeString out;
  out.getBuffer(n.length());  // reserve
  out.releaseBuffer(0);
  int newlines = 0;    // pending line breaks since the last visible char
  bool space = false;  // pending space
  bool any = false;
  for (int32_t i = 0; i < n.length();) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    if (c == '\n' || c == 0x2028 || c == 0x2029 || c == 0x85) {
      ++newlines;
      continue;
    }
    if (c == '\r') continue;
    int8_t type = u_charType(c);
    if (c == '\t' || u_isWhitespace(c) || c == 0xA0 || c == 0x202F) {
      space = true;
      continue;
    }
    if (type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED ||
        c == 0x200B || c == 0xFEFF) {
      continue;
    }
    if (any) {
      if (newlines >= 2)
        out.append(u"\n\n");
      else if (newlines == 1)
        out.append(u'\n');
      else if (space)
        out.append(u' ');
    }
    newlines = 0;
    space = false;
    any = true;
    out.append(c);
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string FoldForMatch(std::string_view word) {
  if (IsAscii(word)) {
    std::string s(word);
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return CollapseDottedAcronym(std::move(s));
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  if (icu::Transliterator* t = DiacriticStripper()) t->transliterate(u);
  u.foldCase();
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString(u'\''));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2018)), icu::UnicodeString(u'\''));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), icu::UnicodeString(u'\''));
  std::string out;
  u.toUTF8String(out);
  return CollapseDottedAcronym(std::move(out));
}

}  // namespace communique
