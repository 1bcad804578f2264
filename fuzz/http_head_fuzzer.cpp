// Fuzz target: the gate's request-head checks and chunked decoder
// (searcher/http_head.h) over arbitrary bytes.
//
// Promises checked, besides no crash, leak or undefined behaviour:
//   * a head let through is rebuilt so that a reader splitting lines on LF
//     alone (as cpp-httplib does) and one splitting on CRLF see the same
//     lines: the forwarded head has no bare CR or LF and no control byte
//     but HTAB, and no client-sent REMOTE_ADDR-style header;
//   * checking a forwarded head again accepts it unchanged (the backend
//     cannot read it differently from the gate);
//   * the chunked decoder gives the same body and verdict whether the bytes
//     come at once or one by one, and never passes max_body.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "searcher/http_head.h"

using namespace communique;

namespace {

void CheckForwarded(const RequestHead& h, const HeadLimits& limits) {
  const std::string& f = h.forward;
  for (size_t i = 0; i < f.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(f[i]);
    if (c == '\r') fuzz::Require(i + 1 < f.size() && f[i + 1] == '\n', "no bare CR forwarded");
    if (c == '\n') fuzz::Require(i > 0 && f[i - 1] == '\r', "no bare LF forwarded");
    fuzz::Require(c == '\r' || c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f),
                  "no control byte forwarded");
  }
  std::string lower;
  for (char c : f) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  fuzz::Require(lower.find("\r\nremote_addr:") == std::string::npos, "no REMOTE_ADDR forwarded");
  fuzz::Require(lower.find("\r\nconnection:") == std::string::npos, "no Connection forwarded");
  HeadLimits roomy = limits;
  roomy.max_head_bytes = f.size() + 64;  // rebuilding may add a framing header
  roomy.max_request_line = f.size();
  RequestHead again = ParseRequestHead(f, roomy);
  fuzz::Require(again.code == 0, "a forwarded head is accepted again");
  fuzz::Require(again.forward == f, "a forwarded head is a fixed point");
  fuzz::Require(again.body == h.body && again.content_length == h.content_length,
                "the same framing on a second reading");
}

void CheckChunked(std::string_view data, uint64_t max_body) {
  ChunkedDecoder whole(max_body), bytewise(max_body);
  std::string a, b;
  size_t used_a = whole.Feed(data, &a), used_b = 0;
  for (size_t i = 0; i < data.size() && !bytewise.done() && !bytewise.code(); ++i)
    used_b += bytewise.Feed(data.substr(i, 1), &b);
  fuzz::Require(a == b, "same body at once and byte by byte");
  fuzz::Require(whole.done() == bytewise.done() && whole.code() == bytewise.code(),
                "same verdict at once and byte by byte");
  fuzz::Require(!whole.done() || used_a == used_b, "same end of message");
  fuzz::Require(a.size() <= max_body && whole.body_size() == a.size(), "within max_body");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  HeadLimits limits;
  limits.max_request_line = 256;
  limits.max_head_bytes = 1024;
  limits.max_body = 1 + data[0] * 16u;
  limits.body_routes = {{"POST", "/in"}, {"PUT", "/in"}};
  HeadScan scan = ScanHead(in, limits);
  if (scan.state == HeadScan::kRefused) {
    fuzz::Require(scan.code == 400 || scan.code == 414 || scan.code == 431, "scan refusal code");
  } else if (scan.state == HeadScan::kComplete) {
    fuzz::Require(scan.begin < scan.end && scan.end <= in.size(), "scan bounds");
    RequestHead h = ParseRequestHead(in.substr(scan.begin, scan.end - scan.begin), limits);
    if (h.code == 0) CheckForwarded(h, limits);
    if (h.code == 0 && h.body == RequestHead::Body::kChunked)
      CheckChunked(in.substr(scan.end), limits.max_body);
  }
  // The decoder on its own, over the whole input.
  CheckChunked(in, limits.max_body);
  return 0;
}
