#include "searcher/exporters.h"

#include <catch2/catch.hpp>

#include "indexer/readers/feed_reader.h"
#include "tests/indexer/readers/collect.h"

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
  json r = {
      {"hits",
       {{{"id", "a"},
         {"date", "2021-09-14"},
         {"title", "T, with comma"},
         {"url", "u"},
         {"source", "S"},
         {"countries", {{{"value", "PK"}, {"label", "Pakistan"}}, {{"value", "RU"}}}},
         {"leaders", {{{"value", "recep-tayyip-erdogan"}, {"label", "Recep Tayyip Erdoğan"}}}},
         {"organisations", {{{"value", "SCO"}}}},
         {"authors", {"Jane Smith", "Ken Sato"}},
         {"subjects", {{{"value", "medtop:11000000"}, {"label", "politics"}}}},
         {"snippet", "<mark>Erdoğan</mark> &amp; Sharif &lt;met&gt; &quot;twice&quot;"}}}}};
  CHECK(SearchCsv(r) ==
        "\xEF\xBB\xBF"  // the BOM: Excel then reads UTF-8 ("Erdoğan", not "ErdoÄŸan")
        "id,date,title,url,source,countries,country_codes,leaders,leader_ids,organisations,"
        "organisation_ids,authors,subjects,subject_codes,snippet\r\n"
        "a,2021-09-14,\"T, with comma\",u,S,Pakistan;RU,PK;RU,Recep Tayyip Erdoğan,"
        "recep-tayyip-erdogan,SCO,SCO,Jane Smith;Ken Sato,politics,medtop:11000000,\"Erdoğan & "
        "Sharif <met> \"\"twice\"\"\"\r\n");
}

TEST_CASE("a failed export is a CSV naming the error", "[export]") {
  CHECK(CsvError("AND needs something on both sides, e.g. a, b") ==
        "\xEF\xBB\xBF"
        "error\r\n\"AND needs something on both sides, e.g. a, b\"\r\n");
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
  std::string feed =
      SearchAtom(r, "http://h/api/search.atom?q=q%3C&a=1", "http://h", "2026-12-03T10:00:00Z");
  CHECK(feed.find("<title type=\"text\">&lt;script&gt;</title>") != std::string::npos);
  CHECK(feed.find("<summary type=\"html\">&lt;mark&gt;a&lt;/mark&gt; &amp;amp; b</summary>") !=
        std::string::npos);
  // Without a URL of its own, an article links to its page on the server.
  CHECK(feed.find("<link rel=\"alternate\" href=\"http://h/doc/x\"/>") != std::string::npos);
  CHECK(feed.find("<id>urn:communique:doc:x</id>") != std::string::npos);
  CHECK(feed.find("<updated>2021-09-14T00:00:00Z</updated>") != std::string::npos);
  CHECK(feed.find("?q=q%3C&amp;a=1") != std::string::npos);
}

TEST_CASE("Atom feeds carry bylines (else the source) and subjects as categories",
          "[export][subjects]") {
  json r = {{"hits",
             {{{"id", "a"},
               {"title", "t"},
               {"source", "Wire"},
               {"authors", {"Jane <Smith>", ""}},
               {"subjects",
                {{{"value", "medtop:11000000"}, {"label", "politics & \"more\""}}, {{"x", 1}}}}},
              {{"id", "b"}, {"title", "u"}, {"source", "Wire"}}}}};
  std::string feed = SearchAtom(r, "http://h/s.atom", "http://h", "2026-12-03T10:00:00Z");
  size_t second = feed.find("<entry>", feed.find("<entry>") + 1);
  REQUIRE(second != std::string::npos);
  std::string a = feed.substr(0, second), b = feed.substr(second);
  CHECK(a.find("<author><name>Jane &lt;Smith&gt;</name></author>") != std::string::npos);
  CHECK(a.find("<author><name>Wire</name></author>") == std::string::npos);
  CHECK(a.find("<category term=\"medtop:11000000\" label=\"politics &amp; &quot;more&quot;\"/>") !=
        std::string::npos);
  CHECK(b.find("<author><name>Wire</name></author>") != std::string::npos);
  CHECK(b.find("<category") == std::string::npos);
}

TEST_CASE("an exported Atom feed read back keeps its bylines and subjects", "[export][subjects]") {
  json r = {{"hits",
             {{{"id", "a"},
               {"title", "t"},
               {"snippet", "Text."},
               {"authors", {"Mei Lin Tan", "Nguyen Van An"}},
               {"subjects",
                {{{"value", "medtop:11000000"}, {"label", "politics"}},
                 {{"value", "sahel"}, {"label", "Sahel"}}}}}}}};
  testing::Collected c;
  ReadFeed(SearchAtom(r, "http://h/s.atom", "http://h", "2026-12-03T10:00:00Z"), "s.atom",
           c.Sink());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].authors == std::vector<std::string>{"Mei Lin Tan", "Nguyen Van An"});
  CHECK(testing::SubjectList(c.articles[0]) ==
        std::vector<std::string>{"medtop:11000000=politics", "sahel=Sahel"});
}

TEST_CASE("Atom dates: an empty feed or an undated article is dated now, never 1970", "[export]") {
  std::string empty = SearchAtom({{"query", "nothing"}, {"hits", json::array()}},
                                 "https://news.example.org/api/search.atom?q=nothing",
                                 "https://news.example.org", "2026-12-03T10:00:00Z");
  CHECK(empty.find("1970") == std::string::npos);
  CHECK(empty.find("<updated>2026-12-03T10:00:00Z</updated>") != std::string::npos);
  std::string undated =
      SearchAtom({{"hits", {{{"id", "a/b c"}, {"title", "t"}}}}},
                 "https://n.example/api/search.atom", "https://n.example", "2026-12-03T10:00:00Z");
  CHECK(undated.find("1970") == std::string::npos);
  CHECK(undated.find("href=\"https://n.example/doc/a%2Fb%20c\"") != std::string::npos);
}
