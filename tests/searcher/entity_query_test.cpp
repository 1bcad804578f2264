#include "searcher/entity_query.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "analysis/language/analyzer.h"
#include "tests/support/test_support.h"

using namespace communique;
using Q = Xapian::Query;
using Strings = std::vector<std::string>;

namespace {

const EntityQuery& Entities() {
  static const EntityQuery entities(testing::ShippedSchema(), testing::ShippedGazetteer());
  return entities;
}

// With the relaxed match on (off by default; see EntityWeights::relaxed).
const EntityQuery& Relaxing() {
  static const EntityQuery entities = [] {
    EntityWeights w;
    w.relaxed = 1.5;
    return EntityQuery(testing::ShippedSchema(), testing::ShippedGazetteer(), w);
  }();
  return entities;
}

// "kind:id" for every entity Find() reports, e.g. "0:PK".
std::set<std::string> Named(std::string_view text) {
  std::set<std::string> out;
  for (const QueryEntity& e : Entities().Find(text).entities) {
    for (const std::string& id : e.ids)
      out.insert(std::to_string(static_cast<int>(e.kind)) + ":" + id);
  }
  return out;
}

// An n-ary query; Xapian's constructor takes iterators, not a list.
Q Op(Q::op op, std::vector<Q> subs) { return Q(op, subs.begin(), subs.end()); }

bool Has(const Q& q, const std::string& fragment) {
  return q.get_description().find(fragment) != std::string::npos;
}

// The query QueryBuilder makes of "pakistan" (a word and its entity
// synonym), without needing a database.
Q PakistanWords() { return Q(Q::OP_SYNONYM, Q("Zpakistan", 1, 1), Q("XNpk", 1, 1)); }

// A small in-memory index laid out as DocumentBuilder lays articles out:
// words with "Z" stems, entity terms with wdf = mentions, the date value.
struct Index {
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  void Add(const std::string& key, const Strings& words, const Strings& entities,
           const std::string& date) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    for (const std::string& w : words) {
      doc.add_posting(w, ++pos);
      doc.add_term("Z" + Analyzer::For("en").Stem(w));
    }
    for (const std::string& e : entities) doc.add_term(e, 3);
    doc.add_boolean_term("Q" + key);
    doc.add_value(testing::ShippedSchema().Slot("date"), date);
    doc.set_data(key);
    db.add_document(doc);
  }
  Strings Search(const Q& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    Strings keys;
    Xapian::MSet mset = e.get_mset(0, 100);
    for (auto m = mset.begin(); m != mset.end(); ++m) keys.push_back(m.get_document().get_data());
    return keys;
  }
};

}  // namespace

TEST_CASE("entities are found by name, demonym and acronym, in any case", "[entity_query]") {
  CHECK(Named("Pakistan earthquake") == std::set<std::string>{"0:PK"});
  CHECK(Named("pakistani floods") == std::set<std::string>{"0:PK"});
  CHECK(Named("Putin") == std::set<std::string>{"1:vladimir-putin"});
  CHECK(Named("imf loan") == std::set<std::string>{"2:IMF"});
  CHECK(Named("Shanghai Cooperation Organisation") == std::set<std::string>{"2:SCO"});
  // The longest alias wins: the organisation, not the city or a country.
  CHECK(Named("Soviet Union grain") == std::set<std::string>{"0:SU"});
}

TEST_CASE("acronyms that are words count only in capitals", "[entity_query]") {
  CHECK(Named("who said it").empty());
  CHECK(Named("WHO vaccines") == std::set<std::string>{"2:WHO"});
  CHECK(Named("us trade").empty());
  CHECK(Named("US trade") == std::set<std::string>{"0:US"});
}

TEST_CASE("excluded words, field values and blockers name nothing", "[entity_query]") {
  CHECK(Named("trade -pakistan").empty());
  CHECK(Named("trade NOT pakistan").empty());
  CHECK(Named("country:pakistan trade").empty());
  CHECK(Named("New Mexico drought").empty());
  CHECK(Named("Mexico drought") == std::set<std::string>{"0:MX"});
}

