// Collects what a reader hands its sink, for the reader tests.
#pragma once

#include <string>
#include <vector>

#include "indexer/readers/article_reader.h"

namespace communique::testing {

struct Collected {
  std::vector<Article> articles;
  std::vector<std::string> errors;
  ArticleSink Sink() {
    return [this](Result<Article> r) {
      if (r.ok())
        articles.push_back(r.value());
      else
        errors.push_back(r.status().message);
    };
  }
};

}  // namespace communique::testing
