#include "searcher/xapian_searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include "indexer/analysis/query_normalizer.h"
#include "indexer/article_analyzer.h"
#include "indexer/clean/html_text.h"
#include "searcher/facet_count_spy.h"

namespace communique {
namespace {

constexpr size_t kSnippetBytes = 320;
// Terms a "more like this" query is made of.
constexpr Xapian::termcount kSimilarTerms = 24;
// Values /api/facets/{field} lists at most.
constexpr size_t kMaxFacetValues = 10000;

// Highlight markers: private-use characters, which the indexer strips from
// article text, so they can only come from the snippet generator.
constexpr char kMarkStart[] = "\xEE\x80\x80";  // U+E000
constexpr char kMarkEnd[] = "\xEE\x80\x81";    // U+E001

// Turns Xapian's snippet output into safe HTML: whatever escaping the
// snippet writer did (Xapian < 1.4.32 escapes incompletely) is undone, the
// whole text is escaped again, and only then do the markers become <mark>.
std::string SafeHighlight(const std::string& snippet) {
  std::string html = EscapeHtml(UnescapeBasicHtml(snippet));
  std::string out;
  out.reserve(html.size() + 32);
  for (size_t i = 0; i < html.size();) {
    if (html.compare(i, 3, kMarkStart) == 0) {
      out += "<mark>";
      i += 3;
    } else if (html.compare(i, 3, kMarkEnd) == 0) {
      out += "</mark>";
      i += 3;
    } else {
      out.push_back(html[i++]);
    }
  }
  return out;
}

// "2021", "202109" or "20210914" as "2021", "2021-09" or "2021-09-14".
std::string DateLabel(const std::string& compact) {
  std::string out = compact.substr(0, 4);
  if (compact.size() >= 6) out += "-" + compact.substr(4, 2);
  if (compact.size() >= 8) out += "-" + compact.substr(6, 2);
  return out;
}

unsigned PrefixLength(SearchRequest::DateInterval interval) {
  switch (interval) {
    case SearchRequest::DateInterval::kDay:
      return 8;
    case SearchRequest::DateInterval::kYear:
      return 4;
    case SearchRequest::DateInterval::kMonth:
      break;
  }
  return 6;
}

// Days since 1970-01-01 of a "YYYYMMDD" value (H. Hinnant's
// days_from_civil); 0 for anything else.
long DayNumber(const std::string& v) {
  if (v.size() < 8) return 0;
  for (size_t i = 0; i < 8; ++i) {
    if (v[i] < '0' || v[i] > '9') return 0;
  }
  long y = std::stol(v.substr(0, 4)), m = std::stol(v.substr(4, 2)), d = std::stol(v.substr(6, 2));
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The total order of sort=date, and what a cursor holds: the date
// (YYYYMMDD, "00000000" when unknown) then the inverted docid, so that a
// reverse sort is newest first and, within a day, in indexing order.
std::string DateSortKey(const std::string& date, Xapian::docid id) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", 0xFFFFFFFFu - id);
  return (date.size() == 8 ? date : std::string("00000000")) + buf;
}

bool ValidCursor(const std::string& c) {
  if (c.size() != 16) return false;
  for (size_t i = 0; i < 16; ++i) {
    char ch = c[i];
    bool digit = ch >= '0' && ch <= '9';
    if (!(digit || (i >= 8 && ch >= 'a' && ch <= 'f'))) return false;
  }
  return true;
}

class DateSortKeyMaker : public Xapian::KeyMaker {
 public:
  explicit DateSortKeyMaker(Xapian::valueno slot) : slot_(slot) {}
  std::string operator()(const Xapian::Document& doc) const override {
    return DateSortKey(doc.get_value(slot_), doc.get_docid());
  }

 private:
  Xapian::valueno slot_;
};

// Keeps the documents that come after `cursor` in sort=date order.
class AfterCursor : public Xapian::MatchDecider {
 public:
  AfterCursor(Xapian::valueno slot, std::string cursor) : slot_(slot), cursor_(std::move(cursor)) {}
  bool operator()(const Xapian::Document& doc) const override {
    return DateSortKey(doc.get_value(slot_), doc.get_docid()) < cursor_;
  }

