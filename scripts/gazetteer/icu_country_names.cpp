// Prints the names ICU's locale data gives countries in other languages, as
// one JSON object: {"PK": {"ru": "Пакистан", "ar": "باكستان", ...}, ...}.
// build_countries.py compiles and runs it, so the gazetteer's translations
// come from ICU (icu::Locale::getDisplayCountry), never from typed tables.
//
// Usage: icu_country_names LANG[,LANG...] CODE...
// A code ICU does not know (it echoes the code back) is left out.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "json_quote.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: icu_country_names LANG[,LANG...] CODE...\n";
    return 2;
  }
  std::vector<std::string> langs;
  std::stringstream list(argv[1]);
  for (std::string l; std::getline(list, l, ',');) langs.push_back(l);
  std::cout << "{";
  for (int i = 2; i < argc; ++i) {
    std::string code = argv[i];
    icu::Locale region("", code.c_str());
    std::cout << (i > 2 ? ",\n" : "\n") << Quote(code) << ": {";
    bool first = true;
    for (const std::string& lang : langs) {
      icu::UnicodeString name;
      region.getDisplayCountry(icu::Locale(lang.c_str()), name);
      std::string utf8;
      name.toUTF8String(utf8);
      if (utf8.empty() || utf8 == code) continue;
      std::cout << (first ? "" : ", ") << Quote(lang) << ": " << Quote(utf8);
      first = false;
    }
    std::cout << "}";
  }
  std::cout << "\n}\n";
  return 0;
}
