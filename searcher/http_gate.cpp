#include "searcher/http_gate.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>

namespace communique {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Waits until `fd` is ready for `events` or `deadline` passes (or the gate
// stops); polls in short slices so Stop() is never held up for long.
bool WaitFor(int fd, short events, Clock::time_point deadline, const std::atomic<bool>& stop) {
  for (;;) {
    if (stop.load()) return false;
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<long>(left, 200)));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

bool WriteAll(int fd, const char* data, size_t size, Clock::time_point deadline,
              const std::atomic<bool>& stop) {
  while (size > 0) {
    if (!WaitFor(fd, POLLOUT, deadline, stop)) return false;
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The gate's own answers: small JSON errors that close the connection.
std::string ErrorResponse(int code, const char* reason, const std::string& message) {
  std::string body =
      "{\"error\":{\"code\":" + std::to_string(code) + ",\"message\":\"" + message + "\"}}";
  std::string extra = code == 503 ? "Retry-After: 1\r\n" : "";
  return "HTTP/1.1 " + std::to_string(code) + " " + reason +
         "\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n"
         "X-Content-Type-Options: nosniff\r\n" +
         extra + "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

struct Verdict {
  int code = 0;  // 0: forward
  const char* reason = "";
  std::string message;
  std::string head;  // the head to forward (when code == 0)
};

// Checks a complete head (request line + headers, without the blank line)
// and rewrites it for the backend: hop-by-hop Connection headers dropped,
// "Connection: close" added.
// The peer's numeric address ("203.0.113.7", "::1"); "" when unknown.
std::string PeerAddress(int fd) {
  sockaddr_storage peer{};
  socklen_t len = sizeof peer;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &len) != 0) return "";
  char host[INET6_ADDRSTRLEN] = "";
  if (peer.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&peer)->sin_addr, host, sizeof host);
  else if (peer.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&peer)->sin6_addr, host, sizeof host);
  return host;
}

Verdict CheckHead(const std::string& head) {
  Verdict v;
  size_t eol = head.find("\r\n");
  std::string request_line = head.substr(0, eol);
  if (request_line.empty() || request_line.find(' ') == std::string::npos) {
    return {400, "Bad Request", "malformed request line", ""};
  }
  v.head = request_line + "\r\n";
  size_t pos = eol == std::string::npos ? head.size() : eol + 2;
  while (pos < head.size()) {
    size_t next = head.find("\r\n", pos);
    if (next == std::string::npos) next = head.size();
    std::string line = head.substr(pos, next - pos);
    pos = next + 2;
    size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0 || line[0] == ' ' || line[0] == '\t')
      return {400, "Bad Request", "malformed header line", ""};
    std::string name = Lower(line.substr(0, colon));
    std::string value = Trim(line.substr(colon + 1));
    if (name == "transfer-encoding" || (name == "content-length" && value != "0"))
      return {413, "Payload Too Large", "request bodies are not accepted", ""};
    // cpp-httplib 0.11.4 stores the peer address as a header; a client
    // must not be able to put its own first.
    if (name == "remote_addr" || name == "remote_port" || name == "local_addr" ||
        name == "local_port" || name == kClientHeaderLower)
      return {400, "Bad Request", "reserved header " + name, ""};
    if (name == "connection" || name == "keep-alive" || name == "proxy-connection") continue;
    v.head += line + "\r\n";
  }
  v.head += "Connection: close\r\n";
  return v;  // the caller adds the client header and the blank line
}

// Ends a connection without losing what was just written: closing a socket
// with unread input makes the kernel send a reset, which can destroy the
// answer in flight (a 413 sent while the body is still arriving). So: stop
// writing, drain briefly within a bound, then close.
void LingeringClose(int fd) {
  ::shutdown(fd, SHUT_WR);
  char sink[4096];
  size_t drained = 0;
  auto deadline = Clock::now() + std::chrono::milliseconds(500);
  while (drained < (256u << 10) && Clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) break;
    ssize_t n = ::recv(fd, sink, sizeof sink, 0);
    if (n <= 0) break;
    drained += static_cast<size_t>(n);
  }
}

}  // namespace

HttpGate::HttpGate(HttpGateOptions options, int backend_port)
    : options_(options), backend_port_(backend_port) {}

HttpGate::~HttpGate() { Stop(); }

Status HttpGate::Listen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found)
    return Status::Unavailable("cannot resolve " + host);
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> list(found, ::freeaddrinfo);
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) {
      sockaddr_storage bound{};
      socklen_t len = sizeof bound;
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
      port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
      listen_fd_ = fd;
      return Status::Ok();
    }
    ::close(fd);
  }
  return Status::Unavailable("cannot listen on " + host + ":" + service +
                             " (in use, or not allowed)");
}

