// communique-query-bench: runs the benchmark query mix in-process through
// XapianSearcher, the floor that the HTTP layer adds to. Prints one JSON
// object: p50/p99 latency (ms) and queries per second.
//
//   communique-query-bench --db DIR --queries queries.tsv [--rounds N] [--no-facets]
//                          [--exact-counts N] [--gap-us N]
//
// --gap-us N sleeps N microseconds between queries (outside the timed part),
// as a server is idle between one client's requests: on a virtual machine
// an idle core is halted and its caches go cold, which a back-to-back loop
// never sees (docs/benchmarks/http_gate.md, "idle gaps").
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "schema/paths.h"
#include "searcher/search_json.h"
#include "searcher/search_request.h"
#include "searcher/xapian_searcher.h"

namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string part;
  while (std::getline(ss, part, '\t')) out.push_back(part);
  while (out.size() < 5) out.emplace_back();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace communique;
  std::string db, queries_path;
  int rounds = 5;
  int gap_us = 0;
  bool facets = true;
  CountOptions counts;  // the server's default unless --exact-counts
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc)
      db = argv[++i];
    else if (a == "--queries" && i + 1 < argc)
      queries_path = argv[++i];
    else if (a == "--rounds" && i + 1 < argc)
      rounds = std::stoi(argv[++i]);
    else if (a == "--no-facets")
      facets = false;
    else if (a == "--gap-us" && i + 1 < argc)
      gap_us = std::stoi(argv[++i]);
    else if (a == "--exact-counts" && i + 1 < argc)
      counts.exact_up_to = static_cast<Xapian::doccount>(std::stoul(argv[++i]));
    else {
      std::cerr
          << "usage: communique-query-bench --db DIR --queries FILE [--rounds N] [--no-facets] "
             "[--exact-counts N] [--gap-us N]\n";
      return 2;
    }
  }
  auto schema = FieldSchema::Load(DefaultSchemaDir() + "/fields.json");
  auto gazetteer = Gazetteer::LoadDir(DefaultSchemaDir() + "/gazetteer");
  if (!schema.ok() || !gazetteer.ok()) {
    std::cerr << "cannot load schema\n";
    return 2;
  }
  auto searcher = XapianSearcher::Open(db, schema.value(), gazetteer.value(), {}, "", counts);
  if (!searcher.ok()) {
    std::cerr << searcher.status().message << "\n";
    return 2;
  }
  std::vector<SearchRequest> requests;
  std::ifstream in(queries_path);
  for (std::string line; std::getline(in, line);) {
    auto f = SplitTabs(line);
    std::multimap<std::string, std::string> params{{"q", f[1]}};
    if (!f[2].empty()) params.emplace("country", f[2]);
    if (!f[3].empty()) params.emplace("from", f[3]);
    if (!f[4].empty()) params.emplace("to", f[4]);
    auto req = ParseSearchRequest(params, schema.value());
    if (!req.ok()) {
      std::cerr << "bad query " << line << ": " << req.status().message << "\n";
      return 2;
    }
    req.value().facets = facets;
    requests.push_back(req.value());
  }
  std::vector<double> latency;
  size_t written = 0;
  size_t errors = 0;
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (const SearchRequest& req : requests) {
      if (gap_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(gap_us));
      auto t0 = std::chrono::steady_clock::now();
      auto res = searcher.value()->Search(req);
      // The answer as the server writes it: the JSON is part of the work
      // an HTTP answer does, so the in-process baseline includes it.
      if (res.ok()) written += ToJson(res.value()).dump().size();
      latency.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (!res.ok()) ++errors;
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(latency.begin(), latency.end());
  std::printf(
      "{\"queries\": %zu, \"errors\": %zu, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"qps\": %.1f, "
      "\"json_bytes\": %zu}\n",
      latency.size(), errors, latency[latency.size() / 2],
      latency[static_cast<size_t>(static_cast<double>(latency.size()) * 0.99)],
      static_cast<double>(latency.size()) / secs, written);
  return errors ? 1 : 0;
}
