// Error vocabulary shared by all modules.
//
// Errors carry an HTTP-like code and a message (after Typesense's Option<T>),
// so the HTTP layer only maps them and the CLI only prints them. Thread-safety:
// value types; distinct objects may be used from distinct threads freely.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace communique {

// An error: `code` follows HTTP status semantics (400 bad input, 404 not
// found, 409 conflict such as a locked index, 500 internal, 503 unavailable).
struct Status {
  int code = 200;
  std::string message;

  bool ok() const { return code < 300; }
  static Status Ok() { return {}; }
  static Status BadRequest(std::string m) { return {400, std::move(m)}; }
  static Status NotFound(std::string m) { return {404, std::move(m)}; }
  static Status Conflict(std::string m) { return {409, std::move(m)}; }
  static Status Internal(std::string m) { return {500, std::move(m)}; }
  static Status Unavailable(std::string m) { return {503, std::move(m)}; }
};

// Either a value or an error Status. Accessing value() on an error is a
// programming mistake and throws std::bad_variant_access.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Status error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  // The error; a default (ok) Status when this holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace communique
