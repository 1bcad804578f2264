#include "indexer/readers/article_reader.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/indexer/readers/collect.h"

using namespace communique;

namespace {
using communique::testing::Collected;
using communique::testing::SampleFeed;
using communique::testing::SubjectList;
}  // namespace

TEST_CASE("JSON lines: good records pass, bad ones are reported as path:line: reason",
          "[readers]") {
  std::istringstream in(
      R"({"id":"a","title":"T","body":"Text one","date":"2021-09-14","source":"S","language":"en"})"
      "\n\n"
      "{not json}\n"
      R"({"id":"b"})"
      "\n"
      R"(["array"])"
      "\n"
      R"({"id":7,"body":"numeric id"})"
      "\n"
      R"({"id":"c","body":12})"
      "\n"
      R"({"text":"UN speech body"})");
  Collected c;
  ReadJsonLines(in, "feed.jsonl", c.Sink());
  REQUIRE(c.articles.size() == 3);
  CHECK(c.articles[0].id == "a");
  CHECK(c.articles[0].origin == "feed.jsonl:1");
  CHECK(c.articles[1].id == "7");
  CHECK(c.articles[2].body == "UN speech body");
  CHECK(c.articles[2].origin == "feed.jsonl:8");
  REQUIRE(c.errors.size() == 4);
  CHECK(c.errors[0].rfind("feed.jsonl:3: invalid JSON", 0) == 0);
  CHECK(c.errors[1] == "feed.jsonl:4: missing \"body\"");
  CHECK(c.errors[2] == "feed.jsonl:5: expected a JSON object");
  CHECK(c.errors[3] == "feed.jsonl:7: field \"body\" must be a string");
}

TEST_CASE("JSON lines: invalid UTF-8 and oversized records are rejected, the rest continue",
          "[readers]") {
  std::string big(kMaxRecordBytes + 10, 'x');
  std::istringstream in("{\"body\":\"bad \xff byte\"}\n" + big + "\n{\"body\":\"after\"}\n");
  Collected c;
  ReadJsonLines(in, "f.jsonl", c.Sink());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].body == "after");
  CHECK(c.articles[0].origin == "f.jsonl:3");
  REQUIRE(c.errors.size() == 2);
  CHECK(c.errors[0].rfind("f.jsonl:1: invalid JSON", 0) == 0);
  CHECK(c.errors[1].rfind("f.jsonl:2: record too large", 0) == 0);
}

TEST_CASE("text articles: the seed's date header is read, the rest is body", "[readers]") {
  Collected c;
  ReadTextArticle(" date 2021-09-14 ISLAMABAD: Prime Minister Imran Khan has received...\n\nMore.",
                  "seed.txt", c.Sink());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].date == "2021-09-14");
  CHECK(c.articles[0].body.rfind("ISLAMABAD: Prime Minister", 0) == 0);
  ReadTextArticle("   \n ", "empty.txt", c.Sink());
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0] == "empty.txt:1: empty article");
}

TEST_CASE("HTML articles: headline as title, boilerplate dropped", "[readers]") {
  Collected c;
  ReadHtmlArticle(
      "<html><head><title>X | Site</title><meta name=date content=2023-05-10></head><body>"
      "<nav>Menu</nav><article><h1>Ministers meet</h1><p>Body text.</p></article></body></html>",
      "page.html", c.Sink());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].title == "Ministers meet");
  CHECK(c.articles[0].date == "2023-05-10");
  CHECK(c.articles[0].body == "Body text.");
  ReadHtmlArticle("<html><nav>only nav</nav></html>", "nav.html", c.Sink());
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("nav.html:1: no article text", 0) == 0);
}

TEST_CASE("formats are chosen by extension or name", "[readers]") {
  CHECK(FormatForPath("a/b.JSONL") == InputFormat::kJsonLines);
  CHECK(FormatForPath("a.txt") == InputFormat::kText);
  CHECK(FormatForPath("a.htm") == InputFormat::kHtml);
  CHECK(FormatForPath("a.pdf") == InputFormat::kUnknown);
  CHECK(ParseFormatName("html") == InputFormat::kHtml);
  CHECK(ParseFormatName("xml") == InputFormat::kUnknown);
}

