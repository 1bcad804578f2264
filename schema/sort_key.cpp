#include "schema/sort_key.h"

namespace communique {

std::string SortKeyValue(std::string_view compact_date, std::string_view key) {
  std::string out(compact_date.size() == 8 ? compact_date : std::string_view("00000000"));
  out.append(key);
  return out;
}

}  // namespace communique
