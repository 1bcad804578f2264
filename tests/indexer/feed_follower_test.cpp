#include "indexer/feed_follower.h"

#include <catch2/catch.hpp>
#include <deque>

#include "tests/support/test_support.h"

using namespace communique;
using namespace std::chrono_literals;

namespace {

// Answers from a script, one per fetch, and remembers what was asked.
struct ScriptedFetcher : FeedFetcher {
  std::deque<FetchResponse> script;
  std::vector<FetchRequest> asked;
  FetchResponse Fetch(const FetchRequest& r) override {
    asked.push_back(r);
    REQUIRE(!script.empty());
    FetchResponse out = script.front();
    script.pop_front();
    return out;
  }
};

std::string Rss(const std::string& items) {
  return "<rss version=\"2.0\"><channel><title>MFA</title>" + items + "</channel></rss>";
}
std::string Item(const std::string& guid, const std::string& text) {
  return "<item><guid>" + guid + "</guid><title>" + guid + "</title><description>" + text +
         "</description></item>";
}
FetchResponse Ok(std::string body, std::string etag = "") {
  FetchResponse r;
  r.status = 200;
  r.body = std::move(body);
  r.etag = std::move(etag);
  return r;
}
FetchResponse Answer(int code) {
  FetchResponse r;
  r.status = code;
  return r;
}

struct Indexed {
  std::vector<std::string> ids;
  bool fail = false;
  FeedFollower::ItemsSink Sink() {
    return [this](std::vector<Article>& items) {
      if (fail) return false;
      for (const Article& a : items) ids.push_back(a.id);
      return true;
    };
  }
};

}  // namespace

TEST_CASE("follower: new and edited items are handed on once, unchanged feeds and 304s are not",
          "[follow]") {
  ScriptedFetcher f;
  f.script = {Ok(Rss(Item("a", "one") + Item("b", "two")), "\"v1\""), Answer(304),
              Ok(Rss(Item("a", "one") + Item("b", "two, edited") + Item("c", "three")), "\"v2\""),
              Ok(Rss(Item("a", "one") + Item("b", "two, edited") + Item("c", "three")), "\"v3\"")};
  Indexed idx;
  FollowOptions o;
  o.interval_seconds = 60;
  FeedFollower follower({"http://x/feed"}, f, o, idx.Sink());
  auto t = FeedFollower::Clock::now();

  auto p = follower.PollDue(t, nullptr);
  REQUIRE(p.size() == 1);
  CHECK(p[0].new_items == 2);
  CHECK(idx.ids == std::vector<std::string>{"a", "b"});
  CHECK(follower.NextDue() == t + 60s);
  CHECK(follower.PollDue(t + 30s, nullptr).empty());  // not due yet

  p = follower.PollDue(t + 60s, nullptr);  // 304
  REQUIRE(p.size() == 1);
  CHECK(p[0].status == 304);
  CHECK(f.asked[1].etag == "\"v1\"");
  CHECK(p[0].new_items + p[0].changed_items == 0);

  p = follower.PollDue(t + 120s, nullptr);
  CHECK(p[0].new_items == 1);
  CHECK(p[0].changed_items == 1);
  CHECK(idx.ids == std::vector<std::string>{"a", "b", "b", "c"});
  CHECK(f.asked[2].etag == "\"v1\"");  // a 304 keeps the validators

  // Same items under a new ETag: nothing to index.
  p = follower.PollDue(t + 180s, nullptr);
  CHECK(p[0].new_items + p[0].changed_items == 0);
  CHECK(idx.ids.size() == 4);
  CHECK(f.asked[3].etag == "\"v2\"");
}

