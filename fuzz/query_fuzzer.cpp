// Fuzz target: query parameters through validation and execution against
// a small real index (the sample corpus, built once at start-up).
//
// Input: lines "key=value" (the first line without "=" is taken as q), so
// the fuzzer reaches filters, dates, paging and sorting as well as the query
// language. Promises checked: every input gives a result or a 400 (never a
// 5xx, crash or sanitizer report), and each search finishes within a second
// (libFuzzer's -timeout catches hangs).
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "analysis/article_analyzer.h"
#include "fuzz/fuzz_support.h"
#include "indexer/index_writer.h"
#include "indexer/readers/article_reader.h"
#include "searcher/search_json.h"
#include "searcher/search_request.h"
#include "searcher/xapian_searcher.h"

using namespace communique;

namespace {

// Builds the sample corpus's index in a fresh temporary folder.
std::string BuildIndex() {
  std::string dir =
      (std::filesystem::temp_directory_path() / ("communique-fuzz-" + std::to_string(::getpid())))
          .string();
  std::filesystem::remove_all(dir);
  auto writer = IndexWriter::Open(dir, fuzz::Schema(), fuzz::Places());
  fuzz::Require(writer.ok(), "index opens");
  ArticleAnalyzer analyzer(fuzz::Places());
  ReadFile(std::string(COMMUNIQUE_SOURCE_DIR) + "/scripts/sample/articles.jsonl",
           InputFormat::kJsonLines, [&](Result<Article> a) {
             if (!a.ok()) return;
             auto analysed = analyzer.Analyze(a.value());
             if (analysed.ok()) (void)writer.value()->Add(analysed.value());
           });
  fuzz::Require(writer.value()->Commit().ok(), "index commits");
  return dir;
}

XapianSearcher& Searcher() {
  static const std::string dir = BuildIndex();
  static std::unique_ptr<XapianSearcher> searcher = [] {
    auto s = XapianSearcher::Open(dir, fuzz::Schema(), fuzz::Places());
    fuzz::Require(s.ok(), "searcher opens");
    return std::move(s.value());
  }();
  return *searcher;
}

}  // namespace

// Builds the index before the first input, so -timeout measures searches
// only (the build takes seconds under the sanitizers).
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Searcher();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::multimap<std::string, std::string> params;
  size_t start = 0;
  bool first = true;
  while (start <= input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string::npos) end = input.size();
    std::string line = input.substr(start, end - start);
    size_t eq = line.find('=');
    if (first && eq == std::string::npos)
      params.emplace("q", line);
    else if (eq != std::string::npos)
      params.emplace(line.substr(0, eq), line.substr(eq + 1));
    first = false;
    start = end + 1;
  }
  auto request = ParseSearchRequest(params, fuzz::Schema());
  if (!request.ok()) {
    fuzz::Require(request.status().code == 400, "invalid parameters are a 400");
    return 0;
  }
  auto result = Searcher().Search(request.value());
  if (!result.ok()) {
    fuzz::Require(result.status().code == 400, "a search fails only with 400, got " +
                                                   std::to_string(result.status().code) + ": " +
                                                   result.status().message);
    return 0;
  }
  fuzz::Require(ToJson(result.value()).contains("hits"), "a result writes out with its hits");
  return 0;
}
