// The front door of communique-serve: a small gate that owns the public
// port, reads each request's head itself under hard limits, and only then
// hands the request to a handler (communique-serve's: cpp-httplib's request
// processing, see gated_server.h) on one of its worker threads.
//
// Why: Debian 12's cpp-httplib 0.11.4 reads request lines and headers into
// buffers without any bound (an endless header line grows memory until the
// process dies), reads chunked bodies without a size limit, splits lines on
// a bare LF (so a header can be smuggled past a CRLF-based check), lets a
// client send its own REMOTE_ADDR header, and queues accepted connections
// without end. None of that can be fixed by its settings or a pre-routing
// handler, because it happens before either runs.
//
// How (see ARCHITECTURE.md "Threads" and docs/security.md):
//   * one event-loop thread (epoll) accepts connections and reads request
//     heads, so slow or idle clients cost a few hundred bytes and no worker;
//     open connections are capped in all and per client address (503 at
//     once past either), and a head must arrive whole within
//     head_timeout_ms (408);
//   * heads are checked by ParseRequestHead (http_head.h): 414, 431, 400
//     for anything cpp-httplib could read differently, 413 for bodies on
//     routes that take none or past max_body;
//   * only complete, valid heads are queued for the workers (503 at once
//     when max_queued are waiting): GET, HEAD and OPTIONS for `workers`,
//     as many as the searches the CPU can run at once, other methods (the
//     admin pushes and deletes, which wait on a body or a commit rather
//     than the CPU) for `side_workers` of their own; a worker calls the handler with a
//     GateExchange, which reads the body, if any, only when the handler
//     asks for it (so a request refused from its head, e.g. without its
//     key, never has its body read), de-chunked under max_body; 408 unless
//     it keeps 16 KiB/s on average after a grace of head_timeout_ms;
//   * the handler's answer is sent with the gate's own Connection /
//     Keep-Alive headers; there is no second connection and no other
//     thread between the client and the handler; what the client's socket
//     does not take at once is written by the event loop as the client
//     reads, so a client that reads slowly (or not at all) holds no worker,
//     and is cut off when a write stalls for io_timeout_ms;
//   * clients may keep their connection alive (HTTP/1.1): after an answer
//     the connection goes back to the event loop, idle at most
//     idle_timeout_ms, for at most max_requests_per_connection requests.
// Every answer of the gate itself is a JSON error body with
// "Connection: close".
//
// Thread-safety: Listen()/Start() from one thread, then Stop() from any
// thread; stats() from any thread at any time.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "searcher/http_head.h"

namespace communique {

// The gate's limits (see docs/security.md for the defaults' reasons). A
// plain value; copied into the gate at construction.
struct HttpGateOptions {
  // Handlers run at once for GET, HEAD and OPTIONS requests. Searches are
  // CPU-bound, so about one per core: more only share the cores, and each
  // slow search then takes as long as all of them together (the p99 at 8
  // connections in docs/benchmarks/http_gate.md).
  size_t workers = 8;
  // Handlers run at once for the other methods (POST, DELETE, ...), on
  // threads of their own, so a push waiting for its body or its commit
  // never holds up a search.
  size_t side_workers = 2;
  size_t max_queued = 256;                   // complete heads waiting for a worker, per pool
  size_t max_connections = 4096;             // open client connections in all
  size_t max_connections_per_address = 512;  // open connections from one client address
  size_t max_request_line = 8192;            // bytes, "GET /... HTTP/1.1"
  size_t max_head_bytes = 16384;             // request line + headers
  uint64_t max_body = 32ull << 20;           // bytes of a request body (after de-chunking)
  std::vector<BodyRoute> body_routes;        // the only requests that may carry a body
  int head_timeout_ms = 10000;               // to receive a whole head, from its first byte
  int idle_timeout_ms = 5000;                // a kept-alive connection between requests
  size_t max_requests_per_connection = 1000;
  // Bytes of answers the event loop may hold for clients that have not read
  // them yet, in all: past it, a worker sends its answer itself, waiting on
  // its client (at most io_timeout_ms per stall), so clients that request
  // large answers and never read cannot grow the server's memory without
  // bound.
  size_t max_buffered_answers = 256u << 20;
  int io_timeout_ms = 30000;  // a read of a body or a write of an answer that makes no progress
  // After answering a kept-alive client, a worker with nothing queued for
  // its pool polls that client's socket this long (yielding its core
  // between polls) and serves the next request itself when it arrives.
  // A client on the same host (a benchmark, a reverse proxy) sends its
  // next request within tens of microseconds: it then costs no hand-off
  // to the event loop and back, and the core never halts in between,
  // which on a virtual machine makes the next search slower
  // (docs/benchmarks/http_gate.md). 0: hand the client back at once.
  int spin_us = 100;
};

// Counters since Start(); each is monotonic except queued and open.
struct HttpGateStats {
  size_t accepted = 0;        // connections accepted
  size_t relayed = 0;         // requests passed to the handler
  size_t rejected_busy = 0;   // 503: queue, connection or per-address cap full
  size_t rejected_limit = 0;  // 400/408/413/414/417/431/505 answered by the gate
  size_t queued = 0;          // complete heads waiting for a worker right now (both pools)
  size_t open = 0;            // client connections open right now
};

// One request as the gate's handler sees it, on a gate worker thread. Made
// by the gate only; valid for the duration of the handler call. Not
// thread-safe (one worker uses it).
class GateExchange {
 public:
  // Reads the request as the handler's HTTP parser expects it: first the
  // head, as ParseRequestHead rebuilt it (HTTP/1.1, hop-by-hop headers
  // dropped, framing stated once, X-Communique-Client added), then the body
  // if any: read from the client only now, de-chunked under max_body and
  // re-chunked when it came chunked. Returns bytes read, 0 at the end of the
  // request, -1 when the body failed (too slow, malformed, too large): the
  // gate then answers that error itself and drops what the handler wrote.
  ssize_t Read(char* buf, size_t size);
  // Appends to the answer: one complete HTTP/1.1 response (status line,
  // headers, blank line, body framed by Content-Length). The gate replaces
  // its Connection and Keep-Alive headers with its own and sends it once
  // the handler returns (answers are held whole, as cpp-httplib builds them
  // whole anyway; what the socket does not take at once, the event loop
  // sends).
  void Write(const char* data, size_t size) { answer_.append(data, size); }
  // The client's IP address, as the gate saw it.
  const std::string& client_address() const { return address_; }

