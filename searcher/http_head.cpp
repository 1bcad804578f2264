#include "searcher/http_head.h"

#include <algorithm>
#include <cctype>

namespace communique {
namespace {

constexpr size_t kMaxLeadingEmptyLines = 8;
constexpr size_t kMaxChunkExtension = 1024;
constexpr size_t kMaxTrailers = 4096;

// RFC 9110 tchar: the bytes a method or a header name may contain.
bool IsTchar(unsigned char c) {
  if (std::isalnum(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!IsTchar(c)) return false;
  return true;
}

// A header value byte: HTAB, SP, VCHAR or obs-text; no other control byte.
bool IsValueByte(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7f); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// Calls f(token) for each comma-separated, trimmed, lower-cased token.
template <typename F>
void ForEachToken(std::string_view list, F f) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string token = Lower(Trim(list.substr(start, comma - start)));
    if (!token.empty()) f(token);
    start = comma + 1;
  }
}

// Parses 1-19 decimal digits (no sign, no spaces); false otherwise.
bool ParseDecimal(std::string_view s, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

RequestHead Refuse(int code, std::string message) {
  RequestHead r;
  r.code = code;
  r.message = std::move(message);
  return r;
}

bool OnBodyRoute(const std::vector<BodyRoute>& routes, std::string_view method,
                 std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  for (const auto& r : routes) {
    if (r.method != method) continue;
    if (path == r.path) return true;
    if (path.size() > r.path.size() && path.compare(0, r.path.size(), r.path) == 0 &&
        path[r.path.size()] == '/')
      return true;
  }
  return false;
}

}  // namespace

HeadScan ScanHead(std::string_view buf, const HeadLimits& limits) {
  HeadScan scan;
  auto refuse = [&](int code, const char* message) {
    scan.state = HeadScan::kRefused;
    scan.code = code;
    scan.message = message;
    return scan;
  };
  size_t begin = 0;
  for (size_t skipped = 0; skipped < kMaxLeadingEmptyLines; ++skipped) {
    if (begin < buf.size() && buf[begin] == '\n') return refuse(400, "bare LF in the request head");
    if (begin + 1 < buf.size() && buf[begin] == '\r' && buf[begin + 1] == '\n')
      begin += 2;
    else
      break;
  }
  scan.begin = begin;
  size_t line_end = std::string_view::npos;  // of the request line
  for (size_t j = begin; j < buf.size(); ++j) {
    char c = buf[j];
    if (c == '\r') {
      if (j + 1 < buf.size() && buf[j + 1] != '\n')
        return refuse(400, "bare CR in the request head");
      continue;
    }
    if (c != '\n') continue;
    if (j == begin || buf[j - 1] != '\r') return refuse(400, "bare LF in the request head");
    if (line_end == std::string_view::npos) {
      line_end = j - 1;
      if (line_end - begin > limits.max_request_line) return refuse(414, "request line too long");
    }
    if (j >= begin + 3 && buf[j - 2] == '\n' && buf[j - 3] == '\r') {
      if (j + 1 - begin > limits.max_head_bytes) return refuse(431, "request headers too large");
      scan.state = HeadScan::kComplete;
      scan.end = j + 1;
      return scan;
    }
  }
  size_t have = buf.size() - begin;
  if (line_end == std::string_view::npos && have > limits.max_request_line)
    return refuse(414, "request line too long");
  if (have > limits.max_head_bytes) return refuse(431, "request headers too large");
  return scan;
}

RequestHead ParseRequestHead(std::string_view head, const HeadLimits& limits) {
  if (head.size() < 4 || head.substr(head.size() - 4) != "\r\n\r\n")
    return Refuse(400, "incomplete request head");
  if (head.size() > limits.max_head_bytes) return Refuse(431, "request headers too large");
  std::string_view rest = head.substr(0, head.size() - 2);  // every line ends in CRLF
  auto next_line = [&rest](std::string_view* line) {
    size_t eol = rest.find("\r\n");
    if (eol == std::string_view::npos) return false;
    *line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    return true;
  };
  auto has_bare_cr_lf = [](std::string_view line) {
    return line.find_first_of("\r\n") != std::string_view::npos;
  };

  // The request line: method SP request-target SP HTTP-version, nothing else.
  std::string_view line;
  next_line(&line);
  if (has_bare_cr_lf(line)) return Refuse(400, "bare CR or LF in the request line");
  if (line.size() > limits.max_request_line) return Refuse(414, "request line too long");
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return Refuse(400, "malformed request line");
  RequestHead r;
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!IsToken(method)) return Refuse(400, "malformed method");
  if (target.empty()) return Refuse(400, "empty request target");
  for (unsigned char c : target)
    if (c <= 0x20 || c == 0x7f) return Refuse(400, "control character in the request target");
  if (version == "HTTP/1.0") {
    r.http10 = true;
  } else if (version != "HTTP/1.1") {
    bool well_formed = version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
                       std::isdigit(static_cast<unsigned char>(version[5])) && version[6] == '.' &&
                       std::isdigit(static_cast<unsigned char>(version[7]));
    return well_formed ? Refuse(505, "only HTTP/1.0 and HTTP/1.1 are served")
                       : Refuse(400, "malformed HTTP version");
  }
  r.method = std::string(method);
  r.target = std::string(target);

