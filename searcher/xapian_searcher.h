// SearchBackend over a Xapian database — one on local disk, or shards local
// and remote (see ShardSet) answering as one: search with the query
// language of QueryBuilder, filters and multi-select facet counts (a facet's
// own filter is left out of its counts, one extra counting pass per filtered
// facet), sorting by relevance, date or recency, exact totals, near-duplicate
// collapsing on the indexer's signature slot, date-sorted cursors, "more like
// this" by relevance-set expansion, suggestions and facet listings.
//
// Thread-safety: all public methods may be called concurrently. Xapian
// objects are not thread-safe, so each call borrows a handle (its own
// Xapian::Database) from a pool; handles reopen the database when the
// indexer has committed, so new articles appear without a restart, and a
// DatabaseModifiedError is answered by reopening and retrying. Over shards,
// a network error takes the shards that stopped answering out and the
// search is retried over the rest; its response then says `"partial": true`
// and names the `missing_shards`.
//
// Everything Xapian must run inside a remote shard is one of its built-in
// classes (ValueCountMatchSpy, ValueMapPostingSource, value sorts), because
// a stock xapian-tcpsrv can unserialise no other. Local databases count
// facets with a spy of ours, which reads one bundled value per match
// (SlotCounter); the counts are the same.
#pragma once

#include <xapian.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "schema/sample_bucket.h"
#include "searcher/facet_counts.h"
#include "searcher/query_builder.h"
#include "searcher/search_backend.h"
#include "searcher/shard_set.h"
#include "searcher/suggester.h"

namespace communique {

// How `sort=recent` blends relevance with age: a boost of
// top * kRecencyShare * 0.5^(age / kRecencyHalfLifeDays) is added to the
// BM25 score, where `top` is the best score the query reaches (BM25 has no
// fixed scale) and age is counted back from the newest article in the index
// (so an archive ranks the same whatever day it is searched). A story half
// as relevant as the best but from the newest day outranks the best from a
// year before.
constexpr double kRecencyShare = 1.0;
// A query written in a script only some of the index's languages use
// (Cyrillic, Arabic, Han, kana…) adds top * kReaderLanguageShare to the
// articles in those languages (ReaderLanguagesByScript): enough to put them
// ahead of a comparable match in another language, not ahead of a much
// better one.
constexpr double kReaderLanguageShare = 0.5;
constexpr double kRecencyHalfLifeDays = 365.0;

// How far facet counts and totals are exact. Exact counts visit every
// match, so their cost grows with the matches: at a million articles a
// common word matches hundreds of thousands.
struct CountOptions {
  // A query with at most this many matches is counted exactly. Beyond it,
  // facet counts (and totals Xapian cannot bound exactly) are estimated
  // from the matches in a hashed sample of the index (schema/sample_bucket.h)
  // holding at least this many of them, and the answer says
  // `"facets_exact": false`. 0: always exact.
  Xapian::doccount exact_up_to = 5000;
};

class XapianSearcher : public SearchBackend {
 public:
  // Opens `target`: a database, a directory of shards or a stub file (see
  // ResolveShards; `lexicon` overrides where spelling and synonyms come
  // from). `schema` and `gazetteer` must outlive the searcher. Fails (503)
  // when no shard can be opened, 400 on a malformed stub file.
  static Result<std::unique_ptr<XapianSearcher>> Open(const std::string& target,
                                                      const FieldSchema& schema,
                                                      const Gazetteer& gazetteer,
                                                      ShardOptions shard_options = {},
                                                      const std::string& lexicon = "",
                                                      CountOptions count_options = {});

  Result<SearchResult> Search(const SearchRequest& request) override;
  Result<nlohmann::json> Document(const std::string& id) override;
  Result<nlohmann::json> Health() override;
  Result<SearchResult> Similar(const std::string& id, const SearchRequest& request) override;
  Result<nlohmann::json> Suggest(const std::string& prefix, int size) override;
  Result<FacetListing> FacetValues(const std::string& field, const SearchRequest& request) override;

 private:
  struct Handle {
    ShardSet::View view;  // view.db: the shards that answered when it was made
    // Spelling and synonyms for the query parser when the shards cannot
    // give them (see ShardLayout::lexicon), and the folder it resolved to:
    // communique-index writes a new one and repoints the `lexicon` symlink.
    std::optional<Xapian::Database> lexicon;
    std::string lexicon_stamp;
    std::chrono::steady_clock::time_point last_used, last_reopen;
    Xapian::Database& db() { return view.db; }
    const Xapian::Database& words() const { return lexicon ? *lexicon : view.db; }
  };
  // Returns the handle to the pool when destroyed.
  class Lease {
   public:
    Lease(XapianSearcher& owner, std::unique_ptr<Handle> h) : owner_(owner), h_(std::move(h)) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Handle* operator->() { return h_.get(); }
    Handle& operator*() { return *h_; }
    // Drops the handle instead of returning it (its connections failed).
    void Discard() { h_.reset(); }
    // Replaces a discarded handle.
    void Reset(std::unique_ptr<Handle> h) { h_ = std::move(h); }

