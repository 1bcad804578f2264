#include "searcher/query_parser.h"

#include <catch2/catch.hpp>

using namespace communique;
using K = QueryNode::Kind;

namespace {

const QuerySyntax& Syntax() {
  static const QuerySyntax syntax = {
      {"title", {QueryField::Kind::kText, "title"}},
      {"source", {QueryField::Kind::kFilter, "source"}},
      {"country", {QueryField::Kind::kFilter, "country"}},
      {"date", {QueryField::Kind::kDate, "date"}},
  };
  return syntax;
}

std::string Tree(const std::string& q) {
  auto r = ParseQueryText(q, Syntax());
  INFO(q << ": " << r.status().message);
  REQUIRE(r.ok());
  return Unparse(r.value().root);
}

std::string Error(const std::string& q) {
  auto r = ParseQueryText(q, Syntax());
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code == 400);
  return r.status().message;
}

}  // namespace

TEST_CASE("words are ANDed, folded like indexed text", "[query_parser]") {
  CHECK(Tree("Putin Khan call") == "putin khan call");
  CHECK(Tree("putin and khan") == "putin and khan");  // lower-case "and" is a word
  CHECK(Tree("") == "");
}

TEST_CASE("precedence: OR loosest, then XOR, then AND, then NOT", "[query_parser]") {
  CHECK(Tree("a b OR c") == "(a b) OR c");
  CHECK(Tree("a OR b c") == "a OR (b c)");
  CHECK(Tree("(a OR b) AND c") == "(a OR b) c");
  CHECK(Tree("a XOR b OR c") == "(a XOR b) OR c");
  CHECK(Tree("a NOT b c") == "a c NOT b");
  CHECK(Tree("a -b +c") == "a c NOT b");
}

TEST_CASE("exclusions alone are kept for 'everything but'", "[query_parser]") {
  auto r = ParseQueryText("-Putin", Syntax());
  REQUIRE(r.ok());
  CHECK(r.value().root.kind == K::kAnd);
  CHECK(r.value().root.children.empty());
  REQUIRE(r.value().root.excluded.size() == 1);
  CHECK(r.value().root.excluded[0].words == std::vector<std::string>{"putin"});
  CHECK(Tree("- putin") == "putin");  // a dash on its own is punctuation
  // Punctuation between NOT and its word changes nothing (found by the
  // differential test: the word used to become required).
  CHECK(Tree("khan NOT , putin") == "khan NOT putin");
  CHECK(Tree("khan NOT () putin") == "khan NOT putin");
  CHECK(Tree("khan NOT \"\" putin modi") == "khan modi NOT putin");
}

TEST_CASE("quotes of every kind, unclosed and stray", "[query_parser]") {
  for (const char* q : {"\"phone call\"", "\xE2\x80\x9Cphone call\xE2\x80\x9D",
                        "\xC2\xABphone call\xC2\xBB", "\xE2\x80\x9Ephone call\xE2\x80\x9C",
                        "\xE3\x80\x8Cphone call\xE3\x80\x8D", "\"phone call"}) {
    INFO(q);
    CHECK(Tree(q) == "\"phone call\"");
  }
  CHECK(Tree("phone call\"") == "phone call");
  CHECK(Tree("\"putin\"") == "\"putin\"");
  auto r = ParseQueryText("\"grain deal\" putin", Syntax());
  REQUIRE(r.ok());
  CHECK(r.value().has_phrase);
  CHECK(Unparse(WithoutQuotes(r.value().root)) == "(grain deal) putin");
}

TEST_CASE("a run ICU splits is a phrase of its words", "[query_parser]") {
  CHECK(Tree("Xi-Putin") == "\"xi putin\"");
}

TEST_CASE("fields: text, filters with quoted values, dates", "[query_parser]") {
  CHECK(Tree("title:Putin") == "title:putin");
  CHECK(Tree("title:\"phone call\"") == "title:\"phone call\"");
  CHECK(Tree("source:\"Atlas Daily\" Putin") == "source:\"Atlas Daily\" putin");
  CHECK(Tree("Source:x") == "source:\"x\"");
  CHECK(Tree("unknown:word") == "\"unknown word\"");  // not a field: its words
  CHECK(Tree("date:2021-09") == "date:20210901..20210930");
  CHECK(Tree("date:2021") == "date:20210101..20211231");
  CHECK(Tree("date:2020-02..2021") == "date:20200201..20211231");
  CHECK(Tree("date:..2021-09-14") == "date:..20210914");
  CHECK(Error("date:2021-13").find("date:2021-09") != std::string::npos);
  CHECK(Error("date:2022..2021").find("ends before it starts") != std::string::npos);
  CHECK(Error("title:").find("title:putin") != std::string::npos);
}

