#include "searcher/xapian_searcher.h"

#include <algorithm>
#include <bitset>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include "analysis/article_analyzer.h"
#include "analysis/clean/html_text.h"
#include "analysis/language/analyzer.h"
#include "analysis/language/language_detector.h"
#include "analysis/quotes/quote_attributor.h"
#include "common/civil_date.h"
#include "schema/sample_bucket.h"
#include "schema/shard_layout.h"
#include "schema/terms.h"
#include "searcher/access_log.h"
#include "searcher/facet_counts.h"

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
// "antonio-guterres" → "Antonio Guterres": words capitalised, '-' as spaces.
std::string SlugToName(const std::string& slug) {
  std::string out = slug;
  bool start = true;
  for (char& c : out) {
    if (c == '-') {
      c = ' ';
      start = true;
    } else {
      if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      start = false;
    }
  }
  return out;
}

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

// Days since 1970-01-01 of a "YYYYMMDD" value; 0 for anything else.
long DayNumber(const std::string& v) {
  if (v.size() < 8) return 0;
  for (size_t i = 0; i < 8; ++i) {
    if (v[i] < '0' || v[i] > '9') return 0;
  }
  return DaysFromCivil(std::stoi(v.substr(0, 4)), std::stoi(v.substr(4, 2)),
                       std::stoi(v.substr(6, 2)));
}

// A cursor is the sort_key (see schema/sort_key.h) of the last hit a page
// showed, hex-encoded because keys may hold any byte. Empty when malformed.
std::string EncodeCursor(const std::string& sort_key) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : sort_key) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string DecodeCursor(const std::string& cursor) {
  if (cursor.size() < 16 || cursor.size() > 1024 || cursor.size() % 2) return "";
  auto nibble = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  std::string out;
  for (size_t i = 0; i < cursor.size(); i += 2) {
    int hi = nibble(cursor[i]), lo = nibble(cursor[i + 1]);
    if (hi < 0 || lo < 0) return "";
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  for (size_t i = 0; i < 8; ++i) {
    if (out[i] < '0' || out[i] > '9') return "";
  }
  return out;
}

// The greatest string that sorts before `v`, as far as values of at most
// 256 bytes past `v`'s length can tell: "after the cursor" in newest-first
// order is then OP_VALUE_LE(sort_key, JustBelow(cursor)), a query Xapian
// runs on remote shards too (a MatchDecider would not).
std::string JustBelow(std::string v) {
  if (v.back() == '\0') {
    v.pop_back();
    return v;
  }
  --v.back();
  v.append(256, '\xff');
  return v;
}

// sort=recent's boost (see kRecencyShare) per publication month, read from
// the date_month slot by Xapian's ValueMapPostingSource, which remote shards
// can run. Months more than 20 half-lives old get none (it would be under a
// millionth of the top score anyway).
void AddRecencyBoosts(Xapian::ValueMapPostingSource& source, const std::string& newest,
                      double boost) {
  long newest_day = DayNumber(newest);
  if (newest_day == 0) return;
  int year = std::stoi(newest.substr(0, 4)), month = std::stoi(newest.substr(4, 2));
  for (int back = 0; back <= 240; ++back) {
    char ym[16];
    std::snprintf(ym, sizeof ym, "%04d%02d", year, month);
    long age = std::max(0L, newest_day - DayNumber(std::string(ym) + "15"));
    source.add_mapping(ym, boost * std::exp2(-static_cast<double>(age) / kRecencyHalfLifeDays));
    if (--month == 0) {
      month = 12;
      --year;
    }
  }
}

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

// The start of `body` up to about `bytes`, cut after a whole word (and
// never inside a UTF-8 sequence), with "…" when something was cut.
std::string Lead(const std::string& body, size_t bytes) {
  if (body.size() <= bytes) return body;
  size_t cut = bytes;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  size_t space = body.rfind(' ', cut);
  if (space != std::string::npos && space > bytes / 2) cut = space;
  std::string out = body.substr(0, cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  return out + "…";
}

// The query's plain word terms (no field prefix, no stem): the forms
// TokenMarked() looks for.
std::set<std::string> PlainWords(const Xapian::Query& q) {
  std::set<std::string> out;
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) out.insert(term);
  }
  return out;
}

// The value of `term` under `prefix` ("" when the term has another
// prefix): values are lower case, so a longer prefix that starts with
// this one (XWW after XW) is told apart by the capital that follows.
std::string ValueUnder(const std::string& term, const std::string& prefix) {
  if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0 ||
      (term[prefix.size()] >= 'A' && term[prefix.size()] <= 'Z'))
    return "";
  return term.substr(prefix.size());
}

// The speaker and speaker_part terms `q` asks for (speaker:NAME in q, or
// a ticked speaker), so a hit can show what that speaker said rather than
// the article's first quote.
std::set<std::string> SpeakerTerms(const Xapian::Query& q, const FieldSchema& schema) {
  std::set<std::string> out;
  for (const char* name : {"speaker", "speaker_part"}) {
    const Field* f = schema.Find(name);
    if (!f) continue;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
      if (!ValueUnder(*t, f->prefix).empty()) out.insert(*t);
  }
  return out;
}

// The words and stems (unprefixed) of the quote: terms `q` asks for:
// Xapian's snippet generator marks only unprefixed terms, so a quote is
// marked for quote:WORD by these.
void QuoteWords(const Xapian::Query& q, const FieldSchema& schema, std::set<std::string>& words,
                std::set<std::string>& stems) {
  const Field* f = schema.Find("quote");
  if (!f) return;
  const std::string stem_prefix = "Z" + f->prefix;
  for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
    if (std::string w = ValueUnder(*t, f->prefix); !w.empty()) words.insert(std::move(w));
    if (std::string s = ValueUnder(*t, stem_prefix); !s.empty()) stems.insert(std::move(s));
  }
}

// Whether `quote` (an entry of an article's stored "quotes") is by a
// speaker `speaker_terms` asks for, by the terms the index writer gave it.
bool QuotedSpeakerAsked(const nlohmann::json& quote, const std::set<std::string>& speaker_terms,
                        const FieldSchema& schema) {
  const Field* speaker = schema.Find("speaker");
  if (speaker_terms.empty() || !speaker) return false;
  const std::string id = quote.value("speaker_id", "");
  const std::string who = !id.empty() ? id : SpeakerSlug(quote.value("speaker", ""));
  if (who.empty()) return false;
  if (speaker_terms.count(BooleanTerm(*speaker, who))) return true;
  const Field* part = schema.Find("speaker_part");
  if (!id.empty() || !part) return false;
  for (const std::string& p : SpeakerSlugParts(who))
    if (speaker_terms.count(BooleanTerm(*part, p))) return true;
  return false;
}

