#include "analysis/text/text_normalizer.h"

#include <catch2/catch.hpp>

using communique::FoldForMatch;
using communique::NormalizeText;

TEST_CASE("NormalizeText applies NFKC and tidies whitespace but keeps paragraphs", "[analysis]") {
  CHECK(NormalizeText("ﬁnance\u00a0minister") == "finance minister");  // ligature, NBSP
  CHECK(NormalizeText("  a \t b  \n\n\n\n c  ") == "a b\n\nc");
  CHECK(NormalizeText("line one\nline two") == "line one\nline two");
  CHECK(NormalizeText("zero\u200bwidth") == "zerowidth");
  CHECK(NormalizeText("ctl\x01\x02 chars") == "ctl chars");
  CHECK(NormalizeText("private \xee\x80\x80 use") == "private use");
}

TEST_CASE("NormalizeText replaces invalid UTF-8 instead of failing", "[analysis]") {
  std::string out = NormalizeText("ok \xff\xfe bytes");
  CHECK(out.find("ok") == 0);
  CHECK(out.find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD
}

TEST_CASE("FoldForMatch folds case and diacritics", "[analysis]") {
  CHECK(FoldForMatch("Erdoğan") == "erdogan");
  CHECK(FoldForMatch("TÜRKIYE") == "turkiye");
  CHECK(FoldForMatch("Côte") == "cote");
  CHECK(FoldForMatch("Straße") == "strasse");
  CHECK(FoldForMatch("Путин") == "путин");
  CHECK(FoldForMatch("Pakistan’s") == "pakistan's");
}

TEST_CASE("FoldForMatch collapses dotted acronyms only", "[analysis]") {
  CHECK(FoldForMatch("U.S") == "us");
  CHECK(FoldForMatch("U.S.A") == "usa");
  CHECK(FoldForMatch("3.5") == "3.5");
  CHECK(FoldForMatch("example.org") == "example.org");
}
