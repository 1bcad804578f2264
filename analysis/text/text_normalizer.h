// Unicode clean-up and folding, shared by indexing and querying so both see
// text the same way. Backed by ICU; callers see only UTF-8 std::strings.
//
// Thread-safety: all functions are safe to call concurrently (ICU objects
// that are not thread-safe are kept per thread).
#pragma once

#include <string>
#include <string_view>

namespace communique {

// NFKC-normalises `text`, replaces invalid UTF-8 with U+FFFD, drops control
// and private-use characters (the highlighter reserves U+E000/U+E001),
// collapses runs of spaces within a line to one space, trims lines, and keeps
// at most one blank line between paragraphs.
std::string NormalizeText(std::string_view text);

// The matching form of a word: case-folded (full folding: "ß" -> "ss"),
// diacritics removed ("Erdoğan" -> "erdogan"), typographic apostrophes turned
// into ASCII ones, and dotted acronyms collapsed ("U.S" -> "us").
std::string FoldForMatch(std::string_view word);

}  // namespace communique
