// Pushing articles over HTTP (issue 15): the real communique-serve with
// --accept-pushes, started on an empty folder, takes JSON lines and arrays
// from a "CMS" through its gate, answers per record, makes wait=commit
// pushes searchable at once, deletes, holds the write lock against
// communique-index, and refuses what it should (keys, sizes, shards).
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "tests/support/running_server.h"
#include "tests/support/test_support.h"

using namespace communique::testing;
using nlohmann::json;

namespace {

const char kAdminKey[] = "push-test-admin-key-0123456789";

std::string Record(const std::string& id, const std::string& title, const std::string& body) {
  return json{{"id", id},
              {"title", title},
              {"date", "2026-12-03"},
              {"source", "Newsroom CMS"},
              {"body", body}}
      .dump();
}

// A communique-serve over `db` with the given extra flags.
struct Server : RunningServer {
  Server(const std::string& db, const std::vector<std::string>& flags)
      : RunningServer(db, flags, 15000, 30) {}
  httplib::Headers Admin() const { return {{"X-Communique-Key", kAdminKey}}; }
  httplib::Result Push(const std::string& path, const std::string& body,
                       const std::string& type = "application/x-ndjson") {
    auto res = client->Post(path.c_str(), Admin(), body, type.c_str());
    REQUIRE(res);
    return res;
  }
  json Get(const std::string& path, int want_status) {
    auto res = client->Get(path.c_str());
    REQUIRE(res);
    INFO(path << " -> " << res->body.substr(0, 400));
    CHECK(res->status == want_status);
    return json::parse(res->body);
  }
};

// Sends raw bytes to the port and returns the status line of the answer.
std::string RawStatus(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out.substr(0, out.find("\r\n"));
}

std::set<std::string> HitIds(const json& r) {
  std::set<std::string> ids;
  for (const auto& h : r["hits"]) ids.insert(h["id"].get<std::string>());
  return ids;
}

// One pushing server on an empty folder, shared by the cases below.
struct Newsroom {
  TempDir dir;
  std::unique_ptr<Server> server;
  Newsroom() {
    WriteFile(dir / "admin.key", std::string(kAdminKey) + "\n");
    server = std::make_unique<Server>(
        dir / "db", std::vector<std::string>{"--accept-pushes", "--admin-key-file",
                                             dir / "admin.key", "--commit-interval", "60000"});
  }
};

Newsroom& TheNewsroom() {
  static Newsroom n;
  return n;
}

}  // namespace

TEST_CASE("a push of three records, one malformed: 207, per record, searchable at once", "[push]") {
  Server& s = *TheNewsroom().server;
  std::string body = Record("cms-1", "Envoys meet in Quetzalburg",
                            "ISLAMABAD: Pakistani and Russian envoys met in Quetzalburg.") +
                     "\n{\"id\": \"cms-2\", \"body\": \n" +
                     Record("cms-3", "Quetzalburg talks end", "The Quetzalburg talks ended.") +
                     "\n";
  auto res = s.Push("/api/admin/articles?wait=commit", body);
  INFO(res->body);
  CHECK(res->status == 207);
  json r = json::parse(res->body);
  CHECK(r["added"] == 2);
  CHECK(r["skipped"] == 1);
  CHECK(r["committed"] == true);
  REQUIRE(r["records"].size() == 3);
  CHECK(r["records"][0] == json{{"line", 1}, {"id", "cms-1"}, {"status", "added"}});
  CHECK(r["records"][1]["line"] == 2);
  CHECK(r["records"][1]["status"] == "skipped");
  CHECK(r["records"][1]["error"].get<std::string>().rfind("2: invalid JSON", 0) == 0);
  CHECK(r["records"][2]["status"] == "added");

  // Searchable the moment the answer came: no sleep.
  json found = s.Get("/api/search?q=Quetzalburg", 200);
  CHECK(HitIds(found) == std::set<std::string>{"cms-1", "cms-3"});
  json doc = s.Get("/api/doc/cms-1", 200);
  CHECK(doc["source"] == "Newsroom CMS");
  CHECK(doc["countries"].size() >= 1);  // analysed like an indexed article
}

