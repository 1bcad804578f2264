#include "searcher/http_server.h"

#include <httplib.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "common/numbers.h"
#include "searcher/exporters.h"
#include "searcher/gated_server.h"
#include "searcher/openapi.h"
#include "searcher/search_json.h"

namespace communique {
namespace {
namespace fs = std::filesystem;

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

// The wire form of what a backend answers: JSON as it is, typed results
// through searcher/search_json.h.
const nlohmann::json& AsJson(const nlohmann::json& j) { return j; }
nlohmann::json AsJson(const SearchResult& r) { return ToJson(r); }
nlohmann::json AsJson(const FacetListing& l) { return ToJson(l); }

template <typename T>
void SendResult(httplib::Response& res, const Result<T>& r) {
  if (r.ok())
    SendJson(res, 200, AsJson(r.value()));
  else
    SendError(res, r.status());
}

// Per worker thread: when the request being served started, and how many
// articles it found (searches only), for the access log and /metrics.
// cpp-httplib serves a request from head to answer on one thread.
struct RequestClock {
  std::chrono::steady_clock::time_point started;
  bool running = false;
  std::optional<uint64_t> hits;
};
thread_local RequestClock t_request;

// The client's address: the gate's header (it refuses a client-sent one),
// else the peer cpp-httplib saw.
std::string ClientOf(const httplib::Request& req) {
  std::string c = req.get_header_value(kClientHeader);
  return c.empty() ? req.remote_addr : c;
}

bool IsLoopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

bool IsApiPath(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/api" || path == "/healthz";
}

// CORS for the allow-list of --cors-origin: the value for
// Access-Control-Allow-Origin, or "" when `origin` is not allowed. "*" is
// answered only when the operator listed "*" itself.
std::string AllowedOrigin(const std::vector<std::string>& allowed, const std::string& origin) {
  if (origin.empty()) return "";
  for (const auto& a : allowed) {
    if (a == "*") return "*";
    if (a == origin) return origin;
  }
  return "";
}

// httplib compresses with brotli at its slowest quality (11): ~200 ms for
// the page's 24 KB script, against ~1 ms for gzip at about the same size.
// Hiding "br" from Accept-Encoding makes it choose gzip. (The Request is
// httplib's own non-const object, handed to handlers as const.)
void PreferGzip(const httplib::Request& req) {
  auto& headers = const_cast<httplib::Request&>(req).headers;
  auto it = headers.find("Accept-Encoding");
  if (it == headers.end() || it->second.find("br") == std::string::npos) return;
  std::string kept;
  size_t start = 0;
  while (start <= it->second.size()) {
    size_t end = it->second.find(',', start);
    if (end == std::string::npos) end = it->second.size();
    std::string token = it->second.substr(start, end - start);
    size_t b = token.find_first_not_of(' ');
    std::string name =
        b == std::string::npos ? "" : token.substr(b, token.find_first_of(" ;", b) - b);
    if (!name.empty() && name != "br") kept += (kept.empty() ? "" : ", ") + token.substr(b);
    start = end + 1;
  }
  it->second = kept;
}

// Sets the CORS headers on every answer and answers preflights (OPTIONS with
// Access-Control-Request-Method) itself: 204 for listed origins, 403 otherwise.
httplib::Server::HandlerResponse HandleCors(const std::vector<std::string>& allowed,
                                            const httplib::Request& req, httplib::Response& res) {
  std::string allow = AllowedOrigin(allowed, req.get_header_value("Origin"));
  res.set_header("Vary", "Origin");
  // Static files carry "Access-Control-Allow-Origin: *" of their own (see
  // kStaticHeaders); a second value would make browsers refuse both.
  if (!allow.empty() && IsApiPath(req.path)) res.set_header("Access-Control-Allow-Origin", allow);
  if (req.method != "OPTIONS" || !req.has_header("Access-Control-Request-Method"))
    return httplib::Server::HandlerResponse::Unhandled;
  if (allow.empty()) {
    SendError(res, {403, "origin not allowed (see communique-serve --cors-origin)"});
    return httplib::Server::HandlerResponse::Handled;
  }
  res.status = 204;
  res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
  // Echo the asked-for headers when they are plain header names (the
  // browser only sends this list; the origin is already trusted).
  std::string asked = req.get_header_value("Access-Control-Request-Headers");
  bool plain = asked.size() <= 512 && asked.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789-_, ") == std::string::npos;
  if (!asked.empty() && plain) res.set_header("Access-Control-Allow-Headers", asked);
  res.set_header("Access-Control-Max-Age", "600");
  return httplib::Server::HandlerResponse::Handled;
}

// The address readers reach the server by, without a trailing slash: the
// operator's --public-url, else the Host the request was sent to (a
// well-formed one), never the address the server is bound to.
std::string PublicBase(const std::string& public_url, const std::string& host) {
  if (!public_url.empty())
    return public_url.back() == '/' ? public_url.substr(0, public_url.size() - 1) : public_url;
  bool plain = !host.empty() && host.size() <= 200 &&
               host.find_first_not_of(
                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   "0123456789.-:[]") == std::string::npos;
  return "http://" + (plain ? host : std::string("localhost"));
}

// The current time as RFC 3339 UTC, for Atom's <updated>.
std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Headers of every static file and of the article page. The web files are
// public, and the widget is an ES module that host pages on other origins
// import with a CORS fetch (`<script type="module" src=".../widget.js">`),
// so they are readable from any origin; the API keeps its allow-list.
const httplib::Headers& StaticHeaders() {
  static const httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"},
      {"Access-Control-Allow-Origin", "*"}};
  return headers;
}

// The article page (GET /doc/{id}): web/doc.html, which fills itself from
// /api/doc/{id}. Read per request (it is small) so an edited page is served
// at once, as the mount point serves the other files.
void SendArticlePage(const std::string& web_dir, httplib::Response& res) {
  std::string html;
  if (!web_dir.empty()) {
    if (FILE* f = std::fopen((fs::path(web_dir) / "doc.html").c_str(), "rb")) {
      char buf[8192];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) html.append(buf, n);
      std::fclose(f);
    }
  }
  if (html.empty()) {
    res.status = 404;
    return res.set_content("Not found (this server has no web folder)\n",
                           "text/plain; charset=utf-8");
  }
  for (const auto& [k, v] : StaticHeaders()) res.set_header(k, v);
  res.set_header("Cache-Control", "no-cache");
  res.set_content(html, "text/html; charset=utf-8");
}

