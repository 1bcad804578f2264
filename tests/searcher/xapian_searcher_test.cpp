#include "searcher/xapian_searcher.h"

#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <sstream>

#include "indexer/indexer_cli.h"
#include "schema/sample_bucket.h"
#include "schema/terms.h"
#include "searcher/search_json.h"
#include "tests/support/test_support.h"

using namespace communique;
using nlohmann::json;

namespace {

// The sample corpus, indexed once for all tests in this file.
struct SampleIndex {
  testing::TempDir dir;
  const FieldSchema& schema = testing::ShippedSchema();
  const Gazetteer& gazetteer = testing::ShippedGazetteer();
  std::unique_ptr<XapianSearcher> searcher;
  SampleIndex() {
    auto options = ParseIndexerArgs({"--db", dir / "db", testing::SourceDir() + "/scripts/sample"});
    std::istringstream in;
    std::ostringstream err;
    int code = RunIndexer(options.value(), in, err);
    INFO(err.str());
    REQUIRE(code == kExitOk);
    searcher = XapianSearcher::Open(dir / "db", schema, gazetteer).value();
  }
  json Search(const std::multimap<std::string, std::string>& params) {
    auto req = ParseSearchRequest(params, schema);
    REQUIRE(req.ok());
    auto r = searcher->Search(req.value());
    INFO(r.status().message);
    REQUIRE(r.ok());
    return ToJson(r.value());
  }
};

SampleIndex& Sample() {
  static SampleIndex index;
  return index;
}

// A copy of the sample index at `path`, its first document changed by
// `edit` (to make it look written by an older indexer).
void CopySampleIndex(const std::string& path, const std::function<void(Xapian::Document&)>& edit) {
  Xapian::Database original(Sample().dir / "db");
  Xapian::WritableDatabase copy(path, Xapian::DB_CREATE);
  for (Xapian::PostingIterator p = original.postlist_begin(""); p != original.postlist_end("");
       ++p) {
    Xapian::Document d = original.get_document(*p);
    if (copy.get_doccount() == 0) edit(d);
    copy.add_document(d);
  }
  copy.commit();
}

std::set<std::string> Values(const json& list) {
  std::set<std::string> out;
  for (const auto& v : list) out.insert(v["value"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("word queries match stems and folded diacritics", "[search]") {
  json plain = Sample().Search({{"q", "sanction"}, {"size", "100"}});
  REQUIRE(plain["total"].get<int>() > 0);
  bool inflected = false;
  for (const auto& h : plain["hits"])
    inflected = inflected ||
                h["snippet"].get<std::string>().find("<mark>sanctions</mark>") != std::string::npos;
  CHECK(inflected);  // "sanction" found "sanctions" and highlighted it
  json folded = Sample().Search({{"q", "Erdogan"}});
  json accented = Sample().Search({{"q", "Erdoğan"}});
  CHECK(folded["total"].get<int>() > 0);
  CHECK(folded["total"] == accented["total"]);
}

TEST_CASE("phrase queries need the words together, in order", "[search]") {
  json phrase = Sample().Search({{"q", "\"Shanghai Cooperation\""}, {"size", "100"}});
  json reversed = Sample().Search({{"q", "\"Cooperation Shanghai\""}});
  CHECK(phrase["total"].get<int>() >= 5);
  CHECK(reversed["total"].get<int>() == 0);
  for (const auto& h : phrase["hits"])
    CHECK(h["snippet"].get<std::string>().find("<mark>") != std::string::npos);
}

TEST_CASE("phrases through word pairs answer exactly as through positions alone", "[search]") {
  // The sample index has word pairs; a copy with one document's marker
  // removed reads every phrase from positions alone (as an index written
  // before pairs existed). Matches, order, scores, snippets and counts
  // must not tell them apart.
  const std::string marker = WordPairMarker(Sample().schema);
  Xapian::Database original(Sample().dir / "db");
  REQUIRE(original.get_termfreq(marker) == original.get_doccount());
  testing::TempDir dir;
  CopySampleIndex(dir / "db", [&](Xapian::Document& d) { d.remove_term(marker); });
  auto positional = XapianSearcher::Open(dir / "db", Sample().schema, Sample().gazetteer).value();
  const std::vector<std::multimap<std::string, std::string>> requests = {
      {{"q", "\"said the\""}, {"size", "50"}},
      {{"q", "\"of the\""}, {"collapse", "false"}, {"size", "50"}},
      {{"q", "\"the Shanghai Cooperation Organisation\""}},
      {{"q", "\"prime minister of\" Pakistan"}, {"country", "PK"}},
      {{"q", "\"the the\""}},
  };
  int found = 0;
  for (const auto& params : requests) {
    json paired = Sample().Search(params);
    auto req = ParseSearchRequest(params, Sample().schema);
    REQUIRE(req.ok());
    auto plain = positional->Search(req.value());
    REQUIRE(plain.ok());
    json positions = ToJson(plain.value());
    INFO(params.begin()->second);
    found += paired["total"].get<int>() > 0;
    CHECK(paired["total"] == positions["total"]);
    CHECK(paired["total_exact"] == positions["total_exact"]);
    CHECK(paired["facets"] == positions["facets"]);
    CHECK(paired["hits"] == positions["hits"]);
  }
  CHECK(found >= 3);
}

TEST_CASE("facet filters keep only matching articles, repeated values mean all", "[search]") {
  json pk = Sample().Search({{"country", "PK"}, {"size", "100"}});
  REQUIRE(pk["total"].get<int>() > 0);
  for (const auto& h : pk["hits"]) CHECK(Values(h["countries"]).count("PK"));
  json both = Sample().Search({{"country", "PK"}, {"country", "RU"}, {"size", "100"}});
  REQUIRE(both["total"].get<int>() > 0);  // else the loop below checks nothing
  CHECK(both["total"].get<int>() < pk["total"].get<int>());
  for (const auto& h : both["hits"]) {
    CHECK(Values(h["countries"]).count("PK"));
    CHECK(Values(h["countries"]).count("RU"));
  }
  json sco =
      Sample().Search({{"organisation", "sco"}, {"size", "100"}});  // ids are case-insensitive
  REQUIRE(sco["total"].get<int>() >= 5);
  for (const auto& h : sco["hits"]) CHECK(Values(h["organisations"]).count("SCO"));
}

TEST_CASE("facet counts agree with the hits", "[search]") {
  json r = Sample().Search({{"q", "summit"}, {"size", "100"}, {"facet_size", "100"}});
  REQUIRE(r["total"].get<int>() > 0);  // empty facets would agree with empty hits
  REQUIRE(r["total"].get<size_t>() == r["hits"].size());
  for (const char* facet : {"country", "organisation", "leader"}) {
    std::map<std::string, int> counted;
    std::string hit_field =
        std::string(facet) == "country" ? "countries" : std::string(facet) + "s";
    for (const auto& h : r["hits"]) {
      for (const auto& v : Values(h[hit_field])) ++counted[v];
    }
    std::map<std::string, int> reported;
    for (const auto& b : r["facets"][facet]) reported[b["value"]] = b["count"];
    INFO(facet);
    CHECK(reported == counted);
  }
  int months = 0;
  for (const auto& b : r["facets"]["date"]) months += b["count"].get<int>();
  CHECK(months == r["total"].get<int>());
}

TEST_CASE("counts through the facet bundle equal counts slot by slot", "[search]") {
  // Every indexed document carries a bundle, so the sample index counts
  // through it; a copy with one bundle removed falls back to one spy per
  // slot (as over remote shards). Both must answer alike.
  const unsigned bundle_slot = Sample().schema.Slot("facet_bundle");
  Xapian::Database original(Sample().dir / "db");
  REQUIRE(original.get_value_freq(bundle_slot) == original.get_doccount());
  testing::TempDir dir;
  CopySampleIndex(dir / "db", [&](Xapian::Document& d) { d.remove_value(bundle_slot); });
  REQUIRE(Xapian::Database(dir / "db").get_value_freq(bundle_slot) + 1 == original.get_doccount());
  auto fallback = XapianSearcher::Open(dir / "db", Sample().schema, Sample().gazetteer).value();
  const std::vector<std::multimap<std::string, std::string>> requests = {
      {{"q", "summit"}, {"facet_size", "100"}},
      {{"q", ""}, {"facet_size", "100"}, {"date_interval", "day"}},
      {{"q", "minister"}, {"country", "PK"}, {"collapse", "false"}},
      {{"q", "talks"}, {"organisation", "SCO"}, {"from", "2021-01-01"}},
  };
  for (const auto& params : requests) {
    json bundled = Sample().Search(params);
    auto req = ParseSearchRequest(params, Sample().schema);
    REQUIRE(req.ok());
    auto slotwise = fallback->Search(req.value());
    REQUIRE(slotwise.ok());
    INFO(params.begin()->second);
    CHECK(bundled["total"].get<int>() > 0);
    CHECK(bundled["total"] == ToJson(slotwise.value())["total"]);
    CHECK(bundled["facets"] == ToJson(slotwise.value())["facets"]);
  }
}

TEST_CASE("past exact_up_to matches, facets are counted over a hashed sample", "[search]") {
  // 2,000 articles from three sources; "common" matches them all, "odd"
  // every other one, "rare" 20 of them. Ranking "common OR rare" lets Xapian
  // stop early: once the top hits hold "rare", "common" alone cannot
  // outrank them (a query whose matches all weigh the same must be seen
  // whole, whatever the limit).
  testing::TempDir dir;
  std::string lines;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    lines += "{\"id\":\"d" + std::to_string(i) + "\",\"source\":\"Wire " + std::to_string(i % 3) +
             "\",\"date\":\"2021-09-14\",\"body\":\"common " + (i % 2 ? "odd" : "even") + " w" +
             std::to_string(i) + (i % 100 == 1 ? " rare" : "") + "\"}\n";
  }
  std::istringstream in(lines);
  std::ostringstream err;
  REQUIRE(RunIndexer(ParseIndexerArgs({"--db", dir / "db", "-"}).value(), in, err) == kExitOk);
  const FieldSchema& schema = Sample().schema;
  auto search = [&](XapianSearcher& s, std::multimap<std::string, std::string> params) {
    params.emplace("facet_size", "100");
    params.emplace("collapse", "false");
    auto r = s.Search(ParseSearchRequest(params, schema).value());
    REQUIRE(r.ok());
    return ToJson(r.value());
  };
  auto sources = [](const json& r) {
    std::map<std::string, int> out;
    for (const auto& b : r["facets"]["source"]) out[b["value"]] = b["count"];
    return out;
  };
  // What counting buckets 0..k-1 and scaling by 256/k must give.
  auto expected = [&](unsigned k, int parity) {
    std::map<std::string, int> in_sample;
    for (int i = 0; i < n; ++i) {
      if (parity >= 0 && i % 2 != parity) continue;
      if (SampleBucket("d" + std::to_string(i)) < k) ++in_sample["Wire " + std::to_string(i % 3)];
    }
    for (auto& [source, count] : in_sample)
      count = static_cast<int>(std::lround(count * 256.0 / k));
    return in_sample;
  };

  auto exact = XapianSearcher::Open(dir / "db", schema, Sample().gazetteer, {}, "", {0}).value();
  json all = search(*exact, {{"q", "common"}});
  CHECK(all["facets_exact"] == true);
  CHECK(all.count("facets_sample") == 0);
  CHECK(sources(all) == expected(256, -1));
  CHECK(all["total"] == n);

  auto sampled =
      XapianSearcher::Open(dir / "db", schema, Sample().gazetteer, {}, "", {500}).value();
  json r = search(*sampled, {{"q", "common OR rare"}});
  CHECK(r["facets_exact"] == false);
  double share = r["facets_sample"].get<double>();
  unsigned k = static_cast<unsigned>(std::lround(share * 256));
  CHECK(k < 256);
  CHECK(k * n / 256 >= 500 / 2);  // a sample of about exact_up_to matches
  CHECK(sources(r) == expected(k, -1));
  // "common" is in every article: Xapian knows the total exactly.
  CHECK(r["total"] == n);
  CHECK(r["total_exact"] == true);

  // A filtered facet is counted in its own pass, sampled the same way.
  json filtered = search(*sampled, {{"q", "common OR rare"}, {"source", "Wire 1"}});
  REQUIRE(filtered["hits"].size() > 0);
  CHECK(filtered["facets_exact"] == false);
  unsigned k2 = static_cast<unsigned>(std::lround(filtered["facets_sample"].get<double>() * 256));
  CHECK(sources(filtered) == expected(k2, -1));
  for (const auto& h : filtered["hits"]) CHECK(h["source"] == "Wire 1");

  // Only 3 of the 1,000 "odd" articles fall in bucket 0: too few to scale
  // up, so every bucket is counted, and that count is the exact total
  // whatever Xapian's bounds say.
  int odd_in_bucket0 = 0;
  for (int i = 1; i < n; i += 2) odd_in_bucket0 += SampleBucket("d" + std::to_string(i)) == 0;
  REQUIRE(odd_in_bucket0 * 128 < 500);
  json odd = search(*sampled, {{"q", "odd OR rare"}});
  CHECK(odd["facets_exact"] == true);
  CHECK(odd["total"] == n / 2);
  CHECK(odd["total_exact"] == true);

  // A phrase: Xapian only estimates how many match (no lower bound), so
  // bucket 0 tells how many buckets to count: it holds 8 of the 1,000
  // "even" articles, so 64 buckets hold about the limit of 500.
  int even_in_bucket0 = 0;
  for (int i = 0; i < n; i += 2) even_in_bucket0 += SampleBucket("d" + std::to_string(i)) == 0;
  REQUIRE(even_in_bucket0 * 64 >= 500);
  json phrase = search(*sampled, {{"q", "\"common even\""}});
  CHECK(phrase["facets_exact"] == false);
  unsigned k3 = static_cast<unsigned>(std::lround(phrase["facets_sample"].get<double>() * 256));
  CHECK(sources(phrase) == expected(k3, 0));
  // Where Xapian only bounds the total, the sample estimates it, within
  // the bounds.
  int total = phrase["total"];
  CHECK(total >= phrase["total_bounds"]["lower"].get<int>());
  CHECK(total <= phrase["total_bounds"]["upper"].get<int>());
  CHECK(std::abs(total - n / 2) < n / 2 / 4);
  // The same phrase under a limit above its matches: every one counted.
  json whole_phrase = search(*exact, {{"q", "\"common even\""}});
  CHECK(whole_phrase["facets_exact"] == true);
  CHECK(whole_phrase["total"] == n / 2);
  CHECK(whole_phrase["total_exact"] == true);
  CHECK(sources(whole_phrase) == expected(256, 0));

  // Sorted by date, Xapian examines every match anyway: counted exactly.
  json by_date = search(*sampled, {{"q", "common OR rare"}, {"sort", "date"}});
  CHECK(by_date["total"] == n);
  CHECK(by_date["facets_exact"] == true);
  CHECK(sources(by_date) == expected(256, -1));

  // Few matches: exact, even with a small limit.
  json few = search(*sampled, {{"q", "rare"}});
  CHECK(few["total"] == n / 100);
  CHECK(few["facets_exact"] == true);
}

TEST_CASE("an index without sample buckets is counted whole", "[search]") {
  // As written before buckets existed: one article lacks its bucket term.
  const std::string prefix = Sample().schema.Prefix("sample");
  testing::TempDir dir;
  CopySampleIndex(dir / "db", [&](Xapian::Document& d) {
    for (Xapian::TermIterator t = d.termlist_begin(); t != d.termlist_end(); ++t) {
      if ((*t).rfind(prefix, 0) == 0) {
        d.remove_term(*t);
        break;
      }
    }
  });
  auto s =
      XapianSearcher::Open(dir / "db", Sample().schema, Sample().gazetteer, {}, "", {3}).value();
  json r = ToJson(s->Search(ParseSearchRequest({{"q", ""}}, Sample().schema).value()).value());
  CHECK(r["facets_exact"] == true);
  REQUIRE(r["total"].get<int>() > 0);
  REQUIRE_FALSE(r["facets"]["country"].empty());
  CHECK(r["facets"] == Sample().Search({{"q", ""}})["facets"]);
}

TEST_CASE("date ranges are inclusive and an empty query lists newest first", "[search]") {
  json sept = Sample().Search({{"from", "2021-09-01"}, {"to", "2021-09-30"}, {"size", "100"}});
  REQUIRE(sept["total"].get<int>() >= 5);
  std::string previous = "9999";
  for (const auto& h : sept["hits"]) {
    std::string d = h["date"];
    CHECK(d >= "2021-09-01");
    CHECK(d <= "2021-09-30");
    CHECK(d <= previous);  // newest first
    previous = d;
  }
  CHECK(sept["sort"] == "date");
}

TEST_CASE("pages partition the results", "[search]") {
  json all = Sample().Search({{"q", "minister"}, {"size", "100"}});
  json p1 = Sample().Search({{"q", "minister"}, {"size", "5"}, {"page", "1"}});
  json p2 = Sample().Search({{"q", "minister"}, {"size", "5"}, {"page", "2"}});
  REQUIRE(all["hits"].size() >= 10);
  CHECK(p1["total"] == all["total"]);
  for (int i = 0; i < 5; ++i) {
    CHECK(p1["hits"][i]["id"] == all["hits"][i]["id"]);
    CHECK(p2["hits"][i]["id"] == all["hits"][i + 5]["id"]);
  }
}

TEST_CASE("documents are fetched by id, unknown ids are 404", "[search]") {
  auto doc = Sample().searcher->Document("cq-0025");
  REQUIRE(doc.ok());
  CHECK(doc.value()["date"] == "2021-09-14");
  CHECK(Values(doc.value()["organisations"]).count("SCO"));
  CHECK(Sample().searcher->Document("no-such-id").status().code == 404);
  CHECK(Sample().searcher->Health().value()["documents"].get<int>() >= 60);
}

TEST_CASE("untrusted text is escaped, only <mark> survives", "[search]") {
  testing::TempDir dir;
  std::istringstream in(
      R"({"id":"x","title":"<script>alert(1)</script> Putin & \"friends\"","body":"Putin said &lt;img src=x onerror=alert(1)&gt; to 'all'."})");
  std::ostringstream err;
  REQUIRE(RunIndexer(ParseIndexerArgs({"--db", dir / "db", "-"}).value(), in, err) == kExitOk);
  auto s = XapianSearcher::Open(dir / "db", Sample().schema, Sample().gazetteer).value();
  json r = ToJson(s->Search(ParseSearchRequest({{"q", "putin"}}, Sample().schema).value()).value());
  REQUIRE(r["hits"].size() == 1);
  std::string title = r["hits"][0]["title_html"], snippet = r["hits"][0]["snippet"];
  CHECK(title.find("<script>") == std::string::npos);
  CHECK(title.find("<mark>Putin</mark>") != std::string::npos);
  CHECK(title.find("&amp;") != std::string::npos);
  CHECK(snippet.find("<img") == std::string::npos);
  CHECK(snippet.find("&lt;img") != std::string::npos);
  CHECK(snippet.find("&#39;all&#39;") != std::string::npos);
}

TEST_CASE("queries past the limits are 400s, not crashes", "[search]") {
  testing::TempDir dir;
  std::string lines;
  for (int i = 0; i < 300; ++i)
    lines +=
        "{\"id\":\"d" + std::to_string(i) + "\",\"body\":\"zz" + std::to_string(i) + "word\"}\n";
  std::istringstream in(lines);
  std::ostringstream err;
  REQUIRE(RunIndexer(ParseIndexerArgs({"--db", dir / "db", "-"}).value(), in, err) == kExitOk);
  auto s = XapianSearcher::Open(dir / "db", Sample().schema, Sample().gazetteer).value();
  auto wild = s->Search(ParseSearchRequest({{"q", "zz*"}}, Sample().schema).value());
  REQUIRE_FALSE(wild.ok());
  CHECK(wild.status().code == 400);
  CHECK(wild.status().message.find("wildcard") != std::string::npos);
  CHECK(s->Search(ParseSearchRequest({{"q", "zz1*"}}, Sample().schema).value()).ok());
  std::string many;
  for (int i = 0; i < 150; ++i) many += "w" + std::to_string(i) + " ";
  auto big = s->Search(ParseSearchRequest({{"q", many}}, Sample().schema).value());
  REQUIRE_FALSE(big.ok());
  CHECK(big.status().message == "query has too many words (at most 64)");

  // Exclusions alone mean "everything but": -a, NOT a, NOT (a OR b).
  auto total = [&](const char* q) {
    auto r =
        s->Search(ParseSearchRequest({{"q", q}, {"collapse", "false"}}, Sample().schema).value());
    INFO(q << ": " << r.status().message);
    REQUIRE(r.ok());
    return r.value().total;
  };
  CHECK(total("NOT zz1word") == 299);
  CHECK(total("-zz1word") == 299);
  CHECK(total("NOT (zz1word OR zz2word)") == 298);
  CHECK(total("-zz1word -zz2word") == 298);
  CHECK(s->Search(ParseSearchRequest({{"q", "zz1word -zz2word"}}, Sample().schema).value()).ok());
  auto deep =
      s->Search(ParseSearchRequest({{"q", std::string(40, '(') + "zz1word" + std::string(40, ')')}},
                                   Sample().schema)
                    .value());
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.status().message.find("parentheses") != std::string::npos);
  CHECK(s->Search(ParseSearchRequest({{"q", "((zz1word OR zz2word))"}}, Sample().schema).value())
            .ok());
}

TEST_CASE("a missing index is 503, not a crash", "[search]") {
  auto s = XapianSearcher::Open("/nonexistent/db", Sample().schema, Sample().gazetteer);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code == 503);
}

