// communique-serve's front-end flags: sizes, connection caps, keep-alive.
#include "searcher/serve_cli.h"

#include <catch2/catch.hpp>

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