 private:
  Xapian::valueno slot_;
  std::string cursor_;
};

// The recency part of sort=recent (see kRecencyShare): a weight from the
// date slot, combined with the query by OP_AND_MAYBE so it only reorders.
class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(Xapian::valueno slot, long newest_day, double boost)
      : Xapian::ValuePostingSource(slot), newest_day_(newest_day), boost_(boost) {}
  void init(const Xapian::Database& db) override {
    Xapian::ValuePostingSource::init(db);
    set_maxweight(boost_);
  }
  double get_weight() const override {
    long age = std::max(0L, newest_day_ - DayNumber(get_value()));
    return boost_ * std::exp2(-static_cast<double>(age) / kRecencyHalfLifeDays);
  }
  // Xapian's API requires a heap copy it takes ownership of.
  RecencySource* clone() const override {
    return new RecencySource(get_slot(), newest_day_, boost_);
  }

 private:
  long newest_day_;
  double boost_;
};

// Terms worth building "more like this" from: plain words (three bytes or
// more, not numbers) and the entity terms of `prefixes`.
class SimilarTermDecider : public Xapian::ExpandDecider {
 public:
  explicit SimilarTermDecider(std::vector<std::string> prefixes) : prefixes_(std::move(prefixes)) {}
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    if (term[0] >= 'A' && term[0] <= 'Z') {
      for (const std::string& p : prefixes_) {
        if (term.size() > p.size() && term.compare(0, p.size(), p) == 0 &&
            !(term[p.size()] >= 'A' && term[p.size()] <= 'Z'))
          return true;
      }
      return false;
    }
    if (term.size() < 3) return false;
    return term.find_first_not_of("0123456789.,") != std::string::npos;
  }

 private:
  std::vector<std::string> prefixes_;
};

// The gazetteer a field's values come from, if any.
std::optional<EntityKind> KindOfField(const Field& field) {
  for (EntityKind k : {EntityKind::kCountry, EntityKind::kLeader, EntityKind::kOrganisation}) {
    if (FieldNameOf(k) == field.entity) return k;
  }
  return std::nullopt;
}

}  // namespace

XapianSearcher::Lease::~Lease() {
  if (!h_) return;
  std::lock_guard<std::mutex> lock(owner_.mu_);
  owner_.free_.push_back(std::move(h_));
}

XapianSearcher::XapianSearcher(std::string path, const FieldSchema& schema,
                               const Gazetteer& gazetteer)
    : path_(std::move(path)),
      schema_(schema),
      gazetteer_(gazetteer),
      builder_(schema, gazetteer),
      suggester_(schema, gazetteer) {}

Result<std::unique_ptr<XapianSearcher>> XapianSearcher::Open(const std::string& db_path,
                                                             const FieldSchema& schema,
                                                             const Gazetteer& gazetteer) {
  std::unique_ptr<XapianSearcher> s(
      new XapianSearcher(db_path, schema, gazetteer));  // private constructor
  auto h = s->Acquire();
  if (!h.ok()) return h.status();
  s->free_.push_back(std::move(h.value()));
  return s;
}

Result<std::unique_ptr<XapianSearcher::Handle>> XapianSearcher::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      std::unique_ptr<Handle> h = std::move(free_.back());
      free_.pop_back();
      return h;
    }
  }
  try {
    return std::make_unique<Handle>(Handle{Xapian::Database(path_)});
  } catch (const Xapian::Error& e) {
    return Status::Unavailable(path_ + ": cannot open index: " + e.get_msg());
  }
}

namespace {
// Reads retried after a concurrent commit, and the pause before each retry
// (1, 2, 4 … 32 ms; about 200 ms in all).
// A reader sees one revision, which Xapian keeps until the writer's next
// commit but one: a search slower than two commit intervals must start
// again. Retrying with a short, jittered back-off until a time budget runs
// out gets through even an indexer committing dozens of times a second
// (tests/reliability/readers_during_writes.py); only a budget spent entirely
// on conflicts becomes a 503.
constexpr auto kReadRetryBudget = std::chrono::seconds(3);
bool RetryAllowed(std::chrono::steady_clock::time_point started, int attempt) {
  if (std::chrono::steady_clock::now() - started > kReadRetryBudget) return false;
  thread_local unsigned jitter = 12345u;
  jitter = jitter * 1103515245u + 12345u;
  int ms = (1 << std::min(attempt, 3)) + static_cast<int>((jitter >> 16) % 4);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  return true;
}
}  // namespace

