// The communique-serve command: argument parsing and the serving run, as a
// library so main() stays thin.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "common/status.h"
#include "searcher/http_server.h"
#include "searcher/xapian_searcher.h"

namespace communique {

struct ServeOptions {
  std::string db;  // a database, a directory of shards, or a stub file
  // How long a remote shard may take before a search goes on without it.
  int shard_timeout_ms = 1500;
  // Where spelling and synonyms come from when the shards cannot give them
  // ("": DIR/lexicon beside the stub, if any; see ResolveShards).
  std::string lexicon;
  // Facet counts are exact up to this many matches, sampled beyond.
  CountOptions counts;
  std::string schema_dir;
  // --accept-pushes: take articles over POST /api/admin/articles. The server
  // then holds the database's write lock (communique-index against it fails
  // with "locked by another writer"); needs the admin key and a single local
  // database.
  bool accept_pushes = false;
  // --commit-interval MS: the longest a pushed change waits to be committed
  // (and so to become searchable) unless the push asked for ?wait=commit.
  std::chrono::milliseconds commit_interval{1000};
  HttpServerOptions http;
  LogLevel log_level = LogLevel::kWarn;
};

extern const char kServeUsage[];

// Checks and normalises a --cors-origin value ("*" or scheme://host[:port],
// lower-cased, without a trailing slash).
Result<std::string> ParseCorsOrigin(const std::string& value);

// Parses argv (without argv[0]); code 200 means --help was asked for.
Result<ServeOptions> ParseServeArgs(const std::vector<std::string>& args);

// --threads when not given: the searches served at once. About one per
// core when every shard is local, since a search is CPU-bound and more at
// once only share the cores (slowing each one; docs/benchmarks/http_gate.md);
// 4 per core (at least 8) when some shard is remote, since a search then
// mostly waits on the network. Pure; `cores` as hardware_concurrency()
// reports it (0: unknown, taken as 1).
size_t DefaultSearchThreads(bool remote_shards, unsigned cores);

// Serves until SIGINT or SIGTERM. Returns the exit status (2 when the index,
// schema or port cannot be used).
int RunServer(const ServeOptions& options);

}  // namespace communique
