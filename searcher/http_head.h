// The HTTP/1.1 message checks of HttpGate, as pure functions over bytes (no
// sockets, no clocks), so they can be unit-tested and fuzzed on their own.
//
// Why strict: the gate and cpp-httplib 0.11.4 must read every request the
// same way. cpp-httplib splits lines on a bare LF, tolerates obs-fold,
// duplicate Content-Length and Content-Length beside Transfer-Encoding;
// anything the two could read differently is a way to smuggle a header
// (REMOTE_ADDR, a keep-alive) or a second request past the gate. So every
// such ambiguity is refused with a 400 before a byte reaches the backend,
// and the head the backend receives is rebuilt by the gate: hop-by-hop
// headers dropped, framing stated once by the gate itself.
//
// Thread-safety: everything here is a pure function or a value type; a
// ChunkedDecoder is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace communique {

// The header the gate adds to every relayed request with the client's
// address; ParseRequestHead refuses a client-sent one, so the backend can
// trust it.
constexpr char kClientHeader[] = "X-Communique-Client";
constexpr char kClientHeaderLower[] = "x-communique-client";

// A route that may carry a request body: `method` exactly ("POST", "PUT",
// "DELETE") and a path equal to `path` or below it (`path` + "/...").
struct BodyRoute {
  std::string method;
  std::string path;
};

// The limits a request head is checked against.
struct HeadLimits {
  size_t max_request_line = 8192;      // bytes of "GET /... HTTP/1.1": 414 past it
  size_t max_head_bytes = 16384;       // request line + headers: 431 past it
  uint64_t max_body = 32ull << 20;     // declared or de-chunked body: 413 past it
  std::vector<BodyRoute> body_routes;  // the only requests allowed a body
};

// Where a buffer stands on the way to a complete head.
struct HeadScan {
  enum State { kIncomplete, kComplete, kRefused };
  State state = kIncomplete;
  size_t begin = 0;  // bytes of empty lines before the request line (skipped)
  size_t end = 0;    // kComplete: one past the blank line ending the head
  int code = 0;      // kRefused: 400, 414 or 431
  std::string message;
};

// Scans the bytes received so far on a connection for the end of a head
// ("\r\n\r\n"). Refuses as early as possible: a line ending that is not
// CRLF (400), a request line over the limit (414), a head over the limit
// (431). Up to 8 empty lines before the request line are skipped, as
// RFC 9112 asks of servers. Cost is linear in `buffer`; callers rescan
// from the start, which the head limit keeps cheap.
HeadScan ScanHead(std::string_view buffer, const HeadLimits& limits);

// A request head, checked and rebuilt for the backend.
struct RequestHead {
  int code = 0;  // 0: valid; else the status to answer (400, 413, 414, 417, 431, 505)
  std::string message;
  std::string method;
  std::string target;
  bool http10 = false;      // HTTP/1.0 (closes after one request)
  bool keep_alive = false;  // the client allows another request on the connection
  enum class Body { kNone, kLength, kChunked };
  Body body = Body::kNone;
  uint64_t content_length = 0;  // Body::kLength
  bool expect_continue = false;
  // The head to send the backend: the request line as HTTP/1.1, the
  // client's end-to-end headers, the framing ("Content-Length: N" or
  // "Transfer-Encoding: chunked", only when there is a body) and the blank
  // line. Never a Connection, Keep-Alive, Expect, TE or Upgrade header.
  std::string forward;
};

// Checks one complete head (as delimited by ScanHead: request line through
// the blank line) and rebuilds it. Refused, with the status to answer:
//   * a bare CR or LF, a control character (other than HTAB in a header
//     value), obs-fold, a malformed request line or header line: 400;
//   * a version other than HTTP/1.0 or HTTP/1.1: 505;
//   * REMOTE_ADDR / REMOTE_PORT / LOCAL_ADDR / LOCAL_PORT headers (cpp-httplib
//     puts the peer address there; the client's would come first): 400;
//   * duplicate Content-Length, a non-numeric one, Content-Length with
//     Transfer-Encoding, a transfer coding other than exactly "chunked",
//     Transfer-Encoding in HTTP/1.0: 400;
//   * an Expect other than 100-continue: 417;
//   * any body (Content-Length > 0 or chunked) on a request that is not on a
//     declared body route, or a Content-Length over max_body: 413.
// Limits of ScanHead are applied again (414/431) so the function stands on
// its own.
RequestHead ParseRequestHead(std::string_view head, const HeadLimits& limits);

// De-chunks a chunked body under a size limit, incrementally. Refuses (400)
// anything but strict syntax: hex sizes of at most 16 digits, CRLF line
// ends, bounded chunk extensions and trailers (dropped); 413 once the body
// passes `max_body`. Stops at the end of the message, so bytes after it (a
// pipelined request) are left to the caller.
class ChunkedDecoder {
 public:
  explicit ChunkedDecoder(uint64_t max_body) : max_body_(max_body) {}

  // Consumes bytes of `in` and appends the body bytes among them to `out`
  // (when `out` is not null). Returns how many bytes of `in` were consumed:
  // all of them, unless the message ended (done()) or was refused (code()).
  size_t Feed(std::string_view in, std::string* out);
  bool done() const { return state_ == kDone; }
  int code() const { return code_; }  // 0, 400 or 413
  const std::string& message() const { return message_; }
  uint64_t body_size() const { return body_size_; }

 private:
  enum State { kSize, kExt, kSizeLf, kData, kDataCr, kDataLf, kTrailer, kTrailerLf, kDone, kError };
  void Fail(int code, std::string message);

  uint64_t max_body_;
  State state_ = kSize;
  uint64_t chunk_left_ = 0;
  int digits_ = 0;
  size_t line_bytes_ = 0;     // of the current size/extension or trailer line
  size_t trailer_bytes_ = 0;  // of all trailers
  uint64_t body_size_ = 0;
  int code_ = 0;
  std::string message_;
};

// A backend response head, parsed for relaying.
struct ResponseHead {
  bool ok = false;  // false: malformed; the relay gives up on the connection
  int status = 0;
  enum class Body { kNone, kLength, kChunked, kUntilClose };
  Body body = Body::kUntilClose;
  uint64_t content_length = 0;
  bool close = false;  // the backend closes the connection after this response
  // The status line and end-to-end headers, without Connection and
  // Keep-Alive and without the blank line: the gate adds its own.
  std::string forward;
};

// Parses the head of a backend response (status line through the blank
// line) to `request_method`: HEAD, 1xx, 204 and 304 carry no body.
ResponseHead ParseResponseHead(std::string_view head, std::string_view request_method);

}  // namespace communique
