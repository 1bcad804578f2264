#include "searcher/shard_set.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

TEST_CASE("a stub lists local and remote shards, the lexicon sits beside it", "[shards]") {
  testing::TempDir dir;
  testing::WriteFile(dir / "idx/XAPIANDB",
                     "# comment\n\nauto shard-000\nglass /abs/shard  # trailing comment\n"
                     "remote 10.1.2.3:33333\nremote :4000\n");
  auto layout = ResolveShards(dir / "idx");
  REQUIRE(layout.ok());
  const auto& s = layout.value().shards;
  REQUIRE(s.size() == 4);
  CHECK(s[0].path == dir / "idx/shard-000");
  CHECK_FALSE(s[0].remote());
  CHECK(s[1].path == "/abs/shard");
  CHECK(s[2].host == "10.1.2.3");
  CHECK(s[2].port == 33333);
  CHECK(s[2].name == "10.1.2.3:33333");
  CHECK(s[3].host == "127.0.0.1");
  CHECK(layout.value().lexicon.empty());  // none written yet

  Xapian::WritableDatabase(dir / "idx/lexicon", Xapian::DB_CREATE).close();
  CHECK(ResolveShards(dir / "idx/XAPIANDB").value().lexicon == dir / "idx/lexicon");
  CHECK(ResolveShards(dir / "idx", "/elsewhere").value().lexicon == "/elsewhere");
  // A plain database is one local shard, its own lexicon.
  auto plain = ResolveShards(dir / "db");
  REQUIRE(plain.ok());
  CHECK(plain.value().shards.size() == 1);
  CHECK(plain.value().lexicon.empty());
}

TEST_CASE("a malformed stub is a 400 naming file and line", "[shards]") {
  testing::TempDir dir;
  auto error = [&](const std::string& text) {
    testing::WriteFile(dir / "bad.stub", text);
    auto r = ResolveShards(dir / "bad.stub");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code == 400);
    return r.status().message;
  };
  CHECK(error("auto a\nremote host-without-port\n").find("bad.stub:2: only TCP remotes") !=
        std::string::npos);
  CHECK(error("remote h:99999\n").find("bad.stub:1:") != std::string::npos);
  CHECK(error("inmemory\n").find("bad.stub:1: expected") != std::string::npos);
  CHECK(error("honey x\n").find("unsupported database type \"honey\"") != std::string::npos);
  CHECK(error("# nothing\n").find("lists no shards") != std::string::npos);
}

TEST_CASE("shards that do not open are down, the rest answer", "[shards]") {
  testing::TempDir dir;
  {
    Xapian::WritableDatabase a(dir / "a", Xapian::DB_CREATE);
    a.add_document(Xapian::Document());
    a.commit();
  }
  testing::WriteFile(dir / "set.stub", "auto a\nauto missing\n");
  auto set = ShardSet::Open(ResolveShards(dir / "set.stub").value());
  REQUIRE(set.ok());
  auto view = set.value()->OpenView();
  REQUIRE(view.ok());
  CHECK(view.value().db.get_doccount() == 1);
  CHECK(view.value().missing == std::vector<std::string>{"missing"});
  auto health = set.value()->Health();
  CHECK(health[0]["state"] == "up");
  CHECK(health[0]["documents"] == 1);
  CHECK(health[1]["state"] == "down");
  CHECK_FALSE(health[1]["error"].get<std::string>().empty());

  // Nothing at all to open: 503, naming the path.
  auto none = ShardSet::Open(ResolveShards(dir / "nothing").value());
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().code == 503);
  CHECK(none.status().message.find("nothing: cannot open index") != std::string::npos);
}
