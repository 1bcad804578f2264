// An article as read from a file, before analysis.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace communique {

// A subject the input assigns: a code (an IPTC qcode "medtop:11000000", a
// category term, a literal) and its name as the input gives it ("" when it
// gives none: the code is shown instead).
struct Subject {
  std::string code;
  std::string name;
};

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
  // Bylines as written, one name each, in input order (readers drop blanks
  // and repeats: AddAuthor in indexer/readers/reader_fields.h).
  std::vector<std::string> authors;
  std::vector<Subject> subjects;  // distinct codes, input order
  std::string origin;
  size_t input_bytes = 0;  // bytes of input this record took (for progress)
};

}  // namespace communique
