#include "searcher/http_gate.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "searcher/gated_server.h"

using namespace communique;

namespace {

// A connected socket to 127.0.0.1:port, closed on destruction.
struct Conn {
  int fd = -1;
  std::string pending;  // read past the last answer
  explicit Conn(int port) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~Conn() { ::close(fd); }
  void Send(const std::string& s) { ::send(fd, s.data(), s.size(), MSG_NOSIGNAL); }
  // Everything until the peer closes (or 5 s pass).
  std::string ReadAll() {
    std::string out = std::move(pending);
    pending.clear();
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }
  // One answer, framed by its Content-Length; "" if the peer closed first.
  std::string ReadOne() {
    char buf[4096];
    size_t end;
    while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return "";
      pending.append(buf, static_cast<size_t>(n));
    }
    size_t cl = pending.find("Content-Length: ");
    size_t length = cl < end ? std::stoul(pending.substr(cl + 16)) : 0;
    while (pending.size() < end + 4 + length) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return "";
      pending.append(buf, static_cast<size_t>(n));
    }
    std::string answer = pending.substr(0, end + 4 + length);
    pending.erase(0, end + 4 + length);
    return answer;
  }
  // True when the peer has closed the connection (within 5 s).
  bool Closed() {
    char c;
    return pending.empty() && ::recv(fd, &c, 1, 0) == 0;
  }
};

// A one-shot latch: Wait() blocks until Open().
class Latch {
 public:
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool Wait(std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, limit, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

// An answer larger than the socket buffers between the gate and a client
// that does not read.
constexpr size_t kBig = 16u << 20;

// Routes answering GET /x with "hi" (and the X-Seen header), GET /big with
// kBig bytes, POST /echo
// with the body it got (refused with 401 from its head without "X-Key: k",
// as communique-serve refuses a push without the admin key), and GET /block
// once `release` opens (`entered` opens when a request arrives there),
// served by a gate.
struct Fixture {
  GatedServer backend;
  std::unique_ptr<HttpGate> gate;
  Latch entered, release;
  explicit Fixture(HttpGateOptions o) {
    backend.Get("/x", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("hi " + req.get_header_value("X-Seen"), "text/plain");
    });
    backend.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.body, "text/plain");
    });
    backend.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(kBig, 'x'), "text/plain");
    });
    backend.Get("/block", [this](const httplib::Request&, httplib::Response& res) {
      entered.Open();
      release.Wait();
      res.set_content("released", "text/plain");
    });
    backend.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
      if (req.path != "/echo" || req.get_header_value("X-Key") == "k")
        return httplib::Server::HandlerResponse::Unhandled;
      res.status = 401;
      res.set_content("no key", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    });
    o.body_routes = {{"POST", "/echo"}};
    gate = std::make_unique<HttpGate>(o, [this](GateExchange& e) { backend.Serve(e); });
    REQUIRE(gate->Listen("127.0.0.1", 0).ok());
    gate->Start();
  }
  ~Fixture() {
    release.Open();
    gate->Stop();
  }
  // Waits (bounded) until the gate's counters satisfy `ready`.
  bool Until(const std::function<bool(const HttpGateStats&)>& ready) {
    auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!ready(gate->stats())) {
      if (std::chrono::steady_clock::now() > limit) return false;
      std::this_thread::yield();
    }
    return true;
  }
};

std::string StatusLine(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }
std::string Body(const std::string& answer) { return answer.substr(answer.find("\r\n\r\n") + 4); }

}  // namespace

