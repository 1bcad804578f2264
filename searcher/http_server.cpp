#include "searcher/http_server.h"

#include <httplib.h>

#include <iostream>

namespace communique {
namespace {

constexpr char kJson[] = "application/json; charset=utf-8";

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  // "replace": a stray invalid byte must never turn an answer into a 500.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJson);
}

void SendError(httplib::Response& res, const Status& s) {
  SendJson(res, s.code, {{"error", {{"code", s.code}, {"message", s.message}}}});
}

template <typename T>
void SendResult(httplib::Response& res, const Result<T>& r) {
  if (r.ok())
    SendJson(res, 200, r.value());
  else
    SendError(res, r.status());
}

bool IsApiPath(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/api" || path == "/healthz";
}

}  // namespace

HttpServer::HttpServer(SearchBackend& backend, const FieldSchema& schema, HttpServerOptions options)
    : backend_(backend),
      schema_(schema),
      options_(std::move(options)),
      server_(std::make_unique<httplib::Server>()) {
  Routes();
}

HttpServer::~HttpServer() {
  Stop();
  if (thread_.joinable()) thread_.join();
}

void HttpServer::Routes() {
  httplib::Server& s = *server_;
  size_t threads = options_.threads;
  // httplib takes ownership of the queue it is given.
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_payload_max_length(64 * 1024);  // the API takes no bodies
  s.set_read_timeout(10, 0);
  s.set_write_timeout(10, 0);
  s.set_keep_alive_timeout(5);
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "no-referrer"},
                         {"X-Frame-Options", "SAMEORIGIN"}});

  s.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
    auto request = ParseSearchRequest(req.params, schema_);
    if (!request.ok()) return SendError(res, request.status());
    SendResult(res, backend_.Search(request.value()));
  });
  s.Get(R"(/api/doc/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    SendResult(res, backend_.Document(req.matches[1].str()));
  });
  s.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    SendResult(res, backend_.Health());
  });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (IsApiPath(req.path)) {
      int code = res.status == 404 ? 404 : res.status;
      SendError(res, {code, code == 404 ? "no such endpoint: " + req.path.substr(0, 200)
                                        : "request failed"});
    } else {
      res.set_content(res.status == 404 ? "Not found\n" : "Request failed\n",
                      "text/plain; charset=utf-8");
    }
  });
  s.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::cerr << "communique-serve: internal error on " << req.path << ": " << what << "\n";
        SendError(res, Status::Internal("internal error"));
      });
  if (!options_.web_dir.empty()) {
    s.set_mount_point(
        "/", options_.web_dir,
        {{"Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"}});
  }
}

Status HttpServer::Start() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
    if (port_ < 0) return Status::Unavailable("cannot bind " + options_.host);
  } else {
    if (!server_->bind_to_port(options_.host, options_.port))
      return Status::Unavailable("cannot listen on " + options_.host + ":" +
                                 std::to_string(options_.port) + " (in use, or not allowed)");
    port_ = options_.port;
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return Status::Ok();
}

void HttpServer::Wait() {
  if (thread_.joinable()) thread_.join();
}

void HttpServer::Stop() { server_->stop(); }

}  // namespace communique
