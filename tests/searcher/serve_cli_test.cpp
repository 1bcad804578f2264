// communique-serve's flags: sizes, connection caps, keep-alive, numbers,
// key files, CORS origins, pushes, and the errors each gives.
#include "searcher/serve_cli.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

Result<ServeOptions> Parse(std::vector<std::string> extra) {
  std::vector<std::string> args{"--db", "x"};
  args.insert(args.end(), extra.begin(), extra.end());
  return ParseServeArgs(args);
}

}  // namespace

TEST_CASE("the max-body flag takes bytes or a K/M/G size, within 1K..64G", "[serve_cli]") {
  REQUIRE(Parse({}).ok());
  CHECK(Parse({}).value().http.max_body == 32ull << 20);
  CHECK(Parse({"--max-body", "1048576"}).value().http.max_body == 1048576);
  CHECK(Parse({"--max-body", "512K"}).value().http.max_body == 512ull << 10);
  CHECK(Parse({"--max-body", "8m"}).value().http.max_body == 8ull << 20);
  CHECK(Parse({"--max-body", "2G"}).value().http.max_body == 2ull << 30);
  for (const char* bad : {"", "M", "-1", "1.5M", "100", "65G", "12T", "1 M", "99999999999999M"}) {
    auto r = Parse({"--max-body", bad});
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK(r.status().message.find("--max-body") != std::string::npos);
  }
}

TEST_CASE("connection caps and the keep-alive timeout", "[serve_cli]") {
  auto o = Parse({"--max-connections", "100", "--max-connections-per-address", "10",
                  "--keep-alive-timeout", "30"});
  REQUIRE(o.ok());
  CHECK(o.value().http.max_connections == 100);
  CHECK(o.value().http.max_connections_per_address == 10);
  CHECK(o.value().http.keep_alive_timeout_s == 30);
  CHECK(Parse({}).value().http.max_connections == 4096);
  CHECK(Parse({}).value().http.max_connections_per_address == 512);
  CHECK(Parse({}).value().http.keep_alive_timeout_s == 5);
  CHECK_FALSE(Parse({"--max-connections", "0"}).ok());
  CHECK_FALSE(Parse({"--max-connections-per-address", "x"}).ok());
  CHECK_FALSE(Parse({"--keep-alive-timeout", "0"}).ok());
}

TEST_CASE("numeric flags are parsed, bounded and named in their errors", "[serve_cli]") {
  auto o = Parse({"--port", "0", "--threads", "3", "--shard-timeout", "50", "--exact-counts", "0",
                  "--commit-interval", "250", "--head-timeout", "7", "--max-queued", "9"});
  REQUIRE(o.ok());
  CHECK(o.value().http.port == 0);
  CHECK(o.value().http.threads == 3);
  CHECK(o.value().shard_timeout_ms == 50);
  CHECK(o.value().counts.exact_up_to == 0);
  CHECK(o.value().commit_interval == std::chrono::milliseconds(250));
  CHECK(o.value().http.head_timeout_s == 7);
  CHECK(o.value().http.max_queued == 9);
  // Defaults.
  ServeOptions d = Parse({}).value();
  CHECK(d.db == "x");
  CHECK(d.shard_timeout_ms == 1500);
  CHECK(d.counts.exact_up_to == 5000);
  CHECK(d.commit_interval == std::chrono::milliseconds(1000));
  CHECK(d.http.threads == 0);  // chosen by RunServer: DefaultSearchThreads
  CHECK_FALSE(d.accept_pushes);
  CHECK(d.log_level == LogLevel::kWarn);
  for (const auto& [flag, bad] :
       std::vector<std::pair<std::string, std::string>>{{"--port", "65536"},
                                                        {"--port", "-1"},
                                                        {"--threads", "0"},
                                                        {"--shard-timeout", "49"},
                                                        {"--commit-interval", "9"},
                                                        {"--head-timeout", "601"},
                                                        {"--max-queued", "1e3"},
                                                        {"--exact-counts", " 5"}}) {
    auto r = Parse({flag, bad});
    INFO(flag << " " << bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code == 400);
    CHECK(r.status().message.rfind(flag + " must be a number from ", 0) == 0);
  }
}

