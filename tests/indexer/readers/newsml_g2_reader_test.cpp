#include "indexer/readers/newsml_g2_reader.h"

#include <catch2/catch.hpp>

#include "tests/indexer/readers/collect.h"

using namespace communique;
using communique::testing::Collected;
using communique::testing::SampleFeed;
using communique::testing::SubjectList;

namespace {
const char kMessage[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2026-12-03T10:00:00Z</sent></header>
  <itemSet>
    <packageItem guid="urn:cw:pkg:1" version="1" standard="NewsML-G2" standardversion="2.31">
      <groupSet root="root"><group id="root"><itemRef residref="urn:cw:2026:7"/></group></groupSet>
    </packageItem>
    <newsItem guid="urn:cw:2026:7" version="2" standard="NewsML-G2" standardversion="2.31" xml:lang="en">
      <rightsInfo><copyrightHolder><name>Communique Wire</name></copyrightHolder></rightsInfo>
      <itemMeta>
        <itemClass qcode="ninat:text"/>
        <provider qcode="nprov:CW"/>
        <versionCreated>2026-12-03T09:45:00Z</versionCreated>
      </itemMeta>
      <contentMeta>
        <contentCreated>2026-12-03T09:00:00Z</contentCreated>
        <located qcode="geo:geneva"><name>Geneva</name></located>
        <subject type="cpnat:abstract" qcode="medtop:11000000"><name>politics</name></subject>
        <language tag="en-GB"/>
        <headline>Geneva talks on Yemen adjourn</headline>
        <dateline>GENEVA, Dec 3</dateline>
      </contentMeta>
      <contentSet>
        <inlineXML contenttype="application/xhtml+xml">
          <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Repeated headline</title></head>
          <body><p>Talks on Yemen adjourned in Geneva.</p><p>They resume next week.</p></body></html>
        </inlineXML>
      </contentSet>
    </newsItem>
    <newsItem guid="urn:cw:2026:8" version="1" standard="NewsML-G2">
      <contentMeta><headline>Picture only</headline></contentMeta>
      <contentSet><remoteContent href="https://wire.example/p.jpg"/></contentSet>
    </newsItem>
  </itemSet>
</newsMessage>)";
}  // namespace

TEST_CASE("NewsML-G2 newsMessage: newsItems map field by field, packageItems yield nothing",
          "[readers][newsml]") {
  Collected c;
  ReadNewsMlG2(kMessage, "w.xml", c.Sink());
  REQUIRE(c.articles.size() == 1);
  const Article& a = c.articles[0];
  CHECK(a.id == "urn:cw:2026:7");
  CHECK(a.title == "Geneva talks on Yemen adjourn");
  CHECK(a.date == "2026-12-03T09:00:00Z");  // contentCreated before versionCreated
  CHECK(a.language == "en-GB");
  CHECK(a.dateline == "GENEVA, Dec 3");
  CHECK(a.source == "Communique Wire");
  CHECK(a.body.find("Talks on Yemen adjourned in Geneva.") != std::string::npos);
  CHECK(a.body.find("Repeated headline") == std::string::npos);  // only the XHTML body
  CHECK(a.origin == "w.xml:8");
  REQUIRE(c.errors.size() == 1);
  CHECK(c.errors[0] == "w.xml:30: newsItem has no inline text (remote content is not fetched)");
}

TEST_CASE("NewsML-G2 newsItem alone, inlineData text, other roots refused", "[readers][newsml]") {
  const char* item =
      R"(<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g1" xml:lang="fr">
  <itemMeta><versionCreated>2026-12-01T12:00:00Z</versionCreated><provider literal="AFP-like"/></itemMeta>
  <contentMeta><located><name>Paris</name></located></contentMeta>
  <contentSet><inlineData contenttype="text/plain">Le ministre a reçu son homologue.</inlineData></contentSet>
</newsItem>)";
  Collected c;
  ReadNewsMlG2(item, "i.xml", c.Sink());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].language == "fr");
  CHECK(c.articles[0].date == "2026-12-01T12:00:00Z");
  CHECK(c.articles[0].dateline == "Paris");
  CHECK(c.articles[0].source == "AFP-like");
  CHECK(c.articles[0].body == "Le ministre a reçu son homologue.");
  Collected bad;
  ReadNewsMlG2("<nitf/>", "n.xml", bad.Sink());
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].rfind("n.xml:1: not NewsML-G2", 0) == 0);
}

TEST_CASE("NewsML-G2: creators and contributors by name, subjects by qcode or uri",
          "[readers][newsml][subjects]") {
  const char* item = R"(<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:cw:9" version="1"
          standard="NewsML-G2" xml:lang="fr">
  <contentMeta>
    <creator qcode="cwstaff:jm"><name>Julien Moreau</name></creator>
    <creator literal="Communique Wire"/>
    <creator qcode="cwstaff:nobody"/>
    <contributor role="ctrol:editor"><name>Kenji Sato</name></contributor>
    <by>By someone else</by>
    <subject type="cpnat:abstract" qcode="medtop:11000000">
      <name xml:lang="en">politics</name><name xml:lang="fr">politique</name>
    </subject>
    <subject type="cpnat:abstract" uri="http://cv.iptc.org/newscodes/mediatopic/16000000"/>
    <subject literal="Sahel"><name>Sahel</name></subject>
    <subject/>
    <headline>Réunion à Dakar</headline>
  </contentMeta>
  <contentSet><inlineData contenttype="text/plain">DAKAR: Les ministres se sont réunis.</inlineData></contentSet>
</newsItem>)";
  Collected c;
  ReadNewsMlG2(item, "g2.xml", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 1);
  const Article& a = c.articles[0];
  // <by> only when no creator or contributor names anyone.
  CHECK(a.authors == std::vector<std::string>{"Julien Moreau", "Communique Wire", "Kenji Sato"});
  // The name in the item's language (xml:lang="fr").
  CHECK(SubjectList(a) ==
        std::vector<std::string>{"medtop:11000000=politique", "medtop:16000000=", "Sahel=Sahel"});
}

TEST_CASE("NewsML-G2: a free-text <by> when no creator is named", "[readers][newsml][subjects]") {
  const char* item = R"(<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:cw:10">
  <contentMeta><by>By Aminata Diallo</by><creator qcode="cwstaff:x"/><headline>H</headline></contentMeta>
  <contentSet><inlineData contenttype="text/plain">Text.</inlineData></contentSet>
</newsItem>)";
  Collected c;
  ReadNewsMlG2(item, "g2.xml", c.Sink());
  REQUIRE(c.articles.size() == 1);
  CHECK(c.articles[0].authors == std::vector<std::string>{"By Aminata Diallo"});
  CHECK(c.articles[0].subjects.empty());
}

TEST_CASE("the sample NewsML-G2 message carries its bylines and subjects",
          "[readers][newsml][subjects]") {
  Collected c;
  ReadNewsMlG2(SampleFeed("wire-message.newsml.xml"), "wire-message.newsml.xml", c.Sink());
  REQUIRE(c.errors.empty());
  REQUIRE(c.articles.size() == 2);
  CHECK(c.articles[0].authors == std::vector<std::string>{"Julien Moreau"});
  CHECK(SubjectList(c.articles[0]) == std::vector<std::string>{"medtop:11000000=politics"});
  CHECK(c.articles[1].authors == std::vector<std::string>{"Ji-woo Park", "Kenji Sato"});
  CHECK(SubjectList(c.articles[1]) ==
        std::vector<std::string>{"medtop:11000000=politics", "medtop:16000000="});
}
