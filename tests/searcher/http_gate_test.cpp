#include "searcher/http_gate.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

using namespace communique;

namespace {

// A connected socket to 127.0.0.1:port, closed on destruction.
struct Conn {
  int fd = -1;
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
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }
};

// A backend answering GET /x with "hi", and a gate in front of it.
struct Fixture {
  httplib::Server backend;
  std::thread thread;
  std::unique_ptr<HttpGate> gate;
  explicit Fixture(HttpGateOptions o) {
    backend.Get("/x", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content("hi " + req.get_header_value("X-Seen"), "text/plain");
    });
    int port = backend.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { backend.listen_after_bind(); });
    gate = std::make_unique<HttpGate>(o, port);
    REQUIRE(gate->Listen("127.0.0.1", 0).ok());
    gate->Start();
  }
  ~Fixture() {
    gate->Stop();
    backend.stop();
    thread.join();
  }
};

std::string StatusLine(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }

}  // namespace

TEST_CASE("the gate relays a plain request and closes the connection", "[gate]") {
  Fixture f({});
  Conn c(f.gate->port());
  c.Send("GET /x HTTP/1.1\r\nHost: t\r\nX-Seen: yes\r\nConnection: keep-alive\r\n\r\n");
  std::string answer = c.ReadAll();
  CHECK(StatusLine(answer) == "HTTP/1.1 200 OK");
  CHECK(answer.find("Connection: close") != std::string::npos);
  CHECK(answer.substr(answer.size() - 6) == "hi yes");
  CHECK(f.gate->stats().relayed == 1);
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
  CHECK(ask("GET /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n") == "HTTP/1.1 200 OK");
  CHECK(f.gate->stats().rejected_limit == 6);
}

TEST_CASE("a slow head gets 408, a full queue gets 503 at once", "[gate]") {
  HttpGateOptions o;
  o.workers = 1;
  o.max_queued = 1;
  o.head_timeout_ms = 600;
  Fixture f(o);
  Conn slow(f.gate->port());  // takes the only worker
  slow.Send("GET /x HTTP/1.1\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Conn queued(f.gate->port());  // waits in the queue
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Conn shed(f.gate->port());
  auto started = std::chrono::steady_clock::now();
  std::string busy = shed.ReadAll();
  CHECK(StatusLine(busy) == "HTTP/1.1 503 Service Unavailable");
  CHECK(busy.find("Retry-After: 1") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(300));
  CHECK(StatusLine(slow.ReadAll()) == "HTTP/1.1 408 Request Timeout");
  queued.Send("GET /x HTTP/1.1\r\n\r\n");
  CHECK(StatusLine(queued.ReadAll()) == "HTTP/1.1 200 OK");
  CHECK(f.gate->stats().rejected_busy == 1);
}
