// Facet counts from Xapian's own ValueCountMatchSpy.
//
// Only match spies that xapian-tcpsrv knows can run on remote shards, and a
// stock server knows Xapian's built-in classes alone. So every facet is
// counted by a ValueCountMatchSpy on its slot — per distinct stored value —
// and folded here into the counts a facet shows: a packed country list
// ("AF PK RU", see schema/value_list.h) adds its count to each country, a
// "YYYYMMDD" date to its month or year, a list's unordered pairs to each
// dyad. Folding per distinct value is exact, because each document adds 1
// to exactly one stored value, and cheap, because distinct values are far
// fewer than matching documents.
//
// Thread-safety: pure functions.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace communique {

enum class FacetShape {
  kSingle,  // one value per document (source)
  kPacked,  // a packed list of values per document (countries)
  kPrefix,  // the first `prefix_len` bytes of the value (date histograms)
  kPairs,   // every unordered pair of a packed list, as "A-B" with A < B
};

using FacetCounts = std::map<std::string, Xapian::doccount>;

// Adds `count` documents holding stored value `value` to `counts`, as the
// facet of shape `shape` shows them. A list that repeats an item counts it
// once per document.
void FoldFacetValue(const std::string& value, Xapian::doccount count, FacetShape shape,
                    unsigned prefix_len, FacetCounts& counts);

// The facet counts of everything `spy` saw (after Enquire::get_mset, which
// also merges the spies of remote shards).
FacetCounts FoldFacetCounts(const Xapian::ValueCountMatchSpy& spy, FacetShape shape,
                            unsigned prefix_len = 0);

}  // namespace communique
