#include "indexer/index_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "analysis/alias_synonyms.h"
#include "analysis/content_signature.h"
#include "analysis/entities/entity_json.h"
#include "analysis/language/analyzer.h"
#include "analysis/language/language_detector.h"
#include "analysis/quotes/quote_attributor.h"
#include "analysis/text/tokenizer.h"
#include "schema/sample_bucket.h"
#include "schema/shard_layout.h"
#include "schema/sort_key.h"
#include "schema/terms.h"
#include "schema/value_list.h"

namespace communique {
namespace {

std::string Month(const Date& d) { return d.Compact().substr(0, 6); }
std::string Year(const Date& d) { return d.Compact().substr(0, 4); }

nlohmann::json Ids(const std::vector<EntityCount>& counts) {
  nlohmann::json a = nlohmann::json::array();
  for (const EntityCount& c : counts) a.push_back(c.id);
  return a;
}

nlohmann::json SalientIds(const std::vector<EntityCount>& counts) {
  nlohmann::json a = nlohmann::json::array();
  for (const EntityCount& c : counts) {
    if (c.salient) a.push_back(c.id);
  }
  return a;
}

// Words worth offering as spelling corrections: unprefixed terms (prefixes
// are upper-case ASCII) of three or more bytes without digits.
bool SpellingWord(const std::string& term) {
  if (term.size() < 3 || (term[0] >= 'A' && term[0] <= 'Z')) return false;
  for (char c : term) {
    if (c >= '0' && c <= '9') return false;
  }
  return true;
}

// Adds (or removes) each distinct spelling word of `doc` once, so the
// spelling table counts documents per word and a replaced or deleted
// article takes its words with it.
void UpdateSpelling(Xapian::WritableDatabase& db, const Xapian::Document& doc, bool add) {
  for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (!SpellingWord(term)) continue;
    if (add)
      db.add_spelling(term, 1);
    else
      db.remove_spelling(term, 1);
  }
}

// Stores the gazetteer's aliases as Xapian synonyms (see alias_synonyms.h),
// rewriting the table only when the aliases changed since the last run.
void WriteSynonyms(Xapian::WritableDatabase& db, const FieldSchema& schema,
                   const Gazetteer& gazetteer) {
  std::vector<SynonymPair> pairs = AliasSynonyms(gazetteer, schema);
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the pairs
  for (const SynonymPair& p : pairs) {
    for (unsigned char c : p.key + '\n' + p.value + '\n') h = (h ^ c) * 0x100000001b3ULL;
  }
  std::string version = std::to_string(h);
  const char kVersionKey[] = "communique.synonyms";
  if (db.get_metadata(kVersionKey) == version) return;
  std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
  for (const std::string& k : old_keys) db.clear_synonyms(k);
  // A one-word alias is stored stemmed ("Z" + stem, as AddText indexes it)
  // by the analyzer its script names (English for Latin), so "PK" finds
  // "Pakistan's" just as the query "Pakistan" does.
  for (const SynonymPair& p : pairs) {
    bool plain_word =
        p.value.find(' ') == std::string::npos && !(p.value[0] >= 'A' && p.value[0] <= 'Z');
    std::string stem =
        plain_word ? Analyzer::For(LanguageByScript(p.value)).Stem(p.value) : std::string();
    db.add_synonym(p.key, stem.empty() ? p.value : "Z" + stem);
  }
  db.set_metadata(kVersionKey, version);
  db.commit();
}

}  // namespace

DocumentBuilder::DocumentBuilder(const FieldSchema& schema, const Gazetteer& gazetteer)
    : schema_(schema), gazetteer_(gazetteer) {}

std::string DocumentBuilder::KeyTerm(const std::string& key) const {
  return communique::KeyTerm(schema_, key);
}

void DocumentBuilder::AddText(Xapian::Document& doc, const Analyzer& analyzer,
                              const std::vector<std::string>& words, const std::string& prefix,
                              unsigned weight, Xapian::termpos& pos) const {
  const std::string stem_prefix = "Z" + prefix;
  for (const std::string& w : words) {
    ++pos;
    if (w.empty()) continue;  // too long to index; keep positions aligned
    doc.add_posting(prefix + w, pos, weight);
    // Stems carry no positions (as Xapian's TermGenerator with STEM_SOME):
    // phrases match the exact words, plain words match every inflection.
    // Every language's stems share the Z prefix (ARCHITECTURE.md says why).
    const std::string& stem = analyzer.Stem(w);
    if (!stem.empty()) doc.add_term(stem_prefix + stem, weight);
    // ("l'elysee", one word to ICU, and "القمة" stem as "elysee" and
    // "قمة" do: Analyzer::Stem.)
  }
}