// `text` with the query's words (folded forms, or unprefixed `stems`)
// marked (kMarkStart/kMarkEnd, for
// SafeHighlight), found by the article language's own tokeniser: Xapian
// 1.4's snippet generator splits text only at spaces and punctuation, so it
// finds no word of Chinese, Japanese or Thai text, which the index split
// with ICU's dictionaries. Cut to about `bytes` around the first match
// (whole words, "…" where cut); `bytes` 0 keeps the whole text. "" when no
// word matches.
std::string TokenMarked(std::string_view text, const Analyzer& analyzer,
                        const std::set<std::string>& words, size_t bytes,
                        const std::set<std::string>& stems = {}) {
  constexpr size_t kMaxScan = 64u << 10;  // the snippet comes from the start of long articles
  std::string_view scanned = text.substr(0, std::min(text.size(), kMaxScan));
  while (!scanned.empty() && (static_cast<unsigned char>(scanned.back()) & 0xC0) == 0x80 &&
         scanned.size() < text.size())
    scanned.remove_suffix(1);  // never inside a UTF-8 sequence
  std::vector<Token> tokens = analyzer.Tokenize(scanned);
  auto wanted = [&](const Token& t) {
    return words.count(t.folded) > 0 || (!stems.empty() && stems.count(analyzer.Stem(t.folded)));
  };
  auto first = std::find_if(tokens.begin(), tokens.end(), wanted);
  if (first == tokens.end()) return "";
  size_t begin = 0, end = text.size();
  if (bytes && text.size() > bytes) {
    // A little context before the match, then as much after as fits.
    auto from = first;
    while (from != tokens.begin() && first->begin - std::prev(from)->begin <= bytes / 4) --from;
    begin = from->begin;
    auto to = from;
    while (to != tokens.end() && to->end - begin <= bytes) ++to;
    end = to == from ? first->end : std::prev(to)->end;
  }
  std::string out = begin > 0 ? "…" : "";
  size_t at = begin;
  bool open = false;
  for (const Token& t : tokens) {
    if (t.begin < begin || t.end > end) continue;
    bool hit = wanted(t);
    std::string_view gap = text.substr(at, t.begin - at);
    if (open && (!hit || !gap.empty())) {
      out += kMarkEnd;
      open = false;
    }
    out.append(gap);
    if (hit && !open) {
      out += kMarkStart;
      open = true;
    }
    out.append(t.text);
    at = t.end;
  }
  if (open) out += kMarkEnd;
  out.append(text.substr(at, end - at));
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace

FacetShape XapianSearcher::ShapeOf(const Facet& f) {
  return f.field->kind == FieldKind::kDate ? FacetShape::kPrefix
         : f.pairs                         ? FacetShape::kPairs
         : f.field->multi                  ? FacetShape::kPacked
                                           : FacetShape::kSingle;
}

std::string XapianSearcher::FilterOf(const Facet& f) {
  return f.pairs ? std::string(kDyadField) : f.name;
}

XapianSearcher::Lease::~Lease() {
  if (!h_) return;
  std::lock_guard<std::mutex> lock(owner_.mu_);
  owner_.free_.push_back(std::move(h_));
}

XapianSearcher::XapianSearcher(std::unique_ptr<ShardSet> shards, const FieldSchema& schema,
                               const Gazetteer& gazetteer, CountOptions count_options)
    : shards_(std::move(shards)),
      count_options_(count_options),
      schema_(schema),
      gazetteer_(gazetteer),
      builder_(schema, gazetteer),
      suggester_(schema, gazetteer) {}

Result<std::unique_ptr<XapianSearcher>> XapianSearcher::Open(
    const std::string& target, const FieldSchema& schema, const Gazetteer& gazetteer,
    ShardOptions shard_options, const std::string& lexicon, CountOptions count_options) {
  auto layout = ResolveShards(target, lexicon);
  if (!layout.ok()) return layout.status();
  bool remote = false;
  for (const ShardSpec& shard : layout.value().shards) remote |= shard.remote();
  if (remote && layout.value().lexicon.empty())
    Log(LogLevel::kWarn,
        "remote shards and no lexicon: spelling suggestions and name synonyms are off (copy the "
        "index's lexicon folder beside the stub, or pass --lexicon)");
  auto shards = ShardSet::Open(std::move(layout).value(), shard_options);
  if (!shards.ok()) return shards.status();
  std::unique_ptr<XapianSearcher> s(new XapianSearcher(std::move(shards).value(), schema, gazetteer,
                                                       count_options));  // private constructor
  auto h = s->NewHandle();
  if (!h.ok()) return h.status();
  s->free_.push_back(std::move(h.value()));
  return s;
}

namespace {
// xapian-tcpsrv closes connections idle for 60 s by default: a pooled
// handle idle for half that is replaced rather than found dead mid-search.
constexpr auto kMaxHandleIdle = std::chrono::seconds(30);
constexpr auto kRemoteReopenEvery = std::chrono::seconds(1);

std::string Stamp(const std::string& path) {
  std::error_code ec;
  auto resolved = std::filesystem::canonical(path, ec);
  return ec ? std::string() : resolved.string();
}
}  // namespace

bool XapianSearcher::Current(const Handle& h) const {
  if (h.view.generation != shards_->generation()) return false;
  if (std::chrono::steady_clock::now() - h.last_used > kMaxHandleIdle) return false;
  const std::string& lexicon = shards_->layout().lexicon;
  return lexicon.empty() || Stamp(lexicon) == h.lexicon_stamp;
}

Result<std::unique_ptr<XapianSearcher::Handle>> XapianSearcher::NewHandle() {
  auto view = shards_->OpenView();
  if (!view.ok()) return view.status();
  auto h = std::make_unique<Handle>();
  h->view = std::move(view).value();
  h->last_used = h->last_reopen = std::chrono::steady_clock::now();
  const std::string& lexicon = shards_->layout().lexicon;
  if (!lexicon.empty()) {
    h->lexicon_stamp = Stamp(lexicon);
    try {
      h->lexicon.emplace(h->lexicon_stamp.empty() ? lexicon : h->lexicon_stamp);
    } catch (const Xapian::Error& e) {
      // Searching still works; only spelling suggestions and name synonyms
      // are lost, as over remote shards without a lexicon.
      Log(LogLevel::kError, lexicon + ": cannot open the lexicon: " + e.get_msg());
    }
  }
  return h;
}

Result<std::unique_ptr<XapianSearcher::Handle>> XapianSearcher::Acquire() {
  for (;;) {
    std::unique_ptr<Handle> h;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (free_.empty()) break;
      h = std::move(free_.back());
      free_.pop_back();
    }
    if (Current(*h)) return h;
  }
  return NewHandle();
}

