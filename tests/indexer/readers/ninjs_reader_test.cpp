#include "indexer/readers/ninjs_reader.h"

#include <catch2/catch.hpp>

#include "tests/indexer/readers/collect.h"

using namespace communique;
using communique::testing::Collected;
using communique::testing::SampleFeed;
using communique::testing::SubjectList;

TEST_CASE("ninjs 1.x: uri, headline, versioncreated, body_html, located, copyrightholder",
          "[readers][ninjs]") {
  const char* item = R"({
  "uri": "urn:cw:2026:1201:0042",
  "type": "text",
  "versioncreated": "2026-12-01T09:00:00Z",
  "firstcreated": "2026-11-30T22:00:00Z",
  "language": "en",
  "headline": "Envoys resume talks in Doha",
  "located": "DOHA",
  "subject": [{"name": "diplomacy", "code": "medtop:11000000"}],
  "copyrightholder": "Communique Wire",
  "description_text": "Short.",
  "body_html": "<p>Envoys from both sides resumed talks in Doha on Tuesday.</p>"
})";
  Collected c;
  ReadNinjs(item, "w.json", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 1);
  const Article& a = c.articles[0];
  CHECK(a.id == "urn:cw:2026:1201:0042");
  CHECK(a.url.empty());  // a urn is no web page
  CHECK(a.title == "Envoys resume talks in Doha");
  CHECK(a.date == "2026-12-01T09:00:00Z");
  CHECK(a.language == "en");
  CHECK(a.dateline == "DOHA");
  CHECK(a.source == "Communique Wire");
  CHECK(a.body == "<p>Envoys from both sides resumed talks in Doha on Tuesday.</p>");
  CHECK(a.origin == "w.json:1");
}

TEST_CASE(
    "ninjs 2.x array: headlines, bodies (HTML preferred), infosources, places, lines per "
    "element",
    "[readers][ninjs]") {
  const char* doc = R"([
  {"uri": "https://wire.example/a", "headlines": [{"value": "Summit opens"}],
   "bodies": [{"value": "Leaders met.", "contenttype": "text/plain"},
              {"value": "<p>Leaders met in Addis Ababa.</p>", "contenttype": "text/html"}],
   "infosources": [{"name": "Wire Desk"}], "places": [{"name": "Addis Ababa"}],
   "firstcreated": "2026-12-02"},
  {"uri": "x", "type": "picture", "headlines": [{"value": "Photo"}]},
  {"uri": "y", "headlines": [{"value": "Empty"}]},
  "not an object"
])";
  Collected c;
  ReadNinjs(doc, "w.json", c.Sink());
  REQUIRE(c.articles.size() == 1);
  const Article& a = c.articles[0];
  CHECK(a.id == "https://wire.example/a");
  CHECK(a.url == "https://wire.example/a");
  CHECK(a.title == "Summit opens");
  CHECK(a.body == "<p>Leaders met in Addis Ababa.</p>");
  CHECK(a.source == "Wire Desk");
  CHECK(a.dateline == "Addis Ababa");
  CHECK(a.date == "2026-12-02");
  CHECK(a.origin == "w.json:2");
  REQUIRE(c.errors.size() == 3);
  CHECK(c.errors[0] == "w.json:7: ninjs item of type \"picture\" holds no text");
  CHECK(c.errors[1] == "w.json:8: ninjs item has no body");
  CHECK(c.errors[2] == "w.json:9: expected a ninjs object");
}

TEST_CASE("ninjs as JSON lines: each line an item, bad lines reported", "[readers][ninjs]") {
  const char* lines =
      "{\"uri\":\"a\",\"versioncreated\":\"2026-12-01\",\"body_text\":\"One < two.\"}\n"
      "\n"
      "{broken\n"
      "{\"uri\":\"b\",\"headline\":\"H\",\"body_text\":\"Second item.\"}\n";
  Collected c;
  ReadNinjs(lines, "w.jsonl", c.Sink());
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].body == "One &lt; two.");  // text is escaped for the HTML cleaner
  CHECK(c.articles[1].origin == "w.jsonl:4");
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0].rfind("w.jsonl:3: invalid JSON", 0) == 0);
}

TEST_CASE("ninjs bylines and subjects: 1.x byline and subject codes, 2.x by and subject uris",
          "[readers][ninjs][subjects]") {
  const char* doc = R"([
  {"uri": "urn:a", "headline": "One", "body_text": "First.", "byline": "Lena Petrosyan",
   "authors": ["Aram Hakobyan", {"name": "lena petrosyan"}, 7],
   "subject": [{"name": "diplomacy", "code": "medtop:20000638"},
               {"name": "politics", "code": "11000000",
                "scheme": "http://cv.iptc.org/newscodes/mediatopic/"},
               {"code": "medtop:20000638", "name": "again"}, "not an object"]},
  {"uri": "urn:b", "headlines": [{"value": "Two"}], "bodies": [{"value": "Second."}],
   "by": "By Rafael Souza",
   "subjects": [{"name": "international trade",
                 "uri": "http://cv.iptc.org/newscodes/mediatopic/20000385"},
                {"literal": "mercosur", "name": "Mercosur"},
                {"uri": "https://vocab.example/topics/tariffs"},
                {"name": "named only"}]}
])";
  Collected c;
  ReadNinjs(doc, "w.json", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].authors == std::vector<std::string>{"Lena Petrosyan", "Aram Hakobyan"});
  CHECK(SubjectList(c.articles[0]) ==
        std::vector<std::string>{"medtop:20000638=diplomacy", "medtop:11000000=politics"});
  CHECK(c.articles[1].authors == std::vector<std::string>{"By Rafael Souza"});
  CHECK(SubjectList(c.articles[1]) ==
        std::vector<std::string>{"medtop:20000385=international trade", "mercosur=Mercosur",
                                 "https://vocab.example/topics/tariffs=", "named only=named only"});
}

TEST_CASE("the sample ninjs items carry their bylines and subjects", "[readers][ninjs][subjects]") {
  Collected c;
  ReadNinjs(SampleFeed("wire-items.json"), "wire-items.json", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].authors == std::vector<std::string>{"Lena Petrosyan"});
  CHECK(SubjectList(c.articles[0]) ==
        std::vector<std::string>{"medtop:20000638=diplomacy", "medtop:11000000=politics"});
  CHECK(c.articles[1].authors == std::vector<std::string>{"Rafael Souza"});
  CHECK(SubjectList(c.articles[1]) ==
        std::vector<std::string>{"medtop:20000385=international trade"});
}
