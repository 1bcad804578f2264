// End to end: the real communique-index and communique-serve binaries, the
// sample corpus, and HTTP requests, as a newcomer would run them.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/running_server.h"
#include "tests/support/test_support.h"

using namespace communique::testing;
using nlohmann::json;

namespace {

std::string Index() { return BinDir() + "/communique-index"; }

// A running communique-serve on a free port.
struct Server : RunningServer {
  explicit Server(const std::string& db) : RunningServer(db, {"--web", SourceDir() + "/web"}) {}
  // GET `path`; checks the status and returns the JSON body.
  json Get(const std::string& path, int want_status = 200) {
    auto res = client->Get(path.c_str());
    REQUIRE(res);
    INFO(path << " -> " << res->body);
    CHECK(res->status == want_status);
    CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
    return json::parse(res->body);
  }
};

std::set<std::string> Values(const json& list) {
  std::set<std::string> out;
  for (const auto& v : list) out.insert(v["value"].get<std::string>());
  return out;
}

int Documents(Server& s) { return s.Get("/healthz")["documents"].get<int>(); }

}  // namespace

TEST_CASE("index the sample corpus, serve it, and search it over HTTP", "[e2e]") {
  TempDir dir;
  std::string db = dir / "db";
  CommandResult indexed = Run({Index(), "--db", db, SourceDir() + "/scripts/sample"});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  CHECK(indexed.err.find(" added, 0 replaced, 0 skipped") != std::string::npos);

  Server server(db);
  int documents = Documents(server);
  CHECK(documents >= 60);

  SECTION("the search page is served") {
    auto res = server.client->Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(res->body.find("<form") != std::string::npos);
  }

  SECTION("word, phrase, filters, dates, paging and facets") {
    json word = server.Get("/api/search?q=Putin");
    CHECK(word["total"].get<int>() >= 10);
    CHECK(word["hits"].size() == 10);
    CHECK(word["hits"][0]["snippet"].get<std::string>().find("<mark>Putin</mark>") !=
          std::string::npos);

    json phrase = server.Get("/api/search?q=%22Shanghai+Cooperation+Organisation%22&size=100");
    CHECK(phrase["total"].get<int>() >= 5);

    json country = server.Get("/api/search?q=call&country=PK&size=100");
    REQUIRE(country["total"].get<int>() > 0);
    for (const auto& h : country["hits"]) CHECK(Values(h["countries"]).count("PK"));

    json org = server.Get("/api/search?organisation=SCO&size=100");
    REQUIRE(org["total"].get<int>() >= 5);
    for (const auto& h : org["hits"]) CHECK(Values(h["organisations"]).count("SCO"));

    json range = server.Get("/api/search?q=Putin&from=2021-09-01&to=2021-09-30&size=100");
    REQUIRE(range["total"].get<int>() > 0);
    for (const auto& h : range["hits"]) {
      CHECK(h["date"].get<std::string>() >= "2021-09-01");
      CHECK(h["date"].get<std::string>() <= "2021-09-30");
    }

    json page1 = server.Get("/api/search?q=minister&size=3&page=1");
    json page2 = server.Get("/api/search?q=minister&size=3&page=2");
    CHECK(page1["hits"].size() == 3);
    CHECK(page2["page"] == 2);
    CHECK(page1["hits"][0]["id"] != page2["hits"][0]["id"]);
    CHECK(page1["total"] == page2["total"]);

    json facets = server.Get("/api/search?q=summit&size=100&facet_size=100");
    std::map<std::string, int> counted;
    for (const auto& h : facets["hits"]) {
      for (const auto& c : Values(h["countries"])) ++counted[c];
    }
    std::map<std::string, int> reported;
    for (const auto& b : facets["facets"]["country"]) reported[b["value"]] = b["count"];
    CHECK(reported == counted);
    CHECK(facets["facets"]["country"][0].contains("label"));
  }

  SECTION("bad input is a JSON 400; unknown documents and routes are 404") {
    json bad = server.Get("/api/search?size=1000", 400);
    CHECK(bad["error"]["code"] == 400);
    CHECK(bad["error"]["message"].get<std::string>().find("size") != std::string::npos);
    server.Get("/api/search?from=yesterday", 400);
    server.Get("/api/search?q=%22unbalanced&sort=sideways", 400);
    json missing = server.Get("/api/doc/no-such-article", 404);
    CHECK(missing["error"]["code"] == 404);
    server.Get("/api/nothing-here", 404);
    json doc = server.Get("/api/doc/cq-0025");
    CHECK(doc["date"] == "2021-09-14");
  }

  SECTION("indexing the same files again changes nothing; new files appear without restart") {
    CommandResult again = Run({Index(), "--db", db, SourceDir() + "/scripts/sample"});
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("0 added") != std::string::npos);
    CHECK(Documents(server) == documents);

    WriteFile(
        dir / "new.jsonl",
        R"({"id":"fresh-1","title":"Zanzibar envoys meet","body":"Envoys from Zanzibar met in Dodoma on Friday.","date":"2025-06-06"})"
        "\n");
    CHECK(Run({Index(), "--db", db, dir / "new.jsonl"}).exit_code == 0);
    json fresh = server.Get("/api/search?q=zanzibar");
    REQUIRE(fresh["total"] == 1);
    CHECK(fresh["hits"][0]["id"] == "fresh-1");
    CHECK(Documents(server) == documents + 1);
  }
}

