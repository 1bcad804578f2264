// The front door of communique-serve: a small gate that owns the public
// port, reads each request's head itself under hard limits, and only then
// relays the request to the cpp-httplib server listening on loopback.
//
// Why: Debian 12's cpp-httplib 0.11.4 reads request lines and headers into
// buffers without any bound (an endless header line grows memory until the
// process dies), reads chunked bodies without a size limit, lets a client
// send its own REMOTE_ADDR header, and queues accepted connections without
// end. None of that can be fixed by its settings or a pre-routing handler,
// because it happens before either runs. The gate bounds all of it:
//   * request line over max_request_line bytes: 414; head over
//     max_head_bytes: 431; head not complete within head_timeout_ms: 408;
//   * any request body (Content-Length > 0 or Transfer-Encoding): 413 — the
//     API takes no bodies;
//   * client-sent REMOTE_ADDR / REMOTE_PORT / LOCAL_ADDR / LOCAL_PORT: 400;
//   * more than max_queued connections waiting for a worker: 503 at once;
//   * one request per connection ("Connection: close" is forwarded), so
//     every request passes the checks above.
// Every answer of the gate itself is a JSON error body with
// "Connection: close".
//
// Thread-safety: Listen()/Start() from one thread, then Stop() from any
// thread; stats() from any thread at any time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"

namespace communique {

struct HttpGateOptions {
  size_t workers = 8;              // connections served at once
  size_t max_queued = 256;         // accepted connections waiting for a worker
  size_t max_request_line = 8192;  // bytes, "GET /... HTTP/1.1"
  size_t max_head_bytes = 16384;   // request line + headers
  int head_timeout_ms = 10000;     // to receive the whole head
  int io_timeout_ms = 30000;       // per read/write while relaying
};

// Counters since Start(); each is monotonic.
// The header the gate adds to every relayed request with the client's
// address (a client-sent one is refused with 400, so the backend can trust
// it).
constexpr char kClientHeader[] = "X-Communique-Client";
constexpr char kClientHeaderLower[] = "x-communique-client";

struct HttpGateStats {
  size_t accepted = 0;          // connections accepted
  size_t relayed = 0;           // requests passed to the backend
  size_t rejected_busy = 0;     // 503: the queue was full
  size_t rejected_limit = 0;    // 400/408/413/414/431 answered by the gate
  size_t queued = 0;            // waiting for a worker right now
  size_t open_connections = 0;  // client connections open (queued or served)
};

class HttpGate {
 public:
  // Relays accepted requests to 127.0.0.1:`backend_port`.
  HttpGate(HttpGateOptions options, int backend_port);
  ~HttpGate();
  HttpGate(const HttpGate&) = delete;
  HttpGate& operator=(const HttpGate&) = delete;

  // Binds and listens on host:port (port 0: any free port). 503 on failure.
  Status Listen(const std::string& host, int port);
  // The bound port.
  int port() const { return port_; }
  // Starts the acceptor and the workers.
  void Start();
  // Stops accepting, closes queued connections and joins every thread.
  // Idempotent.
  void Stop();
  HttpGateStats stats() const;

 private:
  void AcceptLoop();
  void WorkerLoop();
  void Serve(int client);

  HttpGateOptions options_;
  int backend_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::vector<std::thread> workers_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> queue_;  // guarded by mu_
  std::atomic<size_t> accepted_{0}, relayed_{0}, rejected_busy_{0}, rejected_limit_{0};
  std::atomic<size_t> serving_{0};  // connections a worker holds
};

}  // namespace communique