TEST_CASE("proximity joins single words", "[query_parser]") {
  CHECK(Tree("khan NEAR putin") == "khan NEAR/10 putin");
  CHECK(Tree("khan ADJ/3 putin") == "khan ADJ/3 putin");
  CHECK(Tree("a NEAR b NEAR/4 c") == "a NEAR/10 b NEAR/10 c");
  CHECK(Error("khan NEAR").find("e.g.") != std::string::npos);
  CHECK(Error("khan NEAR/0 putin").find("from 1 to 100") != std::string::npos);
  CHECK(Error("\"a b\" NEAR c").find("single words") != std::string::npos);
  CHECK(Tree("NEARBY") == "nearby");
}

TEST_CASE("operators without operands say how to write them", "[query_parser]") {
  CHECK(Error("putin AND").find("Putin AND Xi") != std::string::npos);
  CHECK(Error("AND putin").find("both sides") != std::string::npos);
  CHECK(Error("putin OR").find("Putin OR Xi") != std::string::npos);
  CHECK(Error("NOT").find("Khan NOT Putin") != std::string::npos);
  CHECK(Error("*").find("sanction*") != std::string::npos);
  CHECK(Error(std::string(20, '(') + "a").find("parentheses") != std::string::npos);
}

TEST_CASE("unbalanced parentheses close at the end, a stray ) is ignored", "[query_parser]") {
  CHECK(Tree("(a OR b") == "a OR b");
  CHECK(Tree("a) b") == "a b");
  // Ignored means the query reads as if it were not there: not a break
  // between two parts that must both match (found by the differential
  // test, tests/integration/differential_query_test.py).
  CHECK(Tree("a OR b ) c") == "a OR (b c)");
  CHECK(Tree("the ) putin") == "the putin");
  CHECK(Tree(") a") == "a");
  CHECK(Tree("a AND ) b") == "a b");
  CHECK(Tree("a OR ) b") == "a OR b");
  CHECK(Tree("a NOT ) b") == "a NOT b");
  CHECK(Tree("a NEAR ) b") == "a NEAR/10 b");
  CHECK(Tree("(a OR b)) c") == "(a OR b) c");
  CHECK(Tree("a ) (b OR c)") == "a (b OR c)");
}

TEST_CASE("word offsets point at what the user wrote", "[query_parser]") {
  auto r = ParseQueryText("Puttin  Khan", Syntax());
  REQUIRE(r.ok());
  const QueryNode& first = r.value().root.children[0];
  CHECK(r.value().text.substr(first.begin, first.end - first.begin) == "Puttin");
  CHECK(r.value().words == 2);
}

TEST_CASE("each part of a conjunction knows where it is written, sign and quotes included",
          "[query_parser]") {
  auto r = ParseQueryText(
      "Khan +Putin \u201cphone call\u201d title:Afghanistan country:\"Pakistan\" (SCO OR ШОС) "
      "-Modi NOT Xi a NEAR b",
      Syntax());
  REQUIRE(r.ok());
  const ParsedText& t = r.value();
  auto written = [&](const QueryNode& n) {
    return t.text.substr(n.written_begin, n.written_end - n.written_begin);
  };
  REQUIRE(t.root.kind == K::kAnd);
  REQUIRE(t.root.children.size() == 7);
  CHECK(written(t.root.children[0]) == "Khan");
  CHECK(written(t.root.children[1]) == "+Putin");
  CHECK(written(t.root.children[2]) == "\u201cphone call\u201d");
  CHECK(written(t.root.children[3]) == "title:Afghanistan");
  CHECK(written(t.root.children[4]) == "country:\"Pakistan\"");
  CHECK(written(t.root.children[5]) == "(SCO OR ШОС)");
  CHECK(written(t.root.children[6]) == "a NEAR b");
  REQUIRE(t.root.excluded.size() == 2);
  CHECK(written(t.root.excluded[0]) == "-Modi");
  CHECK(written(t.root.excluded[1]) == "NOT Xi");
  // An explicit AND is not part of either side.
  auto a = ParseQueryText("Scholz AND Telefonat", Syntax());
  REQUIRE(a.ok());
  REQUIRE(a.value().root.children.size() == 2);
  const QueryNode& second = a.value().root.children[1];
  CHECK(a.value().text.substr(second.written_begin, second.written_end - second.written_begin) ==
        "Telefonat");
}
