#include "searcher/live_indexer.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <streambuf>

#include "common/strings.h"
#include "indexer/readers/article_reader.h"

namespace communique {
namespace {

// An istream over borrowed bytes, so a 32 MiB body is not copied to be read.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());  // read only: get area
    setg(p, p, p + text.size());
  }
};

// The reader's messages are "ORIGIN: reason"; pushed records have the
// origin ":LINE" (an empty path), so this returns LINE and the reason.
std::pair<size_t, std::string> SplitOrigin(const std::string& message) {
  size_t i = message.empty() || message[0] != ':' ? std::string::npos : 1;
  size_t line = 0;
  size_t j = i;
  while (j != std::string::npos && j < message.size() &&
         std::isdigit(static_cast<unsigned char>(message[j]))) {
    line = line * 10 + static_cast<size_t>(message[j] - '0');
    ++j;
  }
  if (j == std::string::npos || j == i || message.compare(j, 2, ": ") != 0) return {0, message};
  return {line, message.substr(j + 2)};
}

size_t LineOf(const std::string& origin) { return SplitOrigin(origin + ": ").first; }

constexpr char kBodyHint[] =
    " (send one JSON object per line, or a JSON array of objects; with curl use "
    "--data-binary @FILE, since -d drops the newlines)";

}  // namespace

Result<std::vector<PushRecord>> ParsePushBody(std::string_view body) {
  std::string_view trimmed = TrimSpace(body);
  if (trimmed.empty())
    return Status::BadRequest(std::string("empty body: nothing to push") + kBodyHint);
  // A JSON array (or one object over several lines) is read element by
  // element as JSON lines, so every record goes through the same reader as
  // a line of a .jsonl file. JSON lines themselves fail this whole-body
  // parse at the second record, so trying it costs one record's parse.
  std::string lines;
  std::string_view to_read = body;
  if (trimmed.front() == '[' || trimmed.front() == '{') {
    nlohmann::json whole;
    std::optional<std::string> error;
    try {
      whole = nlohmann::json::parse(trimmed.begin(), trimmed.end());
    } catch (const nlohmann::json::exception& e) {
      std::string what = e.what();
      size_t cut = what.find("] ");
      error = cut == std::string::npos ? what : what.substr(cut + 2);
    }
    if (error && trimmed.front() == '[')
      return Status::BadRequest("the body is not a JSON array: " + *error + kBodyHint);
    if (!error) {
      if (whole.is_array()) {
        if (whole.empty()) return Status::BadRequest(std::string("empty array: nothing to push"));
        for (const nlohmann::json& element : whole)
          lines += element.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      } else {
        lines = whole.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      }
      to_read = lines;
    }
  }
  std::vector<PushRecord> records;
  bool any_json = false;
  ViewBuf buf(to_read);
  std::istream in(&buf);
  ReadJsonLines(in, "", [&](Result<Article> record) {
    if (record.ok()) {
      size_t line = LineOf(record.value().origin);
      any_json = true;
      records.push_back({line, std::move(record)});
      return;
    }
    auto [line, reason] = SplitOrigin(record.status().message);
    if (reason.rfind("invalid JSON", 0) != 0) any_json = true;
    records.push_back({line, Status{record.status().code, reason}});
  });
  if (records.empty())
    return Status::BadRequest(std::string("empty body: nothing to push") + kBodyHint);
  if (!any_json)
    return Status::BadRequest("the body is not JSON lines: line " +
                              std::to_string(records.front().line) + ": " +
                              records.front().article.status().message + kBodyHint);
  return records;
}

LiveIndexer::LiveIndexer(std::unique_ptr<IndexWriter> writer, const Gazetteer& gazetteer,
                         LiveIndexerOptions options)
    : analyzer_(gazetteer),
      options_(options),
      writer_(std::move(writer)),
      last_commit_(Clock::now() - options.commit_interval) {
  committer_ = std::thread([this] { CommitLoop(); });
}

Result<std::unique_ptr<LiveIndexer>> LiveIndexer::Open(const std::string& path,
                                                       const FieldSchema& schema,
                                                       const Gazetteer& gazetteer,
                                                       LiveIndexerOptions options) {
  IndexWriterOptions w;
  // Commits are decided here (interval, requests, max_pending), never by
  // the writer's own batching.
  w.batch_size = static_cast<size_t>(-1);
  w.wait_for_lock_seconds = options.wait_for_lock_seconds;
  auto writer = IndexWriter::Open(path, schema, gazetteer, w);
  if (!writer.ok()) return writer.status();
  return std::unique_ptr<LiveIndexer>(
      new LiveIndexer(std::move(writer).value(), gazetteer, options));  // private constructor
}

