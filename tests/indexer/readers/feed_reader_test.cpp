#include "indexer/readers/feed_reader.h"

#include <catch2/catch.hpp>

#include "tests/indexer/readers/collect.h"

using namespace communique;
using communique::testing::Collected;
using communique::testing::SampleFeed;
using communique::testing::SubjectList;

TEST_CASE("RSS 2.0 items map field by field", "[readers][feeds]") {
  const char* rss = R"(<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Ministry of Foreign Affairs &#8211; Press</title>
  <language>en-gb</language>
  <item>
    <title>Talks on the border &amp; trade</title>
    <link>https://mfa.example/press/1</link>
    <guid isPermaLink="false">mfa-press-1</guid>
    <pubDate>Tue, 01 Dec 2026 09:30:00 +0000</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The foreign ministers of Kenya and Ethiopia met.</p><p>They agreed.</p>]]></content:encoded>
  </item>
  <item>
    <title>Statement on Sudan</title>
    <link>https://mfa.example/press/2</link>
    <description>The ministry welcomes the ceasefire in Sudan.</description>
  </item>
  <item><title> </title></item>
</channel>
</rss>)";
  Collected c;
  ReadFeed(rss, "mfa.rss", c.Sink());
  REQUIRE(c.articles.size() == 2);
  const Article& a = c.articles[0];
  CHECK(a.id == "mfa-press-1");
  CHECK(a.url == "https://mfa.example/press/1");
  CHECK(a.title == "Talks on the border & trade");
  CHECK(a.date == "Tue, 01 Dec 2026 09:30:00 +0000");
  CHECK(a.language == "en-gb");
  CHECK(a.source == "Ministry of Foreign Affairs \u2013 Press");
  CHECK(a.body.find("<p>The foreign ministers of Kenya") == 0);  // content:encoded, not the teaser
  CHECK(a.origin == "mfa.rss:6");
  // No guid: the link is the key (the analyser derives it from the url).
  CHECK(c.articles[1].id.empty());
  CHECK(c.articles[1].url == "https://mfa.example/press/2");
  CHECK(c.articles[1].body == "The ministry welcomes the ceasefire in Sudan.");
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0] == "mfa.rss:19: item has no text (no content, description or title)");
}

TEST_CASE("RSS 1.0 (RDF): items beside the channel, rdf:about as key, dc:date",
          "[readers][feeds]") {
  const char* rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://un.example/rss"><title>UN News Desk</title></channel>
  <item rdf:about="https://un.example/story/77">
    <title>Security Council extends mission</title>
    <link>https://un.example/story/77</link>
    <description>The Security Council voted to extend the mission in Mali.</description>
    <dc:date>2026-11-30T18:00:00Z</dc:date>
    <dc:language>fr</dc:language>
  </item>
</rdf:RDF>)";
  Collected c;
  ReadFeed(rdf, "un.rdf", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].id == "https://un.example/story/77");
  CHECK(c.articles[0].date == "2026-11-30T18:00:00Z");
  CHECK(c.articles[0].language == "fr");
  CHECK(c.articles[0].source == "UN News Desk");
}

