#include "indexer/analysis_pipeline.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <mutex>

#include "tests/support/test_support.h"

using namespace communique;

namespace {
Article Make(int i) {
  Article a;
  a.id = "a" + std::to_string(i);
  a.origin = "test:" + std::to_string(i + 1);
  // Uneven sizes so workers finish out of order.
  a.body = std::string(static_cast<size_t>((i * 7919) % 2000) + 1, 'x') + " Pakistan";
  return a;
}
}  // namespace

TEST_CASE("the pipeline delivers every record in input order, errors included", "[pipeline]") {
  ArticleAnalyzer analyzer(testing::ShippedGazetteer());
  std::vector<std::string> seen;
  {
    AnalysisPipeline pipeline(analyzer, 3, 16, [&](AnalysisPipeline::Item& item) {
      if (!item.record.ok()) {
        seen.emplace_back("read-error");
      } else if (!item.analysed.ok()) {
        seen.emplace_back("analysis-error");
      } else {
        seen.push_back(item.analysed.value().key);
        CHECK(item.analysed.value().entities.countries.size() == 1);
      }
    });
    for (int i = 0; i < 300; ++i) {
      if (i == 100) pipeline.Push(Status::BadRequest("f:101: invalid JSON"));
      Article a = Make(i);
      if (i == 200) a.body = "<span></span>";  // nothing left after cleaning
      pipeline.Push(std::move(a));
    }
    pipeline.Finish();
  }
  REQUIRE(seen.size() == 301);
  CHECK(seen[0] == "a0");
  CHECK(seen[100] == "read-error");
  CHECK(seen[101] == "a100");
  CHECK(seen[201] == "analysis-error");
  CHECK(seen[300] == "a299");
  for (int i = 0; i < 100; ++i) CHECK(seen[static_cast<size_t>(i)] == "a" + std::to_string(i));
}

TEST_CASE("cancelling from the consumer stops the pipeline without a hang", "[pipeline]") {
  ArticleAnalyzer analyzer(testing::ShippedGazetteer());
  int consumed = 0;
  AnalysisPipeline* self = nullptr;
  AnalysisPipeline pipeline(analyzer, 2, 8, [&](AnalysisPipeline::Item&) {
    if (++consumed == 5) self->Cancel();
  });
  self = &pipeline;
  for (int i = 0; i < 1000; ++i) pipeline.Push(Make(i));
  pipeline.Finish();
  CHECK(consumed >= 5);
  CHECK(consumed < 1000);
}

TEST_CASE("workers run below the consumer's priority, so the writer keeps its core", "[pipeline]") {
  auto nice_of_this_thread = [] {
    return getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)));
  };
  int start = nice_of_this_thread();
  ArticleAnalyzer analyzer(testing::ShippedGazetteer());
  std::mutex mu;
  std::vector<int> worker_nice;
  int consumer_nice = -100;
  {
    AnalysisPipeline pipeline(
        analyzer, 2, 8, [&](AnalysisPipeline::Item&) { consumer_nice = nice_of_this_thread(); },
        [&](AnalysisPipeline::Item&) {
          std::lock_guard<std::mutex> lock(mu);
          worker_nice.push_back(nice_of_this_thread());
        });
    for (int i = 0; i < 20; ++i) pipeline.Push(Make(i));
    pipeline.Finish();
  }
  CHECK(consumer_nice == start);
  REQUIRE(worker_nice.size() == 20);
  for (int n : worker_nice) CHECK(n == std::min(19, start + AnalysisPipeline::kWorkerNice));
  CHECK(nice_of_this_thread() == start);  // the caller's thread is untouched
}