void DocumentBuilder::AddWordPairs(Xapian::Document& doc,
                                   const std::vector<std::string>& words) const {
  // An empty word (too long to index) keeps its position in AddText, so
  // the words either side of it are not adjacent: no pair spans it.
  for (size_t i = 1; i < words.size(); ++i) {
    std::string term = WordPairTerm(schema_, words[i - 1], words[i]);
    if (!term.empty()) doc.add_boolean_term(term);
  }
}

Xapian::Document DocumentBuilder::Build(const AnalyzedArticle& a) const {
  Xapian::Document doc;
  doc.add_boolean_term(KeyTerm(a.key));

  const Field& title = schema_.Get("title");
  const Field& body = schema_.Get("body");
  const Analyzer& analyzer = Analyzer::For(a.language);
  Xapian::termpos pos = 0;
  // The title is searchable on its own (title:) and as part of the text.
  AddText(doc, analyzer, a.title_words, title.prefix, title.weight, pos);
  Xapian::termpos title_end = pos;
  pos = 0;
  AddText(doc, analyzer, a.title_words, body.prefix, title.weight, pos);
  pos = std::max(pos, title_end) + 100;  // no phrase spans title and body
  AddText(doc, analyzer, a.body_words, body.prefix, body.weight, pos);
  if (std::string marker = WordPairMarker(schema_); !marker.empty()) {
    AddWordPairs(doc, a.title_words);
    AddWordPairs(doc, a.body_words);
    doc.add_boolean_term(marker);
  }

  auto add_boolean = [&](const char* field, const std::string& value) {
    if (!value.empty()) doc.add_boolean_term(BooleanTerm(schema_.Get(field), value));
  };
  if (schema_.Find("sample")) add_boolean("sample", SampleBucketValue(SampleBucket(a.key)));
  if (!a.url.empty() && a.url.size() < 200) add_boolean("url", a.url);
  add_boolean("language", a.language);
  if (!a.source.empty() && a.source.size() < 200) {
    add_boolean("source", a.source);
    doc.add_value(schema_.Slot("source"), a.source);
  }
  if (!a.language.empty()) doc.add_value(schema_.Slot("language"), a.language);
  if (a.date) {
    doc.add_value(schema_.Slot("date"), a.date->Compact());
    add_boolean("date", a.date->Compact());
    add_boolean("date_month", Month(*a.date));
    add_boolean("date_year", Year(*a.date));
  }
  if (!a.dateline_country.empty()) {
    add_boolean("dateline", a.dateline_country);
    doc.add_value(schema_.Slot("dateline"), a.dateline_country);
  }
  for (const Date& d : a.dates_mentioned) add_boolean("date_mentioned", d.Compact());
  if (const Field* month = schema_.Find("date_month"); a.date && month && month->slot)
    doc.add_value(*month->slot, Month(*a.date));
  if (const Field* sort = schema_.Find("sort_key"); sort && sort->slot)
    doc.add_value(*sort->slot, SortKeyValue(a.date ? a.date->Compact() : "", a.key));
  if (const Field* sig = schema_.Find("signature"); sig && sig->slot) {
    std::string signature = ContentSignature(a.body_words);
    if (!signature.empty()) doc.add_value(*sig->slot, signature);
  }

  for (EntityKind kind : {EntityKind::kCountry, EntityKind::kLeader, EntityKind::kOrganisation}) {
    const Field& f = schema_.Get(FieldNameOf(kind));
    std::vector<std::string> values;
    for (const EntityCount& c : a.entities.Of(kind)) {
      // The `country` facet holds the countries the article is about;
      // `country_mentioned` (below) every one it names.
      if (kind == EntityKind::kCountry && !c.salient) continue;
      // wdf = mentions, so ranking or a later model can read it back.
      doc.add_term(BooleanTerm(f, c.id), static_cast<Xapian::termcount>(c.count));
      values.push_back(c.id);
    }
    if (!values.empty()) doc.add_value(*f.slot, PackValueList(values));
  }
  if (const Field* mentioned = schema_.Find("country_mentioned")) {
    std::vector<std::string> values;
    for (const EntityCount& c : a.entities.countries) {
      doc.add_term(BooleanTerm(*mentioned, c.id), static_cast<Xapian::termcount>(c.count));
      values.push_back(c.id);
    }
    if (!values.empty() && mentioned->slot) doc.add_value(*mentioned->slot, PackValueList(values));
  }
  if (const Field* dyad = schema_.Find("dyad")) {
    for (const std::string& d : a.dyads) doc.add_boolean_term(BooleanTerm(*dyad, d));
    if (!a.dyads.empty() && dyad->slot) doc.add_value(*dyad->slot, PackValueList(a.dyads));
  }

  // Events, the dyads they link, speakers and quoted words (issue 18).
  auto add_multi = [&](const char* field, const std::vector<std::string>& values) {
    const Field* f = schema_.Find(field);
    if (!f || values.empty()) return;
    for (const std::string& v : values) doc.add_boolean_term(f->prefix + AsciiLower(v));
    if (f->slot) doc.add_value(*f->slot, PackValueList(values));
  };
  std::vector<std::string> events, event_dyads, speakers, speaker_parts;
  for (const Event& e : a.events) {
    events.push_back(e.type);
    for (const std::string& d : e.dyads) event_dyads.push_back(d + ":" + e.type);
  }
  for (const Quote& q : a.quotes) {
    std::string who = !q.speaker_id.empty() ? q.speaker_id : SpeakerSlug(q.speaker);
    if (who.empty() || std::find(speakers.begin(), speakers.end(), who) != speakers.end()) continue;
    speakers.push_back(who);
    // A name the gazetteer lacks is found by any run of its words
    // (speaker:Guterres); a gazetteer speaker is found by its aliases.
    if (q.speaker_id.empty())
      for (std::string& part : SpeakerSlugParts(who)) speaker_parts.push_back(std::move(part));
  }
  add_multi("event", events);
  add_multi("event_dyad", event_dyads);
  add_multi("speaker", speakers);
  if (const Field* f = schema_.Find("speaker_part"))
    for (const std::string& p : speaker_parts) doc.add_boolean_term(BooleanTerm(*f, p));
  if (const Field* quote = schema_.Find("quote")) {
    Xapian::termpos qpos = 0;
    for (const Quote& q : a.quotes) {
      AddText(doc, analyzer, q.words, quote->prefix, quote->weight, qpos);
      qpos += 100;  // no phrase spans two quotes
    }
  }

  // Bylines and subjects as the input gives them (issue 16): author: and
  // subject_name: search their words; each name 100 positions after the
  // last, so no phrase spans two people or two subjects.
  auto add_names = [&](const char* field, const std::vector<std::vector<std::string>>& names) {
    const Field* f = schema_.Find(field);
    if (!f) return;
    Xapian::termpos npos = 0;
    for (const std::vector<std::string>& words : names) {
      AddText(doc, analyzer, words, f->prefix, f->weight, npos);
      npos += 100;
    }
  };
  add_names("author", a.author_words);
  add_names("subject_name", a.subject_words);
  if (const Field* subject = schema_.Find("subject")) {
    std::vector<std::string> codes;
    for (const Subject& sub : a.subjects) {
      doc.add_boolean_term(BooleanTerm(*subject, sub.code));
      codes.push_back(sub.code);
    }
    if (!codes.empty() && subject->slot) doc.add_value(*subject->slot, PackValueList(codes));
  }

  if (const Field* bundle = schema_.Find("facet_bundle"); bundle && bundle->slot) {
    std::vector<std::pair<unsigned, std::string>> bundled;
    for (const Field& f : schema_.fields()) {
      if (f.slot && (f.facet || f.name == "signature"))
        bundled.emplace_back(*f.slot, doc.get_value(*f.slot));
    }
    doc.add_value(*bundle->slot, PackSlotBundle(bundled));
  }

  nlohmann::json data = {
      {"id", a.key},
      {"url", a.url},
      {"title", a.title},
      {"date", a.date ? a.date->Iso() : ""},
      {"source", a.source},
      {"language", a.language},
      {"language_source", a.language_source},
      {"dateline", a.dateline},
      {"dateline_country", a.dateline_country},
      {"body", a.body},
      {"countries", SalientIds(a.entities.countries)},
      {"countries_mentioned", Ids(a.entities.countries)},
      {"dyads", a.dyads},
      {"leaders", Ids(a.entities.leaders)},
      {"organisations", Ids(a.entities.organisations)},
  };
  data["authors"] = a.authors;
  nlohmann::json stored_subjects = nlohmann::json::array();
  for (const Subject& sub : a.subjects)
    stored_subjects.push_back({{"code", sub.code}, {"name", sub.name}});
  data["subjects"] = std::move(stored_subjects);
  // The title is the indexer's stand-in (the first sentence) for a missing
  // headline: the page and /api/doc say so.
  if (a.title_derived) data["title_derived"] = true;
  nlohmann::json stored_events = nlohmann::json::array();
  for (const Event& e : a.events)
    stored_events.push_back({{"type", e.type}, {"primary", e.primary}});
  data["events"] = std::move(stored_events);
  nlohmann::json stored_quotes = nlohmann::json::array();
  for (const Quote& q : a.quotes)
    stored_quotes.push_back(
        {{"speaker", q.speaker}, {"speaker_id", q.speaker_id}, {"text", q.text}});
  data["quotes"] = std::move(stored_quotes);
  nlohmann::json mentioned = nlohmann::json::array();
  for (const Date& d : a.dates_mentioned) mentioned.push_back(d.Iso());
  data["dates_mentioned"] = std::move(mentioned);
  // Per-entity detail (mentions, salience, role on the date), as --extract
  // prints it.
  nlohmann::ordered_json extracted = ExtractRecord(a, gazetteer_, a.key);
  data["entities"] = {{"countries", nlohmann::json(extracted["countries"])},
                      {"leaders", nlohmann::json(extracted["leaders"])},
                      {"organisations", nlohmann::json(extracted["organisations"])}};
  // Invalid UTF-8 was replaced during normalisation, so dump() cannot throw;
  // "replace" keeps that true even if a caller skipped normalisation.
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, const FieldSchema& schema,
                         const Gazetteer& gazetteer, IndexWriterOptions options)
    : db_(std::move(db)), builder_(schema, gazetteer), options_(std::move(options)) {}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path,
                                                       const FieldSchema& schema,
                                                       const Gazetteer& gazetteer,
                                                       IndexWriterOptions options) {
  // Xapian's lock is taken by the constructor and released by the kernel when
  // its holder dies (even by SIGKILL), so polling is all --wait needs.
  auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::milliseconds(static_cast<long>(options.wait_for_lock_seconds * 1000));
  bool announced = false;
  for (;;) {
    try {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
      WriteSynonyms(db, schema, gazetteer);
      return std::unique_ptr<IndexWriter>(new IndexWriter(
          std::move(db), schema, gazetteer, std::move(options)));  // private constructor
    } catch (const Xapian::DatabaseLockError& e) {
      bool forever = options.wait_for_lock_seconds < 0;
      if (!forever && std::chrono::steady_clock::now() >= deadline)
        return Status::Conflict(path + ": index is locked by another writer");
      if (!announced && options.on_lock_wait) options.on_lock_wait(path);
      announced = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } catch (const Xapian::Error& e) {
      return Status::Internal(path + ": cannot open index for writing: " + e.get_description());
    }
  }
}

