#include "analysis/text/tokenizer.h"

#include <catch2/catch.hpp>

using communique::Token;
using communique::Tokenize;

namespace {
std::vector<std::string> Folded(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) out.push_back(t.folded);
  return out;
}
}  // namespace

TEST_CASE("Tokenize splits words on ICU boundaries and folds them", "[analysis]") {
  auto tokens = Tokenize("President Erdoğan met Pakistan’s PM, in U.S. talks (2021).");
  CHECK(Folded(tokens) == std::vector<std::string>{"president", "erdogan", "met", "pakistan's",
                                                   "pm", "in", "us", "talks", "2021"});
  CHECK(tokens[1].text == "Erdoğan");
  CHECK(tokens[1].capitalised);
  CHECK_FALSE(tokens[2].capitalised);
  CHECK(tokens[4].all_caps);
  CHECK_FALSE(tokens[0].all_caps);
}

TEST_CASE("Tokenize keeps byte offsets into the input", "[analysis]") {
  std::string text = "Côte d'Ivoire";
  auto tokens = Tokenize(text);
  REQUIRE(tokens.size() == 2);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Côte");
  CHECK(tokens[1].text == "d'Ivoire");
}

TEST_CASE("Tokenize marks social handles and segments scripts without spaces", "[analysis]") {
  auto tokens = Tokenize("Prime Minister @ImranKhanPTI said");
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[2].at_sign);
  CHECK(tokens[2].folded == "imrankhanpti");
  auto cjk = Tokenize("习近平会见普京");
  CHECK(cjk.size() >= 2);  // dictionary segmentation, not one run
  CHECK(Tokenize("").empty());
  CHECK(Tokenize(" ,;- ").empty());
}
