// Prints each line of standard input through one ICU transliterator
// ("Traditional-Simplified", "Simplified-Traditional"), one line out per line
// in. build_lang_rules.py compiles and runs it, so the Chinese and Japanese
// forms of a Han-script name (上川陽子 / 上川阳子, 李强 / 李強) come from ICU's
// tables, never from typed ones.
//
// Usage: icu_transliterate ID < lines
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <iostream>
#include <memory>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: icu_transliterate ID < lines\n";
    return 2;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
      icu::UnicodeString::fromUTF8(argv[1]), UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) {
    std::cerr << "icu_transliterate: " << argv[1] << ": " << u_errorName(status) << "\n";
    return 1;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(line);
    t->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    std::cout << out << "\n";
  }
  return 0;
}