TEST_CASE("the gate relays a request and keeps the connection alive", "[gate]") {
  HttpGateOptions o;
  // With a worker waiting on its client for the next request, and without.
  o.spin_us = GENERATE(0, 100, 1'000'000);
  Fixture f(o);
  Conn c(f.gate->port());
  // More requests than cpp-httplib's default keep-alive count (5): the
  // gate, not httplib, decides when a connection ends.
  for (int i = 0; i < 8; ++i) {
    c.Send("GET /x HTTP/1.1\r\nHost: t\r\nX-Seen: r" + std::to_string(i) + "\r\n\r\n");
    std::string answer = c.ReadOne();
    CHECK(StatusLine(answer) == "HTTP/1.1 200 OK");
    CHECK(answer.find("Connection: close") == std::string::npos);
    CHECK(answer.find("Keep-Alive: timeout=") != std::string::npos);
    CHECK(Body(answer) == "hi r" + std::to_string(i));
  }
  // Pipelined: two requests in one write, two answers in order.
  c.Send("GET /x HTTP/1.1\r\nX-Seen: a\r\n\r\nGET /x HTTP/1.1\r\nX-Seen: b\r\n\r\n");
  CHECK(Body(c.ReadOne()) == "hi a");
  CHECK(Body(c.ReadOne()) == "hi b");
  // Connection: close is honoured.
  c.Send("GET /x HTTP/1.1\r\nX-Seen: last\r\nConnection: close\r\n\r\n");
  std::string last = c.ReadOne();
  CHECK(last.find("Connection: close") != std::string::npos);
  CHECK(Body(last) == "hi last");
  CHECK(c.Closed());
  CHECK(f.gate->stats().relayed == 11);
  CHECK(f.gate->stats().accepted == 1);
}

TEST_CASE("a worker serves its client's next request itself, never at another's expense",
          "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  o.spin_us = 5'000'000;  // far longer than any wait below: only other work ends it
  Fixture f(o);
  Conn a(f.gate->port());
  for (int i = 0; i < 3; ++i) {
    a.Send("GET /x HTTP/1.1\r\nX-Seen: a" + std::to_string(i) + "\r\n\r\n");
    CHECK(Body(a.ReadOne()) == "hi a" + std::to_string(i));
  }
  // The only worker now waits on `a`; another client's request ends the wait.
  auto started = std::chrono::steady_clock::now();
  Conn b(f.gate->port());
  b.Send("GET /x HTTP/1.1\r\nX-Seen: b\r\n\r\n");
  CHECK(Body(b.ReadOne()) == "hi b");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(2500));
  // A push on the same connection goes to the push workers, through the loop.
  a.Send("POST /echo HTTP/1.1\r\nX-Key: k\r\nContent-Length: 4\r\n\r\nbody");
  CHECK(Body(a.ReadOne()) == "body");
  a.Send("GET /x HTTP/1.1\r\nX-Seen: a3\r\n\r\n");
  CHECK(Body(a.ReadOne()) == "hi a3");
  // A head the gate refuses is refused as ever.
  a.Send("GET /x HTTP/1.1\r\nX-A: a\nX-B: b\r\n\r\n");
  CHECK(StatusLine(a.ReadAll()) == "HTTP/1.1 400 Bad Request");
  // A client that leaves while waited on frees the worker.
  {
    Conn c(f.gate->port());
    c.Send("GET /x HTTP/1.1\r\nX-Seen: c\r\n\r\n");
    CHECK(Body(c.ReadOne()) == "hi c");
  }
  CHECK(f.Until([](const HttpGateStats& s) { return s.open == 1; }));  // b only
  b.Send("GET /x HTTP/1.1\r\nX-Seen: b2\r\n\r\n");
  CHECK(Body(b.ReadOne()) == "hi b2");
}

TEST_CASE("HTTP/1.0 and the request cap end the connection after the answer", "[gate]") {
  HttpGateOptions o;
  o.max_requests_per_connection = 2;
  Fixture f(o);
  {
    Conn c(f.gate->port());
    c.Send("GET /x HTTP/1.0\r\n\r\n");
    std::string answer = c.ReadAll();
    CHECK(StatusLine(answer) == "HTTP/1.1 200 OK");
    CHECK(answer.find("Connection: close") != std::string::npos);
  }
  Conn c(f.gate->port());
  c.Send("GET /x HTTP/1.1\r\n\r\n");
  CHECK(c.ReadOne().find("Connection: close") == std::string::npos);
  c.Send("GET /x HTTP/1.1\r\n\r\n");
  CHECK(c.ReadOne().find("Connection: close") != std::string::npos);
  CHECK(c.Closed());
}