TEST_CASE("arrays, replacements, and the answer without wait says when", "[push]") {
  Server& s = *TheNewsroom().server;
  std::string array = "[" + Record("arr-1", "Zorblatt summit", "Zorblatt summit opens.") + "," +
                      Record("arr-2", "Zorblatt summit", "Zorblatt summit closes.") + "]";
  auto res = s.Push("/api/admin/articles?wait=commit", array, "application/json");
  INFO(res->body);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body)["added"] == 2);

  // Not waiting: accepted now, searchable at the next commit (60 s away here).
  res = s.Push("/api/admin/articles",
               Record("arr-1", "Zorblatt summit", "Zorblatt summit opens late.") + "\n");
  INFO(res->body);
  CHECK(res->status == 200);
  json r = json::parse(res->body);
  CHECK(r["records"][0]["status"] == "replaced");
  CHECK(r["committed"] == false);
  CHECK(r["searchable_within_ms"].get<long>() > 0);
  CHECK(r["searchable_within_ms"].get<long>() <= 60000);
  CHECK(s.Get("/api/search?q=late", 200)["total"] == 0);
  // The next wait=commit push commits it too.
  REQUIRE(s.Push("/api/admin/articles?wait=commit", Record("arr-3", "x", "filler text") + "\n")
              ->status == 200);
  CHECK(HitIds(s.Get("/api/search?q=late", 200)) == std::set<std::string>{"arr-1"});
}

TEST_CASE("a large push goes through the gate whole", "[push]") {
  Server& s = *TheNewsroom().server;
  std::string body;
  std::string filler;
  for (int w = 0; w < 200; ++w) filler += "negotiators discussed the treaty text again ";
  for (int i = 0; i < 300; ++i)
    body +=
        Record("bulk-" + std::to_string(i), "Bulk " + std::to_string(i), "Vexillium " + filler) +
        "\n";
  REQUIRE(body.size() > 2u << 20);
  auto res = s.Push("/api/admin/articles?wait=commit", body);
  INFO(res->body.substr(0, 400));
  CHECK(res->status == 200);
  CHECK(json::parse(res->body)["added"] == 300);
  CHECK(s.Get("/api/search?q=Vexillium&size=1&collapse=false", 200)["total"] == 300);
}

TEST_CASE("delete: gone from search and /api/doc, 404 when unknown", "[push]") {
  Server& s = *TheNewsroom().server;
  REQUIRE(s.Push("/api/admin/articles?wait=commit",
                 Record("del-1", "Plumbago accord", "The Plumbago accord was signed.") + "\n")
              ->status == 200);
  CHECK(s.Get("/api/doc/del-1", 200)["id"] == "del-1");
  auto res = s.client->Delete("/api/admin/articles/del-1?wait=commit", s.Admin());
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body)["committed"] == true);
  s.Get("/api/doc/del-1", 404);
  CHECK(s.Get("/api/search?q=Plumbago", 200)["total"] == 0);
  res = s.client->Delete("/api/admin/articles/del-1", s.Admin());
  REQUIRE(res);
  CHECK(res->status == 404);
}