template <typename Fn>
Result<nlohmann::json> XapianSearcher::WithDatabase(Fn&& fn) {
  auto handle = Acquire();
  if (!handle.ok()) return handle.status();
  Lease lease(*this, std::move(handle.value()));
  const auto started = std::chrono::steady_clock::now();
  for (int attempt = 0;; ++attempt) {
    try {
      lease->db.reopen();  // cheap when nothing changed
      return fn(lease->db);
    } catch (const Xapian::DatabaseModifiedError&) {
      // The indexer committed twice while this search ran: retry on the
      // newest revision (see RetryAllowed).
      if (RetryAllowed(started, attempt)) continue;
      return Status::Unavailable("the index is being rewritten; try again");
    } catch (const Xapian::DatabaseCorruptError& e) {
      // Xapian 1.4 can report a block recycled under a reader as corruption
      // ("Expected block N to be level 1, not 0"): retry like the above;
      // real corruption persists and still ends in a 503.
      if (RetryAllowed(started, attempt)) continue;
      return Status::Unavailable("index unavailable: " + e.get_msg());
    } catch (const Xapian::QueryParserError& e) {
      return Status::BadRequest("cannot parse query: " + e.get_msg());
    } catch (const Xapian::WildcardError&) {
      return Status::BadRequest("a wildcard in the query matches more than " +
                                std::to_string(kMaxWildcardExpansion) +
                                " words (the wildcard expansion limit); make it longer");
    } catch (const Xapian::DatabaseError& e) {
      return Status::Unavailable("index unavailable: " + e.get_msg());
    } catch (const Xapian::Error& e) {
      return Status::Internal(e.get_description());
    }
  }
}

nlohmann::json XapianSearcher::EntityList(EntityKind kind, const nlohmann::json& ids) const {
  nlohmann::json out = nlohmann::json::array();
  if (!ids.is_array()) return out;
  for (const auto& id : ids) {
    if (!id.is_string()) continue;
    out.push_back({{"value", id}, {"label", gazetteer_.Label(kind, id.get<std::string>())}});
  }
  return out;
}

Result<nlohmann::json> XapianSearcher::Search(const SearchRequest& request) {
  return WithDatabase([&](Xapian::Database& db) { return SearchIn(db, request); });
}

std::vector<XapianSearcher::Facet> XapianSearcher::Facets() const {
  std::vector<Facet> out;
  for (const Field& f : schema_.fields()) {
    if (f.facet && f.slot) out.push_back({f.name, &f, false});
  }
  // Without a stored dyad field, dyads are the pairs of the country list.
  const Field* countries = schema_.Find("country");
  if (!schema_.Find(kDyadField) && countries && countries->slot && countries->multi)
    out.push_back({kDyadField, countries, true});
  return out;
}

const XapianSearcher::Facet* XapianSearcher::FindFacet(const std::string& name,
                                                       std::vector<Facet>& storage) const {
  storage = Facets();
  for (const Facet& f : storage) {
    if (f.name == name) return &f;
    for (const std::string& qn : f.field->query_names) {
      if (!f.pairs && qn == name) return &f;
    }
  }
  return nullptr;
}

