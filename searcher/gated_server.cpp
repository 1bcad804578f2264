#include "searcher/gated_server.h"

namespace communique {
namespace {

// The gate's exchange as the httplib::Stream its request processing reads
// from and writes to.
class ExchangeStream : public httplib::Stream {
 public:
  explicit ExchangeStream(GateExchange& exchange) : exchange_(exchange) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override { return exchange_.Read(ptr, size); }
  ssize_t write(const char* ptr, size_t size) override {
    exchange_.Write(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = exchange_.client_address();
    port = 0;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip.clear();
    port = 0;
  }
  // There is no socket to wait on; httplib only compares it with
  // FD_SETSIZE (its select() limit), which an invalid socket never reaches.
  socket_t socket() const override { return INVALID_SOCKET; }

 private:
  GateExchange& exchange_;
};

}  // namespace

void GatedServer::Serve(GateExchange& exchange) {
  ExchangeStream stream(exchange);
  bool closed = false;  // the gate decides whether the connection stays open
  process_request(stream, /*close_connection=*/false, closed, nullptr);
}

}  // namespace communique
