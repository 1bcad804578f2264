// CORS in the HTTP layer: the --cors-origin allow-list answers preflights and
// sets Access-Control-Allow-Origin only for listed origins.
#include <httplib.h>

#include <catch2/catch.hpp>

#include "searcher/exporters.h"
#include "searcher/http_server.h"
#include "searcher/serve_cli.h"
#include "tests/support/test_support.h"

using namespace communique;
using testing::ShippedSchema;

namespace {

class FakeBackend : public SearchBackend {
 public:
  Result<SearchResult> Search(const SearchRequest&) override { return SearchResult{}; }
  Result<nlohmann::json> Document(const std::string&) override {
    return Status{404, "no such document"};
  }
  Result<nlohmann::json> Health() override { return nlohmann::json{{"status", "ok"}}; }
};

// An HttpServer on a free port with the given allow-list.
struct Served {
  FakeBackend backend;
  std::unique_ptr<HttpServer> server;
  std::unique_ptr<httplib::Client> client;
  explicit Served(std::vector<std::string> origins, std::string public_url = "") {
    HttpServerOptions o;
    o.public_url = std::move(public_url);
    o.port = 0;
    o.threads = 2;
    o.web_dir = testing::SourceDir() + "/web";
    o.cors_origins = std::move(origins);
    server = std::make_unique<HttpServer>(backend, ShippedSchema(), o);
    REQUIRE(server->Start().ok());
    client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
    client->set_read_timeout(5, 0);
  }
  ~Served() { server->Stop(); }
  httplib::Result Get(const std::string& path, const std::string& origin) {
    httplib::Headers h;
    if (!origin.empty()) h.emplace("Origin", origin);
    return client->Get(path.c_str(), h);
  }
  httplib::Result Preflight(const std::string& path, const std::string& origin) {
    httplib::Headers h{{"Origin", origin},
                       {"Access-Control-Request-Method", "GET"},
                       {"Access-Control-Request-Headers", "accept, x-api-key"}};
    return client->Options(path.c_str(), h);
  }
};

constexpr char kIntranet[] = "https://intranet.example.org";

}  // namespace

TEST_CASE("listed origins get Access-Control-Allow-Origin, others do not", "[cors]") {
  Served s({kIntranet, "http://127.0.0.1:9999"});

  auto ok = s.Get("/api/search?q=x", kIntranet);
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(ok->get_header_value("Access-Control-Allow-Origin") == kIntranet);
  CHECK(ok->get_header_value("Vary") == "Origin");

  auto second = s.Get("/healthz", "http://127.0.0.1:9999");
  REQUIRE(second);
  CHECK(second->get_header_value("Access-Control-Allow-Origin") == "http://127.0.0.1:9999");

  // widget.js and the other static files carry "*" (a module import needs
  // it; they are public), once: two values would make a browser refuse both.
  auto widget = s.Get("/widget.js", kIntranet);
  REQUIRE(widget);
  CHECK(widget->status == 200);
  CHECK(widget->get_header_value_count("Access-Control-Allow-Origin") == 1);
  CHECK(widget->get_header_value("Access-Control-Allow-Origin") == "*");

  for (const char* other : {"https://evil.example.com", "https://intranet.example.org:8443",
                            "http://intranet.example.org", "null"}) {
    INFO(other);
    auto refused = s.Get("/api/search?q=x", other);
    REQUIRE(refused);
    CHECK(refused->status == 200);  // the browser, not the server, withholds the body
    CHECK_FALSE(refused->has_header("Access-Control-Allow-Origin"));
  }

  auto same_origin = s.Get("/api/search?q=x", "");
  REQUIRE(same_origin);
  CHECK_FALSE(same_origin->has_header("Access-Control-Allow-Origin"));

  // Errors are readable cross-origin too, so the widget can show the message.
  auto bad = s.Get("/api/search?size=1000", kIntranet);
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(bad->get_header_value("Access-Control-Allow-Origin") == kIntranet);
}

