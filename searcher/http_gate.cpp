#include "searcher/http_gate.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <unordered_map>

namespace communique {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr size_t kIoBuffer = 16384;
constexpr size_t kMaxDrain = 256u << 10;
constexpr auto kDrainTime = milliseconds(500);
constexpr auto kSweepEvery = milliseconds(50);
// A body holds a worker while it arrives, so after a grace of head_timeout
// it must keep this average rate: a trickle is cut off (408) instead of
// holding the worker for as long as each read beats the I/O timeout.
constexpr uint64_t kMinBodyBytesPerSecond = 16384;

// Waits until `fd` is ready for `events` or `deadline` passes (or the gate
// stops); polls in short slices so Stop() is never held up for long.
bool WaitFor(int fd, short events, Clock::time_point deadline, const std::atomic<bool>& stop) {
  for (;;) {
    if (stop.load()) return false;
    auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<long>(left, 200)));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

// Sends `data` from `pos` on, as much as the socket takes without waiting,
// advancing `pos`. False when the connection failed.
bool SendSome(int fd, std::string_view data, size_t& pos) {
  while (pos < data.size()) {
    ssize_t n = ::send(fd, data.data() + pos, data.size() - pos, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    if (n <= 0) return false;
    pos += static_cast<size_t>(n);
  }
  return true;
}

bool WriteAll(int fd, const char* data, size_t size, Clock::time_point deadline,
              const std::atomic<bool>& stop) {
  std::string_view rest(data, size);
  for (size_t pos = 0;;) {
    if (!SendSome(fd, rest, pos)) return false;
    if (pos == rest.size()) return true;
    if (!WaitFor(fd, POLLOUT, deadline, stop)) return false;
  }
}

bool WriteAll(int fd, std::string_view s, Clock::time_point deadline,
              const std::atomic<bool>& stop) {
  return WriteAll(fd, s.data(), s.size(), deadline, stop);
}

// Reads what is there (waiting up to `deadline`): bytes read, 0 at end of
// stream, -1 on error (errno set; ETIMEDOUT when the deadline passed).
ssize_t ReadSome(int fd, char* buf, size_t size, Clock::time_point deadline,
                 const std::atomic<bool>& stop) {
  for (;;) {
    ssize_t n = ::recv(fd, buf, size, MSG_DONTWAIT);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    if (!WaitFor(fd, POLLIN, deadline, stop)) {
      errno = ETIMEDOUT;
      return -1;
    }
  }
}

const char* Reason(int code) {
  switch (code) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 417:
      return "Expectation Failed";
    case 500:
      return "Internal Server Error";
    case 431:
      return "Request Header Fields Too Large";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Error";
  }
}

// The gate's own answers: small JSON errors that close the connection.
// Messages are the gate's own text (no client bytes), so need no escaping.
std::string ErrorResponse(int code, const std::string& message) {
  std::string body =
      "{\"error\":{\"code\":" + std::to_string(code) + ",\"message\":\"" + message + "\"}}";
  std::string extra = code == 503 ? "Retry-After: 1\r\n" : "";
  return "HTTP/1.1 " + std::to_string(code) + " " + Reason(code) +
         "\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n"
         "X-Content-Type-Options: nosniff\r\n" +
         extra + "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

std::string PeerAddress(const sockaddr_storage& ss) {
  char text[INET6_ADDRSTRLEN] = "?";
  if (ss.ss_family == AF_INET)
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&ss)->sin_addr, text, sizeof text);
  else if (ss.ss_family == AF_INET6)
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_addr, text,
                sizeof text);
  return text;
}

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

// A client connection. Owned by exactly one thread at a time: the event
// loop while a head is awaited (or the connection drains before closing),
// a worker while its request is relayed.
struct HttpGate::Client {
  int fd = -1;
  std::string address;  // the peer's IP address, for the per-address cap
  std::string buf;      // received and not yet consumed (part of a head, or pipelined)
  Clock::time_point deadline;
  bool head_started = false;  // the head timeout runs (else: idle between requests)
  bool draining = false;      // answered and shut down for writing; reading to close cleanly
  size_t drained = 0;
  size_t requests = 0;
  // The rest of an answer the socket did not take at once: the loop sends
  // it as the client reads, then keeps the connection or closes it.
  std::string out;
  size_t out_pos = 0;
  bool close_after_out = false;
};

