#include "schema/value_list.h"

namespace communique {

std::string PackValueList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    size_t len = item.size() > 255 ? 255 : item.size();
    out.push_back(static_cast<char>(len));
    out.append(item, 0, len);
  }
  return out;
}

std::vector<std::string> UnpackValueList(std::string_view packed) {
  std::vector<std::string> out;
  ForEachPackedValue(packed, [&](std::string_view v) { out.emplace_back(v); });
  return out;
}

std::string PackSlotBundle(const std::vector<std::pair<unsigned, std::string>>& values) {
  std::string out(1, kSlotBundleVersion);
  for (const auto& [slot, value] : values) {
    if (value.empty() || slot > 255) continue;
    out.push_back(static_cast<char>(slot));
    size_t len = value.size();
    do {
      unsigned char b = len & 0x7f;
      len >>= 7;
      out.push_back(static_cast<char>(len ? b | 0x80 : b));
    } while (len);
    out += value;
  }
  return out;
}

}  // namespace communique