// False when `path` (already percent-decoded by httplib) names a file
// under `web_dir` whose real location is outside it: cpp-httplib refuses
// ".." itself but follows symlinks, so a link planted in web/ could publish
// any file the server can read. API paths and paths to nothing pass (they
// are routed, or answered 404, as usual).
bool StaticPathInside(const std::string& web_dir, const std::string& path) {
  if (web_dir.empty() || path.rfind("/api/", 0) == 0 || path == "/healthz") return true;
  std::error_code ec;
  fs::path root = fs::canonical(web_dir, ec);
  if (ec) return true;  // no web folder: httplib serves nothing either
  fs::path candidate = root / fs::path(path).relative_path();
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  if (!fs::exists(candidate, ec)) return true;
  fs::path real = fs::canonical(candidate, ec);
  if (ec) return false;
  auto r = real.begin();
  for (auto it = root.begin(); it != root.end(); ++it, ++r) {
    if (r == real.end() || *r != *it) return false;
  }
  return true;
}

// Compares a presented key with the configured one in time that depends
// only on the configured key's length, so timing reveals nothing of it.
bool ConstantTimeEquals(const std::string& presented, const std::string& expected) {
  volatile unsigned char diff = presented.size() != expected.size();
  for (size_t i = 0; i < expected.size(); ++i) {
    unsigned char p = i < presented.size() ? static_cast<unsigned char>(presented[i]) : 0;
    diff = diff | (p ^ static_cast<unsigned char>(expected[i]));
  }
  return diff == 0;
}

// The key a request presents: "X-Communique-Key: K" or "Authorization: Bearer K".
std::string PresentedKey(const httplib::Request& req) {
  std::string key = req.get_header_value("X-Communique-Key");
  if (!key.empty()) return key;
  std::string auth = req.get_header_value("Authorization");
  const std::string bearer = "Bearer ";
  return auth.compare(0, bearer.size(), bearer) == 0 ? auth.substr(bearer.size()) : "";
}

