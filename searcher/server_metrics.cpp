#include "searcher/server_metrics.h"

#include <cstdio>

namespace communique {
namespace {

std::string Number(double v, int digits = 17) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

// A label value as the text format needs it: backslash, quote and newline
// escaped.
std::string Label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Header(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

std::string ServerMetrics::RouteOf(std::string_view path) {
  static constexpr std::string_view kExact[] = {
      "/api/search",         "/api/search.csv",   "/api/search.atom",
      "/api/suggest",        "/api/openapi.json", "/api/admin/stats",
      "/api/admin/articles", "/healthz",          "/metrics"};
  for (std::string_view r : kExact) {
    if (path == r) return std::string(r);
  }
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"/api/doc/", "/api/doc/{id}"},
      {"/api/similar/", "/api/similar/{id}"},
      {"/api/facets/", "/api/facets/{field}"},
      {"/api/admin/articles/", "/api/admin/articles/{id}"},
  };
  for (const auto& [prefix, route] : kPrefixes) {
    if (path.substr(0, prefix.size()) == prefix) return std::string(route);
  }
  if (path.substr(0, 5) == "/api/" || path == "/api") return "other";
  return "static";
}

void ServerMetrics::Finished(const std::string& route, int status, double seconds) {
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  if (b < kBuckets.size()) ++h.counts[b];
  ++h.count;
  h.sum += seconds;
}

std::string ServerMetrics::Render(const MetricsSnapshot& s) const {
  std::string out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Header(out, "communique_http_requests_total", "counter",
           "HTTP requests answered, by route and status.");
    for (const auto& [key, n] : requests_)
      out += "communique_http_requests_total{route=\"" + Label(key.first) + "\",status=\"" +
             std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
    Header(out, "communique_http_request_duration_seconds", "histogram",
           "Time from a request's head to its answer, by route.");
    for (const auto& [route, h] : latency_) {
      uint64_t cumulative = 0;
      for (size_t b = 0; b < kBuckets.size(); ++b) {
        cumulative += h.counts[b];
        out += "communique_http_request_duration_seconds_bucket{route=\"" + Label(route) +
               "\",le=\"" + Number(kBuckets[b], 6) + "\"} " + std::to_string(cumulative) + "\n";
      }
      out += "communique_http_request_duration_seconds_bucket{route=\"" + Label(route) +
             "\",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
      out += "communique_http_request_duration_seconds_sum{route=\"" + Label(route) + "\"} " +
             Number(h.sum) + "\n";
      out += "communique_http_request_duration_seconds_count{route=\"" + Label(route) + "\"} " +
             std::to_string(h.count) + "\n";
    }
  }
  auto gauge = [&](const char* name, const char* type, const char* help, const std::string& v) {
    Header(out, name, type, help);
    out += std::string(name) + " " + v + "\n";
  };
  gauge("communique_http_requests_in_flight", "gauge", "Requests being served right now.",
        std::to_string(in_flight_.load(std::memory_order_relaxed)));
  gauge("communique_http_requests_queued", "gauge", "Requests waiting for a worker thread.",
        std::to_string(s.queued));
  gauge("communique_http_connections_open", "gauge", "Client connections open at the gate.",
        std::to_string(s.open_connections));
  gauge("communique_http_connections_accepted_total", "counter",
        "Client connections accepted by the gate.", std::to_string(s.connections_accepted));
  gauge("communique_http_rejected_busy_total", "counter",
        "Connections answered 503 because the queue was full.", std::to_string(s.rejected_busy));
  gauge("communique_http_rejected_limit_total", "counter",
        "Requests the gate refused for a limit (400, 408, 413, 414, 431).",
        std::to_string(s.rejected_limit));
  if (s.documents >= 0)
    gauge("communique_index_documents", "gauge", "Articles in the index (shards that answer).",
          std::to_string(s.documents));
  if (s.last_commit_unix > 0)
    gauge("communique_index_last_commit_timestamp_seconds", "gauge",
          "Unix time of the last commit the server has seen.", Number(s.last_commit_unix));
  gauge("communique_writes_accepted_total", "counter", "Pushed articles added or replaced.",
        std::to_string(s.writes_accepted));
  gauge("communique_writes_skipped_total", "counter", "Pushed records skipped as malformed.",
        std::to_string(s.writes_skipped));
  if (!s.shards.empty()) {
    Header(out, "communique_shard_up", "gauge", "1 when the shard answers, 0 when it does not.");
    for (const auto& [name, up] : s.shards)
      out += "communique_shard_up{shard=\"" + Label(name) + "\"} " + std::to_string(up) + "\n";
  }
  return out;
}

}  // namespace communique