LiveIndexer::~LiveIndexer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_committer_.notify_all();
  if (committer_.joinable()) committer_.join();
  std::lock_guard<std::mutex> lock(mu_);
  Status s = CommitLocked();
  if (!s.ok()) std::cerr << "communique-serve: final commit failed: " << s.message << "\n";
}

Status LiveIndexer::CommitLocked() {
  if (txn_changes_ == 0) return Status::Ok();
  Status s = writer_->Commit();
  ended_txn_ = txn_;
  if (!s.ok()) {
    // Xapian discards the whole transaction when its commit fails.
    failed_txns_.insert(txn_);
    while (failed_txns_.size() > 64) failed_txns_.erase(failed_txns_.begin());
    last_commit_error_ = s.message;
    std::cerr << "communique-serve: " << s.message << "; the " << txn_changes_
              << " changes since the previous commit are lost\n";
  }
  ++txn_;
  txn_changes_ = 0;
  last_commit_ = Clock::now();
  committed_.notify_all();
  return s;
}

void LiveIndexer::CommitLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (txn_changes_ == 0) {
      commit_requested_ = false;
      wake_committer_.wait(lock);
      continue;
    }
    Clock::time_point due =
        commit_requested_ ? Clock::now() : last_commit_ + options_.commit_interval;
    if (Clock::now() < due) {
      wake_committer_.wait_until(lock, due);
      continue;
    }
    commit_requested_ = false;
    CommitLocked();  // failures are logged and reported to waiters
  }
}

Result<PushTiming> LiveIndexer::Settle(uint64_t txn, PushWait wait) {
  std::unique_lock<std::mutex> lock(mu_);
  PushTiming t;
  if (txn != 0 && wait == PushWait::kCommit && ended_txn_ < txn) {
    commit_requested_ = true;
    wake_committer_.notify_all();
    committed_.wait(lock, [&] { return ended_txn_ >= txn; });
  }
  if (txn == 0 || ended_txn_ >= txn) {
    if (txn != 0 && failed_txns_.count(txn))
      return Status::Internal("commit failed (" + last_commit_error_ +
                              "): nothing of this request was kept");
    t.committed = true;
    return t;
  }
  auto due = last_commit_ + options_.commit_interval;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()).count();
  t.searchable_within_ms = std::max<int64_t>(0, left);
  return t;
}

Result<PushReport> LiveIndexer::Push(std::string_view body, PushWait wait) {
  auto records = ParsePushBody(body);
  if (!records.ok()) return records.status();

  // Analysis and document building, the costly part, run here on the
  // caller's thread without the lock; several pushes analyse at once.
  struct Prepared {
    AnalyzedArticle article;
    Xapian::Document document;
  };
  PushReport report;
  std::vector<std::optional<Prepared>> prepared;
  for (PushRecord& r : records.value()) {
    PushOutcome o;
    o.line = r.line;
    std::optional<Prepared> p;
    if (!r.article.ok()) {
      o.reason = r.article.status().message;
    } else {
      o.id = r.article.value().id;
      auto analysed = analyzer_.Analyze(r.article.value());
      if (!analysed.ok()) {
        o.reason = SplitOrigin(analysed.status().message).second;
      } else {
        o.id = analysed.value().key;
        Xapian::Document doc = writer_->builder().Build(analysed.value());
        p = Prepared{std::move(analysed).value(), std::move(doc)};
      }
    }
    report.records.push_back(std::move(o));
    prepared.push_back(std::move(p));
  }

  uint64_t written_txn = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < prepared.size(); ++i) {
      if (!prepared[i]) continue;
      auto outcome = writer_->Add(prepared[i]->article, std::move(prepared[i]->document));
      if (!outcome.ok()) return Status::Unavailable(outcome.status().message);
      report.records[i].kind = outcome.value() == IndexWriter::Outcome::kAdded
                                   ? PushOutcome::Kind::kAdded
                                   : PushOutcome::Kind::kReplaced;
      written_txn = txn_;
      if (++txn_changes_ >= options_.max_pending) {
        Status s = CommitLocked();
        if (!s.ok()) return Status::Internal(s.message + ": nothing of this request was kept");
      }
    }
  }
  if (written_txn) wake_committer_.notify_all();
  auto timing = Settle(written_txn, wait);
  if (!timing.ok()) return timing.status();
  report.timing = timing.value();
  return report;
}

Result<PushTiming> LiveIndexer::Delete(const std::string& id, PushWait wait) {
  if (id.empty()) return Status::BadRequest("no id given");
  uint64_t written_txn = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Status s = writer_->Delete(DeriveKey(id, "", ""));
    if (!s.ok()) return s;
    written_txn = txn_;
    ++txn_changes_;
  }
  wake_committer_.notify_all();
  return Settle(written_txn, wait);
}

Status LiveIndexer::Flush() {
  std::lock_guard<std::mutex> lock(mu_);
  return CommitLocked();
}

}  // namespace communique