// Keys by route: /api/admin/ needs the admin key (403 when none is
// configured); the rest of /api/ needs the search key when one is set;
// /healthz and static files are open. Runs before routing, so an
// unauthorised request never reaches a handler.
httplib::Server::HandlerResponse CheckKeys(const std::string& search_key,
                                           const std::string& admin_key,
                                           const httplib::Request& req, httplib::Response& res) {
  using R = httplib::Server::HandlerResponse;
  bool admin = req.path.rfind("/api/admin/", 0) == 0 || req.path == "/api/admin";
  bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/api";
  if (admin) {
    if (admin_key.empty()) {
      SendError(res, {403, "the admin API is disabled (start the server with --admin-key-file)"});
      return R::Handled;
    }
    if (!ConstantTimeEquals(PresentedKey(req), admin_key)) {
      res.set_header("WWW-Authenticate", "Bearer");
      SendError(res, {401, "this route needs the admin key"});
      return R::Handled;
    }
    return R::Unhandled;
  }
  if (api && !search_key.empty() && !ConstantTimeEquals(PresentedKey(req), search_key)) {
    res.set_header("WWW-Authenticate", "Bearer");
    SendError(res, {401, "this route needs the search key"});
    return R::Handled;
  }
  return R::Unhandled;
}

Status PushesDisabled() {
  return {501,
          "this server does not take pushes: start communique-serve with --accept-pushes "
          "(a single local database only; shards are written with communique-index)"};
}

// ?wait=commit: answer once the change is committed (searchable, durable).
Result<PushWait> ParseWait(const httplib::Request& req) {
  if (!req.has_param("wait")) return PushWait::kAccepted;
  if (req.get_param_value("wait") == "commit") return PushWait::kCommit;
  return Status::BadRequest("wait must be \"commit\" (or absent)");
}

void AddTiming(nlohmann::json& body, const PushTiming& t) {
  body["committed"] = t.committed;
  body["searchable_within_ms"] = t.committed ? 0 : t.searchable_within_ms;
}

// The answer to a push: counts, then one entry per record in body order.
nlohmann::json PushReportJson(const PushReport& report) {
  nlohmann::json records = nlohmann::json::array();
  for (const PushOutcome& r : report.records) {
    nlohmann::json j = {{"line", r.line}};
    if (!r.id.empty()) j["id"] = r.id;
    switch (r.kind) {
      case PushOutcome::Kind::kAdded:
        j["status"] = "added";
        break;
      case PushOutcome::Kind::kReplaced:
        j["status"] = "replaced";
        break;
      case PushOutcome::Kind::kSkipped:
        j["status"] = "skipped";
        j["error"] = std::to_string(r.line) + ": " + r.reason;
        break;
    }
    records.push_back(std::move(j));
  }
  nlohmann::json body = {{"added", report.Count(PushOutcome::Kind::kAdded)},
                         {"replaced", report.Count(PushOutcome::Kind::kReplaced)},
                         {"skipped", report.Count(PushOutcome::Kind::kSkipped)}};
  AddTiming(body, report.timing);
  body["records"] = std::move(records);
  return body;
}

// The routes that take a request body; the gate refuses a body (413) on
// any other request. Pushes only: CheckKeys refuses one without the admin
// key from its head, before a byte of its body is read (the gate reads a
// body only when httplib asks for it).
std::vector<BodyRoute> BodyRoutes() { return {{"POST", "/api/admin/articles"}}; }

}  // namespace

void HttpServer::ExportAllCsv(httplib::Response& res, SearchRequest request, SearchResult first) {
  // Built whole, page by page along the date cursor: the gate sends every
  // answer whole (gated_server.h), and httplib's streaming providers need a
  // listening socket of its own, which GatedServer never has. The limit
  // bounds it (kMaxExportAll rows, a few tens of MB at most).
  res.set_header("X-Communique-Export-Limit", std::to_string(kMaxExportAll));
  std::string csv;
  size_t rows = 0;
  std::optional<SearchResult> page = std::move(first);
  while (page) {
    nlohmann::json body = ToJson(*page);
    if (rows + page->hits.size() > kMaxExportAll)
      body["hits"].erase(body["hits"].begin() + static_cast<std::ptrdiff_t>(kMaxExportAll - rows),
                         body["hits"].end());
    csv += csv.empty() ? SearchCsv(body) : SearchCsvRows(body);
    rows += body["hits"].size();
    std::string cursor = page->next_cursor;
    page.reset();
    if (cursor.empty() || rows >= kMaxExportAll) break;
    request.cursor = cursor;
    auto next = backend_.Search(request);
    if (!next.ok()) {
      // A later page failed: the export is incomplete, so it is an error,
      // not a short file that looks whole.
      res.status = next.status().code;
      res.set_content(CsvError(next.status().message), kCsvContentType);
      return;
    }
    page = std::move(next).value();
  }
  res.set_content(csv, kCsvContentType);
}