TEST_CASE("role phrases in three word orders", "[entity_query]") {
  for (const char* text : {"the Russian president", "Russian president", "president of Russia",
                           "the president of Russia"}) {
    INFO(text);
    QueryEntities found = Entities().Find(text);
    REQUIRE(found.roles.size() == 1);
    CHECK(found.roles[0].id == "RU");
    CHECK(found.roles[0].role == "president");
    CHECK(found.entities.empty());  // the country is the role's, not boosted on its own
  }
  QueryEntities pm = Entities().Find("Pakistan's prime minister budget");
  REQUIRE(pm.roles.size() == 1);
  CHECK(pm.roles[0].id == "PK");
  CHECK(pm.roles[0].role == "prime minister");
  CHECK(pm.roles[0].first_token == 0);
  CHECK(pm.roles[0].end_token == 3);
  // "the" before the role belongs to it, so its term is widened with it.
  QueryEntities the = Entities().Find("the Russian president");
  CHECK(the.roles[0].words == Strings{"the", "russian", "president"});
  // Nobody holds the office in the gazetteer: an ordinary country mention.
  QueryEntities none = Entities().Find("Pakistani emir");
  CHECK(none.roles.empty());
  CHECK(none.entities.size() == 1);
}

TEST_CASE("role holders are their leader terms within their terms in office", "[entity_query]") {
  Q q = Entities().RoleHolders(EntityKind::kCountry, "RU", "president");
  // Putin's first presidency ends the day before Medvedev's starts
  // (2008-05-07); his present one has no end.
  CHECK(Has(q, "XLvladimir-putin FILTER VALUE_RANGE 0 19991231 20080506"));
  CHECK(Has(q, "XLvladimir-putin FILTER VALUE_GE 0 20120507"));
  CHECK(Has(q, "XLdmitry-medvedev FILTER VALUE_RANGE 0 20080507 20120506"));
  CHECK(Has(q, "XLboris-yeltsin"));
  CHECK_FALSE(Has(q, "prime"));
  CHECK(Entities().RoleHolders(EntityKind::kCountry, "RU", "emir").empty());
  CHECK(Entities().RoleHolders(EntityKind::kCountry, "ZZ", "president").empty());
}

TEST_CASE("a query that names nothing is left as it was", "[entity_query]") {
  Q parsed(Q::OP_AND, Q("Zearthquak", 1, 1), Q("Zrelief", 1, 2));
  CHECK(Entities().Apply(parsed, "earthquake relief").get_description() ==
        parsed.get_description());
  CHECK(Entities().Apply(Q(std::string()), "").get_description() ==
        Q(std::string()).get_description());
}

TEST_CASE("a named country adds its salient and dateline terms as a boost", "[entity_query]") {
  Q q = Entities().Apply(PakistanWords(), "Pakistan");
  REQUIRE(q.get_type() == Q::OP_AND_MAYBE);
  CHECK(q.get_subquery(0).get_description() == PakistanWords().get_description());
  CHECK(Has(q.get_subquery(1), "XCpk"));
  CHECK(Has(q.get_subquery(1), "XPpk"));
  // A historical state that stood for the country is boosted with it.
  CHECK(Has(Entities().Apply(Q("Zgermani"), "Germany"), "XCxg"));
  CHECK(Has(Entities().Apply(Q("Zimf"), "IMF"), "XOimf"));
  CHECK(Has(Entities().Apply(Q("Zputin"), "putin"), "XLvladimir-putin"));
  // A term the parsed query already holds (its alias synonyms) is boosted
  // as a synonym of itself, never as a second plain leaf.
  Q putin(Q::OP_SYNONYM, Q("Zputin", 1, 1), Q("XLvladimir-putin", 1, 1));
  CHECK(Has(Entities().Apply(putin, "Putin"),
            "AND_MAYBE (XLvladimir-putin SYNONYM XLvladimir-putin)"));
}

TEST_CASE("by default every word stays required", "[entity_query]") {
  Q parsed = Op(Q::OP_AND, {PakistanWords(), Q("Zcrude", 1, 2), Q("Zoil", 1, 3)});
  CHECK_FALSE(Has(Entities().Apply(parsed, "Pakistan crude oil"), "0 * XCpk AND"));
}

TEST_CASE("the other words of a country query are relaxed for articles about it",
          "[entity_query]") {
  Q parsed = Op(Q::OP_AND, {PakistanWords(), Q("Zcrude", 1, 2), Q("Zoil", 1, 3)});
  Q q = Relaxing().Apply(parsed, "Pakistan crude oil");
  // Every conjunct still matches as before, or an article about Pakistan
  // with any of the other words.
  CHECK(Has(q, "(0 * XCpk AND (Zcrude@2 OR Zoil@3))"));
  // Filters keep applying to the relaxed matches.
  Q filtered(Q::OP_FILTER, parsed, Q("XSwire"));
  CHECK(Has(Relaxing().Apply(filtered, "Pakistan crude oil"), "FILTER XSwire"));
}