void HttpGate::Start() {
  for (size_t i = 0; i < std::max<size_t>(1, options_.workers); ++i)
    workers_.emplace_back([this] { WorkerLoop(); });
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

void HttpGate::Stop() {
  if (stopping_.exchange(true)) return;
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  cv_.notify_all();
  if (acceptor_.joinable()) acceptor_.join();
  for (auto& w : workers_) w.join();
  workers_.clear();
  std::lock_guard<std::mutex> lock(mu_);
  for (int fd : queue_) ::close(fd);
  queue_.clear();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
}

HttpGateStats HttpGate::stats() const {
  HttpGateStats s;
  s.accepted = accepted_.load();
  s.relayed = relayed_.load();
  s.rejected_busy = rejected_busy_.load();
  s.rejected_limit = rejected_limit_.load();
  std::lock_guard<std::mutex> lock(mu_);
  s.queued = queue_.size();
  s.open_connections = s.queued + serving_.load();
  return s;
}

void HttpGate::AcceptLoop() {
  while (!stopping_.load()) {
    if (!WaitFor(listen_fd_, POLLIN, Clock::now() + std::chrono::hours(1), stopping_)) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;  // EMFILE, ECONNABORTED...: the next round retries
    ++accepted_;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (queue_.size() < options_.max_queued) {
        queue_.push_back(fd);
        cv_.notify_one();
        continue;
      }
    }
    // Full: answer at once without reading, so shedding costs next to nothing.
    ++rejected_busy_;
    std::string busy = ErrorResponse(503, "Service Unavailable", "server busy; try again");
    ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
  }
}

void HttpGate::WorkerLoop() {
  for (;;) {
    int fd = -1;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_.load() || !queue_.empty(); });
      if (stopping_.load()) return;
      fd = queue_.front();
      queue_.pop_front();
    }
    Serve(fd);
  }
}

void HttpGate::Serve(int client_fd) {
  Fd client(client_fd);
  ++serving_;
  struct Done {
    std::atomic<size_t>& n;
    ~Done() { --n; }
  } done{serving_};
  auto head_deadline = Clock::now() + std::chrono::milliseconds(options_.head_timeout_ms);
  auto reject = [&](int code, const char* reason, const std::string& message) {
    ++rejected_limit_;
    std::string r = ErrorResponse(code, reason, message);
    if (WriteAll(client.get(), r.data(), r.size(), Clock::now() + std::chrono::milliseconds(1000),
                 stopping_))
      LingeringClose(client.get());
  };

  // 1. The head, under the limits; nothing past it is read.
  std::string buf;
  size_t head_end = std::string::npos;
  char chunk[4096];
  while (head_end == std::string::npos) {
    if (!WaitFor(client.get(), POLLIN, head_deadline, stopping_)) {
      if (!stopping_.load() && !buf.empty())
        reject(408, "Request Timeout", "request head not received in time");
      return;
    }
    size_t room = options_.max_head_bytes + 4 - buf.size();
    ssize_t n = ::recv(client.get(), chunk, std::min(sizeof chunk, room), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    size_t scan_from = buf.size() >= 3 ? buf.size() - 3 : 0;
    buf.append(chunk, static_cast<size_t>(n));
    head_end = buf.find("\r\n\r\n", scan_from);
    size_t line_end = buf.find("\r\n");
    if ((line_end == std::string::npos ? buf.size() : line_end) > options_.max_request_line)
      return reject(414, "URI Too Long", "request line too long");
    if (head_end == std::string::npos && buf.size() > options_.max_head_bytes)
      return reject(431, "Request Header Fields Too Large", "request headers too large");
  }
  if (head_end > options_.max_head_bytes)
    return reject(431, "Request Header Fields Too Large", "request headers too large");
  Verdict v = CheckHead(buf.substr(0, head_end));
  if (v.code) return reject(v.code, v.reason, v.message);
  // The backend sees every request come from loopback: tell it who asked
  // (the access log, and /metrics, which is open to loopback only).
  v.head += std::string(kClientHeader) + ": " + PeerAddress(client.get()) + "\r\n\r\n";

  // 2. Relay to the backend, then its answer back until it closes.
  int bfd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (bfd < 0) return reject(503, "Service Unavailable", "server busy; try again");
  Fd backend(bfd);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(backend_port_));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(backend.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return reject(503, "Service Unavailable", "server not ready; try again");
  ++relayed_;
  auto io = [&] { return Clock::now() + std::chrono::milliseconds(options_.io_timeout_ms); };
  if (!WriteAll(backend.get(), v.head.data(), v.head.size(), io(), stopping_)) return;
  // No shutdown(SHUT_WR) here: cpp-httplib takes a half-closed peer for a
  // dead one and would not answer. "Connection: close" ends the exchange.
  for (;;) {
    if (!WaitFor(backend.get(), POLLIN, io(), stopping_)) return;
    ssize_t n = ::recv(backend.get(), chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the backend closed: the response is complete
    if (!WriteAll(client.get(), chunk, static_cast<size_t>(n), io(), stopping_)) return;
  }
}

}  // namespace communique
