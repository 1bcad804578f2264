#include "indexer/index_writer.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

namespace {
struct Env {
  const FieldSchema& schema = testing::ShippedSchema();
  const Gazetteer& gazetteer = testing::ShippedGazetteer();
  ArticleAnalyzer analyzer{gazetteer};
  AnalyzedArticle Make(const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.body = body;
    a.date = "2021-09-14";
    a.origin = "test";
    return analyzer.Analyze(a).value();
  }
};
}  // namespace

TEST_CASE("re-adding a key replaces the document, delete removes it", "[writer]") {
  Env env;
  testing::TempDir dir;
  auto w = IndexWriter::Open(dir / "db", env.schema, env.gazetteer, {2});
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
