// Small string helpers every module needs.
// Thread-safety: pure functions.
#pragma once

#include <cctype>
#include <string_view>

namespace communique {

// `s` without leading and trailing ASCII white space (space, \t, \n, \v,
// \f, \r). Parsers of wire formats with narrower rules (HTTP's OWS) keep
// their own.
inline std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Whether `s` ends with `suffix`.
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace communique
