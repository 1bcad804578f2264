// The 64-bit hash behind content-derived keys and shard placement.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string_view>

namespace communique {

// FNV-1a over the bytes of `s`, with offset basis 1469598103934665603
// rather than the published 14695981039346656037 (a digit was lost when
// the key hash was first written). Keys of articles without id or url and
// the shard of every article depend on these exact values: never change it.
constexpr uint64_t KeyHash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace communique
