// Splits text into words with ICU's word-boundary rules (UAX #29 plus
// dictionaries for scripts written without spaces) and gives each word its
// matching form.
//
// Thread-safety: Tokenize() may be called concurrently; each thread keeps its
// own ICU break iterator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace communique {

struct Token {
  std::string_view text;  // the word as written (borrows the input)
  std::string folded;     // FoldForMatch(text): what is indexed and matched
  size_t begin = 0;       // byte offsets of `text` in the input
  size_t end = 0;
  bool capitalised = false;  // first letter is not lower-case ("Turkey", "SCO", "Путин")
  bool all_caps = false;     // every letter upper-case, at least two letters
  bool at_sign = false;      // written right after '@' (a social handle)
};

// Words of `text`, in order. Punctuation and spaces are not tokens; numbers
// are. `text` must outlive the tokens.
std::vector<Token> Tokenize(std::string_view text);

}  // namespace communique