struct HttpGate::Job {
  std::unique_ptr<Client> client;
  RequestHead head;
};

struct HttpGate::Pool {
  std::condition_variable cv;
  std::deque<std::unique_ptr<Job>> queue;  // guarded by HttpGate::mu_
  // queue.size(), for a spinning worker to look at without the lock.
  std::atomic<size_t> waiting{0};
  std::vector<std::thread> threads;
};

HttpGate::HttpGate(HttpGateOptions options, GateHandler handler)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      main_pool_(std::make_unique<Pool>()),
      side_pool_(std::make_unique<Pool>()) {
  limits_.max_request_line = options_.max_request_line;
  limits_.max_head_bytes = options_.max_head_bytes;
  limits_.max_body = options_.max_body;
  limits_.body_routes = options_.body_routes;
}

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
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
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
  // Every open connection is a descriptor: make room for the cap (up to the
  // hard limit), so the cap rather than EMFILE decides who is refused.
  rlimit lim{};
  rlim_t want = options_.max_connections + 4 * (options_.workers + options_.side_workers) + 64;
  if (::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < want) {
    lim.rlim_cur = std::min(want, lim.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &lim);
  }
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  for (size_t i = 0; i < std::max<size_t>(1, options_.workers); ++i)
    main_pool_->threads.emplace_back([this] { WorkerLoop(*main_pool_); });
  for (size_t i = 0; i < std::max<size_t>(1, options_.side_workers); ++i)
    side_pool_->threads.emplace_back([this] { WorkerLoop(*side_pool_); });
  loop_ = std::thread([this] { EventLoop(); });
}

void HttpGate::Stop() {
  if (stopping_.exchange(true)) return;
  Wake();
  if (loop_.joinable()) loop_.join();
  std::deque<std::unique_ptr<Job>> queued;
  std::vector<std::unique_ptr<Client>> returned;
  for (Pool* pool : {main_pool_.get(), side_pool_.get()}) {
    {
      // Under the lock, so a worker between its check and its wait cannot
      // miss the notification.
      std::lock_guard<std::mutex> lock(mu_);
      pool->cv.notify_all();
    }
    for (auto& w : pool->threads) w.join();
    pool->threads.clear();
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& job : pool->queue) queued.push_back(std::move(job));
    pool->queue.clear();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    returned.swap(returned_);
  }
  for (auto& job : queued) CloseClient(std::move(job->client));
  for (auto& c : returned) CloseClient(std::move(c));
  CloseFd(listen_fd_);
  CloseFd(wake_fd_);
}

HttpGateStats HttpGate::stats() const {
  HttpGateStats s;
  s.accepted = accepted_.load();
  s.relayed = relayed_.load();
  s.rejected_busy = rejected_busy_.load();
  s.rejected_limit = rejected_limit_.load();
  std::lock_guard<std::mutex> lock(mu_);
  s.queued = main_pool_->queue.size() + side_pool_->queue.size();
  s.open = open_;
  return s;
}

void HttpGate::Wake() {
  if (wake_fd_ < 0) return;
  uint64_t one = 1;
  ssize_t ignored = ::write(wake_fd_, &one, sizeof one);
  (void)ignored;
}

void HttpGate::Return(std::unique_ptr<Client> client) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_.load()) {
      returned_.push_back(std::move(client));
      client = nullptr;
    }
  }
  if (client)
    CloseClient(std::move(client));
  else
    Wake();
}

