// Packs several facet values into one Xapian value slot and back.
//
// Xapian stores one string per slot; multi-valued facets (a story mentions
// several countries) need a list. Each item is written as a length byte
// (items are clipped to 255 bytes) followed by its bytes, so items may hold
// any byte, and decoding a corrupt slot never reads out of bounds.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace communique {

std::string PackValueList(const std::vector<std::string>& items);

// Calls `fn(std::string_view item)` for each item; stops at a truncated item.
template <typename Fn>
void ForEachPackedValue(std::string_view packed, Fn&& fn) {
  size_t i = 0;
  while (i < packed.size()) {
    size_t len = static_cast<unsigned char>(packed[i++]);
    if (len > packed.size() - i) return;
    fn(packed.substr(i, len));
    i += len;
  }
}

std::vector<std::string> UnpackValueList(std::string_view packed);

}  // namespace communique