std::map<std::string, Xapian::Query> XapianSearcher::Filters(const SearchRequest& req) const {
  std::map<std::string, std::vector<Xapian::Query>> parts;
  for (const auto& [field, values] : req.filters) {
    for (const std::string& v : values) parts[field].push_back(builder_.FacetFilter(field, v));
  }
  for (const auto& [field, values] : req.any_filters) {
    std::vector<Xapian::Query> any;
    for (const std::string& v : values) any.push_back(builder_.FacetFilter(field, v));
    parts[field].emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (!req.from.empty() || !req.to.empty()) {
    unsigned slot = schema_.Slot("date");
    if (req.from.empty())
      parts["date"].emplace_back(Xapian::Query::OP_VALUE_LE, slot, req.to);
    else if (req.to.empty())
      parts["date"].emplace_back(Xapian::Query::OP_VALUE_GE, slot, req.from);
    else
      parts["date"].emplace_back(Xapian::Query::OP_VALUE_RANGE, slot, req.from, req.to);
  }
  std::map<std::string, Xapian::Query> out;
  for (auto& [field, queries] : parts)
    out[field] = Xapian::Query(Xapian::Query::OP_AND, queries.begin(), queries.end());
  return out;
}

nlohmann::json XapianSearcher::Buckets(const Facet& facet,
                                       const std::map<std::string, Xapian::doccount>& counts,
                                       size_t limit) const {
  struct Bucket {
    std::string value, label;
    Xapian::doccount count;
  };
  std::vector<Bucket> buckets;
  std::optional<EntityKind> kind = KindOfField(*facet.field);
  bool is_date = facet.field->kind == FieldKind::kDate;
  for (const auto& [value, count] : counts) {
    if (is_date) {
      std::string label = DateLabel(value);
      buckets.push_back({label, label, count});
    } else if (facet.pairs || facet.name == kDyadField) {
      std::string a = value.substr(0, value.find('-'));
      std::string b = value.substr(std::min(value.size(), a.size() + 1));
      buckets.push_back({value,
                         gazetteer_.Label(EntityKind::kCountry, a) + " – " +
                             gazetteer_.Label(EntityKind::kCountry, b),
                         count});
    } else {
      buckets.push_back({value, kind ? gazetteer_.Label(*kind, value) : value, count});
    }
  }
  if (!is_date) {  // histograms stay in date order, complete
    std::sort(buckets.begin(), buckets.end(), [](const Bucket& a, const Bucket& b) {
      return a.count != b.count ? a.count > b.count : a.label < b.label;
    });
    if (buckets.size() > limit) buckets.resize(limit);
  }
  nlohmann::json list = nlohmann::json::array();
  for (const Bucket& b : buckets)
    list.push_back({{"value", b.value}, {"label", b.label}, {"count", b.count}});
  return list;
}

Result<nlohmann::json> XapianSearcher::SearchIn(Xapian::Database& db, const SearchRequest& req,
                                                std::optional<Xapian::Query> base,
                                                const Facet* only_facet) {
  auto started = std::chrono::steady_clock::now();
  std::string suggestion;
  if (!base) {
    auto parsed = builder_.Parse(db, req.q);
    if (!parsed.ok()) return parsed.status();
    base = parsed.value().query;
    suggestion = parsed.value().suggestion;
  }
  if (!req.cursor.empty() && !ValidCursor(req.cursor))
    return Status::BadRequest("cursor is not valid (pass next_cursor back unchanged)");

  const std::map<std::string, Xapian::Query> filters = Filters(req);
  // The query with every filter but `except`'s: a facet counted with its
  // own filter off shows what ticking another value would add.
  auto filtered = [&](const std::string& except) {
    std::vector<Xapian::Query> fs;
    for (const auto& [field, q] : filters) {
      if (field != except) fs.push_back(q);
    }
    if (fs.empty()) return *base;
    return Xapian::Query(Xapian::Query::OP_FILTER, *base,
                         Xapian::Query(Xapian::Query::OP_AND, fs.begin(), fs.end()));
  };

  const unsigned date_slot = schema_.Slot("date");
  const Xapian::doccount all = db.get_doccount();
  Xapian::Query query = filtered("");
  std::optional<RecencySource> recency;
  if (req.sort == SearchRequest::Sort::kRecent) {
    std::string newest = db.get_value_upper_bound(date_slot);
    Xapian::Enquire probe(db);  // the best score, to scale the boost by
    probe.set_query(query);
    double top = probe.get_mset(0, 1).get_max_attained();
    recency.emplace(date_slot, DayNumber(newest), top > 0 ? top * kRecencyShare : 1.0);
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(&*recency));
  }

  // Facets: those without a filter of their own are counted on the main
  // match; each filtered one in a pass of its own without that filter.
  std::vector<Facet> storage;
  std::vector<const Facet*> wanted;
  if (only_facet) {
    wanted.push_back(only_facet);
  } else if (req.facets) {
    storage = Facets();
    for (const Facet& f : storage) wanted.push_back(&f);
  }
  auto make_spy = [&](const Facet& f) {
    auto shape = f.field->kind == FieldKind::kDate ? FacetCountSpy::Shape::kPrefix
                 : f.pairs                         ? FacetCountSpy::Shape::kPairs
                 : f.field->multi                  ? FacetCountSpy::Shape::kPacked
                                                   : FacetCountSpy::Shape::kSingle;
    return std::make_unique<FacetCountSpy>(*f.field->slot, shape, PrefixLength(req.date_interval));
  };
  auto filter_of = [](const Facet& f) { return f.pairs ? std::string(kDyadField) : f.name; };
  std::vector<std::pair<const Facet*, std::unique_ptr<FacetCountSpy>>> main_spies, own_spies;
  for (const Facet* f : wanted) {
    (filters.count(filter_of(*f)) ? own_spies : main_spies).emplace_back(f, make_spy(*f));
  }

  DateSortKeyMaker date_key(date_slot);
  const Field* signature = schema_.Find("signature");
  bool collapse = req.collapse && signature && signature->slot;
  auto configure = [&](Xapian::Enquire& e) {
    e.set_query(query);
    if (req.sort == SearchRequest::Sort::kDate) e.set_sort_by_key(&date_key, /*reverse=*/true);
    if (collapse) e.set_collapse_key(*signature->slot);
  };

  // Counting every match makes totals exact and facet counts complete;
  // without facets (exports) Xapian's estimate with its bounds is enough.
  bool counting = !wanted.empty();
  Xapian::doccount check = counting ? all : 0;
  bool date_sorted = req.sort == SearchRequest::Sort::kDate;
  Xapian::doccount offset =
      only_facet ? 0 : static_cast<Xapian::doccount>((req.page - 1) * req.size);
  // One hit more than shown tells whether a next page exists.
  Xapian::doccount want = only_facet ? 0 : static_cast<Xapian::doccount>(req.size) + 1;

  Xapian::Enquire enquire(db);
  configure(enquire);
  for (auto& [f, spy] : main_spies) enquire.add_matchspy(spy.get());
  // Xapian's bounds stay loose under collapsing unless every match is in
  // the MSet; spies see every match before collapsing, so counting the
  // distinct signatures gives the exact collapsed total.
  std::optional<FacetCountSpy> signatures;
  if (counting && collapse) {
    signatures.emplace(*signature->slot, FacetCountSpy::Shape::kSingle);
    enquire.add_matchspy(&*signatures);
  }
  Xapian::MSet counted, shown;
  if (req.cursor.empty()) {
    counted = enquire.get_mset(offset, want, check);
    shown = counted;
  } else {
    counted = enquire.get_mset(0, 0, check);
    Xapian::Enquire after(db);
    configure(after);
    AfterCursor decider(date_slot, req.cursor);
    shown = after.get_mset(0, want, 0, nullptr, &decider);
  }
  for (auto& [f, spy] : own_spies) {
    Xapian::Enquire e(db);
    e.set_query(filtered(filter_of(*f)));
    e.add_matchspy(spy.get());
    e.get_mset(0, 0, all);
  }

  nlohmann::json facets = nlohmann::json::object();
  for (auto* spies : {&main_spies, &own_spies}) {
    for (auto& [f, spy] : *spies) {
      facets[f->name] = Buckets(*f, spy->counts(), only_facet ? kMaxFacetValues : req.facet_size);
    }
  }
  if (only_facet) {
    return nlohmann::json{{"field", only_facet->name},
                          {"total", counted.get_matches_estimated()},
                          {"values", facets[only_facet->name]}};
  }

  Xapian::Stem stemmer("english");
  nlohmann::json hits = nlohmann::json::array();
  std::string last_key;
  for (Xapian::MSetIterator it = shown.begin(); it != shown.end(); ++it) {
    if (hits.size() >= static_cast<size_t>(req.size)) break;
    Xapian::Document doc = it.get_document();
    last_key = DateSortKey(doc.get_value(date_slot), *it);
    nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (!data.is_object()) continue;
    std::string title = data.value("title", "");
    std::string body = data.value("body", "");
    hits.push_back({
        {"id", data.value("id", "")},
        {"url", data.value("url", "")},
        {"date", data.value("date", "")},
        {"source", data.value("source", "")},
        {"title", title},
        {"title_html", SafeHighlight(shown.snippet(title, title.size() + 64, stemmer, 0, kMarkStart,
                                                   kMarkEnd, "…"))},
        {"snippet", SafeHighlight(shown.snippet(
                        body, kSnippetBytes, stemmer,
                        Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                        kMarkStart, kMarkEnd, "…"))},
        {"countries", EntityList(EntityKind::kCountry, data["countries"])},
        {"leaders", EntityList(EntityKind::kLeader, data["leaders"])},
        {"organisations", EntityList(EntityKind::kOrganisation, data["organisations"])},
        {"score", it.get_weight()},
        // Other matching articles with the same signature, folded into this one.
        {"duplicates", collapse ? it.get_collapse_count() : 0},
    });
  }
  bool more = shown.size() > static_cast<Xapian::doccount>(req.size);

  double took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  Xapian::doccount lower = counted.get_matches_lower_bound();
  Xapian::doccount upper = counted.get_matches_upper_bound();
  Xapian::doccount estimated = counted.get_matches_estimated();
  if (signatures) {
    Xapian::doccount copies = 0;
    for (const auto& [sig, n] : signatures->counts()) copies += n - 1;
    lower = upper = estimated = signatures->documents_seen() - copies;
  }
  nlohmann::json out = {
      {"query", req.q},
      {"total", estimated},
      {"total_exact", lower == upper},
      {"total_bounds", {{"lower", lower}, {"upper", upper}}},
      {"page", req.page},
      {"size", req.size},
      {"sort", SortName(req.sort)},
      {"collapse", collapse},
      {"date_interval", DateIntervalName(req.date_interval)},
      {"took_ms", static_cast<double>(static_cast<long>(took_ms * 100)) / 100},
      {"hits", std::move(hits)},
      {"facets", std::move(facets)},
  };
  if (!suggestion.empty()) out["suggestion"] = suggestion;
  if (date_sorted && more && !last_key.empty()) out["next_cursor"] = last_key;
  return out;
}

