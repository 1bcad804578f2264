#include "searcher/query_builder.h"

#include <catch2/catch.hpp>

#include "schema/terms.h"
#include "tests/support/test_support.h"

using namespace communique;
using Q = Xapian::Query;

namespace {

const QueryBuilder& Builder() {
  static const QueryBuilder builder(testing::ShippedSchema(), testing::ShippedGazetteer());
  return builder;
}

}  // namespace

TEST_CASE("entity values resolve from ids, codes, names and acronyms", "[query]") {
  using V = std::vector<std::string>;
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "pk") == V{"PK"});
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "Pakistan") == V{"PK"});
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "islamic republic of PAKISTAN") == V{"PK"});
  CHECK(Builder().ResolveEntity(EntityKind::kLeader, "putin") == V{"vladimir-putin"});
  CHECK(Builder().ResolveEntity(EntityKind::kLeader, "Путин") == V{"vladimir-putin"});
  CHECK(Builder().ResolveEntity(EntityKind::kOrganisation, "Shanghai Cooperation Organization") ==
        V{"SCO"});
  CHECK(Builder().ResolveEntity(EntityKind::kCountry, "Atlantis").empty());
}

TEST_CASE("facet filters are the schema's terms", "[query]") {
  CHECK(Builder().FacetFilter("country", "pakistan").get_description() == "Query(XCpk)");
  CHECK(Builder().FacetFilter("organisation", "sco").get_description() == "Query(XOsco)");
  CHECK(Builder().FacetFilter("source", "Harbour Times").get_description() ==
        "Query(XSharbour times)");
  CHECK(Builder().FacetFilter("no-such-field", "x").get_description() ==
        Q::MatchNothing.get_description());
}

TEST_CASE("a subject filter is its code or the words of its name", "[query][subjects]") {
  // K: the code's boolean term; XT: the subject names, a phrase in order.
  CHECK(Builder().FacetFilter("subject", "Politics").get_description() ==
        "Query((Kpolitics OR XTpolitics))");
  CHECK(Builder().FacetFilter("subject", "International Trade").get_description() ==
        "Query((Kinternational trade OR (XTinternational PHRASE 2 XTtrade)))");
  CHECK(Builder().FacetFilter("subject", "medtop:11000000").get_description() ==
        "Query((Kmedtop:11000000 OR (XTmedtop PHRASE 2 XT11000000)))");
}

TEST_CASE("a phrase counts through its word pair where every document has pairs", "[query]") {
  const FieldSchema& schema = testing::ShippedSchema();
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document d;
  d.add_posting("said", 1);
  d.add_posting("the", 2);
  d.add_boolean_term(WordPairTerm(schema, "said", "the"));
  db.add_document(d);
  // Without the marker (an index from before pairs): positions only.
  auto plain = Builder().Parse(db, db, "\"said the\"");
  REQUIRE(plain.ok());
  CHECK(plain.value().query.get_description() == "Query((said PHRASE 2 the))");
  CHECK(plain.value().count_query.get_description() == plain.value().query.get_description());

  d.add_boolean_term(WordPairMarker(schema));
  db.replace_document(1, d);
  auto paired = Builder().Parse(db, db, "\"said the\"");
  REQUIRE(paired.ok());
  // Ranked and highlighted as the phrase; counted by the pair alone.
  CHECK(paired.value().query.get_description() == "Query(((said PHRASE 2 the) FILTER XBsaid the))");
  CHECK(paired.value().count_query.get_description() == "Query(XBsaid the)");
  auto longer = Builder().Parse(db, db, "\"said the minister\"");
  REQUIRE(longer.ok());
  CHECK(longer.value().count_query.get_description() ==
        "Query(((said PHRASE 3 the PHRASE 3 minister) FILTER (XBsaid the AND XBthe minister)))");
  // No stopword in the phrase: no pair to use.
  auto none = Builder().Parse(db, db, "\"prime minister\"");
  REQUIRE(none.ok());
  CHECK(none.value().count_query.get_description() == "Query((prime PHRASE 2 minister))");
}

