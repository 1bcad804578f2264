// Fuzz target: the JSON-lines, text, HTML, feed (RSS/Atom), ninjs and
// NewsML-G2 readers and the format sniffer, then analysis and the Xapian
// document layout, over arbitrary bytes.
//
// The first byte picks the reader (7: sniff, as ReadFile does for kAuto);
// the rest is the file. Promises checked:
// no crash, leak or undefined behaviour (ASan/UBSan), and every rejected
// record is reported as "path:line: reason".
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "analysis/article_analyzer.h"
#include "fuzz/fuzz_support.h"
#include "indexer/index_writer.h"
#include "indexer/readers/article_reader.h"
#include "indexer/readers/feed_reader.h"
#include "indexer/readers/newsml_g2_reader.h"
#include "indexer/readers/ninjs_reader.h"

using namespace communique;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const ArticleAnalyzer analyzer(fuzz::Places());
  static const DocumentBuilder builder(fuzz::Schema(), fuzz::Places());
  const std::string path = "in";
  std::string content(reinterpret_cast<const char*>(data) + 1, size - 1);

  ArticleSink sink = [&](Result<Article> record) {
    if (!record.ok()) {
      const std::string& m = record.status().message;
      fuzz::Require(m.rfind(path + ":", 0) == 0, "reader error names path:line: " + m);
      return;
    }
    fuzz::Require(record.value().origin.rfind(path + ":", 0) == 0, "origin is path:line");
    auto analysed = analyzer.Analyze(record.value());
    if (!analysed.ok()) {
      fuzz::Require(analysed.status().message.rfind(path + ":", 0) == 0,
                    "analyser error names path:line: " + analysed.status().message);
      return;
    }
    Xapian::Document doc = builder.Build(analysed.value());
    // Xapian refuses terms over 245 bytes at commit time; the builder must
    // never produce one.
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      fuzz::Require((*t).size() <= 245, "term within Xapian's limit");
  };
  switch (data[0] % 7) {
    case 0: {
      std::istringstream in(content);
      ReadJsonLines(in, path, sink);
      break;
    }
    case 1:
      ReadTextArticle(content, path, sink);
      break;
    case 2:
      ReadHtmlArticle(content, path, sink);
      break;
    case 3:
      ReadFeed(content, path, sink);
      break;
    case 4:
      ReadNinjs(content, path, sink);
      break;
    case 5:
      ReadNewsMlG2(content, path, sink);
      break;
    default:
      ReadContent(content, path, InputFormat::kAuto, sink);
  }
  return 0;
}