TEST_CASE("follower: errors back off per feed, Retry-After is honoured, the others go on",
          "[follow]") {
  ScriptedFetcher f;
  FetchResponse busy = Answer(503);
  busy.retry_after = 600;
  FetchResponse gone;
  gone.error = "cannot fetch (Connection)";
  // Polled in order: bad (500), good (200); then bad (503 Retry-After),
  // good (304) ...
  f.script = {
      Answer(500), Ok(Rss(Item("g", "good"))),       busy,        Answer(304),
      gone,        Ok("<html>an error page</html>"), Answer(304), Ok(Rss(Item("r", "recovered")))};
  Indexed idx;
  FollowOptions o;
  o.interval_seconds = 10;
  o.max_backoff_seconds = 1000;
  FeedFollower follower({"http://x/bad", "http://x/good"}, f, o, idx.Sink());
  auto t = FeedFollower::Clock::now();

  auto p = follower.PollDue(t, nullptr);
  REQUIRE(p.size() == 2);
  CHECK(p[0].problems == std::vector<std::string>{"http://x/bad: HTTP 500 (will retry)"});
  CHECK(p[0].next_in_seconds == 20);  // doubled
  CHECK(p[1].new_items == 1);
  CHECK(p[1].next_in_seconds == 10);

  p = follower.PollDue(t + 20s, nullptr);  // both due
  REQUIRE(p.size() == 2);
  CHECK(p[0].next_in_seconds == 600);  // Retry-After beats the backoff of 40
  CHECK(p[1].status == 304);

  p = follower.PollDue(t + 30s, nullptr);  // only the good feed is due
  REQUIRE(p.size() == 1);
  CHECK(p[0].feed == "http://x/good");
  CHECK(p[0].problems ==
        std::vector<std::string>{"http://x/good: cannot fetch (Connection) (will retry)"});

  p = follower.PollDue(t + 50s, nullptr);  // good again: an HTML error page is no feed
  REQUIRE(p.size() == 1);
  REQUIRE(p[0].problems.size() == 1);
  CHECK(p[0].problems[0] ==
        "http://x/good: not a feed (RSS, Atom, ninjs or NewsML-G2) (will retry)");
  CHECK(p[0].next_in_seconds == 40);  // second failure in a row

  p = follower.PollDue(t + 620s, nullptr);
  REQUIRE(p.size() == 2);  // bad's Retry-After has passed, good's backoff too
  CHECK(p[1].new_items == 1);
  CHECK(idx.ids == std::vector<std::string>{"g", "r"});
}

TEST_CASE("follower: items whose indexing failed are offered again", "[follow]") {
  ScriptedFetcher f;
  f.script = {Ok(Rss(Item("a", "one")), "e1"), Ok(Rss(Item("a", "one")), "e1")};
  Indexed idx;
  idx.fail = true;
  FeedFollower follower({"http://x/f"}, f, FollowOptions{}, idx.Sink());
  auto t = FeedFollower::Clock::now();
  auto p = follower.PollDue(t, nullptr);
  CHECK(p[0].problems == std::vector<std::string>{"http://x/f: indexing failed (will retry)"});
  idx.fail = false;
  follower.PollDue(t + 3600s, nullptr);
  CHECK(f.asked[1].etag.empty());  // nothing was taken as seen
  CHECK(idx.ids == std::vector<std::string>{"a"});
}

TEST_CASE("Retry-After: seconds or an HTTP date", "[follow]") {
  CHECK(ParseRetryAfter("120", 0) == 120);
  CHECK(ParseRetryAfter("Thu, 01 Jan 1970 00:01:40 GMT", 40) == 60);
  CHECK(ParseRetryAfter("Thu, 01 Jan 1970 00:01:40 GMT", 400) == 0);
  CHECK(ParseRetryAfter("soon", 0) == -1);
}

TEST_CASE("feed lists: plain lists with comments, OPML, and feeds themselves", "[follow]") {
  communique::testing::TempDir dir;
  std::string list = dir.path() + "/feeds.txt";
  communique::testing::WriteFile(
      list, "# ministries\nhttp://a/rss\n\n  https://b/atom  \nhttp://c/x y\n");
  auto bad = ExpandFeedList(list);
  REQUIRE(!bad.ok());
  CHECK(bad.status().message == list + ":5: expected one feed URL or path per line");
  communique::testing::WriteFile(list, "# ministries\nhttp://a/rss\n\n  https://b/atom  \n");
  auto good = ExpandFeedList(list);
  REQUIRE(good.ok());
  CHECK(good.value() == std::vector<std::string>{"http://a/rss", "https://b/atom"});
  std::string opml = dir.path() + "/feeds.opml";
  communique::testing::WriteFile(
      opml,
      "<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"Gov\">"
      "<outline type=\"rss\" xmlUrl=\"http://a/rss\"/><outline xmlUrl=\"http://b/rss\"/>"
      "</outline></body></opml>");
  auto o = ExpandFeedList(opml);
  REQUIRE(o.ok());
  CHECK(o.value() == std::vector<std::string>{"http://a/rss", "http://b/rss"});
  std::string feed = dir.path() + "/feed.xml";
  communique::testing::WriteFile(feed, Rss(Item("a", "b")));
  CHECK(ExpandFeedList(feed).value() == std::vector<std::string>{feed});
  CHECK(ExpandFeedList("http://x/y").value() == std::vector<std::string>{"http://x/y"});
}