void HttpGate::CloseClient(std::unique_ptr<Client> client) {
  if (!client) return;
  buffered_ -= client->out.size();
  CloseFd(client->fd);
  std::lock_guard<std::mutex> lock(mu_);
  --open_;
  auto it = per_address_.find(client->address);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

void HttpGate::EventLoop() {
  int ep = ::epoll_create1(EPOLL_CLOEXEC);
  std::unordered_map<int, std::unique_ptr<Client>> clients;
  auto watch = [&](int fd, int op, uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    ::epoll_ctl(ep, op, fd, &ev);
  };
  watch(listen_fd_, EPOLL_CTL_ADD, EPOLLIN);
  watch(wake_fd_, EPOLL_CTL_ADD, EPOLLIN);
  bool listen_paused = false;
  Clock::time_point listen_resume, next_sweep = Clock::now() + kSweepEvery;
  const auto head_timeout = milliseconds(options_.head_timeout_ms);

  auto close_now = [&](int fd) {
    auto it = clients.find(fd);
    if (it == clients.end()) return;
    ::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
    std::unique_ptr<Client> c = std::move(it->second);
    clients.erase(it);
    CloseClient(std::move(c));
  };
  // Answers without blocking (the answer is small: it fits the socket's
  // buffer), then drains briefly before closing: closing with unread input
  // makes the kernel send a reset, which can destroy the answer in flight.
  auto answer_and_drain = [&](Client& c, int code, const std::string& message) {
    ++(code == 503 ? rejected_busy_ : rejected_limit_);
    std::string r = ErrorResponse(code, message);
    ::send(c.fd, r.data(), r.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(c.fd, SHUT_WR);
    c.draining = true;
    c.drained = 0;
    std::string().swap(c.buf);
    c.deadline = Clock::now() + kDrainTime;
  };
  // Looks for a complete head in what a client sent; queues it for a worker.
  auto examine = [&](int fd) {
    Client& c = *clients.at(fd);
    if (c.draining || c.buf.empty()) return;
    if (!c.head_started) {
      c.head_started = true;
      c.deadline = Clock::now() + head_timeout;
    }
    HeadScan scan = ScanHead(c.buf, limits_);
    if (scan.state == HeadScan::kIncomplete) return;
    if (scan.state == HeadScan::kRefused) return answer_and_drain(c, scan.code, scan.message);
    auto job = std::make_unique<Job>();
    job->head = ParseRequestHead(std::string_view(c.buf).substr(scan.begin, scan.end - scan.begin),
                                 limits_);
    if (job->head.code) return answer_and_drain(c, job->head.code, job->head.message);
    Pool& pool = PoolFor(job->head.method);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (pool.queue.size() < options_.max_queued) {
        c.buf.erase(0, scan.end);
        ::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
        job->client = std::move(clients.at(fd));
        clients.erase(fd);
        pool.queue.push_back(std::move(job));
        ++pool.waiting;
        pool.cv.notify_one();
        return;
      }
    }
    answer_and_drain(c, 503, "server busy; try again");
  };
  const auto io_timeout = milliseconds(options_.io_timeout_ms);
  // Sets a connection's deadline for what it waits for next: the rest of
  // its answer to be read, its drain, the next head, or nothing (idle).
  auto settle = [&](Client& c) {
    auto now = Clock::now();
    if (!c.out.empty()) {
      c.deadline = now + io_timeout;
    } else if (c.draining) {
      c.deadline = now + kDrainTime;
    } else if (c.buf.empty()) {
      std::string().swap(c.buf);  // an idle connection keeps no buffer
      c.head_started = false;
      c.deadline = now + milliseconds(options_.idle_timeout_ms);
    } else {
      c.head_started = true;
      c.deadline = now + head_timeout;
    }
  };
  auto adopt = [&](std::unique_ptr<Client> c) {
    int fd = c->fd;
    settle(*c);
    bool writing = !c->out.empty();
    clients[fd] = std::move(c);
    watch(fd, EPOLL_CTL_ADD, writing ? EPOLLOUT : EPOLLIN);
    if (!writing) examine(fd);
  };
  // Sends what the client's socket takes of the rest of its answer; once
  // all is sent, the connection waits for the next head, or drains and
  // closes.
  auto write_client = [&](int fd) {
    Client& c = *clients.at(fd);
    size_t was = c.out_pos;
    if (!SendSome(fd, c.out, c.out_pos)) return close_now(fd);
    // The timeout bounds a stall, not the answer.
    if (c.out_pos > was) c.deadline = Clock::now() + io_timeout;
    if (c.out_pos < c.out.size()) return;
    buffered_ -= c.out.size();
    std::string().swap(c.out);
    c.out_pos = 0;
    if (c.close_after_out) {
      ::shutdown(fd, SHUT_WR);
      c.draining = true;
      c.drained = 0;
    }
    settle(c);
    watch(fd, EPOLL_CTL_MOD, EPOLLIN);
    examine(fd);
  };
  auto accept_all = [&] {
    for (;;) {
      sockaddr_storage peer{};
      socklen_t len = sizeof peer;
      int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &len,
                         SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          // Out of descriptors: stop polling the listener for a moment
          // rather than spin on it.
          watch(listen_fd_, EPOLL_CTL_MOD, 0);
          listen_paused = true;
          listen_resume = Clock::now() + milliseconds(100);
        }
        return;
      }
      ++accepted_;
      std::string address = PeerAddress(peer);
      bool room = false;
      {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = per_address_.find(address);
        size_t from_address = it == per_address_.end() ? 0 : it->second;
        room =
            open_ < options_.max_connections && from_address < options_.max_connections_per_address;
        if (room) {
          ++open_;
          ++per_address_[address];
        }
      }
      if (!room) {
        // Full: answer at once without reading, so shedding costs next to nothing.
        ++rejected_busy_;
        std::string busy = ErrorResponse(503, "too many connections; try again");
        ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(fd);
        continue;
      }
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      auto c = std::make_unique<Client>();
      c->fd = fd;
      c->address = std::move(address);
      c->head_started = true;  // a new connection's head timeout runs from accept
      c->deadline = Clock::now() + head_timeout;
      clients[fd] = std::move(c);
      watch(fd, EPOLL_CTL_ADD, EPOLLIN);
    }
  };
  auto read_client = [&](int fd) {
    auto it = clients.find(fd);
    if (it == clients.end()) return;
    Client& c = *it->second;
    char chunk[kIoBuffer];
    if (c.draining) {
      ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
      if (n <= 0 || (c.drained += static_cast<size_t>(n)) > kMaxDrain) close_now(fd);
      return;
    }
    // Never more than a head's worth: ScanHead refuses a longer one.
    size_t cap = options_.max_head_bytes + 64;
    size_t room = c.buf.size() < cap ? cap - c.buf.size() : 1;
    ssize_t n = ::recv(fd, chunk, std::min(sizeof chunk, room), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n <= 0) return close_now(fd);  // the client left (or failed)
    c.buf.append(chunk, static_cast<size_t>(n));
    examine(fd);
  };
  auto sweep = [&] {
    auto now = Clock::now();
    std::vector<int> due;
    for (auto& [fd, c] : clients)
      if (c->deadline <= now) due.push_back(fd);
    for (int fd : due) {
      Client& c = *clients.at(fd);
      if (!c.out.empty() || c.draining || c.buf.empty())
        close_now(fd);  // its answer stalled, drained, or idle: nothing to answer
      else
        answer_and_drain(c, 408, "request head not received in time");
    }
    if (listen_paused && now >= listen_resume) {
      watch(listen_fd_, EPOLL_CTL_MOD, EPOLLIN);
      listen_paused = false;
    }
  };

  epoll_event events[256];
  while (!stopping_.load()) {
    // Rounded up: a remainder under 1 ms truncated to 0 made the loop spin
    // on epoll_wait(0) until the sweep, up to 1 ms of a core every 50 ms.
    int wait_ms = static_cast<int>(
        std::max<long>(0, std::chrono::ceil<milliseconds>(next_sweep - Clock::now()).count()));
    int n = ::epoll_wait(ep, events, 256, wait_ms);
    for (int i = 0; i < n && !stopping_.load(); ++i) {
      int fd = events[i].data.fd;
      if (fd == listen_fd_) {
        accept_all();
      } else if (fd == wake_fd_) {
        uint64_t count;
        ssize_t ignored = ::read(wake_fd_, &count, sizeof count);
        (void)ignored;
        std::vector<std::unique_ptr<Client>> back;
        {
          std::lock_guard<std::mutex> lock(mu_);
          back.swap(returned_);
        }
        for (auto& c : back) adopt(std::move(c));
      } else {
        auto it = clients.find(fd);
        if (it != clients.end() && !it->second->out.empty())
          write_client(fd);
        else
          read_client(fd);
      }
    }
    if (Clock::now() >= next_sweep) {
      sweep();
      next_sweep = Clock::now() + kSweepEvery;
    }
  }
  std::vector<int> all;
  all.reserve(clients.size());
  for (auto& [fd, c] : clients) all.push_back(fd);
  for (int fd : all) close_now(fd);
  ::close(ep);
}

