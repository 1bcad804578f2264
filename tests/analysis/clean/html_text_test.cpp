#include "analysis/clean/html_text.h"

#include <catch2/catch.hpp>

using namespace communique;

TEST_CASE("DecodeEntities handles named, numeric and broken references", "[clean]") {
  CHECK(DecodeEntities("AT&amp;T &lt;b&gt; &quot;q&quot; &#8217; &#x2014; &nbsp;") ==
        "AT&T <b> \"q\" \u2019 \u2014 \u00a0");
  CHECK(DecodeEntities("Erdo&#287;an &eacute;") == "Erdoğan é");
  CHECK(DecodeEntities("&unknown; & alone &#; &#xZZ;") == "&unknown; & alone &#; &#xZZ;");
  CHECK(DecodeEntities("&#0; &#x110000;") == "\uFFFD \uFFFD");
  CHECK(DecodeEntities("&#150;") == "\u2013");  // Windows-1252 in a numeric reference
}

TEST_CASE("EscapeHtml and UnescapeBasicHtml are inverse on what EscapeHtml makes", "[clean]") {
  std::string s = "<script>alert('x') & \"y\"</script>";
  CHECK(EscapeHtml(s) == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(UnescapeBasicHtml(EscapeHtml(s)) == s);
  CHECK(UnescapeBasicHtml("&eacute;&amp;lt;") == "&eacute;&lt;");
}

TEST_CASE("StripMarkup removes the seed's editor debris and keeps the text", "[clean]") {
  std::string seed =
      "cooperation (SCO).\n\n<span data-mce-type=\"bookmark\" style=\"display: inline-block; "
      "width: 0px; overflow: hidden; line-height: 0;\" class=\"mce_SELRES_start\"></span> "
      "<span data-mce-type=\"bookmark\" class=\"mce_SELRES_start\"></span>\n\nPM Imran Khan";
  std::string out = StripMarkup(seed);
  CHECK(out.find("data-mce") == std::string::npos);
  CHECK(out.find("span") == std::string::npos);
  CHECK(out.find("cooperation (SCO).") != std::string::npos);
  CHECK(out.find("PM Imran Khan") != std::string::npos);
}

TEST_CASE("StripMarkup keeps a '<' that is not a tag and drops scripts and comments", "[clean]") {
  CHECK(StripMarkup("if a < b and c > d") == "if a < b and c > d");
  CHECK(StripMarkup("x<script>var a = '<p>';</script>y") == "xy");
  CHECK(StripMarkup("x<!-- hidden -->y") == "xy");
  CHECK(StripMarkup("one<p>two</p>three") == "one\n\ntwo\n\nthree");
  CHECK(StripMarkup("unterminated <b") == "unterminated <b");
}

TEST_CASE("ParseHtmlPage takes title, date, canonical url and the article only", "[clean]") {
  std::string html = R"(<!doctype html><html lang="en"><head>
    <title>Talks resume | Site</title>
    <meta property="article:published_time" content="2023-05-10T08:00:00Z">
    <link rel="canonical" href="https://example.org/a?x=1&amp;y=2">
    <style>body { color: red }</style><script>var putin = 1;</script></head>
    <body><nav>Home &middot; World</nav><header>Breaking</header>
    <article><h1>Talks resume in Goa</h1><p>Ministers met&nbsp;on Thursday &amp; agreed.</p>
    <aside>Related: other news</aside><p>Second paragraph.</p></article>
    <footer>&copy; Site</footer></body></html>)";
  HtmlPage page = ParseHtmlPage(html);
  CHECK(page.title == "Talks resume | Site");
  CHECK(page.headline == "Talks resume in Goa");
  CHECK(page.date == "2023-05-10T08:00:00Z");
  CHECK(page.canonical == "https://example.org/a?x=1&y=2");
  CHECK(page.language == "en");
  CHECK(page.body.find("Ministers met\u00a0on Thursday & agreed.") != std::string::npos);
  CHECK(page.body.find("Second paragraph.") != std::string::npos);
  for (const char* junk : {"Home", "Breaking", "Related", "putin", "color", "Site"}) {
    INFO(junk);
    CHECK(page.body.find(junk) == std::string::npos);
  }
}

TEST_CASE("ParseHtmlPage survives broken markup", "[clean]") {
  HtmlPage page = ParseHtmlPage("<p>text <b>bold <i>unclosed <a href='x>y'>link</p><div");
  CHECK(page.body.find("text") != std::string::npos);
  CHECK(page.body.find("link") != std::string::npos);
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  deep += "deep text";
  CHECK(ParseHtmlPage(deep).body.find("deep text") != std::string::npos);
}
