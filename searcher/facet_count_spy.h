// Counts facet values over every document a query matches.
//
// One Xapian::MatchSpy serves all facet shapes: a plain value slot (source),
// a packed list of values (countries; see schema/value_list.h), a prefix
// of a value (the month "YYYYMM" of a "YYYYMMDD" date, for histograms), or
// the unordered pairs of a packed list ("PK-RU": the dyads of the countries). It
// serialises itself and its results, so it also works when the database is
// a set of shards or remote databases (Xapian merges per-shard results).
//
// Thread-safety: like every Xapian object, one instance per thread.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace communique {

class FacetCountSpy : public Xapian::MatchSpy {
 public:
  enum class Shape { kSingle = 0, kPacked = 1, kPrefix = 2, kPairs = 3 };

  // `prefix_len` is used by kPrefix only: the number of leading bytes of the
  // value that form the bucket (4 = year, 6 = month, 8 = day for YYYYMMDD).
  FacetCountSpy(Xapian::valueno slot, Shape shape, unsigned prefix_len = 0);

  void operator()(const Xapian::Document& doc, double wt) override;

  // Counts per value, and the number of documents seen.
  const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }
  Xapian::doccount documents_seen() const { return seen_; }

  // Xapian's MatchSpy interface requires these to return heap objects it
  // takes ownership of; they are the only raw allocations in the searcher.
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string serialise() const override;
  Xapian::MatchSpy* unserialise(const std::string& serialised,
                                const Xapian::Registry& context) const override;
  std::string serialise_results() const override;
  void merge_results(const std::string& serialised) override;
  std::string get_description() const override;

 private:
  Xapian::valueno slot_;
  Shape shape_;
  unsigned prefix_len_;
  Xapian::doccount seen_ = 0;
  std::map<std::string, Xapian::doccount> counts_;
};

}  // namespace communique