void HttpGate::WorkerLoop(Pool& pool) {
  for (;;) {
    std::unique_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      pool.cv.wait(lock, [&] { return stopping_.load() || !pool.queue.empty(); });
      if (stopping_.load()) break;
      job = std::move(pool.queue.front());
      pool.queue.pop_front();
      --pool.waiting;
    }
    // The same client's next requests, while it sends them at once and
    // nobody else waits.
    while (job) {
      std::unique_ptr<Client> open = Serve(std::move(job));
      job = open ? NextOnConnection(std::move(open), pool) : nullptr;
    }
  }
}

HttpGate::Pool& HttpGate::PoolFor(const std::string& method) const {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" ? *main_pool_ : *side_pool_;
}

std::unique_ptr<HttpGate::Job> HttpGate::NextOnConnection(std::unique_ptr<Client> client,
                                                          Pool& pool) {
  Client& c = *client;
  const auto until = Clock::now() + std::chrono::microseconds(options_.spin_us);
  char chunk[kIoBuffer];
  for (;;) {
    // Anyone waiting goes first, even before a head this client pipelined:
    // the loop queues that behind them.
    if (options_.spin_us <= 0 || stopping_.load() || pool.waiting.load() > 0) break;
    if (!c.buf.empty()) {
      HeadScan scan = ScanHead(c.buf, limits_);
      if (scan.state == HeadScan::kRefused) break;  // the loop answers it
      if (scan.state != HeadScan::kIncomplete) {
        auto job = std::make_unique<Job>();
        job->head = ParseRequestHead(
            std::string_view(c.buf).substr(scan.begin, scan.end - scan.begin), limits_);
        // Refusals and the other pool's requests go through the loop.
        if (job->head.code || &PoolFor(job->head.method) != &pool) break;
        c.buf.erase(0, scan.end);
        job->client = std::move(client);
        return job;
      }
    }
    if (Clock::now() >= until) break;
    size_t cap = options_.max_head_bytes + 64;
    size_t room = c.buf.size() < cap ? cap - c.buf.size() : 1;
    ssize_t n = ::recv(c.fd, chunk, std::min(sizeof chunk, room), MSG_DONTWAIT);
    if (n > 0) {
      c.buf.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
      CloseClient(std::move(client));  // the client left (or failed)
      return nullptr;
    }
    // Lets the thread that will queue other work run on this core.
    std::this_thread::yield();
  }
  Return(std::move(client));
  return nullptr;
}

