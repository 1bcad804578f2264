// The value of the `sort_key` slot: what orders articles the same way
// whether the index is one database or many shards.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace communique {

// The sort key of an article: its publication date as "YYYYMMDD" (or
// "00000000" when unknown, so undated articles sort last when newest come
// first) followed by its unique key. Docids cannot serve as a tie-break:
// Xapian interleaves them across shards, so the same article has different
// docids in different layouts; the key is the same everywhere.
std::string SortKeyValue(std::string_view compact_date, std::string_view key);

}  // namespace communique