IndexWriter::~IndexWriter() {
  Status s = Commit();
  if (!s.ok()) std::cerr << "communique: final commit failed: " << s.message << "\n";
}

void IndexWriter::Begin() {
  if (!in_transaction_) {
    db_.begin_transaction(/*flushed=*/true);
    in_transaction_ = true;
  }
}

Result<IndexWriter::Outcome> IndexWriter::Add(const AnalyzedArticle& article,
                                              std::optional<Xapian::Document> built) {
  try {
    Begin();
    std::string key_term = builder_.KeyTerm(article.key);
    bool exists = db_.term_exists(key_term);
    if (exists) UpdateSpelling(db_, db_.get_document(*db_.postlist_begin(key_term)), false);
    Xapian::Document doc = built ? std::move(*built) : builder_.Build(article);
    UpdateSpelling(db_, doc, true);
    db_.replace_document(key_term, doc);
    ++pending_;
    if (options_.on_commit) pending_keys_.push_back(article.key);
    Status s = MaybeCommit();
    if (!s.ok()) return s;
    return exists ? Outcome::kReplaced : Outcome::kAdded;
  } catch (const Xapian::Error& e) {
    return Status::Internal("index write failed: " + e.get_description());
  }
}

Status IndexWriter::Delete(const std::string& key) {
  try {
    Begin();
    std::string key_term = builder_.KeyTerm(key);
    if (!db_.term_exists(key_term)) return Status::NotFound("no document with id " + key);
    UpdateSpelling(db_, db_.get_document(*db_.postlist_begin(key_term)), false);
    db_.delete_document(key_term);
    ++pending_;
    if (options_.on_commit) pending_keys_.push_back(key);
    return MaybeCommit();
  } catch (const Xapian::Error& e) {
    return Status::Internal("delete failed: " + e.get_description());
  }
}

Status IndexWriter::MaybeCommit() {
  return pending_ >= options_.batch_size ? Commit() : Status::Ok();
}

Status IndexWriter::Commit() {
  if (!in_transaction_) return Status::Ok();
  try {
    // When the index last changed, for the server's /metrics (Xapian keeps
    // no time of its own); part of the same transaction.
    db_.set_metadata(kLastCommitKey, std::to_string(std::time(nullptr)));
    db_.commit_transaction();
    in_transaction_ = false;
    committed_ += pending_;
    pending_ = 0;
    // Reported only now that commit_transaction() has returned: a report
    // must never claim more than the database holds.
    if (options_.on_commit && !pending_keys_.empty()) options_.on_commit(pending_keys_);
    pending_keys_.clear();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    in_transaction_ = false;
    pending_ = 0;
    pending_keys_.clear();
    return Status::Internal("commit failed: " + e.get_description());
  }
}

}  // namespace communique
