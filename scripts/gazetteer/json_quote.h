// JSON string quoting for the ICU helper programs beside this file
// (icu_country_names.cpp, icu_exemplar_cities.cpp), which print JSON for the
// gazetteer generators: quotes and backslashes escaped, control characters
// as spaces. UTF-8 passes through.
#pragma once

#include <string>

inline std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}
