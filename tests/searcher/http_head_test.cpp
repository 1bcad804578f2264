// The gate's head checks on bytes alone: what is refused with which status,
// and what the backend receives for what is let through.
#include "searcher/http_head.h"

#include <catch2/catch.hpp>
#include <string>

using namespace communique;

namespace {

HeadLimits WithPostRoute() {
  HeadLimits l;
  l.max_body = 1000;
  l.body_routes = {{"POST", "/api/admin/articles"}};
  return l;
}

int Code(const std::string& head, const HeadLimits& l = WithPostRoute()) {
  return ParseRequestHead(head, l).code;
}

// A string literal with its NULs, as sent.
template <size_t N>
std::string Bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

}  // namespace

// Every way a head can be read two ways is refused: the gate and
// cpp-httplib must never disagree on where a header or a request ends.
TEST_CASE("heads that could be read two ways are refused with 400", "[head]") {
  CHECK(Code("GET /x HTTP/1.1\r\nX-A: a\nConnection: keep-alive\r\n\r\n") == 400);  // bare LF
  CHECK(Code("GET /x HTTP/1.1\r\nX-A: a\nREMOTE_ADDR: 1.2.3.4\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1\r\nX-A: a\rX-B: b\r\n\r\n") == 400);  // bare CR
  CHECK(Code("GET /x HTTP/1.1\nHost: t\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1\r\nX-A: a\r\n b\r\n\r\n") == 400);      // obs-fold
  CHECK(Code("GET /x HTTP/1.1\r\nX-A: a\r\n\tb\r\n\r\n") == 400);     // obs-fold with HTAB
  CHECK(Code("GET /x HTTP/1.1\r\nX-A: a\x01z\r\n\r\n") == 400);       // control character
  CHECK(Code(Bytes("GET /x HTTP/1.1\r\nX-A: a\0z\r\n\r\n")) == 400);  // NUL
  CHECK(Code("GET /x HTTP/1.1\r\nX-A: a\x7fz\r\n\r\n") == 400);       // DEL
  CHECK(Code("GET /x\x01 HTTP/1.1\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1\r\nX A: a\r\n\r\n") == 400);   // space in a name
  CHECK(Code("GET /x HTTP/1.1\r\nX-A : a\r\n\r\n") == 400);  // space before the colon
  CHECK(Code("GET /x HTTP/1.1\r\n: a\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1\r\nno colon\r\n\r\n") == 400);
  CHECK(Code("GET  /x HTTP/1.1\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1 extra\r\n\r\n") == 400);
  CHECK(Code("GET /x\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1\r\nremote_addr: 1.2.3.4\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1\r\nLOCAL_PORT: 1\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400);
  CHECK(Code("GET /x HTTP/2.0\r\n\r\n") == 505);
  CHECK(Code("GET /x HTTP/1.1\r\nExpect: magic\r\n\r\n") == 417);
}

TEST_CASE("body framing: one Content-Length or chunked alone", "[head]") {
  const std::string post = "POST /api/admin/articles HTTP/1.1\r\n";
  CHECK(Code(post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n") == 400);
  CHECK(Code(post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
  CHECK(Code(post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n") == 400);
  CHECK(Code(post + "Transfer-Encoding: gzip, chunked\r\n\r\n") == 400);
  CHECK(Code(post + "Transfer-Encoding: chunked, chunked\r\n\r\n") == 400);
  CHECK(Code(post + "Transfer-Encoding: identity\r\n\r\n") == 400);
  CHECK(Code(post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
  CHECK(Code(post + "Content-Length: -1\r\n\r\n") == 400);
  CHECK(Code(post + "Content-Length: 1,1\r\n\r\n") == 400);
  CHECK(Code(post + "Content-Length: 99999999999999999999\r\n\r\n") == 400);
  CHECK(Code("POST /api/admin/articles HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
  CHECK(Code(post + "Content-Length: 1001\r\n\r\n") == 413);  // over max_body
  CHECK(Code(post + "Content-Length: 1000\r\n\r\n") == 0);
  CHECK(Code(post + "Transfer-Encoding: Chunked\r\n\r\n") == 0);
}

TEST_CASE("bodies only on the declared routes", "[head]") {
  CHECK(Code("GET /api/search HTTP/1.1\r\nContent-Length: 5\r\n\r\n") == 413);
  CHECK(Code("GET /api/search HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == 413);
  CHECK(Code("POST /api/search HTTP/1.1\r\nContent-Length: 5\r\n\r\n") == 413);
  CHECK(Code("PUT /api/admin/articles HTTP/1.1\r\nContent-Length: 5\r\n\r\n") == 413);
  CHECK(Code("POST /api/admin/articlesX HTTP/1.1\r\nContent-Length: 5\r\n\r\n") == 413);
  CHECK(Code("POST /api/admin/articles/k1?x=1 HTTP/1.1\r\nContent-Length: 5\r\n\r\n") == 0);
  CHECK(Code("GET /api/search HTTP/1.1\r\nContent-Length: 0\r\n\r\n") == 0);
  CHECK(Code("POST /api/search HTTP/1.1\r\nContent-Length: 0\r\n\r\n") == 0);
}

TEST_CASE("the forwarded head: hop-by-hop gone, framing stated once by the gate", "[head]") {
  RequestHead h = ParseRequestHead(
      "POST /api/admin/articles HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, X-Drop\r\n"
      "Keep-Alive: 300\r\nExpect: 100-continue\r\nTE: trailers\r\nUpgrade: h2c\r\n"
      "Content-Length:   12 \r\nX-Seen:  yes \r\n\r\n",
      WithPostRoute());
  REQUIRE(h.code == 0);
  CHECK(h.method == "POST");
  CHECK(h.target == "/api/admin/articles");
  CHECK(h.keep_alive);
  CHECK(h.expect_continue);
  CHECK(h.body == RequestHead::Body::kLength);
  CHECK(h.content_length == 12);
  CHECK(
      h.forward ==
      "POST /api/admin/articles HTTP/1.1\r\nHost: t\r\nX-Seen: yes\r\nContent-Length: 12\r\n\r\n");

  RequestHead close = ParseRequestHead("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n", {});
  CHECK(close.code == 0);
  CHECK_FALSE(close.keep_alive);
  RequestHead old = ParseRequestHead("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", {});
  CHECK(old.code == 0);
  CHECK_FALSE(old.keep_alive);
  CHECK(old.forward == "GET / HTTP/1.1\r\n\r\n");  // the backend always speaks 1.1 to the gate
  RequestHead chunked = ParseRequestHead(
      "POST /api/admin/articles HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", WithPostRoute());
  CHECK(chunked.body == RequestHead::Body::kChunked);
  CHECK(chunked.forward ==
        "POST /api/admin/articles HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  RequestHead empty = ParseRequestHead("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n", {});
  CHECK(empty.body == RequestHead::Body::kNone);
  CHECK(empty.forward == "GET / HTTP/1.1\r\n\r\n");
}

TEST_CASE("ScanHead finds the end of a head and refuses early", "[head]") {
  HeadLimits l;
  l.max_request_line = 20;
  l.max_head_bytes = 60;
  CHECK(ScanHead("GET / HTTP/1.1\r\nHost: t\r\n", l).state == HeadScan::kIncomplete);
  CHECK(ScanHead("GET / HTTP/1.1\r\nHost: t\r\n\r", l).state == HeadScan::kIncomplete);
  HeadScan done = ScanHead("GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /next", l);
  CHECK(done.state == HeadScan::kComplete);
  CHECK(done.begin == 0);
  CHECK(done.end == 27);
  HeadScan lead = ScanHead("\r\n\r\nGET / HTTP/1.1\r\n\r\n", l);  // empty lines before: skipped
  CHECK(lead.state == HeadScan::kComplete);
  CHECK(lead.begin == 4);
  CHECK(lead.end == 22);

  auto refused = [&](const std::string& buf) {
    HeadScan s = ScanHead(buf, l);
    return s.state == HeadScan::kRefused ? s.code : 0;
  };
  CHECK(refused("GET / HTTP/1.1\r\nX: a\nY: b") == 400);  // before the head is complete
  CHECK(refused("GET / HTTP/1.1\n") == 400);
  CHECK(refused("\n") == 400);
  CHECK(refused("GET / HTTP/1.1\r\nX: a\rY") == 400);
  CHECK(refused("GET /" + std::string(30, 'a')) == 414);  // no line end yet
  CHECK(refused("GET /" + std::string(30, 'a') + " HTTP/1.1\r\n\r\n") == 414);
  CHECK(refused("GET / HTTP/1.1\r\nX: " + std::string(60, 'a')) == 431);
  CHECK(refused("GET / HTTP/1.1\r\nX: " + std::string(30, 'a') + "\r\nY: " + std::string(30, 'b') +
                "\r\n\r\n") == 431);
  CHECK(refused("GET / HTTP/1.1\r\nX: a\r") == 0);  // the LF may still come
}

namespace {

std::string Dechunk(const std::string& in, uint64_t max, int* code, size_t* used) {
  ChunkedDecoder d(max);
  std::string out;
  *used = 0;
  // One byte at a time, so every state meets the end of its input.
  for (size_t i = 0; i < in.size() && !d.done() && !d.code(); ++i)
    *used += d.Feed(std::string_view(in).substr(i, 1), &out);
  *code = d.code();
  if (!d.done() && !d.code()) *code = -1;  // incomplete
  return out;
}

}  // namespace

TEST_CASE("chunked bodies are de-chunked strictly and under the limit", "[head]") {
  int code = 0;
  size_t used = 0;
  CHECK(Dechunk("5\r\nhello\r\n6;name=v\r\n world\r\n0\r\nX-T: 1\r\n\r\nNEXT", 100, &code, &used) ==
        "hello world");
  CHECK(code == 0);
  CHECK(used == 41);  // stops before the next request

  ChunkedDecoder whole(100);
  std::string out;
  std::string msg = "A\r\n0123456789\r\n0\r\n\r\nGET";
  CHECK(whole.Feed(msg, &out) == msg.size() - 3);
  CHECK(whole.done());
  CHECK(out == "0123456789");

  Dechunk("b\r\nhello world\r\n0\r\n\r\n", 10, &code, &used);
  CHECK(code == 413);
  Dechunk("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 10, &code, &used);
  CHECK(code == 413);
  Dechunk("ffffffffffffffff\r\n", 1u << 30, &code, &used);  // huge: refused before any data
  CHECK(code == 413);
  Dechunk("10000000000000000\r\n", UINT64_MAX, &code, &used);  // 17 digits
  CHECK(code == 400);
  for (const char* bad : {"-1\r\nzz\r\n", " 5\r\nhello\r\n", "5 \r\nhello\r\n", "5\nhello\r\n",
                          "5\r\nhello\n0\r\n\r\n", "5\r\nhelloX\r\n", "\r\n", "0x5\r\nhello\r\n",
                          "5;a\nb\r\nhello\r\n", "0\r\nX: a\nY\r\n\r\n", "0\r\n\n"}) {
    Dechunk(bad, 100, &code, &used);
    CHECK(code == 400);
  }
  Dechunk("5\r\nhel", 100, &code, &used);
  CHECK(code == -1);
}

TEST_CASE("backend answers: framing and hop-by-hop headers", "[head]") {
  ResponseHead r = ParseResponseHead(
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: Keep-Alive\r\nKeep-Alive: timeout=5, "
      "max=5\r\nX-A: b\r\n\r\n",
      "GET");
  REQUIRE(r.ok);
  CHECK(r.status == 200);
  CHECK(r.body == ResponseHead::Body::kLength);
  CHECK(r.content_length == 2);
  CHECK_FALSE(r.close);
  CHECK(r.forward == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n");
  CHECK(ParseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", "HEAD").body ==
        ResponseHead::Body::kNone);
  CHECK(ParseResponseHead("HTTP/1.1 204 No Content\r\n\r\n", "GET").body ==
        ResponseHead::Body::kNone);
  CHECK(ParseResponseHead("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "GET").body ==
        ResponseHead::Body::kChunked);
  ResponseHead until = ParseResponseHead("HTTP/1.1 200 OK\r\n\r\n", "GET");
  CHECK(until.body == ResponseHead::Body::kUntilClose);
  CHECK(until.close);
  CHECK(
      ParseResponseHead("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", "GET")
          .close);
  CHECK_FALSE(ParseResponseHead("garbage\r\n\r\n", "GET").ok);
  CHECK_FALSE(ParseResponseHead("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "GET").ok);
}