namespace {
// Reads retried after a concurrent commit: the pause before retry n is
// 2^min(n, 3) ms plus 0-3 ms of jitter (1-4, 2-5, 4-7, then 8-11 ms each),
// and retries go on until kReadRetryBudget (3 s) has passed.
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

template <typename T, typename Fn>
Result<T> XapianSearcher::WithDatabase(Fn&& fn) {
  auto handle = Acquire();
  if (!handle.ok()) return handle.status();
  Lease lease(*this, std::move(handle.value()));
  const auto started = std::chrono::steady_clock::now();
  size_t network_retries = 0;
  for (int attempt = 0;; ++attempt) {
    try {
      // Cheap on local shards; a round trip per remote shard, so those see
      // new commits within a second rather than at every search.
      auto now = std::chrono::steady_clock::now();
      if (attempt > 0 || !shards_->has_remote() || now - lease->last_reopen > kRemoteReopenEvery) {
        lease->view.db.reopen();
        lease->last_reopen = now;
      }
      lease->last_used = now;
      return fn(*lease);
    } catch (const Xapian::DatabaseModifiedError&) {
      // The indexer committed twice while this search ran: retry on the
      // newest revision (see RetryAllowed).
      if (RetryAllowed(started, attempt)) continue;
      return Status::Unavailable("the index is being rewritten; try again");
    } catch (const Xapian::NetworkError& e) {
      // A remote shard died or timed out (or xapian-tcpsrv closed an idle
      // connection). Take out whatever no longer answers and search the
      // rest; each round takes out at least one shard or gets a fresh
      // connection, so this ends.
      lease.Discard();
      shards_->CheckShards();
      if (++network_retries > shards_->size()) return Status::Unavailable(e.get_description());
      auto fresh = NewHandle();
      if (!fresh.ok()) return fresh.status();
      lease.Reset(std::move(fresh).value());
      continue;
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

std::vector<EntityRef> XapianSearcher::EntityList(EntityKind kind,
                                                  const nlohmann::json& ids) const {
  std::vector<EntityRef> out;
  if (!ids.is_array()) return out;
  for (const auto& id : ids) {
    if (!id.is_string()) continue;
    out.push_back({id.get<std::string>(), gazetteer_.Label(kind, id.get<std::string>())});
  }
  return out;
}

nlohmann::json XapianSearcher::EntityJson(EntityKind kind, const nlohmann::json& ids) const {
  nlohmann::json out = nlohmann::json::array();
  for (const EntityRef& e : EntityList(kind, ids))
    out.push_back({{"value", e.value}, {"label", e.label}});
  return out;
}

Result<SearchResult> XapianSearcher::Search(const SearchRequest& request) {
  return WithDatabase<SearchResult>([&](Handle& h) { return SearchIn(h, request); });
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

std::optional<Xapian::valueno> XapianSearcher::BundleSlot(Handle& h) const {
  const Field* bundle = schema_.Find("facet_bundle");
  if (!bundle || !bundle->slot || shards_->has_remote()) return std::nullopt;
  // An index written before bundles existed, or only partly re-indexed since,
  // is counted slot by slot.
  Xapian::doccount docs = h.db().get_doccount();
  if (docs == 0 || h.db().get_value_freq(*bundle->slot) != docs) return std::nullopt;
  return *bundle->slot;
}

namespace {
// Counts `slots` over the matches of `query`, examining at least `check`
// of them: no ranking, just the spies.
std::unique_ptr<SlotCounter> CountPass(Xapian::Database& db, const Xapian::Query& query,
                                       const std::vector<Xapian::valueno>& slots,
                                       std::optional<Xapian::valueno> bundle,
                                       Xapian::doccount check) {
  auto counter = std::make_unique<SlotCounter>(slots, bundle);
  Xapian::Enquire e(db);
  e.set_query(query);
  e.set_weighting_scheme(Xapian::BoolWeight());
  counter->Attach(e);
  e.get_mset(0, 0, check);
  return counter;
}

}  // namespace

bool XapianSearcher::Bucketed(Handle& h) const {
  const Field* sample = schema_.Find("sample");
  if (!sample) return false;
  Xapian::Database& db = h.db();
  Xapian::doccount bucketed = 0;
  for (Xapian::TermIterator t = db.allterms_begin(sample->prefix);
       t != db.allterms_end(sample->prefix); ++t)
    bucketed += t.get_termfreq();
  return bucketed == db.get_doccount();
}

std::unique_ptr<SlotCounter> XapianSearcher::CountBuckets(
    Handle& h, const Xapian::Query& query, unsigned n, const std::vector<Xapian::valueno>& slots,
    std::optional<Xapian::valueno> bundle) const {
  Xapian::Database& db = h.db();
  Xapian::Query q = query;
  if (n < kSampleBuckets) {
    const std::string& prefix = schema_.Prefix("sample");
    std::vector<Xapian::Query> terms;
    for (unsigned b = 0; b < n; ++b) terms.emplace_back(prefix + SampleBucketValue(b));
    q = Xapian::Query(Xapian::Query::OP_FILTER, query,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  }
  return CountPass(db, q, slots, bundle, db.get_doccount());
}

std::pair<std::unique_ptr<SlotCounter>, unsigned> XapianSearcher::CountSample(
    Handle& h, const Xapian::Query& query, const std::vector<Xapian::valueno>& slots,
    std::optional<Xapian::valueno> bundle, bool bucketed) const {
  auto count = [&](unsigned n) { return CountBuckets(h, query, n, slots, bundle); };
  if (!bucketed) return {count(kSampleBuckets), kSampleBuckets};
  // Bucket 0 tells how many buckets hold about exact_up_to matches; powers
  // of two keep the choice stable between queries of similar size.
  std::unique_ptr<SlotCounter> probe = count(1);
  double per_bucket = std::max<double>(probe->total(), 1);
  unsigned n = 1;
  while (n < kSampleBuckets && n * per_bucket < count_options_.exact_up_to) n *= 2;
  if (n == 1) return {std::move(probe), 1};
  return {count(n), n};
}

bool XapianSearcher::LooksPastLimit(Handle& h, const Xapian::Query& query, Xapian::doccount limit,
                                    std::optional<bool>& bucketed) const {
  if (limit == 0) return false;
  // From term statistics alone: no document is read.
  Xapian::Enquire e(h.db());
  e.set_query(query);
  e.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet bounds = e.get_mset(0, 0);
  if (bounds.get_matches_lower_bound() > limit) return true;
  if (bounds.get_matches_estimated() <= limit) return false;
  if (!bucketed) bucketed = Bucketed(h);
  return *bucketed;
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
  // Exclusions belong to their facet's filter too, so that facet is still
  // counted without them (an excluded value keeps its count, to undo it).
  for (const auto& [field, values] : req.not_filters) {
    std::vector<Xapian::Query> none;
    for (const std::string& v : values) none.push_back(builder_.FacetFilter(field, v));
    parts[field].emplace_back(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                              Xapian::Query(Xapian::Query::OP_OR, none.begin(), none.end()));
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

std::vector<EntityRef> XapianSearcher::SubjectList(const nlohmann::json& stored) {
  std::vector<EntityRef> out;
  if (!stored.is_array()) return out;
  for (const auto& s : stored) {
    if (!s.is_object()) continue;
    std::string code = s.value("code", ""), name = s.value("name", "");
    if (!code.empty()) out.push_back({code, name.empty() ? code : name});
  }
  return out;
}

std::string XapianSearcher::SubjectLabel(Xapian::Database& db, const std::string& code) const {
  const std::string term = BooleanTerm(schema_.Get("subject"), code);
  {
    std::lock_guard<std::mutex> lock(labels_mu_);
    auto it = subject_labels_.find(code);
    if (it != subject_labels_.end() && it->second.named) return it->second.label;
  }
  // Unnamed so far: worth another look only once more articles hold it.
  const Xapian::doccount holders = db.get_termfreq(term);
  {
    std::lock_guard<std::mutex> lock(labels_mu_);
    auto it = subject_labels_.find(code);
    if (it != subject_labels_.end() && !it->second.named && it->second.holders == holders)
      return it->second.label;
  }
  SubjectLabelEntry entry{code, false, holders};
  // The first ten holders: some may carry the code without a name. Bounded,
  // since this runs while a search waits (at most once per index change for
  // a code no article names).
  int tries = 0;
  for (Xapian::PostingIterator p = db.postlist_begin(term);
       p != db.postlist_end(term) && tries < 10 && !entry.named; ++p, ++tries) {
    nlohmann::json data = nlohmann::json::parse(db.get_document(*p).get_data(), nullptr, false);
    if (!data.is_object()) continue;
    for (const EntityRef& sub : SubjectList(data.value("subjects", nlohmann::json())))
      if (sub.value == code && sub.label != code) entry = {sub.label, true, holders};
  }
  std::lock_guard<std::mutex> lock(labels_mu_);
  if (subject_labels_.size() >= 100000) subject_labels_.clear();  // bounded, whatever the index
  subject_labels_[code] = entry;
  return entry.label;
}

std::vector<FacetBucket> XapianSearcher::Buckets(
    const Facet& facet, const std::map<std::string, Xapian::doccount>& counts, size_t limit,
    Xapian::Database& db) const {
  struct Bucket {
    std::string value, label;
    Xapian::doccount count;
  };
  std::vector<Bucket> buckets;
  std::optional<EntityKind> kind = KindOfField(*facet.field);
  bool is_date = facet.field->kind == FieldKind::kDate;
  // "PK-RU" reads "Pakistan – Russia".
  auto dyad_label = [&](std::string_view dyad) {
    std::string_view a = dyad.substr(0, dyad.find('-'));
    std::string_view b = dyad.substr(std::min(dyad.size(), a.size() + 1));
    return gazetteer_.Label(EntityKind::kCountry, a) + " – " +
           gazetteer_.Label(EntityKind::kCountry, b);
  };
  for (const auto& [value, count] : counts) {
    if (is_date) {
      std::string label = DateLabel(value);
      buckets.push_back({label, label, count});
    } else if (facet.pairs || facet.name == kDyadField) {
      buckets.push_back({value, dyad_label(value), count});
    } else if (facet.field->name == "language") {
      buckets.push_back({value, LanguageName(value), count});
    } else if (facet.field->name == "event_dyad") {
      // "PK-RU:call" reads "Pakistan – Russia: call".
      size_t colon = value.find(':');
      std::string label = dyad_label(std::string_view(value).substr(0, colon));
      if (colon != std::string::npos) label += ": " + value.substr(colon + 1);
      buckets.push_back({value, label, count});
    } else {
      std::string label = kind ? gazetteer_.Label(*kind, value) : value;
      // A speaker the gazetteer does not know is stored as a slug
      // ("antonio-guterres"): shown as a name, not an id.
      if (label == value && facet.field->name == "speaker") label = SlugToName(value);
      buckets.push_back({value, label, count});
    }
  }
  if (!is_date) {  // histograms stay in date order, complete
    std::sort(buckets.begin(), buckets.end(), [](const Bucket& a, const Bucket& b) {
      return a.count != b.count ? a.count > b.count : a.label < b.label;
    });
    if (buckets.size() > limit) buckets.resize(limit);
  }
  std::vector<FacetBucket> list;
  list.reserve(buckets.size());
  bool subject = facet.field->name == "subject";
  for (const Bucket& b : buckets)
    list.push_back({b.value, subject ? SubjectLabel(db, b.value) : b.label, b.count});
  return list;
}

Result<XapianSearcher::QueryPlan> XapianSearcher::Plan(Handle& h, const SearchRequest& req,
                                                       std::optional<Xapian::Query> base,
                                                       const Facet* only_facet) const {
  QueryPlan plan;
  Xapian::Database& db = h.db();
  if (base) {
    plan.base = *base;
    plan.count_base = *base;
  } else {
    // One language asked for: its analyzer alone reads q.
    auto lang = req.filters.find("language");
    std::string language =
        lang != req.filters.end() && lang->second.size() == 1 ? lang->second[0] : "";
    // Role phrases are widened to the holders of the dates the request can
    // match: its own, within the index's first and last article.
    DateWindow window{req.from, req.to};
    const unsigned date_slot = schema_.Slot("date");
    const std::string first = db.get_value_lower_bound(date_slot);
    const std::string last = db.get_value_upper_bound(date_slot);
    if (!first.empty() && first > window.from) window.from = first;
    if (!last.empty() && (window.to.empty() || last < window.to)) window.to = last;
    auto parsed = builder_.Parse(h.words(), db, req.q, /*alternatives=*/true, language, window);
    if (!parsed.ok()) return parsed.status();
    plan.base = parsed.value().query;
    plan.count_base = parsed.value().count_query;
    plan.ranked = parsed.value().ranked;
    plan.suggestion = parsed.value().suggestion;
    plan.unquoted = parsed.value().unquoted;
    plan.conjunction = parsed.value().conjunction;
    plan.expansions = parsed.value().expansions;
  }
  plan.cursor = req.cursor.empty() ? "" : DecodeCursor(req.cursor);
  if (!req.cursor.empty() && plan.cursor.empty())
    return Status::BadRequest("cursor is not valid (pass next_cursor back unchanged)");
  plan.filters = Filters(req);
  plan.query = plan.Filtered("");
  plan.count_query = plan.CountFiltered("");
  // A query in a script only some of the index's languages are written in
  // (بوتين, プーチン) is most likely in its reader's language: articles in
  // it go first among comparable matches, not after a German one that
  // names Putin more often. Not with a language filter, nor for "more like
  // this" (its terms are the article's own).
  std::vector<std::string> readers;
  if (!base && req.filters.find("language") == req.filters.end()) {
    const std::string prefix = schema_.Prefix("language");
    for (const std::string& l : ReaderLanguagesByScript(req.q)) {
      Xapian::doccount have = db.get_termfreq(prefix + l);
      if (have > 0 && have < db.get_doccount()) readers.push_back(l);
    }
  }
  bool recent = req.sort == SearchRequest::Sort::kRecent;
  if (recent || !readers.empty()) {
    Xapian::Enquire probe(db);  // the best score, to scale the boosts by
    probe.set_query(plan.query);
    double top = probe.get_mset(0, 1).get_max_attained();
    // Each boost is reference-counted by the query once released to it.
    if (!readers.empty()) {
      auto language = std::make_unique<Xapian::ValueMapPostingSource>(schema_.Slot("language"));
      for (const std::string& l : readers)
        language->add_mapping(l, top > 0 ? top * kReaderLanguageShare : 1.0);
      plan.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, plan.query,
                                 Xapian::Query(language.release()->release()));
    }
    if (recent) {
      std::string newest = db.get_value_upper_bound(schema_.Slot("date"));
      auto recency = std::make_unique<Xapian::ValueMapPostingSource>(schema_.Slot("date_month"));
      AddRecencyBoosts(*recency, newest, top > 0 ? top * kRecencyShare : 1.0);
      plan.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, plan.query,
                                 Xapian::Query(recency.release()->release()));
    }
  }

  // Facets: those without a filter of their own are counted on the main
  // match; each filtered one in a pass of its own without that filter.
  std::vector<const Facet*> wanted;
  plan.facets = Facets();
  if (only_facet) {
    for (const Facet& f : plan.facets) {
      if (f.name == only_facet->name) wanted.push_back(&f);
    }
  } else if (req.facets) {
    for (const Facet& f : plan.facets) wanted.push_back(&f);
  }
  for (const Facet* f : wanted)
    (plan.filters.count(FilterOf(*f)) ? plan.own_facets : plan.main_facets).push_back(f);

  const Field* signature = schema_.Find("signature");
  plan.collapse = req.collapse && signature && signature->slot;
  plan.signature_slot = signature && signature->slot ? signature->slot : std::nullopt;
  plan.date_sorted = req.sort == SearchRequest::Sort::kDate;
  // Counting every match makes totals exact and facet counts complete, up
  // to exact_up_to matches (CountOptions); without facets (exports)
  // Xapian's estimate with its bounds is enough. Xapian examines at least
  // `check` matches when there are that many, so a pass that saw no more
  // than the limit saw every match — in one database or any set of shards,
  // so every layout decides alike. Sorted by date, Xapian examines every
  // match anyway (a value sort cannot stop early): counting them all then
  // costs little more than the sort, so it stays exact.
  plan.counting = !wanted.empty();
  plan.limit = plan.date_sorted ? 0 : count_options_.exact_up_to;
  const Xapian::doccount all = db.get_doccount();
  plan.check = !plan.counting ? 0 : plan.limit ? std::min(all, plan.limit + 1) : all;
  plan.offset = only_facet ? 0 : static_cast<Xapian::doccount>((req.page - 1) * req.size);
  // One hit more than shown tells whether a next page exists.
  plan.want = only_facet ? 0 : static_cast<Xapian::doccount>(req.size) + 1;
  plan.facet_limit = only_facet ? kMaxFacetValues : static_cast<size_t>(req.facet_size);
  plan.prefix_length = PrefixLength(req.date_interval);
  return plan;
}

namespace {
// `q` filtered by every filter of `filters` but `except`'s.
Xapian::Query WithFilters(const Xapian::Query& q,
                          const std::map<std::string, Xapian::Query>& filters,
                          const std::string& except) {
  std::vector<Xapian::Query> fs;
  for (const auto& [field, f] : filters) {
    if (field != except) fs.push_back(f);
  }
  if (fs.empty()) return q;
  return Xapian::Query(Xapian::Query::OP_FILTER, q,
                       Xapian::Query(Xapian::Query::OP_AND, fs.begin(), fs.end()));
}
}  // namespace

Xapian::Query XapianSearcher::QueryPlan::Filtered(const std::string& except) const {
  return WithFilters(base, filters, except);
}

Xapian::Query XapianSearcher::QueryPlan::CountFiltered(const std::string& except) const {
  return WithFilters(count_base, filters, except);
}

void XapianSearcher::Configure(Xapian::Enquire& e, const Xapian::Query& q,
                               const QueryPlan& plan) const {
  const unsigned sort_slot = schema_.Slot("sort_key");
  e.set_query(q);
  // Newest first, then by key: a total order independent of docids, so
  // one database and any set of shards rank alike (schema/sort_key.h).
  if (plan.date_sorted)
    e.set_sort_by_value(sort_slot, /*reverse=*/true);
  else
    e.set_sort_by_relevance_then_value(sort_slot, /*reverse=*/true);
  // Xapian 1.4.22 over remote shards, sorting by value (or relevance then
  // value) without a collapse key, shows match spies more documents than
  // match (33 for 24 in the shards test). With a collapse key it counts
  // right, so remote searches that fold nothing collapse on sort_key,
  // which is unique per article: nothing folds.
  if (plan.collapse)
    e.set_collapse_key(*plan.signature_slot);
  else if (shards_->has_remote())
    e.set_collapse_key(sort_slot);
}

XapianSearcher::Matches XapianSearcher::Match(Handle& h, const QueryPlan& plan) const {
  Xapian::Database& db = h.db();
  Matches m;
  m.bundle = BundleSlot(h);
  for (const Facet* f : plan.main_facets) m.main_slots.push_back(*f->field->slot);
  // Xapian's bounds stay loose under collapsing unless every match is in
  // the MSet; spies see every match before collapsing, so counting the
  // distinct signatures gives the exact collapsed total.
  m.count_signatures = plan.counting && plan.collapse;
  // Without facets of its own the main pass still counts, for the total.
  if (m.count_signatures || (plan.counting && m.main_slots.empty() && plan.signature_slot))
    m.main_slots.push_back(*plan.signature_slot);
  m.main_counter = std::make_unique<SlotCounter>(m.main_slots, m.bundle);
  m.main_past_limit =
      !m.main_slots.empty() && LooksPastLimit(h, plan.count_query, plan.limit, m.bucketed);
  Xapian::Enquire enquire(db);
  Configure(enquire, plan.query, plan);
  if (!m.main_slots.empty() && !m.main_past_limit) m.main_counter->Attach(enquire);
  // Past the limit the sample counts, and gives the total within Xapian's
  // bounds: the main pass then examines only what ranking needs (Xapian
  // reads a phrase's positions only in articles that could rank). Not when
  // collapsing: the sample cannot see copies (they fall in other buckets),
  // so the collapsed total is Xapian's estimate from the matches examined.
  const Xapian::doccount check = m.main_past_limit && !plan.collapse ? 0 : plan.check;
  if (plan.cursor.empty()) {
    m.counted = enquire.get_mset(plan.offset, plan.want, check);
    m.shown = m.counted;
  } else {
    m.counted = enquire.get_mset(0, 0, check);
    Xapian::Enquire after(db);
    Configure(after,
              Xapian::Query(Xapian::Query::OP_FILTER, plan.query,
                            Xapian::Query(Xapian::Query::OP_VALUE_LE, schema_.Slot("sort_key"),
                                          JustBelow(plan.cursor))),
              plan);
    m.shown = after.get_mset(0, plan.want);
  }
  return m;
}

XapianSearcher::FacetTally XapianSearcher::CountFacets(Handle& h, const QueryPlan& plan,
                                                       Matches& m) const {
  FacetTally tally;
  auto saw_all = [&](const SlotCounter& c) { return !plan.limit || c.total() <= plan.limit; };
  // Too many matches to count them all: count a sample instead. Whether
  // the index has buckets is looked up once, on the first such pass.
  auto sample = [&](const Xapian::Query& q, const std::vector<Xapian::valueno>& slots) {
    if (!m.bucketed) m.bucketed = Bucketed(h);
    return CountSample(h, q, slots, m.bundle, *m.bucketed);
  };
  if (!m.main_slots.empty() && (m.main_past_limit || !saw_all(*m.main_counter)))
    std::tie(m.main_sample, m.main_buckets) = sample(plan.count_query, m.main_slots);
  const SlotCounter& main_counts = m.main_sample ? *m.main_sample : *m.main_counter;
  unsigned fewest_buckets = m.main_buckets;

  std::map<std::string, FacetResult> results;
  auto add_facet = [&](const Facet& f, const SlotCounter& counter, unsigned buckets) {
    FacetCounts counts =
        FoldFacetCounts(counter.Of(*f.field->slot), ShapeOf(f), plan.prefix_length);
    if (buckets < kSampleBuckets) {
      for (auto& [value, count] : counts)
        count =
            static_cast<Xapian::doccount>(std::lround(count * double(kSampleBuckets) / buckets));
    }
    results[f.name] = {f.name, Buckets(f, counts, plan.facet_limit, h.db())};
  };
  for (const Facet* f : plan.main_facets) add_facet(*f, main_counts, m.main_buckets);
  for (const Facet* f : plan.own_facets) {
    Xapian::Query own_query = plan.CountFiltered(FilterOf(*f));
    std::vector<Xapian::valueno> own_slots{*f->field->slot};
    std::unique_ptr<SlotCounter> own;
    unsigned buckets = kSampleBuckets;
    if (!LooksPastLimit(h, own_query, plan.limit, m.bucketed))
      own = CountPass(h.db(), own_query, own_slots, m.bundle, plan.check);
    if (!own || !saw_all(*own)) std::tie(own, buckets) = sample(own_query, own_slots);
    fewest_buckets = std::min(fewest_buckets, buckets);
    add_facet(*f, *own, buckets);
  }
  for (auto& [name, r] : results) tally.facets.push_back(std::move(r));
  tally.quality.counted = plan.counting;
  tally.quality.facets_exact = fewest_buckets == kSampleBuckets;
  // The share of the index the estimates were counted over.
  if (!tally.quality.facets_exact)
    tally.quality.facets_sample = double(fewest_buckets) / kSampleBuckets;
  return tally;
}

void XapianSearcher::Totals(const QueryPlan& plan, const Matches& m, SearchResult& out) const {
  Xapian::doccount lower = m.counted.get_matches_lower_bound();
  Xapian::doccount upper = m.counted.get_matches_upper_bound();
  Xapian::doccount estimated = m.counted.get_matches_estimated();
  // The counter that saw every match, if one did: the main pass's, or a
  // "sample" of every bucket.
  const SlotCounter* all = !m.main_sample                     ? m.main_counter.get()
                           : m.main_buckets == kSampleBuckets ? m.main_sample.get()
                                                              : nullptr;
  if (m.count_signatures && all) {
    // Documents without a signature are never collapsed: each counts.
    Xapian::doccount copies = 0;
    for (const auto& [value, count] : all->Of(*plan.signature_slot)) copies += count - 1;
    lower = upper = estimated = all->total() - copies;
  } else if (plan.counting && all && !plan.collapse && !m.main_slots.empty()) {
    // Every match seen: exact, whatever Xapian's bounds say (they are
    // loose under the remote collapse above).
    lower = upper = estimated = all->total();
  } else if (m.main_sample && !plan.collapse && lower != upper) {
    // The sample estimates the total better than Xapian's bounds do (and
    // alike in every shard layout). Collapsed totals keep Xapian's estimate:
    // copies rarely fall into the same sample.
    // The sample's own matches are a true lower bound, tighter than
    // Xapian's when the main pass examined only what ranking needed.
    if (!plan.collapse) lower = std::max(lower, m.main_sample->total());
    double scaled = m.main_sample->total() * double(kSampleBuckets) / m.main_buckets;
    estimated = std::clamp(static_cast<Xapian::doccount>(std::lround(scaled)), lower, upper);
  }
  out.total = estimated;
  out.total_lower = lower;
  out.total_upper = upper;
}

std::vector<SearchHit> XapianSearcher::Hits(Xapian::MSet& shown, const QueryPlan& plan, int size,
                                            std::string& last_key) const {
  const unsigned sort_slot = schema_.Slot("sort_key");
  std::vector<SearchHit> hits;
  const std::set<std::string> words = plan.ranked ? PlainWords(plan.base) : std::set<std::string>();
  const std::set<std::string> speaker_terms = SpeakerTerms(plan.query, schema_);
  std::set<std::string> quote_words, quote_stems;
  if (plan.ranked) QuoteWords(plan.base, schema_, quote_words, quote_stems);
  // One request per shard for all the shown documents, instead of a round
  // trip per hit to a remote shard (a no-op locally). The range form: in
  // Xapian 1.4.22 the argument-less fetch() crashes on an MSet that starts
  // past the first hit (page 2 on).
  shown.fetch(shown.begin(), shown.end());
  for (Xapian::MSetIterator it = shown.begin(); it != shown.end(); ++it) {
    if (hits.size() >= static_cast<size_t>(size)) break;
    Xapian::Document doc = it.get_document();
    last_key = doc.get_value(sort_slot);
    nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (!data.is_object()) continue;
    SearchHit hit;
    hit.id = data.value("id", "");
    hit.url = data.value("url", "");
    hit.date = data.value("date", "");
    hit.source = data.value("source", "");
    hit.title = data.value("title", "");
    hit.title_derived = data.value("title_derived", false);
    hit.language = data.value("language", "");
    if (!hit.language.empty()) hit.language_name = LanguageName(hit.language);
    std::string body = data.value("body", "");
    // Matches are found by the stems of the article's own language.
    const Analyzer& analyzer = Analyzer::For(hit.language);
    const Xapian::Stem& stemmer = analyzer.ThreadStemmer();
    if (plan.ranked) {
      hit.title_html = SafeHighlight(
          shown.snippet(hit.title, hit.title.size() + 64, stemmer, 0, kMarkStart, kMarkEnd, "…"));
      // No SNIPPET_BACKGROUND_MODEL: it asks the database for the
      // frequency of every word around the matches — a round trip per
      // word to a remote shard, which made remote searches ~100 ms slower.
      hit.snippet =
          SafeHighlight(shown.snippet(body, kSnippetBytes, stemmer,
                                      Xapian::MSet::SNIPPET_EXHAUSTIVE, kMarkStart, kMarkEnd, "…"));
      // Languages written without spaces: Xapian found no word; the
      // language's tokeniser can.
      if (!analyzer.stems() && !words.empty()) {
        if (hit.title_html.find("<mark>") == std::string::npos) {
          std::string marked = TokenMarked(hit.title, analyzer, words, 0);
          if (!marked.empty()) hit.title_html = SafeHighlight(marked);
        }
        if (hit.snippet.find("<mark>") == std::string::npos) {
          std::string marked = TokenMarked(body, analyzer, words, kSnippetBytes);
          if (!marked.empty()) hit.snippet = SafeHighlight(marked);
        }
      }
    } else {
      // No words to show matches of: the headline and the lead.
      hit.title_html = EscapeHtml(hit.title);
      hit.snippet = EscapeHtml(Lead(body, kSnippetBytes));
    }
    hit.countries = EntityList(EntityKind::kCountry, data["countries"]);
    hit.leaders = EntityList(EntityKind::kLeader, data["leaders"]);
    hit.organisations = EntityList(EntityKind::kOrganisation, data["organisations"]);
    if (data.contains("authors") && data["authors"].is_array())
      for (const auto& name : data["authors"])
        if (name.is_string()) hit.authors.push_back(name.get<std::string>());
    hit.subjects = SubjectList(data.value("subjects", nlohmann::json()));
    if (data.contains("events") && data["events"].is_array())
      for (const auto& e : data["events"]) hit.events.push_back(e.value("type", ""));
    if (data.contains("quotes") && data["quotes"].is_array()) {
      // The quote of a speaker the query asks for, and among those (or all
      // quotes, when it asks for none) the one its words match (a <mark>
      // in its snippet), then one with a speaker. A quote
      // nobody is named for shows only when the query's words are in it:
      // on its own it is as often a term in quote marks («修昔底德陷阱», a
      // plan's name) as speech, and a pull quote with no name misleads.
      int best = -1;
      for (const auto& q : data["quotes"]) {
        std::string text = q.value("text", "");
        std::string html = plan.ranked
                               ? SafeHighlight(shown.snippet(text, text.size() + 64, stemmer, 0,
                                                             kMarkStart, kMarkEnd, "…"))
                               : EscapeHtml(text);
        if (html.find("<mark>") == std::string::npos &&
            !(quote_words.empty() && quote_stems.empty())) {
          std::string marked = TokenMarked(text, analyzer, quote_words, 0, quote_stems);
          if (!marked.empty()) html = SafeHighlight(marked);
        }
        const bool marked = html.find("<mark>") != std::string::npos;
        const bool named = !q.value("speaker", "").empty();
        if (!named && !marked) continue;
        const int rank = (QuotedSpeakerAsked(q, speaker_terms, schema_) ? 4 : 0) +
                         (marked ? 2 : 0) + (named ? 1 : 0);
        if (rank > best) {
          best = rank;
          hit.quote = QuoteRef{q.value("speaker", ""), q.value("speaker_id", ""), html};
        }
        if (best == 7 || (best == 3 && speaker_terms.empty())) break;
      }
    }
    hit.score = it.get_weight();
    // Other matching articles with the same signature, folded into this one.
    hit.duplicates = plan.collapse ? it.get_collapse_count() : 0;
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::optional<QueryAlternative> XapianSearcher::Alternative(Handle& h, const QueryPlan& plan,
                                                            const std::string& q) const {
  if (q.empty()) return std::nullopt;
  // Parsed only now, when it will be counted: most searches offer nothing.
  auto parsed = builder_.Parse(h.words(), h.db(), q, /*alternatives=*/false);
  if (!parsed.ok()) return std::nullopt;
  QueryPlan other;
  other.count_base = parsed.value().count_query;
  other.filters = plan.filters;
  // Matching articles, copies included: a count, not a page.
  Xapian::Enquire e(h.db());
  e.set_query(other.CountFiltered(""));
  e.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet m =
      e.get_mset(0, 0, std::min(h.db().get_doccount(), count_options_.exact_up_to + 1));
  QueryAlternative out;
  out.q = q;
  out.total = m.get_matches_estimated();
  return out;
}

std::optional<QueryAlternative> XapianSearcher::Relaxed(Handle& h, const QueryPlan& plan) const {
  const QueryConjunction& c = plan.conjunction;
  const size_t n = c.droppable.size();
  if (n < 2) return std::nullopt;
  // A part that finds nothing on its own (under the filters) can never be
  // in an answer: all such parts go first ("Scholz Telefonat" where no
  // article says Telefonat).
  std::vector<bool> drop(n, false);
  size_t dropped = 0;
  for (size_t i = 0; i < n; ++i) {
    std::vector<bool> others(n, true);
    others[i] = false;
    auto a = Alternative(h, plan, c.Without(others));
    if (a && a->total == 0) {  // unparsable alone: never the reason
      drop[i] = true;
      ++dropped;
    }
  }
  if (dropped == n) return std::nullopt;  // no part finds anything here
  // What is left must search for something: not only stopwords of some
  // language ("por" of "por teléfono").
  auto meaningful = [&](const std::vector<bool>& without) {
    for (size_t i = 0; i < n; ++i)
      if (!without[i] && !(i < c.function_word.size() && c.function_word[i])) return true;
    return false;
  };
  if (!meaningful(drop)) return std::nullopt;
  std::optional<QueryAlternative> best;
  if (dropped) best = Alternative(h, plan, c.Without(drop));
  // Every part left finds something, just never all together ("Erdogan
  // Gaza"): leave out the fewest parts that let the rest meet, and among
  // as few, those whose absence finds the most. One or two parts, or
  // three of a query of six or more ("UN General Assembly vote Gaza
  // ceasefire" keeps "UN General Assembly vote"); past that the query has
  // too many parts in the way for one offer to help. At most 8 parts: 92
  // counts, on a query that found nothing.
  std::vector<size_t> left;
  for (size_t i = 0; i < n; ++i)
    if (!drop[i]) left.push_back(i);
  const size_t most = left.size() >= 6 ? 3 : 2;
  for (size_t k = 1; (!best || best->total == 0) && k <= most && k < left.size(); ++k) {
    best.reset();
    std::vector<bool> chosen;
    // Each way to pick k of `left`, as a bit mask over its positions.
    for (uint32_t mask = 0; mask < (1u << left.size()); ++mask) {
      if (std::bitset<32>(mask).count() != k) continue;
      std::vector<bool> without = drop;
      for (size_t j = 0; j < left.size(); ++j)
        if (mask & (1u << j)) without[left[j]] = true;
      if (!meaningful(without)) continue;
      auto a = Alternative(h, plan, c.Without(without));
      if (a && a->total > 0 && (!best || a->total > best->total)) {
        best = std::move(a);
        chosen = std::move(without);
      }
    }
    if (best) drop = std::move(chosen);
  }
  if (!best || best->total == 0) return std::nullopt;
  for (size_t i = 0; i < n; ++i) {
    if (drop[i]) best->dropped.push_back(c.written[c.droppable[i]]);
  }
  return best;
}

Result<SearchResult> XapianSearcher::SearchIn(Handle& h, const SearchRequest& req,
                                              std::optional<Xapian::Query> base) {
  auto started = std::chrono::steady_clock::now();
  auto planned = Plan(h, req, std::move(base), nullptr);
  if (!planned.ok()) return planned.status();
  const QueryPlan& plan = planned.value();
  Matches m = Match(h, plan);
  FacetTally tally = CountFacets(h, plan, m);

  SearchResult out;
  out.query = req.q;
  out.page = req.page;
  out.size = req.size;
  out.sort = req.sort;
  out.collapse = plan.collapse;
  out.date_interval = req.date_interval;
  out.facets = std::move(tally.facets);
  out.counts = tally.quality;
  std::string last_key;
  out.hits = Hits(m.shown, plan, req.size, last_key);
  Totals(plan, m, out);
  bool more = m.shown.size() > static_cast<Xapian::doccount>(req.size);
  if (plan.date_sorted && more && !last_key.empty()) out.next_cursor = EncodeCursor(last_key);
  // Offered only where they help: a respelling when a word looks mistyped,
  // the unquoted words when an exact phrase found nothing.
  out.expansions = plan.expansions;
  out.suggestion = Alternative(h, plan, plan.suggestion);
  if (out.total == 0) out.unquoted = Alternative(h, plan, plan.unquoted);
  if (out.unquoted && out.unquoted->total == 0) out.unquoted.reset();
  if (out.total == 0 && !out.unquoted) out.relaxed = Relaxed(h, plan);
  out.shards.missing = h.view.missing;
  out.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return out;
}

Result<FacetListing> XapianSearcher::ListFacet(Handle& h, const SearchRequest& req,
                                               const Facet& facet) {
  auto planned = Plan(h, req, std::nullopt, &facet);
  if (!planned.ok()) return planned.status();
  const QueryPlan& plan = planned.value();
  Matches m = Match(h, plan);
  FacetTally tally = CountFacets(h, plan, m);
  FacetListing out;
  out.field = facet.name;
  out.total = m.counted.get_matches_estimated();
  if (!tally.facets.empty()) out.values = std::move(tally.facets[0].buckets);
  out.counts = tally.quality;
  out.shards.missing = h.view.missing;
  return out;
}

namespace {
// An id not found is a 404 only when every shard answered: otherwise the
// article may be on a shard that is down.
Status NotFoundIn(const std::vector<std::string>& missing, const std::string& id) {
  if (!missing.empty())
    return Status::Unavailable("no document with id \"" + id.substr(0, 200) +
                               "\" on the shards that answered; " + std::to_string(missing.size()) +
                               " shard(s) unavailable");
  return Status::NotFound("no document with id \"" + id.substr(0, 200) + "\"");
}
}  // namespace

Result<SearchResult> XapianSearcher::Similar(const std::string& id, const SearchRequest& request) {
  return WithDatabase<SearchResult>([&](Handle& h) -> Result<SearchResult> {
    Xapian::Database& db = h.db();
    std::string key_term = KeyTerm(schema_, DeriveKey(id, "", ""));
    Xapian::PostingIterator p = db.postlist_begin(key_term);
    if (p == db.postlist_end(key_term)) return NotFoundIn(h.view.missing, id);
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
    // Exact term frequencies: Xapian's default over several shards is an
    // estimate, which would pick other terms than one database does.
    Xapian::ESet eset =
        enquire.get_eset(kSimilarTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    std::vector<Xapian::Query> terms;
    std::vector<std::string> used;
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
        SearchIn(h, r, Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(key_term)));
    if (!result.ok()) return result;
    result.value().similar_to = id;
    result.value().terms = std::move(used);
    return result;
  });
}

Result<nlohmann::json> XapianSearcher::Suggest(const std::string& prefix, int size) {
  return WithDatabase<nlohmann::json>([&](Handle& h) -> Result<nlohmann::json> {
    return suggester_.Suggest(h.db(), prefix, size);
  });
}

Result<FacetListing> XapianSearcher::FacetValues(const std::string& field,
                                                 const SearchRequest& request) {
  std::vector<Facet> storage;
  const Facet* facet = FindFacet(field, storage);
  if (!facet) return Status::NotFound("no facet named \"" + field.substr(0, 40) + "\"");
  return WithDatabase<FacetListing>([&](Handle& h) { return ListFacet(h, request, *facet); });
}

Result<nlohmann::json> XapianSearcher::Document(const std::string& id) {
  return WithDatabase<nlohmann::json>([&](Handle& h) -> Result<nlohmann::json> {
    Xapian::Database& db = h.db();
    std::string term = KeyTerm(schema_, DeriveKey(id, "", ""));
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return NotFoundIn(h.view.missing, id);
    nlohmann::json data = nlohmann::json::parse(db.get_document(*p).get_data(), nullptr, false);
    if (!data.is_object()) return Status::Internal("stored document is not JSON");
    data["countries"] = EntityJson(EntityKind::kCountry, data["countries"]);
    data["leaders"] = EntityJson(EntityKind::kLeader, data["leaders"]);
    data["organisations"] = EntityJson(EntityKind::kOrganisation, data["organisations"]);
    nlohmann::json subjects = nlohmann::json::array();
    for (const EntityRef& e : SubjectList(data.value("subjects", nlohmann::json())))
      subjects.push_back({{"value", e.value}, {"label", e.label}});
    data["subjects"] = std::move(subjects);
    if (!data.contains("authors")) data["authors"] = nlohmann::json::array();  // older indexes
    return data;
  });
}

Result<nlohmann::json> XapianSearcher::Health() {
  nlohmann::json shards = shards_->Health();
  Xapian::doccount documents = 0;
  size_t up = 0;
  for (const auto& shard : shards) {
    if (shard["state"] != "up") continue;
    ++up;
    documents += shard["documents"].get<Xapian::doccount>();
  }
  if (up == 0) {
    std::string why = shards.size() == 1 ? shards[0].value("error", "") : "no shard is answering";
    return Status::Unavailable("index unavailable: " + why);
  }
  nlohmann::json out{{"status", up == shards.size() ? "ok" : "degraded"},
                     {"documents", documents},
                     {"shards", std::move(shards)}};
  // When the index last changed (written by IndexWriter::Commit; over
  // shards, the first shard's), for /metrics.
  auto stamp = WithDatabase<std::string>(
      [&](Handle& h) -> Result<std::string> { return h.db().get_metadata(kLastCommitKey); });
  if (stamp.ok() && !stamp.value().empty() &&
      stamp.value().find_first_not_of("0123456789") == std::string::npos)
    out["last_commit"] = std::stoll(stamp.value());
  return out;
}

}  // namespace communique
