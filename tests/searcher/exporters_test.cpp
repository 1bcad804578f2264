#include "searcher/exporters.h"

#include <catch2/catch.hpp>

using namespace communique;
using nlohmann::json;

TEST_CASE("CSV cells are quoted when needed and formula-guarded", "[export]") {
  CHECK(CsvCell("plain") == "plain");
  CHECK(CsvCell("a,b") == "\"a,b\"");
  CHECK(CsvCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(CsvCell("line\nbreak") == "\"line\nbreak\"");
  CHECK(CsvCell("=1+1") == "'=1+1");
  CHECK(CsvCell("+1") == "'+1");
  CHECK(CsvCell("-1") == "'-1");
  CHECK(CsvCell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(CsvCell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
}

TEST_CASE("a search response becomes CSV rows", "[export]") {
  json r = {{"hits",
             {{{"id", "a"},
               {"date", "2021-09-14"},
               {"title", "T, with comma"},
               {"url", "u"},
               {"source", "S"},
               {"countries", {{{"value", "PK"}}, {{"value", "RU"}}}},
               {"leaders", json::array()},
               {"organisations", {{{"value", "SCO"}}}}}}}};
  CHECK(SearchCsv(r) ==
        "id,date,title,url,source,countries,leaders,organisations\r\n"
        "a,2021-09-14,\"T, with comma\",u,S,PK;RU,,SCO\r\n");
}

TEST_CASE("Atom feeds escape text and carry snippets as escaped HTML", "[export]") {
  CHECK(XmlEscape("<a href='x'>&\"</a>\x01") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  json r = {{"query", "q<"},
            {"hits",
             {{{"id", "x"},
               {"date", "2021-09-14"},
               {"title", "<script>"},
               {"url", ""},
               {"source", ""},
               {"snippet", "<mark>a</mark> &amp; b"}}}}};
  std::string feed = SearchAtom(r, "http://h/api/search.atom?q=q%3C&a=1", "http://h");
  CHECK(feed.find("<title type=\"text\">&lt;script&gt;</title>") != std::string::npos);
  CHECK(feed.find("<summary type=\"html\">&lt;mark&gt;a&lt;/mark&gt; &amp;amp; b</summary>") !=
        std::string::npos);
  CHECK(feed.find("<link rel=\"alternate\" href=\"http://h/api/doc/x\"/>") != std::string::npos);
  CHECK(feed.find("<id>urn:communique:doc:x</id>") != std::string::npos);
  CHECK(feed.find("<updated>2021-09-14T00:00:00Z</updated>") != std::string::npos);
  CHECK(feed.find("?q=q%3C&amp;a=1") != std::string::npos);
}