Result<nlohmann::json> XapianSearcher::Similar(const std::string& id,
                                               const SearchRequest& request) {
  return WithDatabase([&](Xapian::Database& db) -> Result<nlohmann::json> {
    std::string key_term = schema_.Prefix("id") + DeriveKey(id, "", "");
    Xapian::PostingIterator p = db.postlist_begin(key_term);
    if (p == db.postlist_end(key_term))
      return Status::NotFound("no document with id \"" + id.substr(0, 200) + "\"");
    // Relevance feedback: the article is the relevant set, and Xapian's
    // expand picks the terms that best tell it apart from the collection.
    Xapian::RSet rset;
    rset.add_document(*p);
    std::vector<std::string> prefixes;
    for (const Field& f : schema_.fields()) {
      if (!f.entity.empty() && f.multi) prefixes.push_back(f.prefix);
    }
    SimilarTermDecider decider(prefixes);
    Xapian::Enquire enquire(db);
    Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, &decider);
    std::vector<Xapian::Query> terms;
    nlohmann::json used = nlohmann::json::array();
    for (Xapian::ESetIterator t = eset.begin(); t != eset.end(); ++t) {
      terms.emplace_back(*t);
      used.push_back(*t);
    }
    Xapian::Query like = terms.empty()
                             ? Xapian::Query::MatchNothing
                             : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    SearchRequest r = request;
    if (r.sort == SearchRequest::Sort::kDate && r.cursor.empty())
      r.sort = SearchRequest::Sort::kRelevance;  // "most like" is a ranking
    auto result =
        SearchIn(db, r, Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(key_term)));
    if (!result.ok()) return result;
    result.value()["similar_to"] = id;
    result.value()["terms"] = std::move(used);
    return result;
  });
}