TEST_CASE("the seed article yields its entities and dates, without its HTML", "[seed]") {
  std::string shared = SharedDataDir();
  std::string seed = shared + "/seed/000_05641a37872730fa.txt";
  if (shared.empty() || !std::filesystem::exists(seed)) {
    std::cout << "SKIPPED: " << seed << " is absent\n";
    std::exit(77);  // CTest's SKIP_RETURN_CODE for this test
  }
  TempDir dir;
  CommandResult indexed = Run({Index(), "--db", dir / "db", seed});
  INFO(indexed.err);
  REQUIRE(indexed.exit_code == 0);
  Server server(dir / "db");
  json r = server.Get("/api/search?q=Putin");
  REQUIRE(r["total"] == 1);
  const json& hit = r["hits"][0];
  CHECK(hit["date"] == "2021-09-14");
  for (const char* field : {"title", "title_html", "snippet"}) {
    CHECK(hit[field].get<std::string>().find("data-mce") == std::string::npos);
    CHECK(hit[field].get<std::string>().find("<span") == std::string::npos);
  }
  std::set<std::string> countries = Values(hit["countries"]);
  CHECK(countries.count("PK"));
  CHECK(countries.count("RU"));
  CHECK(countries.count("AF"));
  CHECK(Values(hit["leaders"]) == std::set<std::string>{"imran-khan", "vladimir-putin"});
  CHECK(Values(hit["organisations"]) == std::set<std::string>{"SCO"});

  json doc = server.Get("/api/doc/" + hit["id"].get<std::string>());
  CHECK(doc["body"].get<std::string>().find("data-mce") == std::string::npos);
  std::set<std::string> mentioned(doc["dates_mentioned"].begin(), doc["dates_mentioned"].end());
  CHECK(mentioned.count("2021-08-25"));
  CHECK(mentioned.count("2021-09-14"));
  CHECK(doc["dateline_country"] == "PK");

  // Issue 18: the seed is a call between Pakistan and Russia, its primary event.
  REQUIRE(hit["events"].is_array());
  REQUIRE(!hit["events"].empty());
  CHECK(hit["events"][0] == "call");
  CHECK(server.Get("/api/search?event=call&event_dyad=PK-RU:call")["total"] == 1);
  CHECK(server.Get("/api/search?q=event:call")["total"] == 1);
  CHECK(server.Get("/api/search?event=expulsion")["total"] == 0);

  for (const char* filter : {"country=PK", "country=RU", "country=AF", "organisation=SCO",
                             "leader=imran-khan", "from=2021-09-14&to=2021-09-14"}) {
    INFO(filter);
    CHECK(server.Get(std::string("/api/search?") + filter)["total"] == 1);
  }
}
