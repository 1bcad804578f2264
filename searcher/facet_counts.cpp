#include "searcher/facet_counts.h"

#include <algorithm>
#include <array>
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

FacetCounts FoldFacetCounts(const DistinctValueCounts& distinct, FacetShape shape,
                            unsigned prefix_len) {
  FacetCounts counts;
  for (const auto& [value, count] : distinct)
    FoldFacetValue(value, count, shape, prefix_len, counts);
  return counts;
}

// Local only: it has no serialise(), so Xapian refuses to send it to a
// remote shard rather than count wrongly.
class SlotCounter::BundleSpy : public Xapian::MatchSpy {
 public:
  BundleSpy(Xapian::valueno bundle_slot, const std::vector<Xapian::valueno>& slots)
      : bundle_slot_(bundle_slot), counts_(slots.size()), last_(slots.size()) {
    index_.fill(-1);
    for (size_t i = 0; i < slots.size(); ++i) {
      if (slots[i] < index_.size()) index_[slots[i]] = static_cast<int>(i);
    }
  }

  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    const std::string bundle = doc.get_value(bundle_slot_);
    ForEachBundledValue(bundle, [&](unsigned slot, std::string_view value) {
      int i = slot < index_.size() ? index_[slot] : -1;
      if (i < 0) return;
      // Neighbouring documents often share a value (source, language, a
      // day's date): the last one counted skips the hash lookup.
      Last& last = last_[static_cast<size_t>(i)];
      if (last.count && last.value == value) {
        ++*last.count;
        return;
      }
      key_.assign(value.data(), value.size());  // reuses its buffer: no allocation per lookup
      DistinctValueCounts& c = counts_[static_cast<size_t>(i)];
      auto it = c.find(key_);
      if (it == c.end()) it = c.emplace(key_, 0).first;
      ++it->second;
      // Elements of an unordered_map stay put when it rehashes.
      last = {it->first, &it->second};
    });
  }

  std::string name() const override { return "communique.SlotBundleSpy"; }

  const DistinctValueCounts& counts(size_t i) const { return counts_[i]; }
  Xapian::doccount total() const { return total_; }

 private:
  Xapian::valueno bundle_slot_;
  std::array<int, 256> index_;  // slot -> position in counts_, or -1
  std::vector<DistinctValueCounts> counts_;
  struct Last {
    std::string_view value;             // a key of counts_[i]
    Xapian::doccount* count = nullptr;  // its count
  };
  std::vector<Last> last_;  // parallel to counts_
  std::string key_;
  Xapian::doccount total_ = 0;
};

SlotCounter::SlotCounter(std::vector<Xapian::valueno> slots,
                         std::optional<Xapian::valueno> bundle_slot)
    : slots_(std::move(slots)) {
  if (bundle_slot) {
    bundle_spy_ = std::make_unique<BundleSpy>(*bundle_slot, slots_);
  } else {
    for (Xapian::valueno slot : slots_)
      slot_spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
  }
}

SlotCounter::~SlotCounter() = default;

void SlotCounter::Attach(Xapian::Enquire& enquire) {
  if (bundle_spy_) enquire.add_matchspy(bundle_spy_.get());
  for (auto& spy : slot_spies_) enquire.add_matchspy(spy.get());
}

DistinctValueCounts SlotCounter::Of(Xapian::valueno slot) const {
  auto at = std::find(slots_.begin(), slots_.end(), slot);
  if (at == slots_.end()) return {};
  size_t i = static_cast<size_t>(at - slots_.begin());
  if (bundle_spy_) return bundle_spy_->counts(i);
  DistinctValueCounts out;
  for (Xapian::TermIterator v = slot_spies_[i]->values_begin(); v != slot_spies_[i]->values_end();
       ++v)
    out.emplace(*v, v.get_termfreq());
  return out;
}

Xapian::doccount SlotCounter::total() const {
  if (bundle_spy_) return static_cast<Xapian::doccount>(bundle_spy_->total());
  return slot_spies_.empty() ? 0 : static_cast<Xapian::doccount>(slot_spies_.front()->get_total());
}

}  // namespace communique
