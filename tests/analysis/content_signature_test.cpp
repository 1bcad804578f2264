#include "analysis/content_signature.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace communique;

namespace {

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

const char kStory[] =
    "pakistani prime minister imran khan and russian president vladimir putin discussed the "
    "situation in afghanistan in a telephone call on tuesday two days before both were due to "
    "take part in the shanghai cooperation organisation summit in tajikistan mr khan told "
    "president putin that a stable and peaceful afghanistan was vital for the region";

}  // namespace

TEST_CASE("copies share a signature, other stories do not", "[signature]") {
  std::string sig = ContentSignature(Words(kStory));
  CHECK(sig.size() == 16);
  CHECK(sig.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(ContentSignature(Words(kStory)) == sig);  // deterministic
  std::string other =
      "nato allies commit to spend five percent of gdp on defence at the hague summit after "
      "months of pressure from washington and a long debate among european members";
  CHECK(ContentSignature(Words(other)) != sig);
  // One word changed near the end leaves the bottom shingles alone.
  std::string edited = kStory;
  edited.replace(edited.rfind("region"), 6, "area");
  CHECK(ContentSignature(Words(edited)) == sig);
}

TEST_CASE("texts too short to call copies have no signature", "[signature]") {
  CHECK(ContentSignature(Words("four words only here")).empty());
  CHECK(ContentSignature({"a", "", "b", "", "c", "d"}).empty());  // empty words do not count
  CHECK_FALSE(ContentSignature(Words("five words are enough here")).empty());
}
