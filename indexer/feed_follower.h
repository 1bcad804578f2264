// Following feeds as they update (communique-index --follow): each feed is
// polled on its own schedule with conditional GETs, and only the items that
// are new or changed since the last poll are handed on to be indexed.
//
// The network sits behind FeedFetcher, so the polling rules (validators,
// 304, Retry-After, backoff, change detection) are unit-tested with a
// scripted fetcher; HttpFeedFetcher is the real one (cpp-httplib, http and
// https, local files).
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/article.h"
#include "common/status.h"

namespace communique {

// What a poll asks for: the feed and the validators its last answer gave.
struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
};

// What a poll got. `status` is the HTTP status after redirects (200, 304,
// 4xx, 5xx), or 0 when no answer came (`error` says why).
struct FetchResponse {
  int status = 0;
  std::string body;
  std::string etag, last_modified;
  std::string final_url;    // where permanent redirects (301, 308) led, or ""
  double retry_after = -1;  // seconds the server asked us to wait, or -1
  std::string error;
};

// Fetches one feed. Implementations may block (bounded by their timeouts).
// Thread-safety: one caller at a time.
class FeedFetcher {
 public:
  virtual ~FeedFetcher() = default;
  virtual FetchResponse Fetch(const FetchRequest& request) = 0;
};

// The real fetcher: http:// and https:// (cpp-httplib as Debian builds it,
// with OpenSSL; certificates are checked against the system store), up to 5
// redirects, bodies over kMaxDocumentBytes refused, 10 s to connect and 30 s
// to read. A plain path or file:// URL is read from disk, its modification
// time standing in for Last-Modified (so an unchanged file answers 304).
// Never sends anything but GET. Thread-safety: one caller at a time.
std::unique_ptr<FeedFetcher> MakeHttpFeedFetcher();

// Parses a Retry-After value: seconds, or an HTTP date (then the seconds
// from `now`, at least 0). -1 when it is neither.
double ParseRetryAfter(const std::string& value, std::time_t now);

// The feeds an argument names: an OPML file gives its outlines' xmlUrl, a
// text file one URL (or path) per line ('#' starts a comment), and anything
// else (a URL, a feed file) is itself the feed. Errors name "path:line".
Result<std::vector<std::string>> ExpandFeedList(const std::string& argument);

struct FollowOptions {
  double interval_seconds = 300;  // between polls of a healthy feed
  double max_backoff_seconds = 3600;
};

// What one poll of one feed did, for the log and the tests.
struct PollOutcome {
  std::string feed;
  int status = 0;
  size_t new_items = 0, changed_items = 0;
  std::vector<std::string> problems;  // fetch error, malformed feed, bad items
  double next_in_seconds = 0;         // when this feed is polled again
};

// The polling state of every feed. Items are told apart by their key (the
// analyser's DeriveKey of guid/id/uri, else link, else text); an item is
// handed on when its key is new to this run or its content differs from
// what was handed on before, so an unchanged feed never re-indexes.
// Thread-safety: not thread-safe; one thread drives it.
class FeedFollower {
 public:
  using Clock = std::chrono::steady_clock;
  // `on_items` receives the new and changed articles of one poll (origin:
  // "URL:line"); it indexes and commits them, returning false when that
  // failed, so the same items are offered again at the next poll.
  using ItemsSink = std::function<bool(std::vector<Article>&)>;

  FeedFollower(std::vector<std::string> feeds, FeedFetcher& fetcher, FollowOptions options,
               ItemsSink on_items);

  // Polls every feed due at `now` (all of them on the first call), one
  // after another; `stop()` is checked between feeds.
  std::vector<PollOutcome> PollDue(Clock::time_point now, const std::function<bool()>& stop);
  // The earliest time a feed is due.
  Clock::time_point NextDue() const;

 private:
  struct Feed {
    std::string url;
    std::string etag, last_modified;
    uint64_t body_hash = 0;
    bool have_body = false;
    int failures = 0;
    Clock::time_point due{};
    std::map<std::string, uint64_t> items;  // key -> content hash
  };
  PollOutcome Poll(Feed& feed, Clock::time_point now);
  void Failed(Feed& feed, Clock::time_point now, double retry_after, PollOutcome& out);

  std::vector<Feed> feeds_;
  FeedFetcher& fetcher_;
  FollowOptions options_;
  ItemsSink on_items_;
};

}  // namespace communique
