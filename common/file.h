// Reading a whole data file (schema, gazetteer, vocabularies) into memory.
//
// Thread-safety: a free function with no shared state; call it from any
// thread.
#pragma once

#include <fstream>
#include <ios>
#include <iterator>
#include <string>
#include <string_view>

#include "common/status.h"

namespace communique {

// The bytes of the file at `path`, unchanged (binary: no line-ending
// translation). A file that cannot be opened is a NotFound error naming the
// path and `what` the caller wanted from it ("gazetteer", "event
// vocabulary"), so the message says which of the project's files is missing.
inline Result<std::string> ReadWholeFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open " + std::string(what));
  // libstdc++'s filebuf throws on a read error (a folder opens, then
  // fails with EISDIR), rather than setting badbit.
  try {
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  } catch (const std::ios_base::failure&) {
    return Status::NotFound(path + ": cannot read " + std::string(what));
  }
}

}  // namespace communique