 private:
  friend class HttpGate;
  GateExchange(int fd, const std::string& address, std::string& pending, const RequestHead& head,
               const HttpGateOptions& options, const std::atomic<bool>& stopping);
  ssize_t Fail(int code, std::string message);
  void SendContinue();
  bool BodyComplete() const;
  ssize_t ReadClient(char* buf, size_t size);

  int fd_;
  const std::string& address_;
  std::string& pending_;  // client bytes received past the head (body, or pipelined)
  const RequestHead& head_;
  const HttpGateOptions& options_;
  const std::atomic<bool>& stopping_;
  std::string forward_;  // the head for the handler
  size_t forward_pos_ = 0;
  uint64_t left_ = 0;  // Body::kLength: bytes still to read
  ChunkedDecoder decoder_;
  std::string chunk_;  // Body::kChunked: re-chunked bytes not yet read
  size_t chunk_pos_ = 0;
  bool last_chunk_ = false;  // the terminating "0\r\n\r\n" is in chunk_
  bool continued_ = false;   // 100 Continue sent (or not needed)
  std::chrono::steady_clock::time_point body_start_;
  uint64_t body_received_ = 0;
  int code_ = 0;  // the body failed: the status to answer
  std::string message_;
  std::string answer_;
};

// Serves one request (see GateExchange); must be thread-safe: the gate's
// workers call it concurrently.
using GateHandler = std::function<void(GateExchange&)>;

class HttpGate {
 public:
  // Hands every accepted, checked request to `handler`.
  HttpGate(HttpGateOptions options, GateHandler handler);
  ~HttpGate();
  HttpGate(const HttpGate&) = delete;
  HttpGate& operator=(const HttpGate&) = delete;

  // Binds and listens on host:port (port 0: any free port). 503 on failure.
  Status Listen(const std::string& host, int port);
  // The bound port.
  int port() const { return port_; }
  // Starts the event loop and the workers.
  void Start();
  // Stops accepting, closes every client and backend connection and joins
  // every thread. Idempotent.
  void Stop();
  // A snapshot of the counters; thread-safe.
  HttpGateStats stats() const;

 private:
  struct Client;  // a client connection (defined in http_gate.cpp)
  struct Job;     // a complete, checked head and its connection, for a worker
  struct Pool;    // a queue of jobs and the workers that serve it
  void EventLoop();
  void WorkerLoop(Pool& pool);
  // Serves one request. Returns the connection when it stays open with
  // nothing left to send (the caller's to keep or hand back); else hands
  // it back to the loop (the rest of the answer to send, or a drain) or
  // closes it, and returns null.
  std::unique_ptr<Client> Serve(std::unique_ptr<Job> job);
  // The next request on `client` for `pool`, when one arrives within
  // spin_us while the pool has nothing queued; else hands the client back
  // to the loop (or closes it, when it left) and returns null.
  std::unique_ptr<Job> NextOnConnection(std::unique_ptr<Client> client, Pool& pool);
  // The pool that serves `method`.
  Pool& PoolFor(const std::string& method) const;
  void Wake();
  void Return(std::unique_ptr<Client> client);
  void CloseClient(std::unique_ptr<Client> client);

  HttpGateOptions options_;
  HeadLimits limits_;
  GateHandler handler_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: returned connections, Stop()
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread loop_;
  mutable std::mutex mu_;
  std::unique_ptr<Pool> main_pool_, side_pool_;    // queues guarded by mu_
  std::vector<std::unique_ptr<Client>> returned_;  // guarded by mu_: back to the loop
  std::map<std::string, size_t> per_address_;      // guarded by mu_: open connections
  size_t open_ = 0;                                // guarded by mu_
  std::atomic<size_t> accepted_{0}, relayed_{0}, rejected_busy_{0}, rejected_limit_{0};
  std::atomic<size_t> buffered_{0};  // bytes of Client::out held (max_buffered_answers)
};

}  // namespace communique