TEST_CASE("the gate answers limits itself: 414, 431, 413, 400", "[gate]") {
  HttpGateOptions o;
  o.max_request_line = 100;
  o.max_head_bytes = 300;
  Fixture f(o);
  auto ask = [&](const std::string& request) {
    Conn c(f.gate->port());
    c.Send(request);
    return StatusLine(c.ReadAll());
  };
  CHECK(ask("GET /" + std::string(200, 'a') + " HTTP/1.1\r\n\r\n") == "HTTP/1.1 414 URI Too Long");
  CHECK(ask("GET /x HTTP/1.1\r\nX: " + std::string(400, 'a') + "\r\n\r\n") ==
        "HTTP/1.1 431 Request Header Fields Too Large");
  CHECK(ask("GET /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") ==
        "HTTP/1.1 413 Payload Too Large");
  CHECK(ask("GET /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n") ==
        "HTTP/1.1 413 Payload Too Large");
  CHECK(ask("GET /x HTTP/1.1\r\nremote_addr: 1.2.3.4\r\n\r\n") == "HTTP/1.1 400 Bad Request");
  CHECK(ask("GET /x HTTP/1.1\r\n no-name\r\n\r\n") == "HTTP/1.1 400 Bad Request");
  // A bare LF: cpp-httplib would read two headers where the gate sees one.
  CHECK(ask("GET /x HTTP/1.1\r\nX-A: a\nREMOTE_ADDR: 6.6.6.6\r\n\r\n") ==
        "HTTP/1.1 400 Bad Request");
  CHECK(ask("GET /x HTTP/1.1\r\nX-A: a\nConnection: keep-alive\r\n\r\n") ==
        "HTTP/1.1 400 Bad Request");
  CHECK(ask("GET /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n") == "HTTP/1.1 200 OK");
  CHECK(f.gate->stats().rejected_limit == 8);
}

TEST_CASE("bodies: streamed on declared routes, de-chunked, bounded", "[gate]") {
  HttpGateOptions o;
  o.max_body = 64;
  Fixture f(o);
  Conn c(f.gate->port());
  c.Send("POST /echo HTTP/1.1\r\nX-Key: k\r\nContent-Length: 11\r\n\r\nhello");
  c.Send(" world");
  CHECK(Body(c.ReadOne()) == "hello world");
  c.Send(
      "POST /echo HTTP/1.1\r\nX-Key: k\r\nTransfer-Encoding: "
      "chunked\r\n\r\n5\r\nhello\r\n1;x=y\r\n \r\n");
  c.Send("5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n");
  CHECK(Body(c.ReadOne()) == "hello world");
  c.Send("POST /echo HTTP/1.1\r\nX-Key: k\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  char interim[64] = {};
  CHECK(::recv(c.fd, interim, 25, MSG_WAITALL) == 25);
  CHECK(std::string(interim) == "HTTP/1.1 100 Continue\r\n\r\n");
  c.Send("ok");
  CHECK(Body(c.ReadOne()) == "ok");

  auto ask = [&](const std::string& request) {
    Conn one(f.gate->port());
    one.Send(request);
    return StatusLine(one.ReadAll());
  };
  CHECK(ask("POST /echo HTTP/1.1\r\nX-Key: k\r\nContent-Length: 65\r\n\r\n") ==
        "HTTP/1.1 413 Payload Too Large");
  CHECK(ask("POST /echo HTTP/1.1\r\nX-Key: k\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" +
            std::string(64, 'a') + "\r\n1\r\nb\r\n0\r\n\r\n") == "HTTP/1.1 413 Payload Too Large");
  CHECK(ask("POST /echo HTTP/1.1\r\nX-Key: k\r\nTransfer-Encoding: "
            "chunked\r\n\r\n5\nhello\r\n0\r\n\r\n") == "HTTP/1.1 400 Bad Request");
  CHECK(ask("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") ==
        "HTTP/1.1 413 Payload Too Large");
}

TEST_CASE("a body that trickles is cut off with 408 after the grace period", "[gate]") {
  HttpGateOptions o;
  o.head_timeout_ms = 300;  // the grace; then 16 KiB/s on average
  Fixture f(o);
  Conn c(f.gate->port());
  c.Send("POST /echo HTTP/1.1\r\nX-Key: k\r\nContent-Length: 1000000\r\n\r\nfirst bytes");
  auto started = std::chrono::steady_clock::now();
  CHECK(StatusLine(c.ReadAll()) == "HTTP/1.1 408 Request Timeout");
  // Well before the 30 s I/O timeout that alone bounded it before.
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(f.gate->stats().rejected_limit == 1);
}

TEST_CASE("a body refused from its head is never read and holds no worker", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  Fixture f(o);
  // No key, a large body that has barely started: 401 at once (not after
  // the body, nor after the 408 grace), and the connection closes, since
  // the rest of the body was never read.
  Conn slow(f.gate->port());
  auto started = std::chrono::steady_clock::now();
  slow.Send("POST /echo HTTP/1.1\r\nContent-Length: 1000000\r\n\r\nfirst bytes");
  std::string answer = slow.ReadOne();
  CHECK(StatusLine(answer) == "HTTP/1.1 401 Unauthorized");
  CHECK(answer.find("Connection: close") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  // The only worker is free while that client still holds its connection.
  Conn other(f.gate->port());
  other.Send("GET /x HTTP/1.1\r\n\r\n");
  CHECK(StatusLine(other.ReadOne()) == "HTTP/1.1 200 OK");
  // Expect: 100-continue without the key: the refusal, and no 100 Continue
  // inviting the body.
  Conn expect(f.gate->port());
  expect.Send("POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
  CHECK(StatusLine(expect.ReadAll()) == "HTTP/1.1 401 Unauthorized");
  CHECK(f.gate->stats().rejected_limit == 0);
}

TEST_CASE("slow heads cost no worker, a head that stalls gets 408", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  o.head_timeout_ms = 1500;
  Fixture f(o);
  std::vector<std::unique_ptr<Conn>> slow;
  for (int i = 0; i < 40; ++i) {
    slow.push_back(std::make_unique<Conn>(f.gate->port()));
    slow.back()->Send("GET /x HTTP/1.1\r\nHost: t\r\n");
  }
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.open == 40; }));
  // The only worker is free: a complete request is answered while the 40
  // are still waiting for their heads (none has timed out yet).
  Conn c(f.gate->port());
  c.Send("GET /x HTTP/1.1\r\n\r\n");
  CHECK(StatusLine(c.ReadOne()) == "HTTP/1.1 200 OK");
  CHECK(f.gate->stats().rejected_limit == 0);
  CHECK(StatusLine(slow.front()->ReadAll()) == "HTTP/1.1 408 Request Timeout");
  // An idle connection (no byte sent) is closed without an answer.
  Conn idle(f.gate->port());
  CHECK(idle.ReadAll().empty());
}

