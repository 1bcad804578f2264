// An article as read from a file, before analysis.
#pragma once

#include <cstddef>
#include <string>

namespace communique {

// Fields are as found in the input (entities undecoded, markup possibly
// present); only `body` is required. `origin` is "path:line" (or "path" for
// whole-file formats) and prefixes every message about this record.
struct Article {
  std::string id;
  std::string url;
  std::string title;
  std::string body;
  std::string date;  // as written; parsed by the analyzer
  std::string source;
  std::string language;
  std::string dateline;  // as written, when the format carries one
  std::string origin;
  size_t input_bytes = 0;  // bytes of input this record took (for progress)
};

}  // namespace communique