TEST_CASE("bad bodies and missing keys are refused", "[push]") {
  Server& s = *TheNewsroom().server;
  auto res = s.Push("/api/admin/articles", "id=1&body=hello", "application/x-www-form-urlencoded");
  CHECK(res->status == 400);
  CHECK(json::parse(res->body)["error"]["message"].get<std::string>().find("--data-binary") !=
        std::string::npos);
  CHECK(s.Push("/api/admin/articles?wait=soon", Record("w", "w", "w") + "\n")->status == 400);

  auto anonymous = s.client->Post("/api/admin/articles", Record("a", "a", "a"), "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  auto wrong = s.client->Delete("/api/admin/articles/cms-1", {{"X-Communique-Key", "nope"}});
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  s.Get("/api/doc/cms-1", 200);  // still there

  // The gate: 413 past --max-body (32 MiB, declared), 413 for a body on a
  // route that takes none; a chunked push is de-chunked and reaches the
  // route, where the admin key is still needed.
  CHECK(RawStatus(s.port,
                  "POST /api/admin/articles HTTP/1.1\r\nHost: t\r\nContent-Length: 40000000\r\n"
                  "X-Communique-Key: " +
                      std::string(kAdminKey) + "\r\n\r\n") == "HTTP/1.1 413 Payload Too Large");
  CHECK(
      RawStatus(s.port, "POST /api/search HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello") ==
      "HTTP/1.1 413 Payload Too Large");
  CHECK(RawStatus(s.port,
                  "POST /api/admin/articles HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                  "\r\n0\r\n\r\n") == "HTTP/1.1 401 Unauthorized");
  // The key is checked from the head, before the body is read: a keyless
  // push whose 1 MB body has barely started is refused at once, not after
  // the body (or the 10 s slow-body grace), so it cannot hold a worker.
  auto started = std::chrono::steady_clock::now();
  CHECK(RawStatus(s.port,
                  "POST /api/admin/articles HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n"
                  "\r\n{\"id\":") == "HTTP/1.1 401 Unauthorized");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
}

TEST_CASE("the pushing server holds the write lock: communique-index exits 2", "[push]") {
  Newsroom& n = TheNewsroom();
  WriteFile(n.dir / "more.jsonl", Record("cli-1", "t", "text") + "\n");
  CommandResult r =
      Run({BinDir() + "/communique-index", "--db", n.dir / "db", n.dir / "more.jsonl"});
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("index is locked by another writer") != std::string::npos);
}

TEST_CASE("servers that take no pushes say why", "[push]") {
  TempDir dir;
  WriteFile(dir / "admin.key", std::string(kAdminKey) + "\n");
  WriteFile(dir / "a.jsonl",
            Record("x-1", "t", "some text") + "\n" + Record("x-2", "t", "other text") + "\n");
  REQUIRE(Run({BinDir() + "/communique-index", "--db", dir / "db", dir / "a.jsonl"}).exit_code ==
          0);

  SECTION("without --accept-pushes: 501 with the flag to use; no admin key: 403") {
    Server plain(dir / "db", {"--admin-key-file", dir / "admin.key"});
    auto res = plain.Push("/api/admin/articles", Record("y", "t", "text") + "\n");
    CHECK(res->status == 501);
    CHECK(res->body.find("--accept-pushes") != std::string::npos);
    Server open(dir / "db", {});
    auto forbidden = open.Push("/api/admin/articles", Record("y", "t", "text") + "\n");
    CHECK(forbidden->status == 403);
    // Neither holds the lock.
    CHECK(Run({BinDir() + "/communique-index", "--db", dir / "db", dir / "a.jsonl"}).exit_code ==
          0);
  }
  SECTION("--accept-pushes needs the admin key, and a single local database") {
    CommandResult no_key =
        Run({BinDir() + "/communique-serve", "--db", dir / "db", "--accept-pushes"});
    CHECK(no_key.exit_code == 2);
    CHECK(no_key.err.find("--admin-key-file") != std::string::npos);
    REQUIRE(Run({BinDir() + "/communique-index", "--db", dir / "shards", "--shards", "2",
                 dir / "a.jsonl"})
                .exit_code == 0);
    CommandResult shards = Run({BinDir() + "/communique-serve", "--db", dir / "shards", "--port",
                                "0", "--accept-pushes", "--admin-key-file", dir / "admin.key"});
    CHECK(shards.exit_code == 2);
    CHECK(shards.err.find("single local database") != std::string::npos);
  }
}

TEST_CASE("a server stopped with SIGTERM commits what it accepted", "[push]") {
  TempDir dir;
  WriteFile(dir / "admin.key", std::string(kAdminKey) + "\n");
  {
    Server s(dir / "db", {"--accept-pushes", "--admin-key-file", dir / "admin.key",
                          "--commit-interval", "60000"});
    REQUIRE(
        s.Push("/api/admin/articles?wait=commit", Record("term-1", "t", "first") + "\n")->status ==
        200);
    auto res = s.Push("/api/admin/articles", Record("term-2", "t", "second") + "\n");
    REQUIRE(res->status == 200);
    REQUIRE(json::parse(res->body)["committed"] == false);  // the next commit is 60 s away
  }  // ~ChildProcess sends SIGTERM (SIGKILL only if the server is not gone within 1 s)
  Server reader(dir / "db", {});
  reader.Get("/api/doc/term-2", 200);
}
