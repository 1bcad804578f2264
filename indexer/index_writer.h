// Writes analysed articles into a Xapian database: terms and values laid out
// by the field schema, replace-by-key, batched commits inside transactions.
//
// Thread-safety: one IndexWriter per database, used from one thread; Xapian
// allows a single writer per database and IndexWriter holds its lock.
#pragma once

#include <xapian.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/article_analyzer.h"
#include "analysis/language/analyzer.h"
#include "common/status.h"
#include "schema/field_schema.h"

namespace communique {

// Builds the Xapian document for an analysed article. The document's data
// is a JSON object with the stored fields (what /api/doc returns).
// Thread-safety: const methods may run concurrently.
class DocumentBuilder {
 public:
  DocumentBuilder(const FieldSchema& schema, const Gazetteer& gazetteer);
  Xapian::Document Build(const AnalyzedArticle& article) const;
  // The unique-key term for a key ("Q" + key).
  std::string KeyTerm(const std::string& key) const;

 private:
  // Adds `words` at positions after `pos` under `prefix`, each with its
  // stem by `analyzer` (the article's language).
  void AddText(Xapian::Document& doc, const Analyzer& analyzer,
               const std::vector<std::string>& words, const std::string& prefix, unsigned weight,
               Xapian::termpos& pos) const;
  // Adds the word-pair terms (schema/terms.h) of consecutive `words`.
  void AddWordPairs(Xapian::Document& doc, const std::vector<std::string>& words) const;
  const FieldSchema& schema_;
  const Gazetteer& gazetteer_;
};

struct IndexWriterOptions {
  // Documents per transaction; each transaction ends in a commit, so a
  // crash loses at most one batch, never corrupts what was committed.
  size_t batch_size = 1000;
  // Called after each successful commit with the keys that commit made
  // durable (added, replaced or deleted), in order. A process killed right
  // after commit may not have called it yet, so what it reports is always a
  // subset of what is durable, never more. Runs on the writer's thread.
  std::function<void(const std::vector<std::string>& keys)> on_commit;
  // How long Open() keeps retrying while another writer holds the lock:
  // 0 fails at once; negative waits without end.
  double wait_for_lock_seconds = 0;
  // Called once by Open(), on its thread, with the path, when it finds the
  // index locked and is going to wait (wait_for_lock_seconds is not 0): a
  // person at a terminal learns why nothing happens, and a test learns that
  // the wait has begun without guessing how long that takes.
  std::function<void(const std::string& path)> on_lock_wait;
};

class IndexWriter {
 public:
  // Opens (creating if needed) the database at `path` for writing. Fails with
  // 409 "index is locked by another writer" when another process holds it
  // (after retrying for options.wait_for_lock_seconds),
  // and 500 with Xapian's message when it cannot be opened or created.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path,
                                                   const FieldSchema& schema,
                                                   const Gazetteer& gazetteer,
                                                   IndexWriterOptions options = {});
  // Commits pending documents; errors at this point are reported to stderr
  // (destructors cannot fail), so call Commit() explicitly.
  ~IndexWriter();

  enum class Outcome { kAdded, kReplaced };
  // Adds the article, replacing any document with the same key.
  // `built`, when given, is builder().Build(article) done ahead of time on
  // another thread; the writer then only writes.
  Result<Outcome> Add(const AnalyzedArticle& article,
                      std::optional<Xapian::Document> built = std::nullopt);
  // The builder Add() uses; Build() may be called from any thread.
  const DocumentBuilder& builder() const { return builder_; }
  // Deletes the document with key `key`; 404 when there is none.
  Status Delete(const std::string& key);
  // Ends the current transaction, making everything added so far durable.
  Status Commit();

  // Documents in the database, including uncommitted ones.
  Xapian::doccount DocumentCount() const { return db_.get_doccount(); }
  // Documents made durable by the last successful Commit().
  size_t committed() const { return committed_; }

 private:
  IndexWriter(Xapian::WritableDatabase db, const FieldSchema& schema, const Gazetteer& gazetteer,
              IndexWriterOptions options);
  Status MaybeCommit();
  void Begin();

  Xapian::WritableDatabase db_;
  DocumentBuilder builder_;
  IndexWriterOptions options_;
  bool in_transaction_ = false;
  size_t pending_ = 0;
  size_t committed_ = 0;
  std::vector<std::string> pending_keys_;  // only filled when on_commit is set
};

}  // namespace communique