TEST_CASE("a full queue gets 503 at once, then recovers", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  o.max_queued = 1;
  Fixture f(o);
  Conn busy(f.gate->port());  // takes the only worker, inside the backend
  busy.Send("GET /block HTTP/1.1\r\n\r\n");
  REQUIRE(f.entered.Wait());
  Conn queued(f.gate->port());  // a complete head, waiting for the worker
  queued.Send("GET /x HTTP/1.1\r\n\r\n");
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.queued == 1; }));
  Conn shed(f.gate->port());
  shed.Send("GET /x HTTP/1.1\r\n\r\n");
  std::string answer = shed.ReadAll();
  CHECK(StatusLine(answer) == "HTTP/1.1 503 Service Unavailable");
  CHECK(answer.find("Retry-After: 1") != std::string::npos);
  CHECK(f.gate->stats().rejected_busy == 1);
  f.release.Open();
  CHECK(Body(busy.ReadOne()) == "released");
  CHECK(StatusLine(queued.ReadOne()) == "HTTP/1.1 200 OK");
}

TEST_CASE("connections are capped in all and per address", "[gate]") {
  HttpGateOptions o;
  o.max_connections_per_address = 2;
  Fixture f(o);
  Conn a(f.gate->port()), b(f.gate->port());
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.open == 2; }));
  Conn third(f.gate->port());
  CHECK(StatusLine(third.ReadAll()) == "HTTP/1.1 503 Service Unavailable");
  a.Send("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n");
  CHECK(StatusLine(a.ReadAll()) == "HTTP/1.1 200 OK");
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.open == 1; }));
  Conn fourth(f.gate->port());  // room again
  fourth.Send("GET /x HTTP/1.1\r\n\r\n");
  CHECK(StatusLine(fourth.ReadOne()) == "HTTP/1.1 200 OK");

  HttpGateOptions all;
  all.max_connections = 1;
  Fixture g(all);
  Conn first(g.gate->port());
  REQUIRE(g.Until([](const HttpGateStats& s) { return s.open == 1; }));
  Conn second(g.gate->port());
  CHECK(StatusLine(second.ReadAll()) == "HTTP/1.1 503 Service Unavailable");
  CHECK(g.gate->stats().rejected_busy == 1);
}