  std::string kept;
  bool has_length = false, chunked = false, has_host = false, close = false;
  while (next_line(&line)) {
    if (has_bare_cr_lf(line)) return Refuse(400, "bare CR or LF in a header");
    if (line.empty()) return Refuse(400, "malformed request head");
    if (line[0] == ' ' || line[0] == '\t') return Refuse(400, "obsolete line folding");
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon)))
      return Refuse(400, "malformed header line");
    std::string_view raw_name = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    for (unsigned char c : line.substr(colon + 1))
      if (!IsValueByte(c)) return Refuse(400, "control character in a header value");
    std::string name = Lower(raw_name);
    if (name == "content-length") {
      if (has_length) return Refuse(400, "duplicate Content-Length");
      if (!ParseDecimal(value, &r.content_length)) return Refuse(400, "malformed Content-Length");
      has_length = true;
      continue;
    }
    if (name == "transfer-encoding") {
      if (chunked) return Refuse(400, "duplicate Transfer-Encoding");
      if (Lower(value) != "chunked") return Refuse(400, "unsupported transfer coding");
      chunked = true;
      continue;
    }
    if (name == "connection") {
      ForEachToken(value, [&](const std::string& t) { close = close || t == "close"; });
      continue;
    }
    if (name == "expect") {
      if (Lower(value) != "100-continue") return Refuse(417, "unsupported expectation");
      r.expect_continue = true;
      continue;
    }
    // cpp-httplib 0.11.4 stores the peer address as a header; a client
    // must not be able to put its own first.
    if (name == "remote_addr" || name == "remote_port" || name == "local_addr" ||
        name == "local_port" || name == kClientHeaderLower)
      return Refuse(400, "reserved header " + name);
    if (name == "keep-alive" || name == "proxy-connection" || name == "te" || name == "upgrade" ||
        name == "http2-settings")
      continue;  // hop-by-hop: meant for the gate, not the backend
    if (name == "host") {
      if (has_host) return Refuse(400, "duplicate Host");
      has_host = true;
    }
    kept.append(raw_name).append(": ").append(value).append("\r\n");
  }
  if (has_length && chunked) return Refuse(400, "Content-Length with Transfer-Encoding");
  if (chunked && r.http10) return Refuse(400, "Transfer-Encoding in HTTP/1.0");
  if (chunked)
    r.body = RequestHead::Body::kChunked;
  else if (has_length && r.content_length > 0)
    r.body = RequestHead::Body::kLength;
  if (r.body != RequestHead::Body::kNone) {
    if (!OnBodyRoute(limits.body_routes, method, target))
      return Refuse(413, "request bodies are not accepted on this route");
    if (r.content_length > limits.max_body)
      return Refuse(413, "request body over " + std::to_string(limits.max_body) + " bytes");
  } else {
    r.expect_continue = false;  // nothing to continue with
  }
  r.keep_alive = !r.http10 && !close;
  r.forward.reserve(line.size() + kept.size() + 64);
  r.forward.append(method).append(" ").append(target).append(" HTTP/1.1\r\n").append(kept);
  if (r.body == RequestHead::Body::kLength)
    r.forward.append("Content-Length: ").append(std::to_string(r.content_length)).append("\r\n");
  else if (r.body == RequestHead::Body::kChunked)
    r.forward.append("Transfer-Encoding: chunked\r\n");
  r.forward.append("\r\n");
  return r;
}

void ChunkedDecoder::Fail(int code, std::string message) {
  state_ = kError;
  code_ = code;
  message_ = std::move(message);
}

