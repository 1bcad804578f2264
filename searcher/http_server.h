// The HTTP face of Communique: JSON API routes over a SearchBackend, plus
// the static files of web/. Knows nothing of Xapian or ICU.
//
// Thread-safety: Start()/Wait() from one thread; Stop() from any thread.
// Requests are served concurrently by a fixed pool of worker threads, so
// the backend must be thread-safe.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "common/status.h"
#include "schema/field_schema.h"
#include "searcher/search_backend.h"

namespace httplib {
class Server;
}

namespace communique {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;      // 0: any free port (see port())
  std::string web_dir;  // empty: no static files
  size_t threads = 8;   // worker threads
};

class HttpServer {
 public:
  // `backend` and `schema` must outlive the server.
  HttpServer(SearchBackend& backend, const FieldSchema& schema, HttpServerOptions options);
  ~HttpServer();

  // Binds the port (503 when it cannot) and starts serving on a background
  // thread.
  Status Start();
  // The bound port (useful with port 0).
  int port() const { return port_; }
  // Blocks until Stop() is called.
  void Wait();
  void Stop();

 private:
  void Routes();
  SearchBackend& backend_;
  const FieldSchema& schema_;
  HttpServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace communique
