#include "searcher/facet_counts.h"

#include <algorithm>
#include <vector>

#include "schema/value_list.h"

namespace communique {

void FoldFacetValue(const std::string& value, Xapian::doccount count, FacetShape shape,
                    unsigned prefix_len, FacetCounts& counts) {
  if (value.empty() || count == 0) return;
  switch (shape) {
    case FacetShape::kSingle:
      counts[value] += count;
      return;
    case FacetShape::kPrefix:
      counts[value.substr(0, prefix_len)] += count;
      return;
    case FacetShape::kPacked:
    case FacetShape::kPairs:
      break;
  }
  // Sorted and de-duplicated first, so a list naming a country twice counts
  // it once and each pair comes out as "A-B" with A < B whatever order the
  // indexer stored the list in.
  std::vector<std::string> items = UnpackValueList(value);
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  if (shape == FacetShape::kPacked) {
    for (const std::string& item : items) counts[item] += count;
    return;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = i + 1; j < items.size(); ++j) counts[items[i] + "-" + items[j]] += count;
  }
}

FacetCounts FoldFacetCounts(const Xapian::ValueCountMatchSpy& spy, FacetShape shape,
                            unsigned prefix_len) {
  FacetCounts counts;
  for (Xapian::TermIterator v = spy.values_begin(); v != spy.values_end(); ++v)
    FoldFacetValue(*v, v.get_termfreq(), shape, prefix_len, counts);
  return counts;
}

}  // namespace communique
