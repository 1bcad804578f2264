#include "searcher/facet_count_spy.h"

#include <algorithm>
#include <vector>

#include "schema/value_list.h"

namespace communique {

FacetCountSpy::FacetCountSpy(Xapian::valueno slot, Shape shape, unsigned prefix_len)
    : slot_(slot), shape_(shape), prefix_len_(prefix_len) {}

void FacetCountSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  std::string value = doc.get_value(slot_);
  if (value.empty()) return;
  switch (shape_) {
    case Shape::kSingle:
      ++counts_[value];
      break;
    case Shape::kPacked:
      ForEachPackedValue(value, [&](std::string_view v) { ++counts_[std::string(v)]; });
      break;
    case Shape::kPrefix:
      ++counts_[value.substr(0, prefix_len_)];
      break;
    case Shape::kPairs: {
      // Sorted and de-duplicated first, so each pair is counted once, as
      // "A-B" with A < B whatever order the indexer stored them in.
      std::vector<std::string> items = UnpackValueList(value);
      std::sort(items.begin(), items.end());
      items.erase(std::unique(items.begin(), items.end()), items.end());
      for (size_t i = 0; i < items.size(); ++i) {
        for (size_t j = i + 1; j < items.size(); ++j) ++counts_[items[i] + "-" + items[j]];
      }
      break;
    }
  }
}

Xapian::MatchSpy* FacetCountSpy::clone() const {
  return new FacetCountSpy(slot_, shape_, prefix_len_);
}

std::string FacetCountSpy::name() const { return "communique.FacetCountSpy"; }

std::string FacetCountSpy::serialise() const {
  return PackValueList({std::to_string(slot_), std::to_string(static_cast<int>(shape_)),
                        std::to_string(prefix_len_)});
}

Xapian::MatchSpy* FacetCountSpy::unserialise(const std::string& serialised,
                                             const Xapian::Registry&) const {
  std::vector<std::string> parts = UnpackValueList(serialised);
  if (parts.size() != 3) throw Xapian::NetworkError("bad FacetCountSpy serialisation");
  int shape = std::stoi(parts[1]);
  if (shape < 0 || shape > 3) throw Xapian::NetworkError("bad FacetCountSpy shape");
  return new FacetCountSpy(static_cast<Xapian::valueno>(std::stoul(parts[0])),
                           static_cast<Shape>(shape), static_cast<unsigned>(std::stoul(parts[2])));
}

std::string FacetCountSpy::serialise_results() const {
  std::vector<std::string> items{std::to_string(seen_)};
  for (const auto& [value, count] : counts_) {
    items.push_back(value);
    items.push_back(std::to_string(count));
  }
  return PackValueList(items);
}

void FacetCountSpy::merge_results(const std::string& serialised) {
  std::vector<std::string> items = UnpackValueList(serialised);
  if (items.empty()) return;
  seen_ += static_cast<Xapian::doccount>(std::stoul(items[0]));
  for (size_t i = 1; i + 1 < items.size(); i += 2) {
    counts_[items[i]] += static_cast<Xapian::doccount>(std::stoul(items[i + 1]));
  }
}

std::string FacetCountSpy::get_description() const {
  return "FacetCountSpy(slot " + std::to_string(slot_) + ", " + std::to_string(counts_.size()) +
         " values)";
}

}  // namespace communique
