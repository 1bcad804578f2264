// Facet counts: per distinct stored value of a slot (SlotCounter), folded
// here into the counts a facet shows: a packed country list
// ("AF PK RU", see schema/value_list.h) adds its count to each country, a
// "YYYYMMDD" date to its month or year, a list's unordered pairs to each
// dyad. Folding per distinct value is exact, because each document adds 1
// to exactly one stored value, and cheap, because distinct values are far
// fewer than matching documents.
//
// Thread-safety: the functions are pure; see SlotCounter for its own.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// How many matching documents hold each distinct stored value of a slot.
//
// A flat table rather than a map of strings: most stored values are packed
// lists (a country list, a leader list) that nearly every document has its
// own of, so a query with 5,000 matches meets thousands of distinct values
// per slot. Keys live in one buffer and counts in one array: counting,
// copying and freeing cost a few allocations per slot, not several per
// value (which made freeing the maps alone 7% of a common word's search).
//
// Thread-safety: none; one per slot of one query.
class DistinctValueCounts {
 public:
  // (value, count) in first-counted order; `value` is valid while the
  // table is unchanged.
  using Item = std::pair<std::string_view, Xapian::doccount>;

  // Adds `n` documents to `value`'s count (0 just adds the value), and
  // returns the value's index for AddAt.
  size_t Add(std::string_view value, Xapian::doccount n = 1);
  // Adds `n` to the count of the value at `index` (as returned by Add).
  void AddAt(size_t index, Xapian::doccount n = 1) { entries_[index].count += n; }
  // The value at `index`.
  std::string_view ValueAt(size_t index) const {
    return std::string_view(bytes_).substr(entries_[index].offset, entries_[index].length);
  }

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  class const_iterator {
   public:
    const_iterator(const DistinctValueCounts* table, size_t i) : table_(table), i_(i) {}
    Item operator*() const { return {table_->ValueAt(i_), table_->entries_[i_].count}; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    const DistinctValueCounts* table_;
    size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, entries_.size()}; }

  // The same values with the same counts, in any order.
  bool operator==(const DistinctValueCounts& other) const;

 private:
  struct Entry {
    size_t offset;
    size_t length;
    size_t hash;
    Xapian::doccount count;
  };
  void Grow();
  std::string bytes_;            // every value, one after another
  std::vector<Entry> entries_;   // in first-counted order
  std::vector<uint32_t> table_;  // open addressing: entry index + 1, 0 free
};

// The facet counts of a slot's distinct values (as SlotCounter gives them).
FacetCounts FoldFacetCounts(const DistinctValueCounts& distinct, FacetShape shape,
                            unsigned prefix_len = 0);

// Counts, for each of a set of value slots, the matching documents holding
// each distinct stored value: the input of FoldFacetCounts.
//
// Two ways, same counts. Over a database with every document's slot bundle
// (schema field `facet_bundle`) and no remote shard, one MatchSpy of ours
// reads that one value per document. Otherwise, one ValueCountMatchSpy per
// slot, which remote shards can run (a stock xapian-tcpsrv unserialises
// only Xapian's own spies) but which reads one value per slot per document:
// at 100,000 articles, 10 slots made the median faceted query 5x the cost of
// the match itself.
//
// Thread-safety: one per query, used by one thread.
class SlotCounter {
 public:
  // `bundle_slot`: the slot holding each document's bundle, when every
  // document has one and every shard is local; nullopt otherwise.
  SlotCounter(std::vector<Xapian::valueno> slots, std::optional<Xapian::valueno> bundle_slot);
  ~SlotCounter();
  SlotCounter(const SlotCounter&) = delete;
  SlotCounter& operator=(const SlotCounter&) = delete;

  // Adds the spies to `enquire`; they count during its next get_mset(),
  // which must examine every match for the counts to be exact.
  void Attach(Xapian::Enquire& enquire);

  // The distinct values of `slot` seen (empty for a slot not asked for).
  DistinctValueCounts Of(Xapian::valueno slot) const;

  // Documents seen.
  Xapian::doccount total() const;

 private:
  class BundleSpy;
  std::vector<Xapian::valueno> slots_;
  std::unique_ptr<BundleSpy> bundle_spy_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> slot_spies_;  // parallel to slots_
};

}  // namespace communique