TEST_CASE("an unquoted run that is wholly names is those names' synonym groups", "[query]") {
  testing::TempDir dir;  // the in-memory backend keeps no synonyms
  Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
  Xapian::Document d;
  d.add_posting("x", 1);
  db.add_document(d);
  // As the indexer stores a CJK name: its words as ICU splits them.
  db.add_synonym("习 近平", "XLxi-jinping");
  db.add_synonym("普 京", "XLvladimir-putin");
  auto run = [&](const std::string& q) {
    auto parsed = Builder().Parse(db, db, q);
    REQUIRE(parsed.ok());
    return parsed.value().query.get_description();
  };
  const std::string xi = "((习 PHRASE 2 近平) SYNONYM XLxi-jinping)";
  const std::string putin = "((普 PHRASE 2 京) SYNONYM XLvladimir-putin)";
  // What matches comes first; AND_MAYBE adds the entity query's ranking.
  CHECK(run("习近平").rfind("Query((" + xi + " AND_MAYBE ", 0) == 0);
  CHECK(run("习近平普京").rfind("Query(((" + xi + " AND " + putin + ") AND_MAYBE ", 0) == 0);
  // Quoted: the characters only. Not wholly names: the phrase as before.
  CHECK(run("\"习近平\"").rfind("Query(((习 PHRASE 2 近平) AND_MAYBE ", 0) == 0);
  CHECK(run("习近平会见").rfind("Query(((习 PHRASE 3 近平 PHRASE 3 会见) AND_MAYBE ", 0) == 0);
  // Words with a hyphen between are a phrase even when each is a name
  // ("putin-who": not Putin and the World Health Organization).
  db.add_synonym("putin", "XLvladimir-putin");
  db.add_synonym("who", "XOwho");
  CHECK(run("putin-who").find("SYNONYM") == std::string::npos);
}

TEST_CASE("a conjunction's text parts may be left out, while filters, exclusions and + parts stay",
          "[query]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto parsed = Builder().Parse(db, db, "Scholz the Telefonat country:DE +Berlin -Putin");
  REQUIRE(parsed.ok());
  const QueryConjunction& c = parsed.value().conjunction;
  CHECK(c.written ==
        std::vector<std::string>{"Scholz", "the", "Telefonat", "country:DE", "+Berlin", "-Putin"});
  // "the" is a stopword the query drops anyway: leaving it out changes nothing.
  CHECK(c.droppable == std::vector<size_t>{0, 2});
  CHECK(c.Without({false, true}) == "Scholz the country:DE +Berlin -Putin");
  CHECK(c.Without({true, false}) == "the Telefonat country:DE +Berlin -Putin");
  CHECK(c.Without({true, true}) == "the country:DE +Berlin -Putin");

  // No language of this (English) index stops a word that is not "the".
  CHECK(c.function_word == std::vector<bool>{false, false});

  // One text part, an OR at the top, or more parts than the limit: nothing to leave out.
  for (const char* q : {"Scholz country:DE", "Scholz OR Telefonat", "a1 b2 c3 d4 e5 f6 g7 h8 i9"}) {
    auto one = Builder().Parse(db, db, q);
    REQUIRE(one.ok());
    INFO(q);
    CHECK(one.value().conjunction.droppable.empty());
  }
}

TEST_CASE("a part that a language of the index stops is marked, so no offer is it alone",
          "[query]") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  auto marks = [&](const char* q) {
    auto parsed = Builder().Parse(db, db, q);
    REQUIRE(parsed.ok());
    return parsed.value().conjunction.function_word;
  };
  // English only: "por" is a word like any other.
  CHECK(marks("por Moscow") == std::vector<bool>{false, false});
  // Spanish in the index: "por" is Spanish's stopword.
  Xapian::Document es;
  es.add_boolean_term("Les");
  db.add_document(es);
  CHECK(marks("por Moscow") == std::vector<bool>{true, false});
}

TEST_CASE("a word of an unspaced script is never respelled", "[query]") {
  testing::TempDir dir;  // the in-memory backend keeps no spelling table
  Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
  for (int i = 0; i < 20; ++i) {
    Xapian::Document d;
    d.add_term("对话");
    d.add_term("putin");
    d.add_term("Zputin");
    db.add_document(d);
  }
  db.add_spelling("对话", 20);
  db.add_spelling("putin", 20);
  auto suggestion = [&](const char* q) {
    auto parsed = Builder().Parse(db, db, q);
    REQUIRE(parsed.ok());
    return parsed.value().suggestion;
  };
  // A Latin word a letter away from a common one is a typo...
  CHECK(suggestion("puttin") == "putin");
  // ...a Chinese word a character away is another word (a phone call, not a dialogue).
  CHECK(suggestion("通话").empty());
}
