// Parsing whole numbers from untrusted text (flags, query parameters).
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace communique {

// Parses `text` as a decimal integer in [lo, hi]. Anything else (signs,
// spaces, overflow, trailing junk) is a 400 "NAME must be a number from LO
// to HI", so every caller reports the same way.
inline Result<long> ParseNumber(std::string_view name, std::string_view text, long lo, long hi) {
  long n = 0;
  bool ok = !text.empty() && text.size() <= 12;
  for (char c : text) {
    if (!ok || c < '0' || c > '9') {
      ok = false;
      break;
    }
    n = n * 10 + (c - '0');
  }
  if (!ok || n < lo || n > hi) {
    return Status::BadRequest(std::string(name) + " must be a number from " + std::to_string(lo) +
                              " to " + std::to_string(hi));
  }
  return n;
}

}  // namespace communique