TEST_CASE("a client that reads its answer slowly holds no worker", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  Fixture f(o);
  Conn slow(f.gate->port());
  slow.Send("GET /big HTTP/1.1\r\n\r\n");
  // The answer is far larger than what the sockets buffer: the loop holds
  // the rest. The only worker is free meanwhile.
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.relayed == 1; }));
  Conn other(f.gate->port());
  other.Send("GET /x HTTP/1.1\r\nX-Seen: other\r\n\r\n");
  CHECK(Body(other.ReadOne()) == "hi other");
  // The slow client then reads all of it, and its connection goes on.
  std::string big = slow.ReadOne();
  CHECK(StatusLine(big) == "HTTP/1.1 200 OK");
  CHECK(Body(big) == std::string(kBig, 'x'));
  slow.Send("GET /x HTTP/1.1\r\nX-Seen: again\r\n\r\n");
  CHECK(Body(slow.ReadOne()) == "hi again");
}

TEST_CASE("a client that stops reading its answer is cut off after the I/O timeout", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  o.io_timeout_ms = 300;
  Fixture f(o);
  Conn stalled(f.gate->port());
  stalled.Send("GET /big HTTP/1.1\r\n\r\n");
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.relayed == 1 && s.open == 1; }));
  // Never read: the write stalls, and the gate closes the connection.
  CHECK(f.Until([](const HttpGateStats& s) { return s.open == 0; }));
  std::string got = stalled.ReadAll();
  CHECK(got.size() < kBig);  // what the buffers held, then the close
}

TEST_CASE("pushes have workers of their own: a busy search pool does not hold them", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  Fixture f(o);
  Conn busy(f.gate->port());  // takes the only search worker
  busy.Send("GET /block HTTP/1.1\r\n\r\n");
  REQUIRE(f.entered.Wait());
  Conn push(f.gate->port());
  push.Send("POST /echo HTTP/1.1\r\nX-Key: k\r\nContent-Length: 4\r\n\r\nnews");
  CHECK(Body(push.ReadOne()) == "news");
  Conn search(f.gate->port());  // waits for the search worker
  search.Send("GET /x HTTP/1.1\r\nX-Seen: queued\r\n\r\n");
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.queued == 1; }));
  f.release.Open();
  CHECK(Body(busy.ReadOne()) == "released");
  CHECK(Body(search.ReadOne()) == "hi queued");
}

TEST_CASE("the answers the loop holds for clients not reading are bounded", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  o.max_buffered_answers = 2 * (kBig + 1024);  // two answers with their heads
  Fixture f(o);
  std::vector<std::unique_ptr<Conn>> idle;
  for (int i = 0; i < 2; ++i) {  // the loop takes these two answers
    idle.push_back(std::make_unique<Conn>(f.gate->port()));
    idle.back()->Send("GET /big HTTP/1.1\r\n\r\n");
    REQUIRE(f.Until([i](const HttpGateStats& s) { return s.relayed == size_t(i) + 1; }));
  }
  Conn third(f.gate->port());  // past the bound: the worker waits on this client
  third.Send("GET /big HTTP/1.1\r\n\r\n");
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.relayed == 3; }));
  Conn next(f.gate->port());
  next.Send("GET /x HTTP/1.1\r\nX-Seen: next\r\n\r\n");
  REQUIRE(f.Until([](const HttpGateStats& s) { return s.queued == 1; }));
  CHECK(Body(third.ReadOne()) == std::string(kBig, 'x'));  // read: the worker is free
  CHECK(Body(next.ReadOne()) == "hi next");
  for (auto& c : idle) CHECK(Body(c->ReadOne()) == std::string(kBig, 'x'));
}
