// What the server is doing, in the Prometheus text format (GET /metrics):
// requests by route and status, latency histograms by route, requests in
// flight, and whatever the caller adds at scrape time (connections, queue,
// documents, shard states, writes).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace communique {

// Values read at scrape time from the parts of the server that own them.
struct MetricsSnapshot {
  // Front gate (see HttpGateStats).
  uint64_t connections_accepted = 0, requests_relayed = 0, rejected_busy = 0, rejected_limit = 0;
  uint64_t queued = 0, open_connections = 0;
  // The index: -1 when it could not be read.
  int64_t documents = -1;
  // Unix time of the index's last commit the server knows of; 0: unknown.
  double last_commit_unix = 0;
  // Shard name -> 1 answering, 0 not.
  std::vector<std::pair<std::string, int>> shards;
  // Articles pushed over HTTP: accepted (added or replaced) and skipped.
  uint64_t writes_accepted = 0, writes_skipped = 0;
};

class ServerMetrics {
 public:
  // Upper bounds of the latency histogram, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   10};

  // The route label of a request: the route pattern, not the path, so ids
  // and queries never become label values ("/api/doc/{id}"); "static" for
  // files of the page, "other" for the rest.
  static std::string RouteOf(std::string_view path);

  // A request began / ended (`seconds` from its head to its answer).
  void Started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void Finished(const std::string& route, int status, double seconds);

  // The exposition text: these counters plus `snapshot`.
  std::string Render(const MetricsSnapshot& snapshot) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};  // per bucket, not cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  std::atomic<int64_t> in_flight_{0};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // guarded by mu_
  std::map<std::string, Histogram> latency_;                  // guarded by mu_
};

}  // namespace communique
