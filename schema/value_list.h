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
#include <utility>
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

// A slot bundle: the values of several slots of one document in one value,
// so a counter reads one value per matching document instead of one per
// facet (reading values is what exact facet counts spend their time on).
// Format: a version byte (kSlotBundleVersion), then per slot its number (one
// byte), its length (LEB128) and its bytes. A document whose slots are all
// empty still gets the version byte, so "every document has a bundle" tells
// an index built with bundles from an older one.
constexpr char kSlotBundleVersion = 1;

// `values`: (slot, value) pairs, slots below 256, empty values skipped.
std::string PackSlotBundle(const std::vector<std::pair<unsigned, std::string>>& values);

// Calls `fn(unsigned slot, std::string_view value)` for each bundled value.
// Returns false, after the values before it, at a wrong version byte or a
// truncated entry.
template <typename Fn>
bool ForEachBundledValue(std::string_view bundle, Fn&& fn) {
  if (bundle.empty() || bundle[0] != kSlotBundleVersion) return false;
  size_t i = 1;
  while (i < bundle.size()) {
    unsigned slot = static_cast<unsigned char>(bundle[i++]);
    size_t len = 0;
    for (unsigned shift = 0;; shift += 7) {
      if (i >= bundle.size() || shift > 28) return false;
      unsigned char b = static_cast<unsigned char>(bundle[i++]);
      len |= static_cast<size_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    if (len > bundle.size() - i) return false;
    fn(slot, bundle.substr(i, len));
    i += len;
  }
  return true;
}

}  // namespace communique
