#include "indexer/indexer_cli.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "indexer/index_writer.h"
#include "tests/support/test_support.h"

using namespace communique;

namespace {
IndexerOptions Options(const std::string& db, std::vector<std::string> inputs) {
  std::vector<std::string> args = {"--db", db};
  args.insert(args.end(), inputs.begin(), inputs.end());
  return ParseIndexerArgs(args).value();
}
}  // namespace

TEST_CASE("bad arguments are refused with a reason", "[cli]") {
  CHECK(ParseIndexerArgs({"x.jsonl"}).status().message == "--db DIR is required");
  CHECK(ParseIndexerArgs({"--db", "d"}).status().message.find("nothing to do") == 0);
  CHECK(ParseIndexerArgs({"--db", "d", "--format", "pdf", "x"})
            .status()
            .message.find("unknown --format") == 0);
  CHECK(ParseIndexerArgs({"--db", "d", "--bogus", "x"}).status().message ==
        "unknown option --bogus");
  CHECK(ParseIndexerArgs({"--db", "d", "--batch", "0", "x"}).status().code == 400);
  auto del = ParseIndexerArgs({"--db", "d", "--delete", "a", "b"});
  REQUIRE(del.ok());
  CHECK(del.value().delete_ids == std::vector<std::string>{"a", "b"});
}

TEST_CASE("malformed records are reported and skipped; exit 1; the rest goes in", "[cli]") {
  testing::TempDir dir;
  testing::WriteFile(dir / "in/feed.jsonl",
                     "{\"id\":\"one\",\"body\":\"Pakistan and Russia\"}\n"
                     "{broken\n"
                     "{\"id\":\"two\",\"body\":\"Afghanistan\",\"date\":\"2021-13-40\"}\n"
                     "{\"id\":\"three\",\"body\":\"SCO summit\"}\n");
  testing::WriteFile(dir / "in/notes.pdf", "ignored: unknown extension inside a folder");
  std::istringstream no_stdin;
  std::ostringstream err;
  int code = RunIndexer(Options(dir / "db", {dir / "in"}), no_stdin, err);
  CHECK(code == kExitSkipped);
  std::string e = err.str();
  CHECK(e.find(dir / "in/feed.jsonl:2: invalid JSON") != std::string::npos);
  CHECK(e.find(dir / "in/feed.jsonl:3: date: invalid date") != std::string::npos);
  CHECK(e.find("2 added, 0 replaced, 2 skipped") != std::string::npos);
  CHECK(Xapian::Database(dir / "db").get_doccount() == 2);
}

TEST_CASE("reading stdin, re-indexing without duplicates, and deleting", "[cli]") {
  testing::TempDir dir;
  std::istringstream in(
      "{\"id\":\"x\",\"body\":\"first\"}\n{\"url\":\"https://e/1\",\"body\":\"second\"}\n");
  std::ostringstream err;
  CHECK(RunIndexer(Options(dir / "db", {"-"}), in, err) == kExitOk);
  std::istringstream again("{\"id\":\"x\",\"body\":\"first, edited\"}\n");
  std::ostringstream err2;
  CHECK(RunIndexer(Options(dir / "db", {"-"}), again, err2) == kExitOk);
  CHECK(err2.str().find("0 added, 1 replaced") != std::string::npos);
  CHECK(Xapian::Database(dir / "db").get_doccount() == 2);

  auto del = ParseIndexerArgs({"--db", dir / "db", "--delete", "https://e/1", "nope"});
  std::istringstream none;
  std::ostringstream err3;
  CHECK(RunIndexer(del.value(), none, err3) == kExitSkipped);  // "nope" does not exist
  CHECK(err3.str().find("--delete nope: no document with id nope") != std::string::npos);
  CHECK(Xapian::Database(dir / "db").get_doccount() == 1);
}

TEST_CASE("nothing can be done: missing inputs or a locked index exit 2", "[cli]") {
  testing::TempDir dir;
  std::istringstream none;
  std::ostringstream err;
  CHECK(RunIndexer(Options(dir / "db", {dir / "missing.jsonl"}), none, err) == kExitFailed);
  CHECK(err.str().find("missing.jsonl: no such file or directory") != std::string::npos);

  testing::WriteFile(dir / "a.jsonl", "{\"body\":\"text\"}\n");
  auto holder =
      IndexWriter::Open(dir / "db", testing::ShippedSchema(), testing::ShippedGazetteer());
  REQUIRE(holder.ok());
  std::ostringstream err2;
  CHECK(RunIndexer(Options(dir / "db", {dir / "a.jsonl"}), none, err2) == kExitFailed);
  CHECK(err2.str().find("index is locked by another writer") != std::string::npos);
}
