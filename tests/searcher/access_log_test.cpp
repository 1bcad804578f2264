#include "searcher/access_log.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

using namespace communique;

TEST_CASE("a key in the URL never reaches the log", "[access_log]") {
  CHECK(AccessLog::Redact("/api/search?q=putin&key=s3cret&size=5") ==
        "/api/search?q=putin&key=REDACTED&size=5");
  CHECK(AccessLog::Redact("/api/search?key=s3cret") == "/api/search?key=REDACTED");
  CHECK(AccessLog::Redact("/api/search?monkey=1") == "/api/search?monkey=1");
  CHECK(AccessLog::Redact("/healthz") == "/healthz");
}

TEST_CASE("one JSON object per request and line, appended", "[access_log]") {
  testing::TempDir dir;
  std::string path = dir / "access.log";
  {
    auto log = AccessLog::Open(path);
    REQUIRE(log.ok());
    AccessRecord r;
    r.unix_seconds = 1631606400.25;  // 2021-09-14T08:00:00.250Z
    r.client = "203.0.113.7";
    r.method = "GET";
    r.target = "/api/search?q=khan&key=abc";
    r.status = 200;
    r.bytes = 1234;
    r.ms = 3.14159;
    r.hits = 7;
    log.value()->Write(r);
    r.hits.reset();
    r.target = "/api/doc/\xff";  // untrusted bytes stay valid JSON
    log.value()->Write(r);
  }
  REQUIRE(AccessLog::Open(path).ok());  // reopening appends, never truncates
  std::ifstream in(path);
  std::string line;
  std::vector<nlohmann::json> lines;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["time"] == "2021-09-14T08:00:00.250Z");
  CHECK(lines[0]["client"] == "203.0.113.7");
  CHECK(lines[0]["path"] == "/api/search?q=khan&key=REDACTED");
  CHECK(lines[0]["status"] == 200);
  CHECK(lines[0]["bytes"] == 1234);
  CHECK(lines[0]["ms"] == 3.14);
  CHECK(lines[0]["hits"] == 7);
  CHECK_FALSE(lines[1].contains("hits"));
  CHECK(AccessLog::Open(dir / "no/such/dir/log").status().code == 400);
}

TEST_CASE("log levels parse and filter", "[access_log]") {
  CHECK(ParseLogLevel("info").value() == LogLevel::kInfo);
  CHECK(ParseLogLevel("loud").status().code == 400);
}
