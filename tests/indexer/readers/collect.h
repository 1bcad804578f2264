// Collects what a reader hands its sink, for the reader tests.
#pragma once

#include <fstream>
#include <sstream>
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

// An article's subjects as "code=name" ("medtop:11000000=politics"), so a
// test compares them in one CHECK.
inline std::vector<std::string> SubjectList(const Article& a) {
  std::vector<std::string> out;
  for (const Subject& s : a.subjects) out.push_back(s.code + "=" + s.name);
  return out;
}

// The text of scripts/sample-feeds/`name` (the team's sample feeds, in the
// repository, so never absent); "" when it cannot be read, which the
// caller's REQUIRE on its articles then reports.
inline std::string SampleFeed(const std::string& name) {
  std::ifstream in(std::string(COMMUNIQUE_SOURCE_DIR) + "/scripts/sample-feeds/" + name,
                   std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace communique::testing