   private:
    XapianSearcher& owner_;
    std::unique_ptr<Handle> h_;
  };
  // A facet as counted: a schema field, or the derived dyad facet.
  struct Facet {
    std::string name;    // response key and filter name
    const Field* field;  // the field whose slot is read
    bool pairs = false;  // count pairs of the field's values (derived dyads)
  };

  XapianSearcher(std::unique_ptr<ShardSet> shards, const FieldSchema& schema,
                 const Gazetteer& gazetteer, CountOptions count_options);
  // A pooled handle still current (same shard generation, lexicon unchanged,
  // used recently enough that xapian-tcpsrv has not closed its connection),
  // else a new one.
  Result<std::unique_ptr<Handle>> Acquire();
  Result<std::unique_ptr<Handle>> NewHandle();
  bool Current(const Handle& h) const;
  // Runs fn(Handle&) with a handle, retrying after DatabaseModifiedError
  // and, over shards, after a shard stopped answering; maps Xapian errors
  // to Status.
  template <typename T, typename Fn>
  Result<T> WithDatabase(Fn&& fn);

  // A search runs in four steps, each in one place: Plan (what to match,
  // count and show, decided before Xapian runs), Match (the ranked pass),
  // CountFacets (exact, or sampled past exact_up_to) and the typed result
  // (Totals, Hits, Alternative), which the HTTP layer writes out.
  struct QueryPlan {
    Xapian::Query base;   // q parsed (or "more like this")
    Xapian::Query query;  // base with every filter and the recency boost
    // The same matches as base, as cheap to count as the index allows
    // (ParsedQuery::count_query); for the passes that only count.
    Xapian::Query count_base;
    Xapian::Query count_query;  // count_base with every filter
    // The filter query of each facet filtered on ("date" for from/to).
    std::map<std::string, Xapian::Query> filters;
    bool ranked = true;                     // q has words: snippets show matches, else the lead
    std::string suggestion, unquoted;       // other ways to write q (ParsedQuery)
    QueryConjunction conjunction;           // q's parts, for leaving some out
    std::vector<RoleExpansion> expansions;  // q's role phrases and their holders
    std::string cursor;                     // decoded sort key
    std::vector<Facet> facets;
    std::vector<const Facet*> main_facets, own_facets;  // point into facets
    bool collapse = false, counting = false, date_sorted = false;
    std::optional<Xapian::valueno> signature_slot;
    Xapian::doccount limit = 0, check = 0, offset = 0, want = 0;
    size_t facet_limit = 10;
    unsigned prefix_length = 6;
    // base with every filter but `except`'s: a facet counted with its own
    // filter off shows what ticking another value would add.
    Xapian::Query Filtered(const std::string& except) const;
    // count_base with every filter but `except`'s (its own facet's).
    Xapian::Query CountFiltered(const std::string& except) const;
  };
  // The ranked pass and what its spies counted.
  struct Matches {
    Xapian::MSet counted, shown;
    std::optional<Xapian::valueno> bundle;
    std::vector<Xapian::valueno> main_slots;
    bool count_signatures = false;
    std::unique_ptr<SlotCounter> main_counter;
    bool main_past_limit = false;              // past exact_up_to: main_counter not run
    std::optional<bool> bucketed;              // Bucketed(h), once looked up
    std::unique_ptr<SlotCounter> main_sample;  // past exact_up_to
    unsigned main_buckets = kSampleBuckets;
  };
  struct FacetTally {
    std::vector<FacetResult> facets;
    CountQuality quality;
  };
  // `base` replaces the parsed q when given (similar articles);
  // `only_facet` plans just that facet, every value (facet listings).
  Result<QueryPlan> Plan(Handle& h, const SearchRequest& request, std::optional<Xapian::Query> base,
                         const Facet* only_facet) const;
  void Configure(Xapian::Enquire& e, const Xapian::Query& q, const QueryPlan& plan) const;
  Matches Match(Handle& h, const QueryPlan& plan) const;
  FacetTally CountFacets(Handle& h, const QueryPlan& plan, Matches& m) const;
  void Totals(const QueryPlan& plan, const Matches& m, SearchResult& out) const;
  std::vector<SearchHit> Hits(Xapian::MSet& shown, const QueryPlan& plan, int size,
                              std::string& last_key) const;
  // How many articles the query `q` finds under the plan's filters;
  // nullopt when q is "" (no alternative) or does not parse.
  std::optional<QueryAlternative> Alternative(Handle& h, const QueryPlan& plan,
                                              const std::string& q) const;
  // When q found nothing: q without the parts that find nothing even on
  // their own (under the same filters), then, while that still finds
  // nothing, without the one part whose absence finds the most (or, when
  // none does, the part that finds fewest alone, and one more round);
  // nullopt when
  // q is not a conjunction of two or more text parts, or no such form
  // finds anything.
  std::optional<QueryAlternative> Relaxed(Handle& h, const QueryPlan& plan) const;
  Result<SearchResult> SearchIn(Handle& h, const SearchRequest& request,
                                std::optional<Xapian::Query> base = std::nullopt);
  Result<FacetListing> ListFacet(Handle& h, const SearchRequest& request, const Facet& facet);
  static FacetShape ShapeOf(const Facet& f);
  static std::string FilterOf(const Facet& f);
  // The filter query of each facet the request filters on ("date" for
  // from/to), so a facet's counts can leave its own out.
  std::map<std::string, Xapian::Query> Filters(const SearchRequest& request) const;
  // The slot of the facet bundle when SlotCounter may read it: the schema
  // has one, every document of `h` holds one and no shard is remote.
  std::optional<Xapian::valueno> BundleSlot(Handle& h) const;
  // Whether every document of `h` carries a sample-bucket term (an index
  // written before buckets existed, or partly re-indexed since, does not).
  bool Bucketed(Handle& h) const;
  // Counts `slots` over every match of `query` in sample buckets 0..n-1
  // (all of them when n is kSampleBuckets).
  std::unique_ptr<SlotCounter> CountBuckets(Handle& h, const Xapian::Query& query, unsigned n,
                                            const std::vector<Xapian::valueno>& slots,
                                            std::optional<Xapian::valueno> bundle) const;
  // Counts `slots` over the matches of `query` that fall in the first n
  // sample buckets, n the smallest power of two that holds about
  // exact_up_to matches (found from bucket 0 alone); all of them when not
  // `bucketed`. Returns the counter and n (kSampleBuckets: every match was
  // counted).
  std::pair<std::unique_ptr<SlotCounter>, unsigned> CountSample(
      Handle& h, const Xapian::Query& query, const std::vector<Xapian::valueno>& slots,
      std::optional<Xapian::valueno> bundle, bool bucketed) const;
  // Whether `query` looks to have more than `limit` matches before any is
  // counted: Xapian's lower bound says so, or its estimate does and the
  // index has sample buckets. Such a query is counted by CountSample, which
  // finds from bucket 0 how many buckets to count (all of them, an exact
  // count, for a query with fewer matches than the estimate said), so
  // counting its first `limit` matches as well would be wasted: half the
  // cost of a common word's search. One case answers differently from
  // counting first: fewer than `limit` matches, but twice its share of
  // them in bucket 0 (at 5,000, a chance of about 1 in 100,000) gives a
  // sample's estimate, flagged as one. `bucketed` caches Bucketed(h).
  bool LooksPastLimit(Handle& h, const Xapian::Query& query, Xapian::doccount limit,
                      std::optional<bool>& bucketed) const;
  // Every facet the schema declares, plus dyads derived from the country
  // list when the schema stores none.
  std::vector<Facet> Facets() const;
  // The facet called `name` (or one of its query names), pointing into
  // `storage`, which it fills; nullptr when there is none.
  const Facet* FindFacet(const std::string& name, std::vector<Facet>& storage) const;
  // A facet's counts as response buckets: labelled, sorted by count and cut
  // to `limit` (the date histogram stays complete, in date order).
  // Subject labels are looked up in `db` (SubjectLabel) only for the
  // buckets kept, so the subject facet sorts ties by code, not label.
  std::vector<FacetBucket> Buckets(const Facet& facet,
                                   const std::map<std::string, Xapian::doccount>& counts,
                                   size_t limit, Xapian::Database& db) const;
  // The label of a subject code: the name one of the first ten articles
  // holding it gave (its stored "subjects"), else the code. A name found is
  // cached for the searcher's life (names come from the feeds and rarely
  // change; a restart relabels); a code without one is looked at again once
  // more articles hold it. Thread-safe (labels_mu_); Xapian errors propagate.
  std::string SubjectLabel(Xapian::Database& db, const std::string& code) const;
  // Stored {"code","name"} subjects as {"value","label"} (label: the name,
  // else the code), the shape of every other labelled value.
  static std::vector<EntityRef> SubjectList(const nlohmann::json& stored);
  std::vector<EntityRef> EntityList(EntityKind kind, const nlohmann::json& ids) const;
  nlohmann::json EntityJson(EntityKind kind, const nlohmann::json& ids) const;

  std::unique_ptr<ShardSet> shards_;
  CountOptions count_options_;
  const FieldSchema& schema_;
  const Gazetteer& gazetteer_;
  QueryBuilder builder_;
  Suggester suggester_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Handle>> free_;  // guarded by mu_
  struct SubjectLabelEntry {
    std::string label;
    bool named = false;            // the label is a name: final
    Xapian::doccount holders = 0;  // else: how many articles held the code then
  };
  mutable std::mutex labels_mu_;
  mutable std::map<std::string, SubjectLabelEntry> subject_labels_;  // guarded by labels_mu_
};

}  // namespace communique
