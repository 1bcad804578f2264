#include "indexer/index_writer.h"

#include <iostream>
#include <nlohmann/json.hpp>

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

}  // namespace

DocumentBuilder::DocumentBuilder(const FieldSchema& schema, const Gazetteer& gazetteer)
    : schema_(schema), gazetteer_(gazetteer), stemmer_("english") {}

std::string DocumentBuilder::KeyTerm(const std::string& key) const {
  return schema_.Prefix("id") + key;
}

void DocumentBuilder::AddText(Xapian::Document& doc, const std::vector<std::string>& words,
                              const std::string& prefix, unsigned weight,
                              Xapian::termpos& pos) const {
  for (const std::string& w : words) {
    ++pos;
    if (w.empty()) continue;  // too long to index; keep positions aligned
    doc.add_posting(prefix + w, pos, weight);
    // Stems carry no positions (as Xapian's TermGenerator with STEM_SOME):
    // phrases match the exact words, plain words match every inflection.
    std::string stem = stemmer_(w);
    if (!stem.empty()) doc.add_term("Z" + prefix + stem, weight);
  }
}

Xapian::Document DocumentBuilder::Build(const AnalyzedArticle& a) const {
  Xapian::Document doc;
  doc.add_boolean_term(KeyTerm(a.key));

  const Field& title = schema_.Get("title");
  const Field& body = schema_.Get("body");
  Xapian::termpos pos = 0;
  // The title is searchable on its own (title:) and as part of the text.
  AddText(doc, a.title_words, title.prefix, title.weight, pos);
  Xapian::termpos title_end = pos;
  pos = 0;
  AddText(doc, a.title_words, body.prefix, title.weight, pos);
  pos = std::max(pos, title_end) + 100;  // no phrase spans title and body
  AddText(doc, a.body_words, body.prefix, body.weight, pos);

  auto add_boolean = [&](const char* field, const std::string& value) {
    if (!value.empty()) doc.add_boolean_term(schema_.Prefix(field) + AsciiLower(value));
  };
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

  for (EntityKind kind : {EntityKind::kCountry, EntityKind::kLeader, EntityKind::kOrganisation}) {
    const Field& f = schema_.Get(FieldNameOf(kind));
    std::vector<std::string> values;
    for (const EntityCount& c : a.entities.Of(kind)) {
      // wdf = mentions, so a later salience model can read it back.
      doc.add_term(f.prefix + AsciiLower(c.id), static_cast<Xapian::termcount>(c.count));
      values.push_back(c.id);
    }
    if (!values.empty()) doc.add_value(*f.slot, PackValueList(values));
  }

  nlohmann::json data = {
      {"id", a.key},
      {"url", a.url},
      {"title", a.title},
      {"date", a.date ? a.date->Iso() : ""},
      {"source", a.source},
      {"language", a.language},
      {"dateline", a.dateline},
      {"dateline_country", a.dateline_country},
      {"body", a.body},
      {"countries", Ids(a.entities.countries)},
      {"leaders", Ids(a.entities.leaders)},
      {"organisations", Ids(a.entities.organisations)},
  };
  nlohmann::json mentioned = nlohmann::json::array();
  for (const Date& d : a.dates_mentioned) mentioned.push_back(d.Iso());
  data["dates_mentioned"] = std::move(mentioned);
  // Invalid UTF-8 was replaced during normalisation, so dump() cannot throw;
  // "replace" keeps that true even if a caller skipped normalisation.
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, const FieldSchema& schema,
                         const Gazetteer& gazetteer, IndexWriterOptions options)
    : db_(std::move(db)), builder_(schema, gazetteer), options_(options) {}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path,
                                                       const FieldSchema& schema,
                                                       const Gazetteer& gazetteer,
                                                       IndexWriterOptions options) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    return std::unique_ptr<IndexWriter>(
        new IndexWriter(std::move(db), schema, gazetteer, options));  // private constructor
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Conflict(path + ": index is locked by another writer");
  } catch (const Xapian::Error& e) {
    return Status::Internal(path + ": cannot open index for writing: " + e.get_description());
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

Result<IndexWriter::Outcome> IndexWriter::Add(const AnalyzedArticle& article) {
  try {
    Begin();
    std::string key_term = builder_.KeyTerm(article.key);
    bool exists = db_.term_exists(key_term);
    db_.replace_document(key_term, builder_.Build(article));
    ++pending_;
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
    db_.delete_document(key_term);
    ++pending_;
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
    db_.commit_transaction();
    in_transaction_ = false;
    committed_ += pending_;
    pending_ = 0;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    in_transaction_ = false;
    pending_ = 0;
    return Status::Internal("commit failed: " + e.get_description());
  }
}

}  // namespace communique