GateExchange::GateExchange(int fd, const std::string& address, std::string& pending,
                           const RequestHead& head, const HttpGateOptions& options,
                           const std::atomic<bool>& stopping)
    : fd_(fd),
      address_(address),
      pending_(pending),
      head_(head),
      options_(options),
      stopping_(stopping),
      left_(head.body == RequestHead::Body::kLength ? head.content_length : 0),
      decoder_(options.max_body),
      continued_(!head.expect_continue),
      body_start_(Clock::now()) {
  // The handler sees every request as the gate's: tell it who asked (the
  // access log, and /metrics, open to loopback only). ParseRequestHead
  // refuses a client-sent copy of this header.
  forward_ = head.forward;
  forward_.insert(forward_.size() - 2, std::string(kClientHeader) + ": " + address + "\r\n");
}

ssize_t GateExchange::Fail(int code, std::string message) {
  if (!code_) {
    code_ = code;
    message_ = std::move(message);
  }
  return -1;
}

// "Expect: 100-continue" is answered when the handler first asks for the
// body (not before: a request refused from its head gets its refusal, and
// the client never sends the body), unless the client already sends it.
void GateExchange::SendContinue() {
  if (continued_) return;
  continued_ = true;
  if (pending_.empty())
    WriteAll(fd_, "HTTP/1.1 100 Continue\r\n\r\n",
             Clock::now() + milliseconds(options_.io_timeout_ms), stopping_);
}

