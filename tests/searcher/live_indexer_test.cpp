#include "searcher/live_indexer.h"

#include <xapian.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "tests/support/test_support.h"

using namespace communique;
using testing::ShippedGazetteer;
using testing::ShippedSchema;

namespace {

std::string Line(const std::string& id, const std::string& body) {
  return R"({"id":")" + id + R"(","date":"2021-09-14","title":"Talks","body":")" + body + "\"}\n";
}

// Whether a fresh reader (as a search would open) sees the article `id`.
// Like the server's searches, a read that two commits overtake (pushes
// from other threads) starts again on the newest revision.
bool Visible(const std::string& db, const std::string& id) {
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database reader(db);
      return reader.term_exists("Q" + id);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 100) throw;
    }
  }
}

std::unique_ptr<LiveIndexer> OpenLive(const std::string& path, int interval_ms) {
  LiveIndexerOptions o;
  o.commit_interval = std::chrono::milliseconds(interval_ms);
  auto live = LiveIndexer::Open(path, ShippedSchema(), ShippedGazetteer(), o);
  REQUIRE(live.ok());
  return std::move(live).value();
}

}  // namespace

TEST_CASE("a push body is JSON lines, a JSON array or one object", "[push]") {
  SECTION("JSON lines: each record keeps its line, blank lines count") {
    auto r = ParsePushBody(Line("a", "one") + "\n{not json\n" + R"({"id":"c"})" + "\n");
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 3);
    CHECK(r.value()[0].line == 1);
    CHECK(r.value()[0].article.value().id == "a");
    CHECK(r.value()[1].line == 3);
    CHECK(r.value()[1].article.status().message.rfind("invalid JSON", 0) == 0);
    CHECK(r.value()[2].line == 4);
    CHECK(r.value()[2].article.status().message == "missing \"body\"");
  }
  SECTION("an array: element N is line N, read like a .jsonl line") {
    auto r = ParsePushBody(R"([{"id":7,"body":"x"}, 42, {"id":"b","text":"y"}])");
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 3);
    CHECK(r.value()[0].article.value().id == "7");  // numeric ids as the indexer reads them
    CHECK(r.value()[1].line == 2);
    CHECK(r.value()[1].article.status().message == "expected a JSON object");
    CHECK(r.value()[2].article.value().body == "y");
  }
  SECTION("one pretty-printed object") {
    auto r = ParsePushBody("{\n  \"id\": \"p\",\n  \"body\": \"text\"\n}\n");
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 1);
    CHECK(r.value()[0].article.value().id == "p");
  }
  SECTION("not JSON at all is a 400 that says how to send it") {
    for (const char* body : {"", "  \n\n", "id=1&body=x", "[{\"id\":1}", "[]",
                             R"({"id":"a","body":"x"}{"id":"b","body":"y"})"}) {
      auto r = ParsePushBody(body);
      INFO(body);
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().code == 400);
    }
    CHECK(ParsePushBody("id=1&body=x").status().message.find("--data-binary") != std::string::npos);
  }
}

TEST_CASE("a push reports each record, wait=commit answers once it is searchable", "[push]") {
  testing::TempDir dir;
  auto live = OpenLive(dir / "db", 60000);
  std::string body = Line("a", "Pakistan and Russia held talks") + "{broken\n" +
                     R"({"id":"c","date":"2021-13-45","body":"bad date"})" + "\n";
  auto r = live->Push(body, PushWait::kCommit);
  REQUIRE(r.ok());
  const PushReport& report = r.value();
  REQUIRE(report.records.size() == 3);
  CHECK(report.records[0].kind == PushOutcome::Kind::kAdded);
  CHECK(report.records[0].id == "a");
  CHECK(report.records[1].kind == PushOutcome::Kind::kSkipped);
  CHECK(report.records[1].line == 2);
  CHECK(report.records[1].reason.rfind("invalid JSON", 0) == 0);
  CHECK(report.records[2].kind == PushOutcome::Kind::kSkipped);
  CHECK(report.records[2].id == "c");
  CHECK(report.records[2].reason.find("date") != std::string::npos);
  CHECK(report.timing.committed);
  CHECK(Visible(dir / "db", "a"));

  // The same key again replaces it.
  auto again = live->Push(Line("a", "Pakistan and China"), PushWait::kCommit);
  REQUIRE(again.ok());
  CHECK(again.value().records[0].kind == PushOutcome::Kind::kReplaced);
  Xapian::Database reader(dir / "db");
  CHECK(reader.get_doccount() == 1);
  CHECK(reader.term_exists("XNcn"));  // the new text is what is indexed
  CHECK_FALSE(reader.term_exists("XNru"));
}

