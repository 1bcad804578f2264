#include "searcher/server_metrics.h"

#include <catch2/catch.hpp>

using namespace communique;

TEST_CASE("routes are patterns, never ids or queries", "[metrics]") {
  CHECK(ServerMetrics::RouteOf("/api/search") == "/api/search");
  CHECK(ServerMetrics::RouteOf("/api/doc/cq-0025") == "/api/doc/{id}");
  CHECK(ServerMetrics::RouteOf("/api/similar/https://x/y") == "/api/similar/{id}");
  CHECK(ServerMetrics::RouteOf("/api/facets/country") == "/api/facets/{field}");
  CHECK(ServerMetrics::RouteOf("/api/nope") == "other");
  CHECK(ServerMetrics::RouteOf("/app.js") == "static");
  CHECK(ServerMetrics::RouteOf("/metrics") == "/metrics");
}

TEST_CASE("requests are counted by route and status, latency cumulatively", "[metrics]") {
  ServerMetrics m;
  m.Started();
  m.Finished("/api/search", 200, 0.003);
  m.Started();
  m.Finished("/api/search", 200, 0.2);
  m.Started();
  m.Finished("/api/search", 400, 0.0005);
  m.Started();  // still running
  MetricsSnapshot s;
  s.documents = 91;
  s.shards = {{"shard-000", 1}, {"host-b:33333", 0}};
  std::string text = m.Render(s);
  CHECK(text.find("communique_http_requests_total{route=\"/api/search\",status=\"200\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("communique_http_requests_total{route=\"/api/search\",status=\"400\"} 1\n") !=
        std::string::npos);
  // Buckets are cumulative: 0.0005 <= 0.001; 0.003 <= 0.005; 0.2 <= 0.25.
  CHECK(text.find("_bucket{route=\"/api/search\",le=\"0.001\"} 1\n") != std::string::npos);
  CHECK(text.find("_bucket{route=\"/api/search\",le=\"0.005\"} 2\n") != std::string::npos);
  CHECK(text.find("_bucket{route=\"/api/search\",le=\"0.1\"} 2\n") != std::string::npos);
  CHECK(text.find("_bucket{route=\"/api/search\",le=\"0.25\"} 3\n") != std::string::npos);
  CHECK(text.find("_bucket{route=\"/api/search\",le=\"+Inf\"} 3\n") != std::string::npos);
  CHECK(text.find("_count{route=\"/api/search\"} 3\n") != std::string::npos);
  CHECK(text.find("communique_http_requests_in_flight 1\n") != std::string::npos);
  CHECK(text.find("communique_index_documents 91\n") != std::string::npos);
  CHECK(text.find("communique_shard_up{shard=\"host-b:33333\"} 0\n") != std::string::npos);
  // Every sample line belongs to a declared metric.
  CHECK(text.find("# TYPE communique_http_request_duration_seconds histogram") !=
        std::string::npos);
}