TEST_CASE("Atom: id, alternate link, published before updated, html and xhtml text",
          "[readers][feeds]") {
  const char* atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title type="html">Ausw&amp;auml;rtiges Amt</title>
  <entry>
    <id>tag:aa.example,2026:1</id>
    <title type="html">Talks in &lt;em&gt;Berlin&lt;/em&gt;</title>
    <link rel="self" href="https://aa.example/self/1"/>
    <link rel="alternate" href="https://aa.example/1"/>
    <updated>2026-12-02T10:00:00Z</updated>
    <published>2026-12-01T08:00:00+01:00</published>
    <summary>Kurz.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Germany and Poland signed a treaty.</p><p>More follows.</p></div></content>
  </entry>
  <entry xml:lang="en">
    <id>tag:aa.example,2026:2</id>
    <title>a &lt; b</title>
    <updated>2026-12-03T10:00:00Z</updated>
    <summary>Only a summary here.</summary>
  </entry>
</feed>)";
  Collected c;
  ReadFeed(atom, "aa.atom", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 2);
  const Article& a = c.articles[0];
  CHECK(a.id == "tag:aa.example,2026:1");
  CHECK(a.url == "https://aa.example/1");
  CHECK(a.title == "Talks in <em>Berlin</em>");  // html: the cleaner strips the tags
  CHECK(a.date == "2026-12-01T08:00:00+01:00");
  CHECK(a.language == "de");
  CHECK(a.source == "Auswärtiges Amt");
  CHECK(a.body.find("<p>Germany and Poland signed a treaty.</p>") != std::string::npos);
  CHECK(c.articles[1].title == "a &lt; b");  // text: escaped so "<" stays a character
  CHECK(c.articles[1].date == "2026-12-03T10:00:00Z");
  CHECK(c.articles[1].language == "en");
  CHECK(c.articles[1].body == "Only a summary here.");
}

TEST_CASE("feeds: not XML, not a feed, hostile XML are refused with path:line: reason",
          "[readers][feeds][hostile]") {
  auto first_error = [](const std::string& doc) {
    Collected c;
    ReadFeed(doc, "h.xml", c.Sink());
    REQUIRE(c.articles.empty());
    REQUIRE(c.errors.size() == 1);
    return c.errors[0];
  };
  CHECK(first_error("<rss><channel><item>").rfind("h.xml:1: malformed XML", 0) == 0);
  CHECK(first_error("<?xml version=\"1.0\"?>\n<opml/>") ==
        "h.xml:2: not a feed (root element <opml>, expected rss, rdf:RDF or Atom feed)");
  // Billion laughs: refused at the first declaration, nothing expanded.
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i < 10; ++i) {
    std::string ten;
    for (int k = 0; k < 10; ++k) ten += "&lol" + (i > 1 ? std::to_string(i - 1) : "") + ";";
    laughs += " <!ENTITY lol" + std::to_string(i) + " \"" + ten + "\">\n";
  }
  laughs += "]>\n<rss><channel><item><description>&lol9;</description></item></channel></rss>";
  CHECK(first_error(laughs) == "h.xml:3: entity declarations are not accepted");
  // External entity: never fetched or read.
  CHECK(first_error("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "
                    "\"file:///etc/passwd\">]>\n<rss><channel><item><description>&x;"
                    "</description></item></channel></rss>")
            .find("entity declarations are not accepted") != std::string::npos);
  // Deep nesting: libxml2's depth limit, not the stack.
  std::string deep = "<rss><channel><item><description>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  CHECK(first_error(deep).find("malformed XML") != std::string::npos);
  // A 12 MB text node: libxml2 2.9.14 takes it, the item is refused as too
  // large (kMaxRecordBytes) and memory stays bounded by kMaxDocumentBytes.
  std::string huge = "<rss><channel><item><description>" + std::string(12u << 20, 'x') +
                     "</description></item></channel></rss>";
  CHECK(first_error(huge) == "h.xml:1: record too large");
  // And past kMaxDocumentBytes nothing is parsed at all.
  CHECK(first_error(std::string(kMaxDocumentBytes + 1, ' ')).find("file too large") !=
        std::string::npos);
}

TEST_CASE("RSS: author names, dc:creator, categories with and without a domain",
          "[readers][feeds][subjects]") {
  const char* rss = R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Desk</title>
  <item>
    <guid>d-1</guid>
    <description>Ministers met.</description>
    <author>jsmith@desk.example (Jane   Smith)</author>
    <author>press@desk.example</author>
    <dc:creator>Ali Khan</dc:creator>
    <dc:creator>ali khan</dc:creator>
    <category>Diplomacy</category>
    <category domain="http://cv.iptc.org/newscodes/mediatopic/">11000000</category>
    <category domain="https://cv.iptc.org/newscodes/subjectcode/">11001000</category>
    <category domain="https://desk.example/sections">World/Africa</category>
    <category> </category>
  </item>
  <item><guid>d-2</guid><description>No byline here.</description></item>
</channel></rss>)";
  Collected c;
  ReadFeed(rss, "desk.rss", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 2);
  const Article& a = c.articles[0];
  // The name in brackets, else the address; repeats (any case) once.
  CHECK(a.authors == std::vector<std::string>{"Jane Smith", "press@desk.example", "Ali Khan"});
  CHECK(SubjectList(a) == std::vector<std::string>{"Diplomacy=Diplomacy", "medtop:11000000=",
                                                   "subj:11001000=", "World/Africa=World/Africa"});
  CHECK(c.articles[1].authors.empty());
  CHECK(c.articles[1].subjects.empty());
}