TEST_CASE("a role phrase is widened where it stands in the query", "[entity_query]") {
  Q phrase = Op(Q::OP_PHRASE, {Q("the", 1, 1), Q("russian", 1, 2), Q("president", 1, 3)});
  Q alone = Relaxing().Apply(phrase, "\"the Russian president\"");
  REQUIRE(alone.get_type() == Q::OP_OR);
  CHECK(alone.get_subquery(0).get_description() == phrase.get_description());
  CHECK(Has(alone.get_subquery(1), "XLvladimir-putin"));

  Q words = Op(Q::OP_AND, {Q("Zrussian", 1, 1), Q("Zpresid", 1, 2), Q("Zukrain", 1, 3)});
  Q q = Relaxing().Apply(words, "Russian president Ukraine");
  // Ukraine still has to match; the role stands in for its two words.
  // (Ukraine is a country, so articles about it with either word join.)
  REQUIRE(q.get_type() == Q::OP_AND_MAYBE);
  Q matched = q.get_subquery(0);
  REQUIRE(matched.get_type() == Q::OP_OR);
  Q all_words = matched.get_subquery(0);
  REQUIRE(all_words.get_type() == Q::OP_AND);
  CHECK(all_words.get_subquery(0).get_description().rfind("Query(((Zrussian@1 AND Zpresid@2) OR",
                                                          0) == 0);
  CHECK(Has(all_words.get_subquery(0), "XLvladimir-putin"));
  CHECK(all_words.get_subquery(1).get_description() == "Query(Zukrain@3)");
  CHECK(Has(matched.get_subquery(1), "0 * (XCua OR XCsu) AND"));  // the USSR stood for Ukraine
}

TEST_CASE("boosted queries rank articles about a country above passing mentions",
          "[entity_query]") {
  Index idx;
  // Same words, same length: only the entity terms tell them apart.
  idx.Add("passing", {"pakistan", "trade", "talks"}, {"XNpk", "XNin", "XCin"}, "20210914");
  idx.Add("about", {"pakistan", "trade", "talks"}, {"XNpk", "XCpk", "XNin"}, "20210914");
  idx.Add("other", {"india", "trade", "talks"}, {"XNin", "XCin"}, "20210914");
  Q parsed(Q::OP_AND, PakistanWords(), Q("Ztrade", 1, 2));
  CHECK(idx.Search(parsed).size() == 2);
  // Plain BM25 cannot tell the two Pakistan articles apart; with the boost
  // the article about Pakistan comes first, and nothing is lost.
  CHECK(idx.Search(Entities().Apply(parsed, "Pakistan trade")) == Strings{"about", "passing"});
}

TEST_CASE("a role phrase finds the holder's articles by date, and only those", "[entity_query]") {
  Index idx;
  idx.Add("putin-president", {"kremlin", "talks"}, {"XLvladimir-putin"}, "20210914");
  idx.Add("putin-premier", {"kremlin", "talks"}, {"XLvladimir-putin"}, "20090301");
  idx.Add("medvedev", {"kremlin", "talks"}, {"XLdmitry-medvedev"}, "20090301");
  idx.Add("words", {"the", "russian", "president", "said"}, {}, "20210914");
  Q phrase = Op(Q::OP_PHRASE, {Q("the", 1, 1), Q("russian", 1, 2), Q("president", 1, 3)});
  CHECK(idx.Search(phrase) == Strings{"words"});
  Strings found = idx.Search(Entities().Apply(phrase, "\"the Russian president\""));
  std::sort(found.begin(), found.end());
  CHECK(found == Strings{"medvedev", "putin-president", "words"});
}

