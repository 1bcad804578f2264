#include "indexer/sharded_index_writer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <mutex>

#include "tests/support/analyzed_articles.h"

using namespace communique;

namespace {
struct Env : testing::AnalyzedArticles {
  std::mutex mu;
  std::vector<std::string> reports;
  Result<std::unique_ptr<ShardedIndexWriter>> Open(const std::string& dir, size_t shards) {
    return ShardedIndexWriter::Open(dir, shards, schema, gazetteer, {},
                                    [this](const std::string& m) {
                                      std::lock_guard<std::mutex> lock(mu);
                                      reports.push_back(m);
                                    });
  }
};
}  // namespace

TEST_CASE("an article's shard is a stable hash of its key", "[shards]") {
  // Pinned values: changing the hash would strand every existing article
  // in a shard where re-indexing no longer finds it.
  CHECK(ShardOf("cq-0001", 3) == ShardOf("cq-0001", 3));
  CHECK(ShardOf("", 3) == 1469598103934665603ull % 3);
  CHECK(ShardOf("a", 7) == ((1469598103934665603ull ^ 'a') * 1099511628211ull) % 7);
  CHECK(ShardOf("cq-0001", 3) == 0);
  CHECK(ShardOf("anything", 1) == 0);
  // Keys spread over every shard.
  std::vector<int> seen(4);
  for (int i = 0; i < 400; ++i) ++seen[ShardOf("key-" + std::to_string(i), 4)];
  for (int n : seen) CHECK(n > 60);
  CHECK(ShardName(7) == "shard-007");
}

TEST_CASE("a sharded index: stub, one copy per key, deletes and a lexicon", "[shards]") {
  Env env;
  testing::TempDir dir;
  const std::string db = dir / "idx";
  {
    auto w = env.Open(db, 3);
    REQUIRE(w.ok());
    for (int i = 0; i < 30; ++i)
      CHECK(w.value()->Add(env.Make("k" + std::to_string(i), "Pakistan and Russia talks"), {},
                           "test:" + std::to_string(i)));
    CHECK(w.value()->Add(env.Make("k3", "Pakistan alone, replaced"), {}, "test:again"));
    CHECK(w.value()->Delete("k4").ok());
    CHECK(w.value()->Delete("nope").code == 404);
    REQUIRE(w.value()->Commit().ok());
    CHECK(w.value()->added() == 30);
    CHECK(w.value()->replaced() == 1);
    CHECK(w.value()->DocumentCount() == 29);
    CHECK(w.value()->shard_count() == 3);
  }
  CHECK(testing::ReadFile(db + "/XAPIANDB").find("auto shard-002\n") != std::string::npos);
  // Xapian opens the directory as one database through the stub.
  Xapian::Database all(db);
  CHECK(all.size() == 3);
  CHECK(all.get_doccount() == 29);
  CHECK(all.get_termfreq("Qk3") == 1);
  CHECK(all.get_termfreq("Qk4") == 0);
  for (size_t i = 0; i < 3; ++i) {
    Xapian::Database shard(db + "/" + ShardName(i));
    CHECK(shard.get_doccount() > 0);
    CHECK(shard.term_exists("Qk3") == (ShardOf("k3", 3) == i));
  }
  // The lexicon sums the shards' spelling tables and carries the synonyms.
  Xapian::Database lexicon(db + "/lexicon");
  CHECK(lexicon.get_doccount() == 0);
  CHECK(lexicon.get_spelling_suggestion("tlaks") == "talks");
  CHECK(lexicon.synonym_keys_begin() != lexicon.synonym_keys_end());
  // A later run finds the shards without --shards and keeps one copy.
  {
    auto w = env.Open(db, 0);
    REQUIRE(w.ok());
    CHECK(w.value()->shard_count() == 3);
    CHECK(w.value()->Add(env.Make("k3", "Third version"), {}, "test:third"));
    REQUIRE(w.value()->Commit().ok());
    CHECK(w.value()->replaced() == 1);
  }
  CHECK(Xapian::Database(db).get_termfreq("Qk3") == 1);
  // Only one lexicon folder is left behind the symlink.
  int lexicons = 0;
  for (const auto& e : std::filesystem::directory_iterator(db))
    lexicons += e.path().filename().string().rfind("lexicon-", 0) == 0;
  CHECK(lexicons == 1);
  CHECK(env.reports.empty());
}

TEST_CASE("the shard count cannot change under an index", "[shards]") {
  Env env;
  testing::TempDir dir;
  REQUIRE(env.Open(dir / "idx", 2).ok());
  auto other = env.Open(dir / "idx", 3);
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().code == 400);
  CHECK(other.status().message.find("holds 2 shards, not 3") != std::string::npos);

  REQUIRE(env.Open(dir / "single", 0).ok());  // a plain database
  auto sharding = env.Open(dir / "single", 2);
  REQUIRE_FALSE(sharding.ok());
  CHECK(sharding.status().message.find("is a single database") != std::string::npos);

  testing::WriteFile(dir / "foreign/XAPIANDB", "remote 10.0.0.1:33333\n");
  auto foreign = env.Open(dir / "foreign", 0);
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.status().message.find("XAPIANDB:1: expected \"auto shard-000\"") !=
        std::string::npos);
}