TEST_CASE("preflights are answered for listed origins only", "[cors]") {
  Served s({kIntranet});

  auto ok = s.Preflight("/api/search?q=x", kIntranet);
  REQUIRE(ok);
  CHECK(ok->status == 204);
  CHECK(ok->body.empty());
  CHECK(ok->get_header_value("Access-Control-Allow-Origin") == kIntranet);
  CHECK(ok->get_header_value("Access-Control-Allow-Methods").find("GET") != std::string::npos);
  CHECK(ok->get_header_value("Access-Control-Allow-Headers") == "accept, x-api-key");
  CHECK(ok->get_header_value("Access-Control-Max-Age") == "600");

  auto refused = s.Preflight("/api/search?q=x", "https://evil.example.com");
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK_FALSE(refused->has_header("Access-Control-Allow-Origin"));
  CHECK_FALSE(refused->has_header("Access-Control-Allow-Methods"));
  CHECK(refused->body.find("origin not allowed") != std::string::npos);
}

TEST_CASE("without --cors-origin nothing is allowed cross-origin", "[cors]") {
  Served s({});
  auto res = s.Get("/api/search?q=x", kIntranet);
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK_FALSE(res->has_header("Access-Control-Allow-Origin"));
  auto pre = s.Preflight("/api/search", kIntranet);
  REQUIRE(pre);
  CHECK(pre->status != 204);
  CHECK_FALSE(pre->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("the widget's modules load cross-origin even without --cors-origin", "[cors]") {
  // So an unlisted page still gets the widget, which can then say that the
  // page is not allowed to search (the API stays closed to it).
  Served s({});
  for (const char* file : {"/widget.js", "/dom.js", "/format.js", "/article.js"}) {
    INFO(file);
    auto res = s.Get(file, kIntranet);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Access-Control-Allow-Origin") == "*");
    CHECK(res->get_header_value("Content-Type").find("javascript") != std::string::npos);
  }
  auto api = s.Get("/api/search?q=x", kIntranet);
  REQUIRE(api);
  CHECK_FALSE(api->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("a wildcard is answered only when asked for explicitly", "[cors]") {
  Served s({"*"});
  auto res = s.Get("/api/search?q=x", "https://anyone.example.net");
  REQUIRE(res);
  CHECK(res->get_header_value("Access-Control-Allow-Origin") == "*");
  auto pre = s.Preflight("/api/search", "https://anyone.example.net");
  REQUIRE(pre);
  CHECK(pre->status == 204);
  CHECK(pre->get_header_value("Access-Control-Allow-Origin") == "*");
}

TEST_CASE("the cors-origin flag is repeatable and checked", "[cors][cli]") {
  auto o = ParseServeArgs({"--db", "x", "--cors-origin", "HTTPS://Intranet.Example.org/",
                           "--cors-origin", "http://127.0.0.1:8081"});
  REQUIRE(o.ok());
  CHECK(o.value().http.cors_origins ==
        std::vector<std::string>{"https://intranet.example.org", "http://127.0.0.1:8081"});
  CHECK(ParseServeArgs({"--db", "x"}).value().http.cors_origins.empty());
  CHECK(ParseCorsOrigin("*").value() == "*");
  CHECK(ParseCorsOrigin("http://[::1]:8080").value() == "http://[::1]:8080");
  for (const char* bad : {"", "intranet.example.org", "ftp://x.org", "https://x.org/path",
                          "https://", "https://x.org:", "https://*.example.org", "null"}) {
    INFO(bad);
    auto r = ParseServeArgs({"--db", "x", "--cors-origin", bad});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code == 400);
    CHECK(r.status().message.find("--cors-origin") != std::string::npos);
  }
}

TEST_CASE("static files are gzipped even when the browser offers brotli", "[http]") {
  // httplib's brotli runs at quality 11: ~200 ms per script on every load.
  Served s({});
  auto res = s.client->Get("/app.js", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Encoding") == "gzip");
  auto only_br = s.client->Get("/app.js", {{"Accept-Encoding", "br"}});
  REQUIRE(only_br);
  CHECK(only_br->status == 200);
  CHECK_FALSE(only_br->has_header("Content-Encoding"));
}

TEST_CASE("GET /doc/{id} serves the article page, with the page's CSP", "[http]") {
  Served s({});
  for (const char* path : {"/doc/cq-0001", "/doc/no-such-article", "/doc/a%2Fb"}) {
    INFO(path);
    auto res = s.client->Get(path);
    REQUIRE(res);
    CHECK(res->status == 200);  // the page itself says when the id is unknown
    CHECK(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(res->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);
    CHECK(res->body.find("src=\"../doc.js\"") != std::string::npos);
  }
  auto none = s.client->Get("/doc/");
  REQUIRE(none);
  CHECK(none->status == 404);
}

TEST_CASE("feed links use --public-url, else the request's Host, never the bind address",
          "[http]") {
  {
    Served s({});
    auto res = s.client->Get("/api/search.atom?q=x", {{"Host", "news.example.org"}});
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("<id>http://news.example.org/api/search.atom?q=x</id>") !=
          std::string::npos);
    CHECK(res->body.find("127.0.0.1") == std::string::npos);
    CHECK(res->body.find("1970") == std::string::npos);  // an empty feed is dated now
  }
  {
    Served s({}, "https://news.example.org/archive/");
    auto res = s.client->Get("/api/search.atom?q=x", {{"Host", "10.0.0.5:8080"}});
    REQUIRE(res);
    CHECK(res->body.find("<id>https://news.example.org/archive/api/search.atom?q=x</id>") !=
          std::string::npos);
    CHECK(res->body.find("10.0.0.5") == std::string::npos);
  }
}

TEST_CASE("the public-url flag takes an http(s) URL", "[http][cli]") {
  auto ok = ParseServeArgs({"--db", "x", "--public-url", "https://news.example.org"});
  REQUIRE(ok.ok());
  CHECK(ok.value().http.public_url == "https://news.example.org");
  auto bad = ParseServeArgs({"--db", "x", "--public-url", "news.example.org"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message.find("--public-url") != std::string::npos);
}

namespace {

// Pages of 1000 hits by date cursor ("" -> "p1" -> "p2" -> end), as
// XapianSearcher answers sort=date; "bad" is a query it cannot read.
class PagingBackend : public FakeBackend {
 public:
  Result<SearchResult> Search(const SearchRequest& r) override {
    if (r.q == "bad") return Status::BadRequest("AND needs something on both sides");
    seen_sorts.push_back(r.sort);
    SearchResult out;
    int first = r.cursor.empty() ? 0 : r.cursor == "p1" ? 1000 : 2000;
    int n = r.cursor == "p2" ? 5 : std::min(r.size, 1000);
    for (int i = first; i < first + n; ++i) {
      SearchHit h;
      h.id = "a" + std::to_string(i);
      h.title = "Erdoğan " + std::to_string(i);
      out.hits.push_back(h);
    }
    out.total = 2005;
    out.next_cursor = r.cursor.empty() ? "p1" : r.cursor == "p1" ? "p2" : "";
    return out;
  }
  std::vector<SearchRequest::Sort> seen_sorts;
};

}  // namespace

TEST_CASE("export all matches: every page newest first in one CSV", "[http][export]") {
  PagingBackend backend;
  HttpServerOptions o;
  o.port = 0;
  o.threads = 2;
  HttpServer server(backend, ShippedSchema(), o);
  REQUIRE(server.Start().ok());
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10, 0);
  auto res = client.Get("/api/search.csv?q=x&all=true");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "text/csv; charset=utf-8");
  CHECK(res->get_header_value("X-Communique-Export-Limit") == std::to_string(kMaxExportAll));
  const std::string& body = res->body;
  REQUIRE(body.rfind(std::string(kCsvBom) + kCsvHeader + "\r\n", 0) == 0);
  CHECK(body.find(kCsvHeader, 4) == std::string::npos);  // one header
  size_t rows = 0;
  for (size_t at = body.find("\r\na"); at != std::string::npos; at = body.find("\r\na", at + 1))
    ++rows;
  CHECK(rows == 2005);
  CHECK(body.find("\r\na1999,") != std::string::npos);
  CHECK(body.find("\r\na2004,") != std::string::npos);
  for (auto sort : backend.seen_sorts) CHECK(sort == SearchRequest::Sort::kDate);
  CHECK(backend.seen_sorts.size() == 3);

  auto bad = client.Get("/api/search.csv?q=bad&all=true");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(bad->body.rfind(std::string(kCsvBom) + "error\r\n", 0) == 0);
  auto json = client.Get("/api/search?q=x&all=true");
  REQUIRE(json);
  CHECK(json->status == 400);
  server.Stop();
}
