#include "searcher/serve_cli.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "common/numbers.h"
#include "schema/gazetteer.h"
#include "schema/paths.h"
#include "searcher/live_indexer.h"
#include "searcher/shard_set.h"
#include "searcher/xapian_searcher.h"

namespace communique {

const char kServeUsage[] =
    "usage: communique-serve --db DIR [--host 127.0.0.1] [--port 8080] [--web DIR]\n"
    "\n"
    "Serves the index DIR over HTTP: the search page at /, the JSON API at\n"
    "/api/search, /api/doc/{id} and /healthz (see README.md).\n"
    "\n"
    "  --db DIR       index written by communique-index (required): a database,\n"
    "                 a directory of shards, or a Xapian stub file listing local\n"
    "                 shards and remote ones (\"remote HOST:PORT\" lines served\n"
    "                 by xapian-tcpsrv; see docs/scale-out.md)\n"
    "  --shard-timeout MS  how long a remote shard may take before answers come\n"
    "                 from the others, marked partial (default 1500)\n"
    "  --exact-counts N  count facets and totals exactly for queries with up to\n"
    "                 N matches; beyond, estimate them from a sample of the index\n"
    "                 (answers say \"facets_exact\": false). 0: always exact, at a\n"
    "                 cost that grows with the matches (default 5000)\n"
    "  --lexicon DIR  spelling and synonyms for remote shards (default: the\n"
    "                 lexicon folder beside the stub file)\n"
    "  --host ADDR    address to listen on (default 127.0.0.1)\n"
    "  --port N       port (default 8080; 0 picks a free one)\n"
    "  --web DIR      static files to serve at / (default: the source tree's web/)\n"
    "  --threads N    searches served at once (default: one per core, at least\n"
    "                 2; with remote shards 4 per core, at least 8)\n"
    "  --schema DIR   schema folder (default: the source tree's schema/)\n"
    "  --cors-origin ORIGIN\n"
    "                 let pages from ORIGIN (e.g. https://intranet.example.org) call\n"
    "                 the API and embed widget.js; repeatable; \"*\" allows any origin\n"
    "  --public-url URL  the address readers reach this server by (e.g.\n"
    "                 https://news.example.org behind a proxy), for the links in\n"
    "                 feeds; default: the Host each request was sent to\n"
    "  --search-key-file FILE\n"
    "                 require the key in FILE for /api/ (header X-Communique-Key or\n"
    "                 Authorization: Bearer); default: the search API is open\n"
    "  --admin-key-file FILE\n"
    "                 enable /api/admin/ routes, with the key in FILE\n"
    "  --accept-pushes  take articles pushed over POST /api/admin/articles (JSON\n"
    "                 lines or a JSON array, as communique-index reads them) and\n"
    "                 DELETE /api/admin/articles/ID; needs --admin-key-file and a\n"
    "                 single local database, which the server then holds the write\n"
    "                 lock of (communique-index against it exits 2, locked)\n"
    "  --commit-interval MS  the longest a pushed change waits to be committed\n"
    "                 and searchable, unless pushed with ?wait=commit (default 1000)\n"
    "  --max-queued N connections waiting for a worker before new ones get 503\n"
    "                 (default 256)\n"
    "  --head-timeout S  seconds a client has to send a request's head (default 10)\n"
    "  --keep-alive-timeout S  seconds a client connection may stay open idle\n"
    "                 between requests (default 5)\n"
    "  --spin-us US   after answering a kept-alive client, a search worker with\n"
    "                 nothing else to do polls it this long for its next request\n"
    "                 (default 100; 0 hands it back to the event loop at once)\n"
    "  --max-connections N  open client connections before new ones get 503\n"
    "                 (default 4096)\n"
    "  --max-connections-per-address N  the same, from one client address\n"
    "                 (default 512; clients behind one proxy share an address)\n"
    "  --max-body SIZE  largest request body, on the routes that take one: bytes,\n"
    "                 or with a K, M or G suffix (default 32M); 413 past it\n"
    "  --access-log FILE  one JSON line per request (time, client, method, path\n"
    "                 without the key parameter, status, bytes, ms, hits) appended\n"
    "                 to FILE; \"-\" for standard output (default: none)\n"
    "  --log-level L  error, warn (default) or info: messages on standard error\n"
    "\n"
    "GET /metrics gives Prometheus counters (requests by route and status,\n"
    "latency histograms, connections, queue, documents, shards) to loopback\n"
    "clients, and to others with the admin key.\n";

namespace {

// Reads a key from a file (not from argv, which every local user can read
// in ps). Surrounding whitespace is dropped; the key must be 16+ bytes.
Result<std::string> ReadKeyFile(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::BadRequest(flag + " " + path + ": cannot read the key file");
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t b = key.find_first_not_of(" \t\r\n");
  size_t e = key.find_last_not_of(" \t\r\n");
  key = b == std::string::npos ? "" : key.substr(b, e - b + 1);
  if (key.size() < 16 || key.size() > 256 || key.find_first_of(" \t\r\n") != std::string::npos)
    return Status::BadRequest(flag + " " + path + ": the key must be 16 to 256 bytes, one word");
  return key;
}

// "1048576", "512K", "32M", "1G" (binary multiples) -> bytes, within 1 KiB..64 GiB.
Result<uint64_t> ParseSize(const std::string& flag, const std::string& value) {
  std::string digits = value;
  uint64_t unit = 1;
  if (!digits.empty()) {
    switch (std::toupper(static_cast<unsigned char>(digits.back()))) {
      case 'K':
        unit = 1ull << 10;
        break;
      case 'M':
        unit = 1ull << 20;
        break;
      case 'G':
        unit = 1ull << 30;
        break;
      default:
        break;
    }
    if (unit != 1) digits.pop_back();
  }
  bool ok = !digits.empty() && digits.size() <= 12 &&
            digits.find_first_not_of("0123456789") == std::string::npos;
  uint64_t bytes = ok ? std::stoull(digits) * unit : 0;
  if (!ok || bytes < 1024 || bytes > (64ull << 30))
    return Status::BadRequest(flag + " " + value +
                              ": expected a size from 1K to 64G (bytes, or with K, M or G)");
  return bytes;
}

}  // namespace

Result<std::string> ParseCorsOrigin(const std::string& value) {
  if (value == "*") return value;
  // scheme://host[:port], as browsers send it in the Origin header: lower
  // case, no path. A trailing slash is forgiven.
  std::string origin = value;
  if (!origin.empty() && origin.back() == '/') origin.pop_back();
  std::transform(origin.begin(), origin.end(), origin.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t sep = origin.find("://");
  std::string scheme = sep == std::string::npos ? "" : origin.substr(0, sep);
  std::string rest = sep == std::string::npos ? "" : origin.substr(sep + 3);
  bool ok =
      (scheme == "http" || scheme == "https") && !rest.empty() &&
      rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-:[]") == std::string::npos &&
      rest.front() != ':' && rest.back() != ':';
  if (!ok)
    return Status::BadRequest(
        "--cors-origin " + value +
        ": expected an origin like https://intranet.example.org[:port], or *");
  return origin;
}

size_t DefaultSearchThreads(bool remote_shards, unsigned cores) {
  size_t n = std::max(1u, cores);
  return remote_shards ? std::max<size_t>(8, 4 * n) : std::max<size_t>(2, n);
}

Result<ServeOptions> ParseServeArgs(const std::vector<std::string>& args) {
  ServeOptions o;
  o.schema_dir = DefaultSchemaDir();
  o.http.web_dir = DefaultWebDir();
  o.http.threads = 0;  // RunServer picks DefaultSearchThreads once it knows the shards
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") return Status{200, "help"};
    if (a == "--accept-pushes") {  // the one flag without a value
      o.accept_pushes = true;
      continue;
    }
    if (i + 1 >= args.size())
      return Status::BadRequest(a.rfind("--", 0) == 0 ? a + " needs a value"
                                                      : "unexpected argument " + a);
    const std::string& v = args[++i];
    if (a == "--db")
      o.db = v;
    else if (a == "--host")
      o.http.host = v;
    else if (a == "--web")
      o.http.web_dir = v;
    else if (a == "--schema")
      o.schema_dir = v;
    else if (a == "--public-url") {
      if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
        return Status::BadRequest("--public-url " + v +
                                  ": expected an http:// or https:// URL, e.g. "
                                  "https://news.example.org");
      o.http.public_url = v;
    } else if (a == "--cors-origin") {
      auto origin = ParseCorsOrigin(v);
      if (!origin.ok()) return origin.status();
      o.http.cors_origins.push_back(origin.value());
    } else if (a == "--port") {
      auto n = ParseNumber(a, v, 0, 65535);
      if (!n.ok()) return n.status();
      o.http.port = static_cast<int>(n.value());
    } else if (a == "--threads") {
      auto n = ParseNumber(a, v, 1, 1024);
      if (!n.ok()) return n.status();
      o.http.threads = static_cast<size_t>(n.value());
    } else if (a == "--shard-timeout") {
      auto n = ParseNumber(a, v, 50, 600000);
      if (!n.ok()) return n.status();
      o.shard_timeout_ms = static_cast<int>(n.value());
    } else if (a == "--exact-counts") {
      auto n = ParseNumber(a, v, 0, 1000000000);
      if (!n.ok()) return n.status();
      o.counts.exact_up_to = static_cast<Xapian::doccount>(n.value());
    } else if (a == "--commit-interval") {
      auto n = ParseNumber(a, v, 10, 3600000);
      if (!n.ok()) return n.status();
      o.commit_interval = std::chrono::milliseconds(n.value());
    } else if (a == "--lexicon") {
      o.lexicon = v;
    } else if (a == "--head-timeout") {
      auto n = ParseNumber(a, v, 1, 600);
      if (!n.ok()) return n.status();
      o.http.head_timeout_s = static_cast<int>(n.value());
    } else if (a == "--spin-us") {
      auto n = ParseNumber(a, v, 0, 10000);
      if (!n.ok()) return n.status();
      o.http.spin_us = static_cast<int>(n.value());
    } else if (a == "--keep-alive-timeout") {
      auto n = ParseNumber(a, v, 1, 3600);
      if (!n.ok()) return n.status();
      o.http.keep_alive_timeout_s = static_cast<int>(n.value());
    } else if (a == "--max-connections" || a == "--max-connections-per-address") {
      auto n = ParseNumber(a, v, 1, 1000000);
      if (!n.ok()) return n.status();
      (a == "--max-connections" ? o.http.max_connections : o.http.max_connections_per_address) =
          static_cast<size_t>(n.value());
    } else if (a == "--max-body") {
      auto n = ParseSize(a, v);
      if (!n.ok()) return n.status();
      o.http.max_body = n.value();
    } else if (a == "--max-queued") {
      auto n = ParseNumber(a, v, 1, 100000);
      if (!n.ok()) return n.status();
      o.http.max_queued = static_cast<size_t>(n.value());
    } else if (a == "--access-log") {
      auto log = AccessLog::Open(v);
      if (!log.ok()) return log.status();
      o.http.access_log = std::move(log).value();
    } else if (a == "--log-level") {
      auto level = ParseLogLevel(v);
      if (!level.ok()) return level.status();
      o.log_level = level.value();
    } else if (a == "--search-key-file" || a == "--admin-key-file") {
      auto key = ReadKeyFile(a, v);
      if (!key.ok()) return key.status();
      (a == "--admin-key-file" ? o.http.admin_key : o.http.search_key) = key.value();
    } else {
      return Status::BadRequest("unknown option " + a);
    }
  }
  if (o.db.empty()) return Status::BadRequest("--db DIR is required");
  if (!o.http.admin_key.empty() && o.http.admin_key == o.http.search_key)
    return Status::BadRequest("the admin key must differ from the search key");
  if (o.accept_pushes && o.http.admin_key.empty())
    return Status::BadRequest("--accept-pushes needs --admin-key-file: pushes are admin routes");
  return o;
}

int RunServer(const ServeOptions& o) {
  SetLogLevel(o.log_level);
  auto fail = [](const std::string& m) {
    Log(LogLevel::kError, m);
    return 2;
  };
  // Handle SIGINT/SIGTERM on a dedicated thread: block them here, before
  // any other thread starts (the live indexer's committer, the shard
  // retrier), so every thread inherits the mask. A thread without it would
  // take the signal's default action, ending the process before the final
  // commit of pushed articles.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto schema = FieldSchema::Load(o.schema_dir + "/fields.json");
  if (!schema.ok()) return fail(schema.status().message);
  auto gazetteer = Gazetteer::LoadDir(o.schema_dir + "/gazetteer");
  if (!gazetteer.ok()) return fail(gazetteer.status().message);
  if (!o.http.web_dir.empty() && !std::filesystem::is_directory(o.http.web_dir))
    return fail(o.http.web_dir + ": web folder not found (use --web DIR)");
  // The writer first: it creates an empty database if there is none yet, so
  // a newsroom can start with nothing and push.
  std::unique_ptr<LiveIndexer> pushes;
  if (o.accept_pushes) {
    auto layout = ResolveShards(o.db, o.lexicon);
    if (!layout.ok()) return fail(layout.status().message);
    const ShardLayout& l = layout.value();
    if (l.shards.size() != 1 || l.shards[0].remote() || l.shards[0].path != o.db)
      return fail("--accept-pushes needs a single local database; " + o.db +
                  " is a set of shards (write those with communique-index)");
    LiveIndexerOptions live;
    live.commit_interval = o.commit_interval;
    auto opened = LiveIndexer::Open(o.db, schema.value(), gazetteer.value(), live);
    if (!opened.ok()) return fail(opened.status().message);
    pushes = std::move(opened).value();
  }
  ShardOptions shard_options;
  shard_options.timeout = std::chrono::milliseconds(o.shard_timeout_ms);
  auto searcher = XapianSearcher::Open(o.db, schema.value(), gazetteer.value(), shard_options,
                                       o.lexicon, o.counts);
  if (!searcher.ok()) return fail(searcher.status().message);
  auto health = searcher.value()->Health();

  HttpServerOptions http = o.http;
  if (http.threads == 0) {
    auto layout = ResolveShards(o.db, o.lexicon);
    bool remote = false;
    if (layout.ok())
      for (const ShardSpec& shard : layout.value().shards) remote |= shard.remote();
    http.threads = DefaultSearchThreads(remote, std::thread::hardware_concurrency());
  }
  HttpServer server(*searcher.value(), schema.value(), http, pushes.get());
  Status started = server.Start();
  if (!started.ok()) return fail(started.message);
  std::cout << "communique-serve: listening on http://" << o.http.host << ":" << server.port()
            << "/ (" << (health.ok() ? health.value().value("documents", 0) : 0) << " documents in "
            << o.db << ")" << (pushes ? ", accepting pushes" : "") << std::endl;
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  server.Wait();
  // If the server stopped on its own, wake the signal thread. SIGTERM is
  // blocked in every thread and sigwait()ed by that one: it wakes the
  // thread, it does not end the process.
  pthread_kill(waiter.native_handle(), SIGTERM);  // NOLINT(bugprone-bad-signal-to-kill-thread)
  waiter.join();
  return 0;
}

}  // namespace communique
