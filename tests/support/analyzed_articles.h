// Analysed articles for writer tests: the shipped schema and gazetteer, and
// an analyser that turns (id, body) into what IndexWriter takes.
//
// Thread-safety: one instance per test.
#pragma once

#include <string>

#include "analysis/article_analyzer.h"
#include "tests/support/test_support.h"

namespace communique::testing {

struct AnalyzedArticles {
  const FieldSchema& schema = ShippedSchema();
  const Gazetteer& gazetteer = ShippedGazetteer();
  ArticleAnalyzer analyzer{gazetteer};
  // An article dated 2021-09-14 with this id and body, analysed.
  AnalyzedArticle Make(const std::string& id, const std::string& body) {
    Article a;
    a.id = id;
    a.body = body;
    a.date = "2021-09-14";
    a.origin = "test";
    return analyzer.Analyze(a).value();
  }
};

}  // namespace communique::testing