bool GateExchange::BodyComplete() const {
  switch (head_.body) {
    case RequestHead::Body::kNone:
      return true;
    case RequestHead::Body::kLength:
      return left_ == 0;
    case RequestHead::Body::kChunked:
      return decoder_.done();
  }
  return false;
}

// Body bytes from the client: first those that came with the head, then
// from the socket, under the body's deadline (a grace of head_timeout, then
// kMinBodyBytesPerSecond on average, never past the I/O timeout).
ssize_t GateExchange::ReadClient(char* buf, size_t size) {
  if (!pending_.empty()) {
    size_t n = std::min(size, pending_.size());
    std::memcpy(buf, pending_.data(), n);
    pending_.erase(0, n);
    return static_cast<ssize_t>(n);
  }
  auto deadline = std::min(Clock::now() + milliseconds(options_.io_timeout_ms),
                           body_start_ + milliseconds(options_.head_timeout_ms) +
                               milliseconds(body_received_ * 1000 / kMinBodyBytesPerSecond));
  ssize_t n = ReadSome(fd_, buf, size, deadline, stopping_);
  if (n <= 0) return Fail(408, "request body not received in time");
  body_received_ += static_cast<uint64_t>(n);
  return n;
}

ssize_t GateExchange::Read(char* buf, size_t size) {
  if (size == 0) return 0;
  if (forward_pos_ < forward_.size()) {
    size_t n = std::min(size, forward_.size() - forward_pos_);
    std::memcpy(buf, forward_.data() + forward_pos_, n);
    forward_pos_ += n;
    return static_cast<ssize_t>(n);
  }
  if (code_) return -1;
  if (head_.body == RequestHead::Body::kNone) return 0;
  if (head_.body == RequestHead::Body::kLength) {
    if (left_ == 0) return 0;
    SendContinue();
    ssize_t n = ReadClient(buf, static_cast<size_t>(std::min<uint64_t>(size, left_)));
    if (n > 0) left_ -= static_cast<uint64_t>(n);
    return n;
  }
  // Chunked: de-chunked under max_body, passed on as one chunk per read.
  while (chunk_pos_ >= chunk_.size()) {
    if (last_chunk_) return 0;
    chunk_.clear();
    chunk_pos_ = 0;
    if (decoder_.done()) {
      chunk_ = "0\r\n\r\n";
      last_chunk_ = true;
      break;
    }
    SendContinue();
    char in[kIoBuffer];
    bool from_pending = !pending_.empty();
    std::string_view got;
    if (from_pending) {
      got = pending_;
    } else {
      ssize_t n = ReadClient(in, sizeof in);
      if (n <= 0) return -1;
      got = std::string_view(in, static_cast<size_t>(n));
    }
    std::string data;
    size_t used = decoder_.Feed(got, &data);
    if (from_pending)
      pending_.erase(0, used);
    else if (decoder_.done())
      pending_.assign(got.substr(used));  // a pipelined request
    if (decoder_.code()) return Fail(decoder_.code(), decoder_.message());
    if (data.empty()) continue;
    char size_line[24];
    int len = std::snprintf(size_line, sizeof size_line, "%zx\r\n", data.size());
    chunk_.assign(size_line, static_cast<size_t>(len));
    chunk_.append(data);
    chunk_.append("\r\n");
  }
  size_t n = std::min(size, chunk_.size() - chunk_pos_);
  std::memcpy(buf, chunk_.data() + chunk_pos_, n);
  chunk_pos_ += n;
  return static_cast<ssize_t>(n);
}