HttpServer::HttpServer(SearchBackend& backend, const FieldSchema& schema, HttpServerOptions options,
                       PushSink* pushes)
    : backend_(backend),
      schema_(schema),
      pushes_(pushes),
      options_(std::move(options)),
      server_(std::make_unique<GatedServer>()) {
  Routes();
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Routes() {
  // httplib never listens: the gate's workers hand it each request (see
  // gated_server.h), so its sockets, threads and timeouts are unused.
  httplib::Server& s = *server_;
  // The gate bounds bodies (413 past max_body, on the routes of
  // BodyRoutes() only); this is a second line.
  s.set_payload_max_length(options_.max_body);
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "no-referrer"},
                         {"X-Frame-Options", "SAMEORIGIN"}});

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_request = {std::chrono::steady_clock::now(), true, std::nullopt};
    metrics_.Started();
    PreferGzip(req);
    // CORS first: a browser's preflight carries no key and must get its 204.
    if (!options_.cors_origins.empty() &&
        HandleCors(options_.cors_origins, req, res) == httplib::Server::HandlerResponse::Handled)
      return httplib::Server::HandlerResponse::Handled;
    if (!StaticPathInside(options_.web_dir, req.path)) {
      res.status = 404;  // the error handler writes the body
      res.set_content("Not found\n", "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    return CheckKeys(options_.search_key, options_.admin_key, req, res);
  });

  // /api/search, and the same search as CSV or Atom (by suffix or format=).
  auto search = [this](const httplib::Request& req, httplib::Response& res,
                       std::optional<SearchRequest::Format> format) {
    auto params = req.params;
    // all=true (CSV only): every match, newest first, up to kMaxExportAll
    // rows, streamed page by page (see ExportAllCsv).
    bool all = false;
    if (auto it = params.find("all"); it != params.end()) {
      all = it->second == "true" || it->second == "1";
      if (!all && it->second != "false" && it->second != "0")
        return SendError(res, Status::BadRequest("all must be true or false"));
      params.erase("all");
    }
    if (format) {  // the suffix wins over any format= parameter
      params.erase("format");
      params.emplace("format", *format == SearchRequest::Format::kCsv ? "csv" : "atom");
    }
    auto request = ParseSearchRequest(params, schema_);
    // A failed CSV export is a CSV saying so: the page's link downloads it
    // as a .csv, which must not hold JSON.
    bool csv = format ? *format == SearchRequest::Format::kCsv
                      : request.ok() && request.value().format == SearchRequest::Format::kCsv;
    auto fail = [&res, csv](const Status& st) {
      if (!csv) return SendError(res, st);
      res.status = st.code;
      res.set_header("Cache-Control", "no-store");
      res.set_header("Content-Disposition", "attachment; filename=\"communique-error.csv\"");
      res.set_content(CsvError(st.message), kCsvContentType);
    };
    if (!request.ok()) return fail(request.status());
    if (all && !csv) return fail(Status::BadRequest("all=true is for CSV exports only"));
    if (all) {
      request.value().sort = SearchRequest::Sort::kDate;
      request.value().size = kMaxExportSize;
      request.value().page = 1;
      request.value().facets = false;
    }
    auto result = backend_.Search(request.value());
    if (result.ok()) t_request.hits = result.value().total;
    if (!result.ok()) return fail(result.status());
    if (request.value().format == SearchRequest::Format::kJson) return SendResult(res, result);
    res.set_header("Cache-Control", "no-store");
    if (request.value().format == SearchRequest::Format::kCsv) {
      res.set_header("Content-Disposition", "attachment; filename=\"communique-search.csv\"");
      if (all) return ExportAllCsv(res, request.value(), std::move(result).value());
      return res.set_content(SearchCsv(ToJson(result.value())), kCsvContentType);
    }
    std::string base = PublicBase(options_.public_url, req.get_header_value("Host"));
    res.set_content(SearchAtom(ToJson(result.value()), base + req.target, base, NowRfc3339()),
                    kAtomContentType);
  };
  s.Get("/api/search", [search](const httplib::Request& req, httplib::Response& res) {
    search(req, res, std::nullopt);
  });
  s.Get("/api/search.csv", [search](const httplib::Request& req, httplib::Response& res) {
    search(req, res, SearchRequest::Format::kCsv);
  });
  s.Get("/api/search.atom", [search](const httplib::Request& req, httplib::Response& res) {
    search(req, res, SearchRequest::Format::kAtom);
  });
  s.Get(R"(/api/similar/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto request = ParseSearchRequest(req.params, schema_);
    if (!request.ok()) return SendError(res, request.status());
    SendResult(res, backend_.Similar(req.matches[1].str(), request.value()));
  });
  s.Get(R"(/api/facets/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    auto request = ParseSearchRequest(req.params, schema_);
    if (!request.ok()) return SendError(res, request.status());
    SendResult(res, backend_.FacetValues(req.matches[1].str(), request.value()));
  });
  s.Get("/api/suggest", [this](const httplib::Request& req, httplib::Response& res) {
    std::string q = req.get_param_value("q");
    if (q.size() > 200)
      return SendError(res, Status::BadRequest("q is too long (at most 200 bytes)"));
    long size = 8;
    if (req.has_param("size")) {
      auto n = ParseNumber("size", req.get_param_value("size"), 1, kMaxSuggestions);
      if (!n.ok()) return SendError(res, n.status());
      size = n.value();
    }
    SendResult(res, backend_.Suggest(q, static_cast<int>(size)));
  });
  s.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, OpenApiDocument());
  });
  s.Get(R"(/api/doc/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    SendResult(res, backend_.Document(req.matches[1].str()));
  });
  // A page per article, linkable even when the article has no URL of its
  // own; the id is read by the page's script from its own address.
  s.Get(R"(/doc/(.+))", [this](const httplib::Request&, httplib::Response& res) {
    SendArticlePage(options_.web_dir, res);
  });
  // Server counters for operators (admin key only, see CheckKeys).
  s.Get("/api/admin/stats", [this](const httplib::Request&, httplib::Response& res) {
    HttpGateStats g = gate_stats();
    long rss_kb = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
      long pages = 0, resident = 0;
      if (std::fscanf(f, "%ld %ld", &pages, &resident) == 2) rss_kb = resident * 4;
      std::fclose(f);
    }
    SendJson(res, 200,
             {{"connections_accepted", g.accepted},
              {"requests_relayed", g.relayed},
              {"rejected_busy", g.rejected_busy},
              {"rejected_limits", g.rejected_limit},
              {"queued", g.queued},
              {"connections_open", g.open},
              {"threads", options_.threads},
              {"max_queued", options_.max_queued},
              {"rss_kb", rss_kb}});
  });
  // Prometheus scrapes: open to loopback (a local agent), elsewhere behind
  // the admin key, since counts and shard names describe the deployment.
  s.Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) {
    bool admin =
        !options_.admin_key.empty() && ConstantTimeEquals(PresentedKey(req), options_.admin_key);
    if (!IsLoopback(ClientOf(req)) && !admin) {
      if (options_.admin_key.empty())
        return SendError(res, {403,
                               "/metrics is open to loopback only (set --admin-key-file to "
                               "scrape it from elsewhere with the admin key)"});
      res.set_header("WWW-Authenticate", "Bearer");
      return SendError(res, {401, "/metrics from another host needs the admin key"});
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(MetricsText(), "text/plain; version=0.0.4; charset=utf-8");
  });
  // After every answer: the access log and the request counters.
  s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    if (!t_request.running) return;
    t_request.running = false;
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t_request.started).count();
    metrics_.Finished(ServerMetrics::RouteOf(req.path), res.status, seconds);
    if (!options_.access_log) return;
    AccessRecord r;
    r.unix_seconds =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    r.client = ClientOf(req);
    r.method = req.method;
    r.target = req.target;
    r.status = res.status;
    r.bytes = res.body.size();
    r.ms = seconds * 1000;
    r.hits = t_request.hits;
    options_.access_log->Write(r);
  });
  // Pushes from a CMS (admin key only, see CheckKeys; docs/api-contract.md).
  s.Post("/api/admin/articles", [this](const httplib::Request& req, httplib::Response& res) {
    if (!pushes_) return SendError(res, PushesDisabled());
    auto wait = ParseWait(req);
    if (!wait.ok()) return SendError(res, wait.status());
    if (req.is_multipart_form_data())
      return SendError(res, {415,
                             "send the records as the request body (JSON lines or a JSON "
                             "array), not as a form upload"});
    auto report = pushes_->Push(req.body, wait.value());
    if (!report.ok()) return SendError(res, report.status());
    size_t skipped_records = report.value().Count(PushOutcome::Kind::kSkipped);
    writes_skipped_ += skipped_records;
    writes_accepted_ += report.value().Count(PushOutcome::Kind::kAdded) +
                        report.value().Count(PushOutcome::Kind::kReplaced);
    bool skipped = skipped_records > 0;
    SendJson(res, skipped ? 207 : 200, PushReportJson(report.value()));
  });
  s.Delete(R"(/api/admin/articles/(.+))",
           [this](const httplib::Request& req, httplib::Response& res) {
             if (!pushes_) return SendError(res, PushesDisabled());
             auto wait = ParseWait(req);
             if (!wait.ok()) return SendError(res, wait.status());
             std::string id = req.matches[1].str();
             auto timing = pushes_->Delete(id, wait.value());
             if (!timing.ok()) return SendError(res, timing.status());
             nlohmann::json body = {{"id", id}, {"deleted", true}};
             AddTiming(body, timing.value());
             SendJson(res, 200, body);
           });
  s.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    SendResult(res, backend_.Health());
  });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (IsApiPath(req.path)) {
      int code = res.status == 404 ? 404 : res.status;
      std::string message =
          code == 404   ? "no such endpoint: " + req.path.substr(0, 200)
          : code == 413 ? "request body too large (cpp-httplib reads at most 8 KiB of a form; "
                          "send JSON lines as application/x-ndjson, with curl --data-binary)"
                        : "request failed";
      SendError(res, {code, message});
    } else {
      res.set_content(res.status == 404 ? "Not found\n" : "Request failed\n",
                      "text/plain; charset=utf-8");
    }
  });
  s.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
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
    s.set_mount_point("/", options_.web_dir, StaticHeaders());
  }
}

