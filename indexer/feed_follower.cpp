#include "indexer/feed_follower.h"

#include <httplib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>

#include "analysis/article_analyzer.h"
#include "indexer/readers/article_reader.h"
#include "indexer/readers/xml_input.h"

namespace communique {
namespace {

uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t ContentHash(const Article& a) {
  uint64_t h = Fnv1a(a.title);
  for (const std::string* f : {&a.body, &a.date, &a.url, &a.source, &a.language, &a.dateline})
    h = Fnv1a(*f, Fnv1a("\x1f", h));
  return h;
}

bool IsHttp(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

std::string HttpDate(std::time_t t) {
  char buf[64];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

class HttpFeedFetcher : public FeedFetcher {
 public:
  FetchResponse Fetch(const FetchRequest& request) override {
    if (!IsHttp(request.url)) return FetchFile(request);
    FetchResponse out;
    std::string url = request.url;
    bool permanent = true;
    for (int hop = 0; hop <= 5; ++hop) {
      // scheme://host[:port] and the rest.
      size_t scheme_end = url.find("://");
      size_t path_start = url.find('/', scheme_end + 3);
      std::string origin = url.substr(0, path_start);
      std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
      if (size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
      httplib::Client client(origin);
      if (!client.is_valid()) {
        out.error = "unsupported URL " + url;
        return out;
      }
      client.set_connection_timeout(10);
      client.set_read_timeout(30);
      client.set_follow_location(false);
      httplib::Headers headers{{"User-Agent", "communique-index (feed follower)"}};
      if (!request.etag.empty()) headers.emplace("If-None-Match", request.etag);
      if (!request.last_modified.empty())
        headers.emplace("If-Modified-Since", request.last_modified);
      std::string body;
      bool too_large = false;
      auto res = client.Get(path, headers, [&](const char* data, size_t n) {
        if (body.size() + n > kMaxDocumentBytes) {
          too_large = true;
          return false;
        }
        body.append(data, n);
        return true;
      });
      if (too_large) {
        out.error = "feed larger than " + std::to_string(kMaxDocumentBytes >> 20) + " MiB";
        return out;
      }
      if (!res) {
        out.error = "cannot fetch (" + httplib::to_string(res.error()) + ")";
        return out;
      }
      int status = res->status;
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        std::string location = res->get_header_value("Location");
        if (location.empty()) {
          out.error = "redirect without Location";
          return out;
        }
        if (!IsHttp(location)) {
          if (location[0] != '/') {
            out.error = "redirect to an unsupported location " + location;
            return out;
          }
          location = origin + location;
        }
        permanent = permanent && (status == 301 || status == 308);
        url = location;
        continue;
      }
      out.status = status;
      out.body = std::move(body);
      out.etag = res->get_header_value("ETag");
      out.last_modified = res->get_header_value("Last-Modified");
      if (res->has_header("Retry-After"))
        out.retry_after = ParseRetryAfter(res->get_header_value("Retry-After"), std::time(nullptr));
      if (permanent && url != request.url) out.final_url = url;
      return out;
    }
    out.error = "too many redirects";
    return out;
  }

 private:
  static FetchResponse FetchFile(const FetchRequest& request) {
    FetchResponse out;
    std::string path = request.url.rfind("file://", 0) == 0 ? request.url.substr(7) : request.url;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      out.status = 404;
      out.error = "no such file";
      return out;
    }
    // Nanoseconds too: a file rewritten within the same second still counts.
    std::string stamp = HttpDate(st.st_mtim.tv_sec) + " " + std::to_string(st.st_mtim.tv_nsec) +
                        " " + std::to_string(st.st_size);
    if (stamp == request.last_modified) {
      out.status = 304;
      return out;
    }
    if (static_cast<size_t>(st.st_size) > kMaxDocumentBytes) {
      out.error = "feed larger than " + std::to_string(kMaxDocumentBytes >> 20) + " MiB";
      return out;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      out.error = "cannot open file";
      return out;
    }
    std::ostringstream s;
    s << in.rdbuf();
    out.status = 200;
    out.body = s.str();
    out.last_modified = stamp;
    return out;
  }
};

}  // namespace

std::unique_ptr<FeedFetcher> MakeHttpFeedFetcher() { return std::make_unique<HttpFeedFetcher>(); }

double ParseRetryAfter(const std::string& value, std::time_t now) {
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return value.size() > 9 ? 1e9 : std::stod(value);
  std::tm tm{};
  const char* end = strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end || *end) return -1;
  std::time_t at = timegm(&tm);
  return at > now ? static_cast<double>(at - now) : 0;
}

Result<std::vector<std::string>> ExpandFeedList(const std::string& argument) {
  if (IsHttp(argument)) return std::vector<std::string>{argument};
  std::ifstream in(argument, std::ios::binary);
  if (!in) return Status::BadRequest(argument + ": cannot open file");
  std::string head(64 << 10, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  bool opml = head.find("<opml") != std::string::npos;
  if (!opml && SniffFormat(head) != InputFormat::kUnknown)
    return std::vector<std::string>{argument};  // a feed file itself
  std::ostringstream s;
  in.clear();
  in.seekg(0);
  s << in.rdbuf();
  std::string content = s.str();
  std::vector<std::string> feeds;
  if (opml) {
    auto doc = ParseXml(content, argument);
    if (!doc.ok()) return doc.status();
    std::vector<const xmlNode*> stack{xmlDocGetRootElement(doc.value().get())};
    while (!stack.empty()) {  // every outline at any depth (libxml2 bounds it)
      const xmlNode* n = stack.back();
      stack.pop_back();
      if (LocalName(n) == "outline") {
        std::string url = Attr(n, "xmlUrl");
        if (!url.empty()) feeds.push_back(url);
      }
      std::vector<const xmlNode*> kids;
      for (const xmlNode* c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) kids.push_back(c);
      stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
    if (feeds.empty()) return Status::BadRequest(argument + ":1: OPML file lists no xmlUrl");
    return Result<std::vector<std::string>>(std::move(feeds));
  }
  std::istringstream lines(content);
  std::string line;
  for (size_t n = 1; std::getline(lines, line); ++n) {
    if (size_t hash = line.find('#'); hash != std::string::npos && !IsHttp(line)) line.resize(hash);
    if (!line.empty() && line[0] == '#') continue;
    size_t b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
    if (b == std::string::npos) continue;
    std::string url = line.substr(b, e - b + 1);
    if (url.find_first_of(" \t") != std::string::npos)
      return Status::BadRequest(argument + ":" + std::to_string(n) +
                                ": expected one feed URL or path per line");
    feeds.push_back(url);
  }
  if (feeds.empty()) return Status::BadRequest(argument + ":1: no feeds listed");
  return Result<std::vector<std::string>>(std::move(feeds));
}

FeedFollower::FeedFollower(std::vector<std::string> feeds, FeedFetcher& fetcher,
                           FollowOptions options, ItemsSink on_items)
    : fetcher_(fetcher), options_(options), on_items_(std::move(on_items)) {
  for (std::string& url : feeds) {
    Feed f;
    f.url = std::move(url);
    feeds_.push_back(std::move(f));
  }
}

FeedFollower::Clock::time_point FeedFollower::NextDue() const {
  Clock::time_point next = Clock::time_point::max();
  for (const Feed& f : feeds_) next = std::min(next, f.due);
  return next;
}

std::vector<PollOutcome> FeedFollower::PollDue(Clock::time_point now,
                                               const std::function<bool()>& stop) {
  std::vector<PollOutcome> out;
  for (Feed& f : feeds_) {
    if (stop && stop()) break;
    if (f.due <= now) out.push_back(Poll(f, now));
  }
  return out;
}

void FeedFollower::Failed(Feed& f, Clock::time_point now, double retry_after, PollOutcome& out) {
  ++f.failures;
  double wait = std::min(options_.max_backoff_seconds,
                         options_.interval_seconds * std::pow(2.0, std::min(f.failures, 20)));
  wait = std::max(wait, options_.interval_seconds);
  if (retry_after >= 0) wait = std::max(wait, std::min(retry_after, options_.max_backoff_seconds));
  out.next_in_seconds = wait;
  f.due = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
}

PollOutcome FeedFollower::Poll(Feed& f, Clock::time_point now) {
  PollOutcome out;
  out.feed = f.url;
  FetchResponse r = fetcher_.Fetch({f.url, f.etag, f.last_modified});
  out.status = r.status;
  if (!r.final_url.empty()) f.url = r.final_url;  // moved for good: poll the new place
  if (r.status == 0 || r.status >= 400 || (r.status != 200 && r.status != 304)) {
    out.problems.push_back(
        f.url + ": " + (r.status ? "HTTP " + std::to_string(r.status) : r.error) + " (will retry)");
    Failed(f, now, r.retry_after, out);
    return out;
  }
  auto schedule = [&](double wait) {
    out.next_in_seconds = wait;
    f.due = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
  };
  double wait = options_.interval_seconds;
  if (r.retry_after >= 0)
    wait = std::max(wait, std::min(r.retry_after, options_.max_backoff_seconds));
  if (r.status == 304) {
    f.failures = 0;
    schedule(wait);
    return out;
  }
  uint64_t body_hash = Fnv1a(r.body);
  if (f.have_body && body_hash == f.body_hash) {  // a server without validators
    f.failures = 0;
    f.etag = r.etag;
    f.last_modified = r.last_modified;
    schedule(wait);
    return out;
  }
  // Only feed formats: a 200 carrying an HTML page (a captive portal, a
  // "moved" page) must not be indexed as an article.
  InputFormat format = SniffFormat(std::string_view(r.body).substr(0, 64 << 10));
  if (format != InputFormat::kFeed && format != InputFormat::kNinjs &&
      format != InputFormat::kNewsMlG2 && format != InputFormat::kJsonLines) {
    out.problems.push_back(f.url + ": not a feed (RSS, Atom, ninjs or NewsML-G2) (will retry)");
    Failed(f, now, r.retry_after, out);
    return out;
  }
  std::vector<Article> fresh;
  std::vector<uint64_t> hashes;
  size_t good = 0, bad = 0;
  ReadContent(r.body, f.url, format, [&](Result<Article> rec) {
    if (!rec.ok()) {
      out.problems.push_back(rec.status().message);
      ++bad;
      return;
    }
    ++good;
    Article& a = rec.value();
    std::string key = DeriveKey(a.id, a.url, a.body);
    uint64_t h = ContentHash(a);
    auto it = f.items.find(key);
    if (it != f.items.end() && it->second == h) return;
    (it == f.items.end() ? out.new_items : out.changed_items)++;
    hashes.push_back(h);
    fresh.push_back(std::move(a));
  });
  // Nothing readable at all (not a feed, malformed XML): the feed is broken
  // for now; keep the validators unset so the next poll fetches it whole.
  if (good == 0 && bad > 0) {
    Failed(f, now, r.retry_after, out);
    out.new_items = out.changed_items = 0;
    return out;
  }
  if (!fresh.empty()) {
    std::vector<std::string> keys;
    keys.reserve(fresh.size());
    for (const Article& a : fresh) keys.push_back(DeriveKey(a.id, a.url, a.body));
    if (!on_items_(fresh)) {
      out.problems.push_back(f.url + ": indexing failed (will retry)");
      Failed(f, now, -1, out);
      out.new_items = out.changed_items = 0;
      return out;
    }
    for (size_t i = 0; i < keys.size(); ++i) f.items[keys[i]] = hashes[i];
  }
  f.failures = 0;
  f.etag = r.etag;
  f.last_modified = r.last_modified;
  f.body_hash = body_hash;
  f.have_body = true;
  schedule(wait);
  return out;
}

}  // namespace communique