std::unique_ptr<HttpGate::Client> HttpGate::Serve(std::unique_ptr<Job> job) {
  Client& c = *job->client;
  const RequestHead& h = job->head;
  ++c.requests;
  ++relayed_;
  // Ends the exchange with an error answer when nothing was sent yet, then
  // closes the client (draining in the loop, so the answer is not lost to a
  // reset).
  auto give_up = [&](int code, const std::string& message) {
    if (code != 500) ++rejected_limit_;
    std::string r = ErrorResponse(code, message);
    if (WriteAll(c.fd, r, Clock::now() + milliseconds(1000), stopping_)) {
      ::shutdown(c.fd, SHUT_WR);
      c.draining = true;
      return Return(std::move(job->client));
    }
    CloseClient(std::move(job->client));
  };

  GateExchange exchange(c.fd, c.address, c.buf, h, options_, stopping_);
  try {
    handler_(exchange);
  } catch (const std::exception&) {
    // The handler's own errors are its to answer; this is a last line.
    give_up(500, "internal error");
    return nullptr;
  }
  if (exchange.code_) {
    give_up(exchange.code_, exchange.message_);
    return nullptr;
  }

  std::string_view answer = exchange.answer_;
  size_t head_end = answer.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    give_up(500, "internal error");
    return nullptr;
  }
  head_end += 4;
  ResponseHead r = ParseResponseHead(answer.substr(0, head_end), h.method);
  if (!r.ok) {
    give_up(500, "internal error");
    return nullptr;
  }
  std::string_view body = answer.substr(head_end);
  if (r.body == ResponseHead::Body::kNone) body = {};
  if (r.body == ResponseHead::Body::kLength && body.size() != r.content_length) {
    give_up(500, "internal error");
    return nullptr;
  }
  // Another request may follow only when this one was read to its end (a
  // request answered from its head, e.g. 401, leaves its body unread).
  bool keep = h.keep_alive && exchange.BodyComplete() &&
              r.body != ResponseHead::Body::kUntilClose &&
              c.requests < options_.max_requests_per_connection && !stopping_.load();
  std::string out = std::move(r.forward);
  if (keep)
    out += "Keep-Alive: timeout=" + std::to_string(std::max(1, options_.idle_timeout_ms / 1000)) +
           "\r\n\r\n";
  else
    out += "Connection: close\r\n\r\n";
  out.append(body);
  // What the socket takes now; the event loop sends the rest as the client
  // reads it, so a slow reader holds no worker.
  size_t sent = 0;
  if (!SendSome(c.fd, out, sent)) {
    CloseClient(std::move(job->client));
    return nullptr;
  }
  if (sent < out.size() && buffered_.load() + out.size() > options_.max_buffered_answers) {
    // The loop holds enough already: this worker waits on its client.
    for (size_t at = sent; at < out.size(); at += kIoBuffer) {
      size_t n = std::min(kIoBuffer, out.size() - at);
      if (!WriteAll(c.fd, out.data() + at, n, Clock::now() + milliseconds(options_.io_timeout_ms),
                    stopping_)) {
        CloseClient(std::move(job->client));
        return nullptr;
      }
    }
    sent = out.size();
  }
  if (sent < out.size()) {
    buffered_ += out.size();
    c.out = std::move(out);
    c.out_pos = sent;
    c.close_after_out = !keep;
    Return(std::move(job->client));
    return nullptr;
  }
  if (keep) return std::move(job->client);
  ::shutdown(c.fd, SHUT_WR);
  c.draining = true;
  Return(std::move(job->client));
  return nullptr;
}

}  // namespace communique