size_t ChunkedDecoder::Feed(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size() && state_ != kDone && state_ != kError) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    switch (state_) {
      case kSize:
        if (std::isxdigit(c)) {
          if (++digits_ > 16) {
            Fail(400, "chunk size too long");
            break;
          }
          int v = std::isdigit(c) ? c - '0' : std::tolower(c) - 'a' + 10;
          chunk_left_ = chunk_left_ * 16 + static_cast<uint64_t>(v);
        } else if (digits_ > 0 && (c == ';' || c == '\r')) {
          line_bytes_ = 0;
          state_ = c == ';' ? kExt : kSizeLf;
        } else {
          Fail(400, "malformed chunk size");
          break;
        }
        ++i;
        break;
      case kExt:
        if (c == '\r') {
          state_ = kSizeLf;
        } else if ((c < 0x20 && c != '\t') || c == 0x7f || ++line_bytes_ > kMaxChunkExtension) {
          Fail(400, "malformed chunk extension");
          break;
        }
        ++i;
        break;
      case kSizeLf:
        if (c != '\n') {
          Fail(400, "chunk size line not ended by CRLF");
          break;
        }
        ++i;
        if (chunk_left_ == 0) {
          state_ = kTrailer;
          line_bytes_ = 0;
        } else if (chunk_left_ > max_body_ - body_size_) {
          Fail(413, "request body over " + std::to_string(max_body_) + " bytes");
        } else {
          state_ = kData;
        }
        break;
      case kData: {
        size_t n = static_cast<size_t>(
            std::min<uint64_t>(chunk_left_, static_cast<uint64_t>(in.size() - i)));
        if (out) out->append(in.data() + i, n);
        i += n;
        chunk_left_ -= n;
        body_size_ += n;
        if (chunk_left_ == 0) state_ = kDataCr;
        break;
      }
      case kDataCr:
        if (c != '\r') {
          Fail(400, "chunk data longer than its size");
          break;
        }
        ++i;
        state_ = kDataLf;
        break;
      case kDataLf:
        if (c != '\n') {
          Fail(400, "chunk data not ended by CRLF");
          break;
        }
        ++i;
        state_ = kSize;
        digits_ = 0;
        chunk_left_ = 0;
        break;
      case kTrailer:
        if (c == '\r') {
          state_ = kTrailerLf;
        } else if ((c < 0x20 && c != '\t') || c == 0x7f || ++trailer_bytes_ > kMaxTrailers) {
          Fail(400, "malformed trailer");
          break;
        } else {
          ++line_bytes_;
        }
        ++i;
        break;
      case kTrailerLf:
        if (c != '\n') {
          Fail(400, "trailer not ended by CRLF");
          break;
        }
        ++i;
        if (line_bytes_ == 0) {
          state_ = kDone;
        } else {
          line_bytes_ = 0;
          state_ = kTrailer;
        }
        break;
      case kDone:
      case kError:
        break;
    }
  }
  return i;
}

ResponseHead ParseResponseHead(std::string_view head, std::string_view request_method) {
  ResponseHead r;
  if (head.size() < 4 || head.substr(head.size() - 4) != "\r\n\r\n") return r;
  std::string_view rest = head.substr(0, head.size() - 2);
  size_t eol = rest.find("\r\n");
  std::string_view status_line = rest.substr(0, eol);
  rest.remove_prefix(eol + 2);
  if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1.") return r;
  uint64_t status = 0;
  if (!ParseDecimal(status_line.substr(9, 3), &status) || status < 100 || status > 999) return r;
  r.status = static_cast<int>(status);
  bool http10 = status_line[7] == '0', keep_alive_token = false;
  bool has_length = false, chunked = false;
  r.forward.append(status_line).append("\r\n");
  while (!rest.empty()) {
    eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return ResponseHead{};
    std::string name = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (name == "connection") {
      ForEachToken(value, [&](const std::string& t) {
        r.close = r.close || t == "close";
        keep_alive_token = keep_alive_token || t == "keep-alive";
      });
      continue;
    }
    if (name == "keep-alive") continue;
    if (name == "content-length") {
      if (has_length || !ParseDecimal(value, &r.content_length)) return ResponseHead{};
      has_length = true;
    }
    if (name == "transfer-encoding") {
      std::string last;
      ForEachToken(value, [&](const std::string& t) { last = t; });
      chunked = last == "chunked";
    }
    r.forward.append(line).append("\r\n");
  }
  if (http10 && !keep_alive_token) r.close = true;
  if (request_method == "HEAD" || r.status < 200 || r.status == 204 || r.status == 304)
    r.body = ResponseHead::Body::kNone;
  else if (chunked)
    r.body = ResponseHead::Body::kChunked;
  else if (has_length)
    r.body = ResponseHead::Body::kLength;
  else
    r.close = true;  // delimited by the backend closing
  r.ok = true;
  return r;
}

}  // namespace communique