// Issue 14: role phrases of every language and the organisations' offices,
// read by the recogniser (EntityRecognizer::FindRoles).
TEST_CASE("a Chinese president phrase holds Hu Jintao 2003-2013 and Jiang Zemin before",
          "[entity_query]") {
  for (const char* phrase : {"Chinese president", "国家主席", "председатель КНР"}) {
    INFO(phrase);
    QueryEntities found = Entities().Find(phrase);
    std::vector<RoleExpansion> x = Entities().RoleExpansions(found, {"20050101", "20051231"});
    REQUIRE(x.size() == 1);
    REQUIRE(x[0].holders.size() == 1);
    CHECK(x[0].holders[0].value == "hu-jintao");
    CHECK(x[0].holders[0].from == "2003-03-15");
    CHECK(x[0].holders[0].to == "2013-03-14");
  }
  // Across both handovers, the latest first.
  std::vector<RoleExpansion> x =
      Entities().RoleExpansions(Entities().Find("Chinese president"), {"20000101", "20141231"});
  REQUIRE(x.size() == 1);
  std::vector<std::string> holders;
  for (const auto& h : x[0].holders) holders.push_back(h.value);
  CHECK(holders == std::vector<std::string>{"xi-jinping", "hu-jintao", "jiang-zemin"});
}

TEST_CASE("role phrases in other languages and of organisations", "[entity_query]") {
  struct Case {
    const char* text;
    EntityKind kind;
    const char* id;
    const char* role;
  };
  for (const Case& c :
       {Case{"UN secretary-general", EntityKind::kOrganisation, "UN", "secretary-general"},
        Case{"президент России", EntityKind::kCountry, "RU", "president"},
        Case{"国家主席", EntityKind::kCountry, "CN", "president"},
        Case{"le président français", EntityKind::kCountry, "FR", "president"},
        Case{"German chancellor", EntityKind::kCountry, "DE", "chancellor"},
        Case{"Russian foreign minister", EntityKind::kCountry, "RU", "foreign minister"}}) {
    INFO(c.text);
    QueryEntities found = Entities().Find(c.text);
    REQUIRE(found.roles.size() == 1);
    CHECK(found.roles[0].kind == c.kind);
    CHECK(found.roles[0].id == c.id);
    CHECK(found.roles[0].role == c.role);
    CHECK(found.entities.empty());  // the country or body is the role's
  }
  QueryEntities sg = Entities().Find("the UN secretary-general on Gaza");
  REQUIRE(sg.roles.size() == 1);
  CHECK(sg.roles[0].written == "UN secretary-general");
  CHECK(sg.roles[0].words == Strings{"un", "secretary", "general"});
  // Excluded or inside a field, a role phrase names no one.
  CHECK(Entities().Find("talks -\"UN secretary-general\"").roles.empty());
  CHECK(Entities().Find("talks NOT президент России").roles.empty());
}

TEST_CASE("an organisation's office is its heads' terms at the body", "[entity_query]") {
  Q q = Entities().RoleHolders(EntityKind::kOrganisation, "UN", "secretary-general");
  CHECK(Has(q, "XLantonio-guterres FILTER VALUE_GE 0 20170101"));
  // Guterres's national office (Portugal's prime minister) is not the UN's.
  CHECK_FALSE(
      Has(Entities().RoleHolders(EntityKind::kCountry, "PT", "secretary-general"), "guterres"));
  // "NATO chief": any office at its head while it has one head.
  CHECK(
      Has(Entities().RoleHolders(EntityKind::kOrganisation, "NATO", "head"), "XLjens-stoltenberg"));
  // The EU's three presidents at once: "the EU chief" is none of them.
  CHECK(Entities().RoleHolders(EntityKind::kOrganisation, "EU", "head").empty());
}

TEST_CASE("a date window keeps the holders whose terms overlap it", "[entity_query]") {
  Q y2021 =
      Entities().RoleHolders(EntityKind::kCountry, "RU", "president", {"20210101", "20211231"});
  CHECK(Has(y2021, "XLvladimir-putin FILTER VALUE_GE 0 20120507"));
  CHECK_FALSE(Has(y2021, "medvedev"));
  CHECK_FALSE(Has(y2021, "yeltsin"));
  CHECK_FALSE(Has(y2021, "19991231"));  // Putin's first presidency
  // A window across a handover holds both holders, the latest first.
  QueryEntities found = Entities().Find("president of Russia");
  std::vector<RoleExpansion> x = Entities().RoleExpansions(found, {"20110101", "20131231"});
  REQUIRE(x.size() == 1);
  CHECK(x[0].phrase == "president of Russia");
  CHECK(x[0].role == "president");
  CHECK(x[0].of.value == "RU");
  CHECK(x[0].of.label == "Russia");
  REQUIRE(x[0].holders.size() == 2);
  CHECK(x[0].holders[0].value == "vladimir-putin");
  CHECK(x[0].holders[0].from == "2012-05-07");
  CHECK(x[0].holders[0].to.empty());
  CHECK(x[0].holders[1].value == "dmitry-medvedev");
  CHECK(x[0].holders[1].to == "2012-05-07");
  // No holder in the window: nothing to show, and the query is not widened.
  CHECK(Entities().RoleExpansions(found, {"17000101", "17001231"}).empty());
  Q words = Op(Q::OP_AND, {Q("Zpresid", 1, 1), Q("Zrussia", 1, 2)});
  CHECK(Entities().Apply(words, found, {"17000101", "17001231"}).get_description() ==
        words.get_description());
}