TEST_CASE("formats are sniffed from content: feeds, ninjs, NewsML-G2, JSON lines, HTML",
          "[readers][feeds]") {
  CHECK(FormatForPath("a.rss") == InputFormat::kAuto);
  CHECK(FormatForPath("wire.XML") == InputFormat::kAuto);
  CHECK(ParseFormatName("atom") == InputFormat::kFeed);
  CHECK(ParseFormatName("ninjs") == InputFormat::kNinjs);
  CHECK(ParseFormatName("newsml") == InputFormat::kNewsMlG2);
  CHECK(SniffFormat("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">") ==
        InputFormat::kFeed);
  CHECK(SniffFormat("<!DOCTYPE rss [<!ENTITY a \"b\">]>\n<rss>") == InputFormat::kFeed);
  CHECK(SniffFormat("<rdf:RDF xmlns:rdf=\"x\">") == InputFormat::kFeed);
  CHECK(SniffFormat("<feed xmlns=\"http://www.w3.org/2005/Atom\">") == InputFormat::kFeed);
  CHECK(SniffFormat("<g2:newsMessage xmlns:g2=\"x\">") == InputFormat::kNewsMlG2);
  CHECK(SniffFormat("<newsItem guid=\"a\">") == InputFormat::kNewsMlG2);
  CHECK(SniffFormat("<!DOCTYPE html><html>") == InputFormat::kHtml);
  CHECK(SniffFormat("<opml>") == InputFormat::kUnknown);
  CHECK(SniffFormat("[{\"uri\":\"a\"}]") == InputFormat::kNinjs);
  CHECK(SniffFormat("{\n  \"uri\": \"a\"\n}") == InputFormat::kNinjs);  // pretty-printed
  CHECK(SniffFormat("{\"uri\":\"a\",\"versioncreated\":\"2026-12-01\"}\n{}") ==
        InputFormat::kNinjs);
  CHECK(SniffFormat("{\"id\":\"a\",\"body\":\"b\"}\n{}") == InputFormat::kJsonLines);
  CHECK(SniffFormat("[\n  {\"uri\": \"a\"}\n]") == InputFormat::kNinjs);
  // JSON lines whose first record is broken or an array stay JSON lines.
  CHECK(SniffFormat("{\"id\": \"a\", \"body\": \"trunc\n{\"id\":\"b\"}") ==
        InputFormat::kJsonLines);
  CHECK(SniffFormat("[\"not\", \"an\", \"object\"]\n{\"id\":\"b\"}") == InputFormat::kJsonLines);
  CHECK(SniffFormat("date 2021-01-01 text") == InputFormat::kUnknown);
}

TEST_CASE("ReadContent dispatches by content whatever the name says", "[readers][feeds]") {
  Collected c;
  ReadContent(
      "<rss><channel><title>S</title><item><guid>g</guid><description>Body"
      "</description></item></channel></rss>",
      "https://x/feed", InputFormat::kAuto, c.Sink());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].source == "S");
  CHECK(c.articles[0].origin == "https://x/feed:1");
}

TEST_CASE("JSON lines: author, authors and subjects are read, wrong types are reported",
          "[readers][subjects]") {
  std::istringstream in(
      R"({"body":"One","author":"Jane Smith","authors":["Ali Khan",{"name":"jane smith"}],)"
      R"("subjects":["medtop:11000000",{"code":"medtop:20000638","name":"diplomacy"},)"
      R"({"qcode":"subj:11001000"},{"uri":"http://cv.iptc.org/newscodes/mediatopic/16000000",)"
      R"("name":"conflict, war and peace"},{"name":"Sahel"}]})"
      "\n"
      R"({"body":"Two","authors":"Jane Smith"})"
      "\n"
      R"({"body":"Three","authors":[1]})"
      "\n"
      R"({"body":"Four","subjects":{"code":"x"}})"
      "\n"
      R"({"body":"Five","subjects":[{}]})"
      "\n"
      R"({"body":"Six","author":["list"]})"
      "\n"
      R"({"body":"Seven","author":null,"subjects":null})");
  Collected c;
  ReadJsonLines(in, "s.jsonl", c.Sink());
  REQUIRE(c.articles.size() == 2);
  const Article& a = c.articles[0];
  CHECK(a.authors == std::vector<std::string>{"Jane Smith", "Ali Khan"});
  CHECK(SubjectList(a) ==
        std::vector<std::string>{"medtop:11000000=", "medtop:20000638=diplomacy", "subj:11001000=",
                                 "medtop:16000000=conflict, war and peace", "Sahel=Sahel"});
  CHECK(c.articles[1].body == "Seven");
  CHECK(c.articles[1].authors.empty());
  REQUIRE(c.errors.size() == 5);
  CHECK(c.errors[0] == "s.jsonl:2: field \"authors\" must be an array of names");
  CHECK(c.errors[1] == "s.jsonl:3: field \"authors\" must hold names (strings or {\"name\": ...})");
  CHECK(c.errors[2] ==
        "s.jsonl:4: field \"subjects\" must be an array of codes or {\"code\", \"name\"} objects");
  CHECK(c.errors[3] ==
        "s.jsonl:5: field \"subjects\" must be an array of codes or {\"code\", \"name\"} objects");
  CHECK(c.errors[4] == "s.jsonl:6: field \"author\" must be a string");
}