Status HttpServer::Start() {
  // A client closing mid-answer must give EPIPE, not SIGPIPE, whose default
  // action silently ends the whole server (the gate sends with
  // MSG_NOSIGNAL; this covers anything else). Process-wide, which is what
  // communique-serve needs.
  std::signal(SIGPIPE, SIG_IGN);
  HttpGateOptions g;
  g.workers = options_.threads;
  g.max_queued = options_.max_queued;
  g.head_timeout_ms = options_.head_timeout_s * 1000;
  g.idle_timeout_ms = options_.keep_alive_timeout_s * 1000;
  g.spin_us = options_.spin_us;
  g.max_connections = options_.max_connections;
  g.max_connections_per_address = options_.max_connections_per_address;
  g.max_body = options_.max_body;
  g.body_routes = BodyRoutes();
  gate_ = std::make_unique<HttpGate>(g, [this](GateExchange& e) { server_->Serve(e); });
  Status listening = gate_->Listen(options_.host, options_.port);
  if (!listening.ok()) return listening;
  port_ = gate_->port();
  gate_->Start();
  return Status::Ok();
}

HttpGateStats HttpServer::gate_stats() const { return gate_ ? gate_->stats() : HttpGateStats{}; }

std::string HttpServer::MetricsText() {
  MetricsSnapshot snap;
  HttpGateStats g = gate_stats();
  snap.connections_accepted = g.accepted;
  snap.requests_relayed = g.relayed;
  snap.rejected_busy = g.rejected_busy;
  snap.rejected_limit = g.rejected_limit;
  snap.queued = g.queued;
  snap.open_connections = g.open;
  snap.writes_accepted = writes_accepted_.load();
  snap.writes_skipped = writes_skipped_.load();
  auto health = backend_.Health();
  if (health.ok()) {
    const nlohmann::json& h = health.value();
    snap.documents = h.value("documents", static_cast<int64_t>(-1));
    snap.last_commit_unix = h.value("last_commit", 0.0);
    if (h.contains("shards") && h["shards"].is_array()) {
      for (const auto& shard : h["shards"])
        snap.shards.emplace_back(shard.value("name", ""), shard.value("state", "") == "up" ? 1 : 0);
    }
  }
  return metrics_.Render(snap);
}

void HttpServer::Wait() {
  std::unique_lock<std::mutex> lock(stop_mu_);
  stop_cv_.wait(lock, [this] { return stopped_; });
}

void HttpServer::Stop() {
  if (gate_) gate_->Stop();
  std::lock_guard<std::mutex> lock(stop_mu_);
  stopped_ = true;
  stop_cv_.notify_all();
}

}  // namespace communique
