#include "indexer/analysis/query_normalizer.h"

#include "indexer/analysis/text_normalizer.h"
#include "indexer/analysis/tokenizer.h"

namespace communique {

std::string NormalizeQuery(std::string_view query) {
  std::string text = NormalizeText(query);
  std::string out;
  out.reserve(text.size());
  size_t done = 0;
  for (const Token& t : Tokenize(text)) {
    out.append(text, done, t.begin - done);
    if (t.text == "AND" || t.text == "OR" || t.text == "NOT" || t.text == "XOR" ||
        t.text == "NEAR" || t.text == "ADJ") {
      out.append(t.text);
    } else {
      out.append(t.folded);
    }
    done = t.end;
  }
  out.append(text, done, std::string::npos);
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

}  // namespace communique
