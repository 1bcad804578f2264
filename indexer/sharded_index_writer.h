// Writes articles into one Xapian database or into N shard databases, each
// with a writer thread of its own.
//
// A sharded index is a directory holding shard-000 … shard-(N-1), a Xapian
// stub file XAPIANDB listing them (so `xapian-delve DIR`, `Xapian::Database
// (DIR)` and communique-serve open the set as one database) and `lexicon`,
// a database with only the spelling table and synonyms of the whole index,
// which the searcher needs when shards are remote (Xapian's remote protocol
// carries neither). An article's shard is a stable hash of its key, so
// re-indexing it replaces it in its own shard and the set never holds two
// copies.
//
// Thread-safety: Add(), Delete() and Commit() from one thread (the
// indexer's consumer); the writer threads are internal. `report` may be
// called from any writer thread, never two at once.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "indexer/index_writer.h"

namespace communique {

// The shard (0 … shards-1) an article with key `key` belongs to: KeyHash
// (common/hash.h) of the key, modulo the shard count. Never change it:
// existing sharded indexes depend on it.
size_t ShardOf(std::string_view key, size_t shards);

// "shard-000", "shard-001" …
std::string ShardName(size_t index);

class ShardedIndexWriter {
 public:
  // Opens `dir` for writing. `shards` 0 means: whatever `dir` is (a sharded
  // index if it holds a XAPIANDB stub, else one database, created if
  // needed); N > 0 creates N shards in a new directory, or opens an index
  // that already has N. Fails with 400 when `dir` has another shard count
  // or is a single database (articles would land in other shards than the
  // ones holding them), and as IndexWriter::Open does otherwise.
  // `report` gets one line per article that could not be written.
  static Result<std::unique_ptr<ShardedIndexWriter>> Open(
      const std::string& dir, size_t shards, const FieldSchema& schema, const Gazetteer& gazetteer,
      IndexWriterOptions options, std::function<void(const std::string&)> report);
  // Stops the writer threads; what was not committed is committed by each
  // IndexWriter's destructor (call Commit() to see errors).
  ~ShardedIndexWriter();
  ShardedIndexWriter(const ShardedIndexWriter&) = delete;
  ShardedIndexWriter& operator=(const ShardedIndexWriter&) = delete;

  // The builder of every shard (Build() may run on any thread).
  const DocumentBuilder& builder() const;

  // Queues the article for its shard's writer (blocking while that queue is
  // full). `origin` ("file:line") prefixes the report if it cannot be
  // written. Returns false once any writer has failed: stop feeding.
  bool Add(AnalyzedArticle article, std::optional<Xapian::Document> built, std::string origin);
  // Deletes the document with `key` from its shard, after everything queued
  // before; 404 when there is none.
  Status Delete(const std::string& key);
  // Waits for every queue, commits every shard (in parallel) and, for a
  // sharded index, rewrites the lexicon. The first error wins.
  Status Commit();

  size_t added() const { return added_.load(); }
  size_t replaced() const { return replaced_.load(); }
  bool failed() const { return failed_.load(); }
  // Documents in all shards (call after Commit()).
  Xapian::doccount DocumentCount() const;
  // Shards written (0 for a single database).
  size_t shard_count() const { return sharded_ ? shards_.size() : 0; }

 private:
  struct Shard;
  ShardedIndexWriter(std::string dir, bool sharded);
  // Runs `op` on shard `i`'s thread after what is already queued.
  void Enqueue(size_t i, std::function<void(IndexWriter&)> op);
  Status WriteLexicon() const;

  std::string dir_;
  bool sharded_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::function<void(const std::string&)> report_;
  std::atomic<size_t> added_{0}, replaced_{0};
  std::atomic<bool> failed_{false};
};

}  // namespace communique
