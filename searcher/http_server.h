// The HTTP face of Communique: JSON API routes over a SearchBackend, plus
// the static files of web/. Knows nothing of Xapian or ICU.
//
// Thread-safety: Start()/Wait() from one thread; Stop() from any thread.
// Requests are served concurrently by a fixed pool of worker threads, so
// the backend must be thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "schema/field_schema.h"
#include "searcher/access_log.h"
#include "searcher/http_gate.h"
#include "searcher/push_sink.h"
#include "searcher/search_backend.h"
#include "searcher/server_metrics.h"

namespace httplib {
class Server;
struct Response;
}  // namespace httplib

namespace communique {

class GatedServer;

// The most rows an "export all matches" CSV holds (GET
// /api/search.csv?all=true): newest first, read a page at a time and sent as one file.
constexpr size_t kMaxExportAll = 50000;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;      // 0: any free port (see port())
  std::string web_dir;  // empty: no static files
  // GET, HEAD and OPTIONS requests served at once (HttpGateOptions::workers);
  // pushes and deletes have two workers of their own.
  size_t threads = 8;
  // Browser origins allowed to call the API cross-origin (CORS), e.g.
  // "https://intranet.example.org". Empty: none. "*" allows any origin and
  // is only honoured when listed explicitly.
  std::vector<std::string> cors_origins;
  // The address readers reach the server by ("https://news.example.org" or
  // with a path prefix behind a proxy), for links the server writes (Atom
  // ids and links). Empty: the request's Host header.
  std::string public_url;
  // Connections accepted but not yet served; past this, new ones get a 503
  // at once (see HttpGate). Memory per queued connection is one socket.
  size_t max_queued = 256;
  // Seconds to receive a request's head; slower clients get a 408.
  int head_timeout_s = 10;
  // Open client connections in all, and from one client address; past
  // either, new connections get a 503 at once (see HttpGate).
  size_t max_connections = 4096;
  size_t max_connections_per_address = 512;
  // Seconds a kept-alive client connection may sit idle between requests.
  int keep_alive_timeout_s = 5;
  // Microseconds a search worker polls a kept-alive client for its next
  // request before handing it back (HttpGateOptions::spin_us).
  int spin_us = 100;
  // Bytes of a request body on the routes that take one (413 past it).
  uint64_t max_body = 32ull << 20;
  // When set, every /api/ route except /api/admin/ needs this key (header
  // "X-Communique-Key: KEY" or "Authorization: Bearer KEY"); /healthz and
  // the static page stay open. Empty: the search API is open to anyone.
  std::string search_key;
  // When set, /api/admin/ routes need it (same headers; the search key is
  // not enough); when empty they answer 403. Keys are compared in constant
  // time.
  std::string admin_key;
  // Where each request is logged as a JSON line (see access_log.h); null:
  // no access log.
  std::shared_ptr<AccessLog> access_log;
};

class HttpServer {
 public:
  // `backend` and `schema` must outlive the server, and so must `pushes`
  // when given: it takes POST /api/admin/articles and DELETE
  // /api/admin/articles/{id} (without it they answer 501).
  HttpServer(SearchBackend& backend, const FieldSchema& schema, HttpServerOptions options,
             PushSink* pushes = nullptr);
  ~HttpServer();

  // Binds the port (503 when it cannot) and starts serving on the gate's
  // threads.
  Status Start();
  // The bound public port (useful with port 0).
  int port() const { return port_; }
  // The front gate's counters (accepted, shed, rejected). Thread-safe.
  HttpGateStats gate_stats() const;
  // The Prometheus text of GET /metrics. Thread-safe.
  std::string MetricsText();
  // Blocks until Stop() is called.
  void Wait();
  void Stop();

 private:
  void Routes();
  // Answers an "export all matches" CSV: `first` (the first page of
  // `request`, sorted by date) and the pages after it, up to kMaxExportAll
  // rows, as one file.
  void ExportAllCsv(httplib::Response& res, SearchRequest request, SearchResult first);
  SearchBackend& backend_;
  const FieldSchema& schema_;
  PushSink* pushes_;  // may be null
  HttpServerOptions options_;
  ServerMetrics metrics_;
  std::atomic<uint64_t> writes_accepted_{0}, writes_skipped_{0};  // pushed records
  std::unique_ptr<GatedServer> server_;  // the routes; served by gate_'s workers
  std::unique_ptr<HttpGate> gate_;       // owns the public port
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopped_ = false;  // guarded by stop_mu_
  int port_ = 0;
};

}  // namespace communique
