#include "searcher/search_json.h"

namespace communique {
namespace {

nlohmann::json Entities(const std::vector<EntityRef>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const EntityRef& e : list) out.push_back({{"value", e.value}, {"label", e.label}});
  return out;
}

nlohmann::json Buckets(const std::vector<FacetBucket>& buckets) {
  nlohmann::json out = nlohmann::json::array();
  for (const FacetBucket& b : buckets)
    out.push_back({{"value", b.value}, {"label", b.label}, {"count", b.count}});
  return out;
}

void DescribeCounts(const CountQuality& c, nlohmann::json& out) {
  if (!c.counted) return;
  out["facets_exact"] = c.facets_exact;
  if (!c.facets_exact) out["facets_sample"] = c.facets_sample;
}

void DescribeShards(const ShardCoverage& s, nlohmann::json& out) {
  out["partial"] = s.partial();
  if (s.partial()) out["missing_shards"] = s.missing;
}

nlohmann::json Alternative(const QueryAlternative& a) {
  nlohmann::json out = {{"q", a.q}, {"total", a.total}};
  if (!a.dropped.empty()) out["dropped"] = a.dropped;
  return out;
}

}  // namespace

nlohmann::json ToJson(const SearchResult& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& h : r.hits) {
    hits.push_back({
        {"id", h.id},
        {"url", h.url},
        {"date", h.date},
        {"source", h.source},
        {"language", h.language},
        {"language_name", h.language_name},
        {"title", h.title},
        {"title_html", h.title_html},
        {"snippet", h.snippet},
        {"countries", Entities(h.countries)},
        {"leaders", Entities(h.leaders)},
        {"organisations", Entities(h.organisations)},
        {"events", h.events},
        {"authors", h.authors},
        {"subjects", Entities(h.subjects)},
        {"score", h.score},
        {"duplicates", h.duplicates},
    });
    if (h.title_derived) hits.back()["title_derived"] = true;
    // Present only when the article quotes someone.
    if (h.quote)
      hits.back()["quote"] = {{"speaker", h.quote->speaker},
                              {"speaker_id", h.quote->speaker_id},
                              {"text_html", h.quote->text_html}};
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const FacetResult& f : r.facets) facets[f.name] = Buckets(f.buckets);
  nlohmann::json out = {
      {"query", r.query},
      {"total", r.total},
      {"total_exact", r.total_lower == r.total_upper},
      {"total_bounds", {{"lower", r.total_lower}, {"upper", r.total_upper}}},
      {"page", r.page},
      {"size", r.size},
      {"sort", SortName(r.sort)},
      {"collapse", r.collapse},
      {"date_interval", DateIntervalName(r.date_interval)},
      {"took_ms", static_cast<double>(static_cast<long>(r.took_ms * 100)) / 100},
      {"hits", std::move(hits)},
      {"facets", std::move(facets)},
  };
  DescribeCounts(r.counts, out);
  if (r.suggestion) {
    // `suggestion` stays the plain text (the page and widget link it);
    // its hit count rides beside it.
    out["suggestion"] = r.suggestion->q;
    out["suggestion_total"] = r.suggestion->total;
  }
  if (r.unquoted) out["unquoted"] = Alternative(*r.unquoted);
  if (r.relaxed) out["relaxed"] = Alternative(*r.relaxed);
  if (!r.expansions.empty()) {
    nlohmann::json roles = nlohmann::json::array();
    for (const RoleExpansion& x : r.expansions) {
      nlohmann::json holders = nlohmann::json::array();
      for (const RoleHolder& h : x.holders)
        holders.push_back({{"value", h.value}, {"label", h.label}, {"from", h.from}, {"to", h.to}});
      roles.push_back({{"phrase", x.phrase},
                       {"role", x.role},
                       {"of", {{"value", x.of.value}, {"label", x.of.label}}},
                       {"holders", std::move(holders)}});
    }
    out["expansions"] = std::move(roles);
  }
  if (!r.next_cursor.empty()) out["next_cursor"] = r.next_cursor;
  DescribeShards(r.shards, out);
  if (!r.similar_to.empty()) {
    out["similar_to"] = r.similar_to;
    out["terms"] = r.terms;
  }
  return out;
}

nlohmann::json ToJson(const FacetListing& l) {
  nlohmann::json out = {{"field", l.field}, {"total", l.total}, {"values", Buckets(l.values)}};
  DescribeShards(l.shards, out);
  DescribeCounts(l.counts, out);
  return out;
}

}  // namespace communique
