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

}  // namespace communique