TEST_CASE("without wait, a push is searchable at the next commit, within the interval", "[push]") {
  testing::TempDir dir;
  SECTION("a long interval: not visible until the commit") {
    auto live = OpenLive(dir / "db", 60000);
    REQUIRE(live->Push(Line("first", "seed words"), PushWait::kCommit).ok());  // commits now
    auto r = live->Push(Line("later", "more words"), PushWait::kAccepted);
    REQUIRE(r.ok());
    CHECK(r.value().records[0].kind == PushOutcome::Kind::kAdded);
    CHECK_FALSE(r.value().timing.committed);
    CHECK(r.value().timing.searchable_within_ms > 50000);
    CHECK(r.value().timing.searchable_within_ms <= 60000);
    CHECK_FALSE(Visible(dir / "db", "later"));
    REQUIRE(live->Flush().ok());
    CHECK(Visible(dir / "db", "later"));
  }
  SECTION("a short interval: the commit thread makes it visible by itself") {
    auto live = OpenLive(dir / "db", 200);
    REQUIRE(live->Push(Line("first", "seed words"), PushWait::kCommit).ok());
    auto r = live->Push(Line("later", "more words"), PushWait::kAccepted);
    REQUIRE(r.ok());
    CHECK(r.value().timing.searchable_within_ms <= 200);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!Visible(dir / "db", "later") && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(Visible(dir / "db", "later"));
  }
  SECTION("closing the indexer commits what is pending") {
    auto live = OpenLive(dir / "db", 60000);
    REQUIRE(live->Push(Line("first", "seed words"), PushWait::kCommit).ok());
    REQUIRE(live->Push(Line("pending", "more words"), PushWait::kAccepted).ok());
    CHECK_FALSE(Visible(dir / "db", "pending"));
    live.reset();
    CHECK(Visible(dir / "db", "pending"));
  }
}

TEST_CASE("delete by id: 404 when unknown, gone after wait=commit", "[push]") {
  testing::TempDir dir;
  auto live = OpenLive(dir / "db", 60000);
  REQUIRE(live->Push(Line("gone", "soon deleted"), PushWait::kCommit).ok());
  auto missing = live->Delete("never-pushed", PushWait::kCommit);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code == 404);
  auto deleted = live->Delete("gone", PushWait::kCommit);
  REQUIRE(deleted.ok());
  CHECK(deleted.value().committed);
  CHECK_FALSE(Visible(dir / "db", "gone"));
}

TEST_CASE("the live indexer holds the write lock: another writer is refused", "[push]") {
  testing::TempDir dir;
  auto live = OpenLive(dir / "db", 1000);
  auto other = IndexWriter::Open(dir / "db", ShippedSchema(), ShippedGazetteer());
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().code == 409);
  CHECK(other.status().message.find("index is locked by another writer") != std::string::npos);
  live.reset();  // releases it
  CHECK(IndexWriter::Open(dir / "db", ShippedSchema(), ShippedGazetteer()).ok());
}

TEST_CASE("concurrent pushes with wait=commit all land, each searchable when answered", "[push]") {
  testing::TempDir dir;
  auto live = OpenLive(dir / "db", 1000);
  constexpr int kThreads = 4, kPushes = 10;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPushes; ++i) {
        std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto r = live->Push(Line(id, "concurrent words"), PushWait::kCommit);
        if (!r.ok() || !r.value().timing.committed || !Visible(dir / "db", id)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(Xapian::Database(dir / "db").get_doccount() == kThreads * kPushes);
}

TEST_CASE("a large push commits every max_pending changes, bounding the transaction", "[push]") {
  testing::TempDir dir;
  LiveIndexerOptions o;
  o.commit_interval = std::chrono::milliseconds(60000);
  o.max_pending = 3;
  auto live = LiveIndexer::Open(dir / "db", ShippedSchema(), ShippedGazetteer(), o);
  REQUIRE(live.ok());
  REQUIRE(live.value()->Push(Line("first", "seed words"), PushWait::kCommit).ok());
  std::string body;
  for (int i = 1; i <= 7; ++i) body += Line("n" + std::to_string(i), "batch words");
  auto r = live.value()->Push(body, PushWait::kAccepted);
  REQUIRE(r.ok());
  CHECK(r.value().Count(PushOutcome::Kind::kAdded) == 7);
  CHECK_FALSE(r.value().timing.committed);  // the 7th waits for the interval
  // "first" was committed on its own; then commits after n3 and after n6.
  CHECK(Visible(dir / "db", "n6"));
  CHECK_FALSE(Visible(dir / "db", "n7"));
  CHECK(Xapian::Database(dir / "db").get_doccount() == 7);
}
