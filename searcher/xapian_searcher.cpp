#include "searcher/xapian_searcher.h"

#include <algorithm>
#include <chrono>

#include "indexer/analysis/query_normalizer.h"
#include "indexer/article_analyzer.h"
#include "indexer/clean/html_text.h"
#include "searcher/facet_count_spy.h"

namespace communique {
namespace {

// Limits on what one query may cost.
constexpr Xapian::termcount kMaxWildcardExpansion = 200;
constexpr Xapian::termcount kMaxQueryTerms = 100;
constexpr size_t kSnippetBytes = 320;

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

std::string MonthLabel(const std::string& yyyymm) {
  return yyyymm.size() == 6 ? yyyymm.substr(0, 4) + "-" + yyyymm.substr(4, 2) : yyyymm;
}

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
    : path_(std::move(path)), schema_(schema), gazetteer_(gazetteer) {}

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

template <typename Fn>
Result<nlohmann::json> XapianSearcher::WithDatabase(Fn&& fn) {
  auto handle = Acquire();
  if (!handle.ok()) return handle.status();
  Lease lease(*this, std::move(handle.value()));
  for (int attempt = 0;; ++attempt) {
    try {
      lease->db.reopen();  // cheap when nothing changed
      return fn(lease->db);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt < 3) continue;  // the indexer committed twice meanwhile
      return Status::Unavailable("the index is being rewritten; try again");
    } catch (const Xapian::QueryParserError& e) {
      return Status::BadRequest("cannot parse query: " + e.get_msg());
    } catch (const Xapian::WildcardError&) {
      return Status::BadRequest("a wildcard in the query matches more than " +
                                std::to_string(kMaxWildcardExpansion) + " words; make it longer");
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

Result<nlohmann::json> XapianSearcher::SearchIn(Xapian::Database& db, const SearchRequest& req) {
  auto started = std::chrono::steady_clock::now();
  Xapian::Stem stemmer("english");
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(stemmer);
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_ERROR);
  for (const Field& f : schema_.fields()) {
    for (const std::string& name : f.query_names) {
      if (f.kind == FieldKind::kText)
        qp.add_prefix(name, f.prefix);
      else
        qp.add_boolean_prefix(name, f.prefix);
    }
  }
  Xapian::DateRangeProcessor dates(schema_.Slot("date"), "date:");
  qp.add_rangeprocessor(&dates);

  Xapian::Query query = Xapian::Query::MatchAll;
  std::string normalized = NormalizeQuery(req.q);
  if (normalized.find_first_not_of(' ') != std::string::npos) {
    query = qp.parse_query(
        normalized, Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                        Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD);
    if (query.empty()) query = Xapian::Query::MatchAll;  // e.g. only punctuation
    if (query.get_length() > kMaxQueryTerms)
      return Status::BadRequest("query has too many terms (at most " +
                                std::to_string(kMaxQueryTerms) + ")");
  }

  std::vector<Xapian::Query> filters;
  for (const auto& [field_name, values] : req.filters) {
    const Field& f = schema_.Get(field_name);
    std::optional<EntityKind> kind = KindOfField(f);
    for (const std::string& v : values) {
      std::string canonical = kind ? gazetteer_.CanonicalId(*kind, v) : "";
      filters.emplace_back(f.prefix + AsciiLower(canonical.empty() ? v : canonical));
    }
  }
  if (!req.from.empty() || !req.to.empty()) {
    unsigned slot = schema_.Slot("date");
    if (req.from.empty())
      filters.emplace_back(Xapian::Query::OP_VALUE_LE, slot, req.to);
    else if (req.to.empty())
      filters.emplace_back(Xapian::Query::OP_VALUE_GE, slot, req.from);
    else
      filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, slot, req.from, req.to);
  }
  if (!filters.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (req.sort == SearchRequest::Sort::kDate) {
    enquire.set_sort_by_value_then_relevance(schema_.Slot("date"), /*reverse=*/true);
  }
  struct FacetSpy {
    const Field* field;
    std::unique_ptr<FacetCountSpy> spy;
  };
  std::vector<FacetSpy> spies;
  for (const Field& f : schema_.fields()) {
    if (!f.facet) continue;
    auto shape = f.kind == FieldKind::kDate ? FacetCountSpy::Shape::kPrefix
                 : f.multi                  ? FacetCountSpy::Shape::kPacked
                                            : FacetCountSpy::Shape::kSingle;
    spies.push_back({&f, std::make_unique<FacetCountSpy>(*f.slot, shape, 6)});
    enquire.add_matchspy(spies.back().spy.get());
  }
  Xapian::doccount offset = static_cast<Xapian::doccount>((req.page - 1) * req.size);
  // Facet counts must cover every match, not a sample.
  Xapian::MSet mset =
      enquire.get_mset(offset, static_cast<Xapian::doccount>(req.size), db.get_doccount());

  nlohmann::json hits = nlohmann::json::array();
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document doc = it.get_document();
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
        {"title_html", SafeHighlight(mset.snippet(title, title.size() + 64, stemmer, 0, kMarkStart,
                                                  kMarkEnd, "…"))},
        {"snippet", SafeHighlight(mset.snippet(
                        body, kSnippetBytes, stemmer,
                        Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                        kMarkStart, kMarkEnd, "…"))},
        {"countries", EntityList(EntityKind::kCountry, data["countries"])},
        {"leaders", EntityList(EntityKind::kLeader, data["leaders"])},
        {"organisations", EntityList(EntityKind::kOrganisation, data["organisations"])},
        {"score", it.get_weight()},
    });
  }

  nlohmann::json facets = nlohmann::json::object();
  for (const FacetSpy& fs : spies) {
    struct Bucket {
      std::string value, label;
      Xapian::doccount count;
    };
    std::vector<Bucket> buckets;
    std::optional<EntityKind> kind = KindOfField(*fs.field);
    bool is_date = fs.field->kind == FieldKind::kDate;
    for (const auto& [value, count] : fs.spy->counts()) {
      std::string v = is_date ? MonthLabel(value) : value;
      std::string label = kind ? gazetteer_.Label(*kind, value) : v;
      buckets.push_back({v, label, count});
    }
    if (!is_date) {
      std::sort(buckets.begin(), buckets.end(), [](const Bucket& a, const Bucket& b) {
        return a.count != b.count ? a.count > b.count : a.label < b.label;
      });
      if (buckets.size() > static_cast<size_t>(req.facet_size)) buckets.resize(req.facet_size);
    }
    nlohmann::json list = nlohmann::json::array();
    for (const Bucket& b : buckets)
      list.push_back({{"value", b.value}, {"label", b.label}, {"count", b.count}});
    facets[fs.field->name] = std::move(list);
  }

  double took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  nlohmann::json out = {
      {"query", req.q},
      {"total", mset.get_matches_estimated()},
      {"total_exact", mset.get_matches_lower_bound() == mset.get_matches_upper_bound()},
      {"page", req.page},
      {"size", req.size},
      {"sort", req.sort == SearchRequest::Sort::kDate ? "date" : "relevance"},
      {"took_ms", static_cast<double>(static_cast<long>(took_ms * 100)) / 100},
      {"hits", std::move(hits)},
      {"facets", std::move(facets)},
  };
  return out;
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