TEST_CASE("Atom: entry authors, else the source's, else the feed's, and categories by scheme",
          "[readers][feeds][subjects]") {
  const char* atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atlas</title>
  <author><name>Atlas Desk</name></author>
  <entry>
    <id>e1</id><title>One</title><summary>First entry.</summary>
    <author><name>Mei Lin Tan</name><email>mei@atlas.example</email></author>
    <contributor><name>Nguyen Van An</name></contributor>
    <category term="11000000" scheme="http://cv.iptc.org/newscodes/mediatopic/" label="politics"/>
    <category term="medtop:16000000" label="conflict, war and peace"/>
    <category term="Security"/>
    <category term="http://cv.iptc.org/newscodes/genre/Analysis" label="analysis"/>
    <category scheme="https://x.example/" label="label only"/>
  </entry>
  <entry>
    <id>e2</id><title>Two</title><summary>Copied entry.</summary>
    <source><title>Other</title><author><name>Copied Author</name></author></source>
  </entry>
  <entry><id>e3</id><title>Three</title><summary>Feed's author.</summary></entry>
</feed>)";
  Collected c;
  ReadFeed(atom, "atlas.atom", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 3);
  CHECK(c.articles[0].authors == std::vector<std::string>{"Mei Lin Tan", "Nguyen Van An"});
  CHECK(SubjectList(c.articles[0]) ==
        std::vector<std::string>{"medtop:11000000=politics",
                                 "medtop:16000000=conflict, war and peace", "Security=Security",
                                 "genre:Analysis=analysis", "label only=label only"});
  CHECK(c.articles[1].authors == std::vector<std::string>{"Copied Author"});
  CHECK(c.articles[2].authors == std::vector<std::string>{"Atlas Desk"});
  CHECK(c.articles[2].subjects.empty());
}

TEST_CASE("the sample RSS and Atom feeds carry their bylines and subjects",
          "[readers][feeds][subjects]") {
  Collected rss;
  ReadFeed(SampleFeed("ministry-press.rss"), "ministry-press.rss", rss.Sink());
  REQUIRE(rss.errors.empty());
  REQUIRE(rss.articles.size() == 2);
  CHECK(rss.articles[0].authors == std::vector<std::string>{"Amina Odhiambo"});
  CHECK(SubjectList(rss.articles[0]) ==
        std::vector<std::string>{"Diplomacy=Diplomacy", "medtop:11000000="});
  CHECK(rss.articles[1].authors == std::vector<std::string>{"Yusuf Idris"});
  CHECK(SubjectList(rss.articles[1]) == std::vector<std::string>{"medtop:16000000="});

  Collected atom;
  ReadFeed(SampleFeed("foreign-office.atom"), "foreign-office.atom", atom.Sink());
  REQUIRE(atom.errors.empty());
  REQUIRE(atom.articles.size() == 2);
  CHECK(atom.articles[0].authors == std::vector<std::string>{"Mei Lin Tan", "Nguyen Van An"});
  CHECK(SubjectList(atom.articles[0]) ==
        std::vector<std::string>{"medtop:11000000=politics", "South China Sea=South China Sea"});
  CHECK(atom.articles[1].authors == std::vector<std::string>{"Rédaction Atlas"});  // the feed's
  CHECK(SubjectList(atom.articles[1]) == std::vector<std::string>{"securite=Sécurité"});
}
