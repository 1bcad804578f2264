#include "searcher/access_log.h"

#include <atomic>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

namespace communique {

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& where) {
  if (where == "-") return std::unique_ptr<AccessLog>(new AccessLog(stdout, false));
  std::FILE* f = std::fopen(where.c_str(), "a");
  if (!f) return Status::BadRequest(where + ": cannot open the access log for appending");
  return std::unique_ptr<AccessLog>(new AccessLog(f, true));  // private constructor
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

std::string AccessLog::Redact(std::string_view target) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  std::string_view query = target.substr(q + 1);
  bool first = true;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (!first) out += '&';
    first = false;
    std::string_view name = pair.substr(0, pair.find('='));
    if (name == "key")
      out += "key=REDACTED";
    else
      out += pair;
  }
  return out;
}

std::string AccessLog::Format(const AccessRecord& r) {
  std::time_t secs = static_cast<std::time_t>(r.unix_seconds);
  int millis = static_cast<int>(std::fmod(r.unix_seconds, 1.0) * 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char when[96];  // room for any int in each field, so g++ sees it cannot be cut
  std::snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  nlohmann::json j = {{"time", when},
                      {"client", r.client},
                      {"method", r.method},
                      {"path", Redact(r.target)},
                      {"status", r.status},
                      {"bytes", r.bytes},
                      {"ms", std::round(r.ms * 100) / 100}};
  if (r.hits) j["hits"] = *r.hits;
  // "replace": a request line is untrusted bytes.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AccessLog::Write(const AccessRecord& r) {
  std::string line = Format(r) + "\n";
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kWarn)};
std::mutex g_log_mu;
}  // namespace

Result<LogLevel> ParseLogLevel(std::string_view name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "info") return LogLevel::kInfo;
  return Status::BadRequest("--log-level must be error, warn or info");
}

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }

void Log(LogLevel level, std::string_view message) {
  if (static_cast<int>(level) > g_level.load()) return;
  static const char* kNames[] = {"error", "warn", "info"};
  std::lock_guard<std::mutex> lock(g_log_mu);
  std::fprintf(stderr, "communique-serve: %s: %.*s\n", kNames[static_cast<int>(level)],
               static_cast<int>(message.size()), message.data());
}

}  // namespace communique
