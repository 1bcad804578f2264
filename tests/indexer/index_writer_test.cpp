#include "indexer/index_writer.h"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "schema/terms.h"
#include "schema/value_list.h"
#include "tests/support/analyzed_articles.h"

using namespace communique;

namespace {
using Env = testing::AnalyzedArticles;

// The spelling table as word -> frequency.
std::map<std::string, Xapian::doccount> Spellings(const std::string& path) {
  Xapian::Database db(path);
  std::map<std::string, Xapian::doccount> out;
  for (Xapian::TermIterator w = db.spellings_begin(); w != db.spellings_end(); ++w)
    out[*w] = w.get_termfreq();
  return out;
}
}  // namespace

TEST_CASE("re-adding a key replaces the document, delete removes it", "[writer]") {
  Env env;
  testing::TempDir dir;
  auto w = IndexWriter::Open(dir / "db", env.schema, env.gazetteer, {2, {}, 0, {}});
  REQUIRE(w.ok());
  IndexWriter& writer = *w.value();
  CHECK(writer.Add(env.Make("a", "Pakistan and Russia")).value() == IndexWriter::Outcome::kAdded);
  CHECK(writer.Add(env.Make("b", "Second")).value() == IndexWriter::Outcome::kAdded);
  CHECK(writer.committed() == 2);  // batch of 2 committed
  CHECK(writer.Add(env.Make("a", "Pakistan again")).value() == IndexWriter::Outcome::kReplaced);
  CHECK(writer.DocumentCount() == 2);
  CHECK(writer.Delete("b").ok());
  CHECK(writer.Delete("missing").code == 404);
  REQUIRE(writer.Commit().ok());
  Xapian::Database db(dir / "db");
  CHECK(db.get_doccount() == 1);
  CHECK(db.term_exists("Qa"));
  CHECK(db.term_exists("XCpk"));
  CHECK_FALSE(db.term_exists("XCru"));  // the replaced version is gone
  CHECK(db.term_exists("Zagain"));
  CHECK(db.get_document(db.postlist_begin("Qa").operator*()).get_value(env.schema.Slot("date")) ==
        "20210914");
}

TEST_CASE("a second writer gets a clear 'locked' error", "[writer]") {
  Env env;
  testing::TempDir dir;
  auto first = IndexWriter::Open(dir / "db", env.schema, env.gazetteer);
  REQUIRE(first.ok());
  auto second = IndexWriter::Open(dir / "db", env.schema, env.gazetteer);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code == 409);
  CHECK(second.status().message.find("index is locked by another writer") != std::string::npos);
}

TEST_CASE("documents store positions for phrases and stems without them", "[writer]") {
  Env env;
  testing::TempDir dir;
  {
    auto w = IndexWriter::Open(dir / "db", env.schema, env.gazetteer);
    REQUIRE(w.value()->Add(env.Make("p", "Leaders discussed sanctions")).ok());
  }  // destructor commits
  Xapian::Database db(dir / "db");
  CHECK(db.positionlist_begin(1, "sanctions") != db.positionlist_end(1, "sanctions"));
  CHECK(db.term_exists("Zsanction"));
  CHECK(db.term_exists("Sdiscussed"));  // derived title, prefixed
}

TEST_CASE("adjacent words with a stopword among them are stored as word pairs", "[writer]") {
  Env env;
  testing::TempDir dir;
  const std::string too_long(300, 'x');  // not indexed, but keeps its position
  {
    auto w = IndexWriter::Open(dir / "db", env.schema, env.gazetteer);
    REQUIRE(w.value()
                ->Add(env.Make("p", "Leaders said the talks ended. " + too_long +
                                        " of Moscow and " + too_long + " Beijing."))
                .ok());
  }
  Xapian::Database db(dir / "db");
  CHECK(db.term_exists("XBsaid the"));
  CHECK(db.term_exists("XBthe talks"));
  CHECK(db.term_exists("XBof moscow"));
  CHECK(db.term_exists("XBmoscow and"));
  CHECK_FALSE(db.term_exists("XBleaders said"));  // no stopword
  // Not adjacent: an unindexed word stands between them.
  CHECK_FALSE(db.term_exists("XBand beijing"));
  // Every document says which stopword lists paired it.
  CHECK(db.get_termfreq(WordPairMarker(env.schema)) == 1);
  // Pairs carry no positions: phrases still read the words' own.
  CHECK(db.positionlist_begin(1, "XBsaid the") == db.positionlist_end(1, "XBsaid the"));
}

