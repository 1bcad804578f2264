#include "analysis/content_signature.h"

#include <cstdint>
#include <cstdio>
#include <limits>

namespace communique {
namespace {

// FNV-1a, then a 64-bit finaliser (splitmix) so that the minimum is taken
// over well-mixed bits.
uint64_t Mix(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

}  // namespace

std::string ContentSignature(const std::vector<std::string>& words) {
  std::vector<const std::string*> kept;
  kept.reserve(words.size());
  for (const std::string& w : words) {
    if (!w.empty()) kept.push_back(&w);
  }
  if (kept.size() < kShingleWords) return "";
  uint64_t lowest = std::numeric_limits<uint64_t>::max(), second = lowest;
  for (size_t i = 0; i + kShingleWords <= kept.size(); ++i) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t j = 0; j < kShingleWords; ++j) {
      for (unsigned char c : *kept[i + j]) h = (h ^ c) * 0x100000001b3ULL;
      h = (h ^ ' ') * 0x100000001b3ULL;  // word boundary
    }
    h = Mix(h);
    if (h < lowest) {
      second = lowest;
      lowest = h;
    } else if (h < second && h != lowest) {
      second = h;
    }
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(Mix(lowest ^ Mix(second))));
  return buf;
}

}  // namespace communique
