// The access log: one JSON object per request and line (time, client,
// method, path without any `key` parameter, status, bytes, milliseconds,
// hits), to a file opened for appending or to standard output; and leveled
// messages (error, warn, info) to standard error.
//
// Thread-safety: Write() and Log() may be called from any thread; lines
// never interleave.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace communique {

struct AccessRecord {
  double unix_seconds = 0;  // when the request ended
  std::string client, method, target;
  int status = 0;
  uint64_t bytes = 0;
  double ms = 0;
  std::optional<uint64_t> hits;  // searches only
};

class AccessLog {
 public:
  // "-" is standard output; anything else a file, created if needed and
  // appended to. 400 naming the file when it cannot be opened.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& where);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Write(const AccessRecord& r);

  // `target` without the value of any `key` query parameter (a search key
  // passed in the URL must not end up in a log file).
  static std::string Redact(std::string_view target);
  // The JSON line for `r` (no newline).
  static std::string Format(const AccessRecord& r);

 private:
  explicit AccessLog(std::FILE* f, bool owned) : file_(f), owned_(owned) {}
  std::mutex mu_;
  std::FILE* file_;
  bool owned_;
};

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2 };

// Parses "error", "warn" or "info".
Result<LogLevel> ParseLogLevel(std::string_view name);
// The level messages are written at and above (default warn).
void SetLogLevel(LogLevel level);
// Writes "communique-serve: LEVEL: message" to standard error when `level`
// is enabled.
void Log(LogLevel level, std::string_view message);

}  // namespace communique