TEST_CASE("spelling frequencies count the live documents holding each word", "[writer]") {
  // Replacements and deletes inside the open batch, across batches and
  // across writers must all take the old version's words away again.
  Env env;
  testing::TempDir dir;
  {
    auto w = IndexWriter::Open(dir / "db", env.schema, env.gazetteer, {2, {}, 0, {}});
    REQUIRE(w.ok());
    IndexWriter& writer = *w.value();
    REQUIRE(writer.Add(env.Make("a", "alpha bravo charlie")).ok());
    REQUIRE(writer.Add(env.Make("b", "bravo delta")).ok());  // commits a, b
    REQUIRE(writer.Add(env.Make("a", "alpha echo")).ok());   // replaces a committed one
    REQUIRE(writer.Add(env.Make("c", "charlie charlie foxtrot")).ok());
    REQUIRE(writer.Add(env.Make("d", "hotel india")).ok());
    REQUIRE(writer.Add(env.Make("d", "hotel juliet")).ok());  // replaces an uncommitted one
    REQUIRE(writer.Delete("b").ok());
    REQUIRE(writer.Add(env.Make("e", "alpha bravo")).ok());
    REQUIRE(writer.Delete("e").ok());  // bravo: 0, 1, 0 within one batch
    REQUIRE(writer.Add(env.Make("f", "alpha hotel 1987 x9 ab")).ok());
    REQUIRE(writer.Commit().ok());
    std::map<std::string, Xapian::doccount> expected = {
        {"alpha", 2},   {"charlie", 1}, {"echo", 1},
        {"foxtrot", 1}, {"hotel", 2},   {"juliet", 1},  // no digits, nothing under three bytes
    };
    CHECK(Spellings(dir / "db") == expected);
  }
  {
    auto w = IndexWriter::Open(dir / "db", env.schema, env.gazetteer, {100, {}, 0, {}});
    REQUIRE(w.ok());
    REQUIRE(w.value()->Add(env.Make("a", "alpha zulu")).ok());  // committed by the destructor
  }
  std::map<std::string, Xapian::doccount> expected = {
      {"alpha", 2}, {"charlie", 1}, {"foxtrot", 1}, {"hotel", 2}, {"juliet", 1}, {"zulu", 1},
  };
  CHECK(Spellings(dir / "db") == expected);
  Xapian::Database db(dir / "db");
  CHECK(db.get_spelling_suggestion("zuul") == "zulu");
}

TEST_CASE("bylines and subjects: author and name words, a boolean term and a facet slot per code",
          "[writer][subjects]") {
  Env env;
  testing::TempDir dir;
  Article in;
  in.id = "s1";
  in.body = "Envoys met in Geneva.";
  in.language = "en";
  in.authors = {"Jane Smith", "Ali Khan"};
  in.subjects = {{"medtop:11000000", "politics"}, {"medtop:16000000", ""}};
  {
    auto w = IndexWriter::Open(dir / "db", env.schema, env.gazetteer);
    REQUIRE(w.value()->Add(env.analyzer.Analyze(in).value()).ok());
  }
  Xapian::Database db(dir / "db");
  const std::string a = env.schema.Prefix("author"), k = env.schema.Prefix("subject"),
                    names = env.schema.Prefix("subject_name");
  CHECK(db.term_exists(a + "smith"));
  CHECK(db.term_exists("Z" + a + "khan"));
  CHECK_FALSE(db.term_exists("smith"));  // a byline is not article text
  // Each name 100 positions after the last: no phrase runs from one into the next.
  auto pos = [&](const std::string& term) { return *db.positionlist_begin(1, term); };
  CHECK(pos(a + "smith") == pos(a + "jane") + 1);
  CHECK(pos(a + "ali") > pos(a + "smith") + 50);
  CHECK(db.term_exists(k + "medtop:11000000"));
  CHECK(db.term_exists(k + "medtop:16000000"));
  CHECK(db.term_exists(names + "politics"));
  Xapian::Document doc = db.get_document(1);
  CHECK(UnpackValueList(doc.get_value(env.schema.Slot("subject"))) ==
        std::vector<std::string>{"medtop:11000000", "medtop:16000000"});
  auto data = nlohmann::json::parse(doc.get_data());
  CHECK(data["authors"] == nlohmann::json::array({"Jane Smith", "Ali Khan"}));
  CHECK(data["subjects"] == nlohmann::json::parse(R"([{"code":"medtop:11000000","name":"politics"},
                                                      {"code":"medtop:16000000","name":""}])"));
}