TEST_CASE("subjects: labelled facet, filters by code or name, hits and documents carry bylines",
          "[search][subjects]") {
  testing::TempDir dir;
  const FieldSchema& schema = testing::ShippedSchema();
  const Gazetteer& gazetteer = testing::ShippedGazetteer();
  auto options =
      ParseIndexerArgs({"--db", dir / "db", testing::SourceDir() + "/scripts/sample-feeds"});
  std::istringstream in;
  std::ostringstream err;
  REQUIRE(RunIndexer(options.value(), in, err) == kExitOk);
  auto searcher = XapianSearcher::Open(dir / "db", schema, gazetteer).value();
  auto search = [&](const std::multimap<std::string, std::string>& params) {
    auto req = ParseSearchRequest(params, schema);
    REQUIRE(req.ok());
    auto r = searcher->Search(req.value());
    REQUIRE(r.ok());
    return ToJson(r.value());
  };
  json all = search({{"size", "1"}, {"facet_size", "100"}});
  std::map<std::string, std::pair<std::string, int>> facet;
  for (const auto& b : all["facets"]["subject"]) facet[b["value"]] = {b["label"], b["count"]};
  // RSS (no name), Atom (label), ninjs 1.x (scheme + code), G2 twice (qcode + name).
  CHECK(facet["medtop:11000000"] == std::make_pair(std::string("politics"), 5));
  CHECK(facet["medtop:16000000"] == std::make_pair(std::string("medtop:16000000"), 2));
  CHECK(facet["diplomacy"] == std::make_pair(std::string("Diplomacy"), 1));
  CHECK(facet["medtop:20000385"] == std::make_pair(std::string("international trade"), 1));

  CHECK(search({{"subject", "medtop:11000000"}})["total"] == 5);
  CHECK(search({{"subject", "politics"}})["total"] == 4);  // the RSS item named it not
  CHECK(search({{"q", "subject_name:trade"}})["total"] == 1);
  json by = search({{"q", "author:\"mei lin\""}});
  REQUIRE(by["total"] == 1);
  const json& hit = by["hits"][0];
  CHECK(hit["authors"] == json::array({"Mei Lin Tan", "Nguyen Van An"}));
  CHECK(hit["subjects"] ==
        json::parse(R"([{"value":"medtop:11000000","label":"politics"},)"
                    R"({"value":"south china sea","label":"South China Sea"}])"));
  auto doc = searcher->Document(hit["id"].get<std::string>());
  REQUIRE(doc.ok());
  CHECK(doc.value()["authors"] == hit["authors"]);
  CHECK(doc.value()["subjects"] == hit["subjects"]);
}