TEST_CASE("argument errors: missing values, unknown flags, no --db, help", "[serve_cli]") {
  auto no_db = ParseServeArgs({"--port", "8080"});
  REQUIRE_FALSE(no_db.ok());
  CHECK(no_db.status().message == "--db DIR is required");
  auto missing = Parse({"--port"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message == "--port needs a value");
  auto stray = Parse({"extra"});
  REQUIRE_FALSE(stray.ok());
  CHECK(stray.status().message == "unexpected argument extra");
  auto unknown = Parse({"--colour", "red"});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message == "unknown option --colour");
  CHECK(Parse({"--help"}).status().code == 200);
  CHECK(Parse({"-h"}).status().code == 200);
  auto level = Parse({"--log-level", "info"});
  REQUIRE(level.ok());
  CHECK(level.value().log_level == LogLevel::kInfo);
  CHECK_FALSE(Parse({"--log-level", "loud"}).ok());
  CHECK(std::string(kServeUsage).find("--admin-key-file") != std::string::npos);
}

TEST_CASE("key files: trimmed, 16 to 256 bytes, one word, and distinct keys", "[serve_cli]") {
  testing::TempDir dir;
  const std::string good = dir / "good.key", other = dir / "other.key";
  testing::WriteFile(good, "  0123456789abcdef\n");
  testing::WriteFile(other, "fedcba9876543210XY\r\n");
  auto o = Parse({"--search-key-file", good, "--admin-key-file", other});
  REQUIRE(o.ok());
  CHECK(o.value().http.search_key == "0123456789abcdef");
  CHECK(o.value().http.admin_key == "fedcba9876543210XY");

  auto same = Parse({"--search-key-file", good, "--admin-key-file", good});
  REQUIRE_FALSE(same.ok());
  CHECK(same.status().message == "the admin key must differ from the search key");

  auto absent = Parse({"--admin-key-file", dir / "none.key"});
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.status().message ==
        "--admin-key-file " + (dir / "none.key") + ": cannot read the key file");
  for (const std::string& content : {std::string("short key 15 by"),
                                     std::string("0123456789abcdef"
                                                 " and a second word"),
                                     std::string(257, 'k'), std::string("\n\n")}) {
    const std::string path = dir / "bad.key";
    testing::WriteFile(path, content);
    auto r = Parse({"--search-key-file", path});
    INFO(content);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message ==
          "--search-key-file " + path + ": the key must be 16 to 256 bytes, one word");
  }
  testing::WriteFile(dir / "long.key", std::string(256, 'k'));
  CHECK(Parse({"--search-key-file", dir / "long.key"}).ok());
}

TEST_CASE("pushes need the admin key", "[serve_cli]") {
  auto no_key = Parse({"--accept-pushes"});
  REQUIRE_FALSE(no_key.ok());
  CHECK(no_key.status().message.find("--accept-pushes needs --admin-key-file") == 0);
  testing::TempDir dir;
  testing::WriteFile(dir / "admin.key", "0123456789abcdef0123");
  auto o = Parse({"--accept-pushes", "--admin-key-file", dir / "admin.key"});
  REQUIRE(o.ok());
  CHECK(o.value().accept_pushes);
}

TEST_CASE("CORS origins are normalised, anything else is refused", "[serve_cli]") {
  CHECK(ParseCorsOrigin("*").value() == "*");
  CHECK(ParseCorsOrigin("HTTPS://Intranet.Example.org/").value() == "https://intranet.example.org");
  CHECK(ParseCorsOrigin("http://127.0.0.1:8080").value() == "http://127.0.0.1:8080");
  CHECK(ParseCorsOrigin("http://[::1]:3000").value() == "http://[::1]:3000");
  for (const char* bad : {"", "intranet.example.org", "ftp://x.org", "https://", "https://x.org/p",
                          "https://x.org:", "https://:80", "https://a b.org"}) {
    auto r = ParseCorsOrigin(bad);
    INFO(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message.rfind(std::string("--cors-origin ") + bad + ": expected", 0) == 0);
  }
  auto o = Parse({"--cors-origin", "https://a.org", "--cors-origin", "*"});
  REQUIRE(o.ok());
  CHECK(o.value().http.cors_origins == std::vector<std::string>{"https://a.org", "*"});
}

TEST_CASE("the default threads: one per core for local shards, more for remote", "[serve_cli]") {
  CHECK(DefaultSearchThreads(false, 2) == 2);
  CHECK(DefaultSearchThreads(false, 16) == 16);
  CHECK(DefaultSearchThreads(false, 1) == 2);  // one waiting on I/O leaves the core busy
  CHECK(DefaultSearchThreads(false, 0) == 2);  // unknown core count
  CHECK(DefaultSearchThreads(true, 2) == 8);
  CHECK(DefaultSearchThreads(true, 4) == 16);
  CHECK(DefaultSearchThreads(true, 0) == 8);
}