Result<nlohmann::json> XapianSearcher::Suggest(const std::string& prefix, int size) {
  return WithDatabase([&](Xapian::Database& db) -> Result<nlohmann::json> {
    return suggester_.Suggest(db, prefix, size);
  });
}

Result<nlohmann::json> XapianSearcher::FacetValues(const std::string& field,
                                                   const SearchRequest& request) {
  std::vector<Facet> storage;
  const Facet* facet = FindFacet(field, storage);
  if (!facet) return Status::NotFound("no facet named \"" + field.substr(0, 40) + "\"");
  return WithDatabase(
      [&](Xapian::Database& db) { return SearchIn(db, request, std::nullopt, facet); });
}

Result<nlohmann::json> XapianSearcher::Document(const std::string& id) {
  return WithDatabase([&](Xapian::Database& db) -> Result<nlohmann::json> {
    std::string term = schema_.Prefix("id") + DeriveKey(id, "", "");
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term))
      return Status::NotFound("no document with id \"" + id.substr(0, 200) + "\"");
    nlohmann::json data = nlohmann::json::parse(db.get_document(*p).get_data(), nullptr, false);
    if (!data.is_object()) return Status::Internal("stored document is not JSON");
    data["countries"] = EntityList(EntityKind::kCountry, data["countries"]);
    data["leaders"] = EntityList(EntityKind::kLeader, data["leaders"]);
    data["organisations"] = EntityList(EntityKind::kOrganisation, data["organisations"]);
    return data;
  });
}

Result<nlohmann::json> XapianSearcher::Health() {
  return WithDatabase([&](Xapian::Database& db) -> Result<nlohmann::json> {
    return nlohmann::json{{"status", "ok"}, {"documents", db.get_doccount()}};
  });
}

}  // namespace communique