TEST_CASE("a subject no article named is labelled by its code until a named one arrives",
          "[search][subjects]") {
  testing::TempDir dir;
  auto index = [&](const std::string& name, const std::string& record) {
    testing::WriteFile(dir / name, record + "\n");
    auto options = ParseIndexerArgs({"--db", dir / "db", dir / name});
    std::istringstream in;
    std::ostringstream err;
    REQUIRE(RunIndexer(options.value(), in, err) == kExitOk);
  };
  index("a.jsonl",
        R"({"id":"a","body":"Ministers met in Geneva.","subjects":["medtop:11000000"]})");
  auto searcher =
      XapianSearcher::Open(dir / "db", testing::ShippedSchema(), testing::ShippedGazetteer())
          .value();
  auto label = [&] {
    auto req = ParseSearchRequest({}, testing::ShippedSchema());
    REQUIRE(req.ok());
    auto r = searcher->Search(req.value());
    REQUIRE(r.ok());
    for (const FacetResult& f : r.value().facets)
      if (f.name == "subject" && f.buckets.size() == 1) return f.buckets[0].label;
    return std::string("(no subject facet)");
  };
  CHECK(label() == "medtop:11000000");
  CHECK(label() == "medtop:11000000");
  index(
      "b.jsonl",
      R"({"id":"b","body":"Envoys met in Vienna.","subjects":[{"code":"MEDTOP:11000000","name":"politics"}]})");
  CHECK(label() == "politics");
}
