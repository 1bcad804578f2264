// HTML/XML escaping, shared by the snippet highlighter, the exporters and
// anything else that puts untrusted text in markup.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace communique {

// Escapes & < > " ' so the result is safe in HTML or XML text and in quoted
// attribute values.
inline std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace communique