TEST_CASE("a role phrase of another language or a body finds the holder's articles",
          "[entity_query]") {
  Index idx;
  idx.Add("guterres-2021", {"gaza", "ceasefire"}, {"XLantonio-guterres"}, "20210514");
  idx.Add("guterres-2015", {"refugees"}, {"XLantonio-guterres"}, "20150601");  // UNHCR then
  idx.Add("words", {"un", "secretary", "general"}, {}, "20210514");
  idx.Add("other", {"gaza"}, {"XLvladimir-putin"}, "20210514");
  Q phrase = Op(Q::OP_PHRASE, {Q("un", 1, 1), Q("secretary", 1, 2), Q("general", 1, 3)});
  Strings found = idx.Search(Entities().Apply(phrase, "UN secretary-general"));
  std::sort(found.begin(), found.end());
  CHECK(found == Strings{"guterres-2021", "words"});

  // «президент России»: Russian words, stemmed as QueryBuilder stems them;
  // each conjunct is the phrase's, so the holders are an alternative to
  // the whole conjunction.
  Q russian = Op(Q::OP_AND, {Q("Zпрезидент", 1, 1), Q("Zросс", 1, 2)});
  Q q = Entities().Apply(russian, "президент России");
  REQUIRE(q.get_type() == Q::OP_OR);
  CHECK(q.get_subquery(0).get_description() == russian.get_description());
  CHECK(Has(q.get_subquery(1), "XLvladimir-putin"));
  // With another word, that word still has to match.
  Q sanctions = Op(Q::OP_AND, {Q("Zпрезидент", 1, 1), Q("Zросс", 1, 2), Q("Zsanction", 1, 3)});
  Q constrained = Entities().Apply(sanctions, "президент России sanctions");
  REQUIRE(constrained.get_type() == Q::OP_AND);
  CHECK(Has(constrained, "Zsanction"));
  CHECK(Has(constrained, "XLvladimir-putin"));
}

TEST_CASE("the rewritten query is made of Xapian's own parts (remote shards)", "[entity_query]") {
  Q parsed = Op(Q::OP_AND, {Q("Zrussian", 1, 1), Q("Zpresid", 1, 2), PakistanWords()});
  Q q = Entities().Apply(parsed, "Russian president Pakistan");
  // A stock xapian-tcpsrv unserialises with the default registry only.
  Q back = Q::unserialise(q.serialise());
  CHECK(back.get_description() == q.get_description());
}

TEST_CASE("with three or more other words, a relaxed match misses only one", "[entity_query]") {
  Q parsed =
      Op(Q::OP_AND, {PakistanWords(), Q("Zflood", 1, 2), Q("Zrelief", 1, 3), Q("Zsindh", 1, 4)});
  Q q = Relaxing().Apply(parsed, "Pakistan flood relief Sindh");
  CHECK(Has(q,
            "((Zrelief@3 AND Zsindh@4) OR (Zflood@2 AND Zsindh@4) OR (Zflood@2 AND "
            "Zrelief@3))"));
  Index idx;
  idx.Add("all", {"pakistan", "flood", "relief", "sindh"}, {"XNpk", "XCpk"}, "20220901");
  idx.Add("two-of-three", {"pakistan", "flood", "relief"}, {"XNpk", "XCpk"}, "20220901");
  idx.Add("one-of-three", {"pakistan", "flood"}, {"XNpk", "XCpk"}, "20220901");
  idx.Add("not-about", {"pakistan", "flood", "relief"}, {"XNpk", "XCin"}, "20220901");
  CHECK(idx.Search(parsed) == Strings{"all"});
  CHECK(idx.Search(q) == Strings{"all", "two-of-three"});
}
