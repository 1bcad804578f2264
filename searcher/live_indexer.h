// The PushSink of communique-serve --accept-pushes: articles pushed over
// HTTP go through the indexer's own reader (ReadJsonLines), analyser
// (ArticleAnalyzer) and writer (IndexWriter), so a pushed record is indexed
// exactly as communique-index would index the same line of a .jsonl file.
//
// One writer: LiveIndexer holds the database's Xapian write lock for its
// whole life, so a communique-index run against the same database fails with
// "index is locked by another writer" (exit 2) instead of racing it.
//
// Commits: changes go into one open transaction; a commit thread commits it
// at most `commit_interval` after the previous commit (at once when a
// caller asked for PushWait::kCommit, or when the transaction reaches
// `max_pending` changes). Readers of the same database (XapianSearcher)
// reopen on every search, so a commit is what makes a change searchable.
// What a push acknowledges:
//   * PushWait::kAccepted: the record is in the open transaction, which the
//     commit thread will commit within the interval; a SIGKILL (or a failed
//     commit: disk full) before then loses it.
//   * PushWait::kCommit: answered after commit_transaction() returned: the
//     record is searchable and survives a SIGKILL of the server.
//
// Thread-safety: Push(), Delete() and Flush() may be called concurrently.
// Analysis runs on the caller's thread without any lock; only writing and
// committing are serialised (Xapian allows one writer object, used by one
// thread at a time).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "analysis/article.h"
#include "analysis/article_analyzer.h"
#include "common/status.h"
#include "indexer/index_writer.h"
#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "searcher/push_sink.h"

namespace communique {

// One record of a push body as the reader gave it: an Article, or the
// reason it cannot be one.
struct PushRecord {
  size_t line = 0;          // 1-based line, or position in a JSON array
  Result<Article> article;  // error message: the reason, without the line
};

// Splits a push body into records, reading each with ReadJsonLines (the
// indexer's JSON-lines reader): JSON lines, a JSON array of objects (element
// N read as line N), or one object spread over several lines. 400 when the
// body is empty or is not JSON at all (no line of it parses). Pure.
Result<std::vector<PushRecord>> ParsePushBody(std::string_view body);

struct LiveIndexerOptions {
  // The longest a change waits for its commit (without PushWait::kCommit).
  std::chrono::milliseconds commit_interval{1000};
  // Changes in the open transaction that trigger a commit at once: bounds
  // the memory one large push holds in Xapian's transaction buffers.
  size_t max_pending = 1000;
  // How long Open() waits for another writer to release the database
  // (IndexWriterOptions::wait_for_lock_seconds).
  double wait_for_lock_seconds = 0;
};

class LiveIndexer : public PushSink {
 public:
  // Opens (creating if needed) the single local database at `path` for
  // writing and starts the commit thread. Fails like IndexWriter::Open: 409
  // "index is locked by another writer", 500 when it cannot be opened.
  // `schema` and `gazetteer` must outlive the indexer.
  static Result<std::unique_ptr<LiveIndexer>> Open(const std::string& path,
                                                   const FieldSchema& schema,
                                                   const Gazetteer& gazetteer,
                                                   LiveIndexerOptions options = {});
  // Stops the commit thread and commits what is pending (a failure is
  // reported on stderr), then releases the write lock.
  ~LiveIndexer() override;
  LiveIndexer(const LiveIndexer&) = delete;
  LiveIndexer& operator=(const LiveIndexer&) = delete;

  Result<PushReport> Push(std::string_view body, PushWait wait) override;
  Result<PushTiming> Delete(const std::string& id, PushWait wait) override;

  // Commits the open transaction now, if it holds changes.
  Status Flush();

 private:
  using Clock = std::chrono::steady_clock;
  LiveIndexer(std::unique_ptr<IndexWriter> writer, const Gazetteer& gazetteer,
              LiveIndexerOptions options);
  void CommitLoop();
  // Commits the open transaction (mu_ held); wakes whoever waits for it.
  Status CommitLocked();
  // The timing for a change written into transaction `txn` (0: nothing
  // written), waiting for its commit when `wait` says so.
  Result<PushTiming> Settle(uint64_t txn, PushWait wait);

  ArticleAnalyzer analyzer_;
  LiveIndexerOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_committer_;  // changes, a commit request, or stop
  std::condition_variable committed_;       // a commit ended
  std::unique_ptr<IndexWriter> writer_;     // guarded by mu_
  // Transactions are numbered from 1; `txn_` is the open one.
  uint64_t txn_ = 1;                // guarded by mu_
  size_t txn_changes_ = 0;          // changes in the open transaction; guarded by mu_
  uint64_t ended_txn_ = 0;          // the last transaction whose commit ended; guarded by mu_
  std::set<uint64_t> failed_txns_;  // of those, the ones that failed (the last few); mu_
  std::string last_commit_error_;   // guarded by mu_
  Clock::time_point last_commit_;   // guarded by mu_
  bool commit_requested_ = false;   // guarded by mu_
  bool stopping_ = false;           // guarded by mu_
  std::thread committer_;
};

}  // namespace communique
