#include "indexer/analysis_pipeline.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace communique {

AnalysisPipeline::AnalysisPipeline(const ArticleAnalyzer& analyzer, size_t workers,
                                   size_t max_in_flight, Consumer consumer, Prepare prepare)
    : analyzer_(analyzer),
      consumer_(std::move(consumer)),
      prepare_(std::move(prepare)),
      max_in_flight_(std::max<size_t>(1, max_in_flight)) {
  for (size_t i = 0; i < std::max<size_t>(1, workers); ++i)
    workers_.emplace_back([this] { Work(); });
  consumer_thread_ = std::thread([this] { Consume(); });
}

AnalysisPipeline::~AnalysisPipeline() { Finish(); }

void AnalysisPipeline::Push(Result<Article> record) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait(lock, [&] { return cancelled_ || next_seq_ - next_to_consume_ < max_in_flight_; });
  if (cancelled_) return;
  Item item;
  item.record = std::move(record);
  todo_.emplace_back(next_seq_++, std::move(item));
  changed_.notify_all();
}

void AnalysisPipeline::Cancel() {
  std::lock_guard<std::mutex> lock(mu_);
  cancelled_ = true;
  todo_.clear();
  changed_.notify_all();
}

void AnalysisPipeline::Finish() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (finished_) return;
    finished_ = true;
    closing_ = true;
    changed_.notify_all();
  }
  for (std::thread& t : workers_) t.join();
  consumer_thread_.join();
}

void AnalysisPipeline::Work() {
  // The consumer (the single Xapian writer) is the serial bottleneck, and
  // with one worker per core the workers take CPU from it: on 2 cores the
  // 15k-article benchmark ran 1.13x faster with workers at nice 10 (best of
  // 6, alternating). Workers still get whatever the writer leaves idle, and
  // the window of max_in_flight records keeps them ahead of it. Linux nice
  // is per thread; a failure only costs the speed-up. Relative to the
  // process's own nice, so a niced indexer stays below its starting point.
  id_t tid = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  int nice = getpriority(PRIO_PROCESS, tid);  // -1 is a valid nice value
  if (errno == 0) setpriority(PRIO_PROCESS, tid, std::min(19, nice + kWorkerNice));
  for (;;) {
    std::pair<size_t, Item> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] { return !todo_.empty() || closing_ || cancelled_; });
      if (todo_.empty()) {
        if (closing_ || cancelled_) return;
        continue;
      }
      job = std::move(todo_.front());
      todo_.pop_front();
    }
    if (job.second.record.ok()) {
      job.second.analysed = analyzer_.Analyze(job.second.record.value());
      if (prepare_ && job.second.analysed.ok()) prepare_(job.second);
    }
    std::lock_guard<std::mutex> lock(mu_);
    done_.emplace(job.first, std::move(job.second));
    changed_.notify_all();
  }
}

void AnalysisPipeline::Consume() {
  for (;;) {
    Item item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [&] {
        return done_.count(next_to_consume_) || cancelled_ ||
               (closing_ && next_to_consume_ == next_seq_);
      });
      if (cancelled_ ||
          (closing_ && next_to_consume_ == next_seq_ && !done_.count(next_to_consume_)))
        return;
      auto it = done_.find(next_to_consume_);
      item = std::move(it->second);
      done_.erase(it);
    }
    consumer_(item);
    std::lock_guard<std::mutex> lock(mu_);
    ++next_to_consume_;
    changed_.notify_all();
  }
}

}  // namespace communique
