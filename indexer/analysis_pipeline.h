// Runs ArticleAnalyzer on worker threads while one consumer thread receives
// the results in input order — the shape the indexer needs: parsing and
// analysis use every core, and the single Xapian writer sees articles in the
// order they were read, so reports and "last one wins" replacement behave
// exactly as in a sequential run.
//
// Worker threads run at a lower scheduling priority (nice kWorkerNice) than
// the producer and the consumer, so the consumer is never the one waiting
// for a core.
//
// Thread-safety: Push() and Finish() from one producer thread; `consumer`
// runs on the pipeline's own consumer thread, never concurrently with
// itself.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "analysis/article.h"
#include "analysis/article_analyzer.h"
#include "common/status.h"

namespace communique {

class AnalysisPipeline {
 public:
  // Added to the workers' nice value (see the file comment).
  static constexpr int kWorkerNice = 10;

  // What the consumer gets per pushed record: the record as read (or the
  // read error) and, for a readable record, its analysis (or the error).
  struct Item {
    Result<Article> record = Status::Internal("empty");
    Result<AnalyzedArticle> analysed = Status::Internal("not analysed");
    // Filled by the `prepare` step, if any (the Xapian document, built on
    // the worker so the single writer thread only writes).
    std::optional<Xapian::Document> document;
  };
  using Consumer = std::function<void(Item&)>;
  using Prepare = std::function<void(Item&)>;

  // `workers` analysis threads (at least 1); at most `max_in_flight` records
  // are queued or being analysed, which bounds memory. `analyzer` must
  // outlive the pipeline.
  // `prepare` (optional) runs on the worker after a successful analysis.
  AnalysisPipeline(const ArticleAnalyzer& analyzer, size_t workers, size_t max_in_flight,
                   Consumer consumer, Prepare prepare = nullptr);
  // Finishes (delivers everything pushed) if Finish() was not called.
  ~AnalysisPipeline();
  AnalysisPipeline(const AnalysisPipeline&) = delete;
  AnalysisPipeline& operator=(const AnalysisPipeline&) = delete;

  // Queues a record (or a read error, passed through in order); blocks while
  // the pipeline is full.
  void Push(Result<Article> record);
  // Waits until every pushed record has been consumed, then stops the threads.
  void Finish();
  // Asks the pipeline to drop records not yet consumed (e.g. the writer
  // failed); Push() then returns at once. Callable from the consumer.
  void Cancel();

 private:
  void Work();
  void Consume();

  const ArticleAnalyzer& analyzer_;
  Consumer consumer_;
  Prepare prepare_;
  size_t max_in_flight_;

  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::pair<size_t, Item>> todo_;  // seq -> item awaiting analysis
  std::map<size_t, Item> done_;               // analysed, awaiting the consumer
  size_t next_seq_ = 0;                       // next sequence number to assign
  size_t next_to_consume_ = 0;
  bool closing_ = false;
  bool cancelled_ = false;
  bool finished_ = false;

  std::vector<std::thread> workers_;
  std::thread consumer_thread_;
};

}  // namespace communique
