#include "searcher/facet_counts.h"

#include <algorithm>
#include <array>
#include <functional>
#include <vector>

#include "schema/value_list.h"

namespace communique {

namespace {

// The fold of one stored value, by shape, into `counts`.
void FoldValue(std::string_view value, Xapian::doccount count, FacetShape shape,
               unsigned prefix_len, FacetCounts& counts) {
  if (value.empty() || count == 0) return;
  switch (shape) {
    case FacetShape::kSingle:
      counts[std::string(value)] += count;
      return;
    case FacetShape::kPrefix:
      counts[std::string(value.substr(0, prefix_len))] += count;
      return;
    case FacetShape::kPacked:
    case FacetShape::kPairs:
      break;
  }
  // Sorted and de-duplicated first, so a list naming a country twice counts
  // it once and each pair comes out as "A-B" with A < B whatever order the
  // indexer stored the list in.
  std::vector<std::string_view> items;
  ForEachPackedValue(value, [&](std::string_view v) { items.push_back(v); });
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  if (shape == FacetShape::kPacked) {
    for (std::string_view item : items) counts[std::string(item)] += count;
    return;
  }
  std::string pair;
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = i + 1; j < items.size(); ++j) {
      pair.assign(items[i]).append("-").append(items[j]);
      counts[pair] += count;
    }
  }
}

}  // namespace

void FoldFacetValue(const std::string& value, Xapian::doccount count, FacetShape shape,
                    unsigned prefix_len, FacetCounts& counts) {
  FoldValue(value, count, shape, prefix_len, counts);
}

FacetCounts FoldFacetCounts(const DistinctValueCounts& distinct, FacetShape shape,
                            unsigned prefix_len) {
  FacetCounts counts;
  for (const auto& [value, count] : distinct) FoldValue(value, count, shape, prefix_len, counts);
  return counts;
}

size_t DistinctValueCounts::Add(std::string_view value, Xapian::doccount n) {
  if ((entries_.size() + 1) * 4 > table_.size() * 3) Grow();
  const size_t hash = std::hash<std::string_view>()(value);
  const size_t mask = table_.size() - 1;
  for (size_t at = hash & mask;; at = (at + 1) & mask) {
    uint32_t slot = table_[at];
    if (slot == 0) {
      table_[at] = static_cast<uint32_t>(entries_.size() + 1);
      entries_.push_back({bytes_.size(), value.size(), hash, n});
      bytes_.append(value);
      return entries_.size() - 1;
    }
    Entry& e = entries_[slot - 1];
    if (e.hash == hash && ValueAt(slot - 1) == value) {
      e.count += n;
      return slot - 1;
    }
  }
}

void DistinctValueCounts::Grow() {
  std::vector<uint32_t> table(std::max<size_t>(16, table_.size() * 2), 0);
  const size_t mask = table.size() - 1;
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t at = entries_[i].hash & mask;
    while (table[at] != 0) at = (at + 1) & mask;
    table[at] = static_cast<uint32_t>(i + 1);
  }
  table_ = std::move(table);
}

bool DistinctValueCounts::operator==(const DistinctValueCounts& other) const {
  if (size() != other.size()) return false;
  std::vector<Item> mine;
  std::vector<Item> theirs;
  for (Item item : *this) mine.push_back(item);
  for (Item item : other) theirs.push_back(item);
  std::sort(mine.begin(), mine.end());
  std::sort(theirs.begin(), theirs.end());
  return mine == theirs;
}

// Local only: it has no serialise(), so Xapian refuses to send it to a
// remote shard rather than count wrongly.
class SlotCounter::BundleSpy : public Xapian::MatchSpy {
 public:
  BundleSpy(Xapian::valueno bundle_slot, const std::vector<Xapian::valueno>& slots)
      : bundle_slot_(bundle_slot), counts_(slots.size()), last_(slots.size(), kNone) {
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
      size_t& last = last_[static_cast<size_t>(i)];
      DistinctValueCounts& c = counts_[static_cast<size_t>(i)];
      if (last != kNone && c.ValueAt(last) == value)
        c.AddAt(last);
      else
        last = c.Add(value);
    });
  }

  std::string name() const override { return "communique.SlotBundleSpy"; }

  const DistinctValueCounts& counts(size_t i) const { return counts_[i]; }
  Xapian::doccount total() const { return total_; }

 private:
  Xapian::valueno bundle_slot_;
  std::array<int, 256> index_;  // slot -> position in counts_, or -1
  std::vector<DistinctValueCounts> counts_;
  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> last_;  // parallel to counts_: index of the last value counted
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
    out.Add(*v, v.get_termfreq());
  return out;
}

Xapian::doccount SlotCounter::total() const {
  if (bundle_spy_) return static_cast<Xapian::doccount>(bundle_spy_->total());
  return slot_spies_.empty() ? 0 : static_cast<Xapian::doccount>(slot_spies_.front()->get_total());
}

}  // namespace communique
