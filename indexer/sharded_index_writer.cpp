#include "indexer/sharded_index_writer.h"

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>

#include "common/hash.h"
#include "schema/shard_layout.h"

namespace communique {
namespace fs = std::filesystem;

namespace {
// Operations queued per shard before Add() blocks: enough to keep a writer
// busy while the others commit, small enough to bound memory.
constexpr size_t kMaxQueued = 256;
}  // namespace

size_t ShardOf(std::string_view key, size_t shards) {
  return shards ? static_cast<size_t>(KeyHash(key) % shards) : 0;
}

std::string ShardName(size_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shard-%03zu", index);
  return buf;
}

struct ShardedIndexWriter::Shard {
  std::unique_ptr<IndexWriter> writer;
  std::mutex mu;
  std::condition_variable changed;
  std::deque<std::function<void(IndexWriter&)>> ops;  // guarded by mu
  bool stopping = false;                              // guarded by mu
  std::thread thread;

  void Run() {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      changed.wait(lock, [&] { return stopping || !ops.empty(); });
      if (ops.empty()) return;  // stopping, and everything done
      auto op = std::move(ops.front());
      ops.pop_front();
      changed.notify_all();  // room for a blocked producer
      lock.unlock();
      op(*writer);
      lock.lock();
    }
  }
};

namespace {

// The shard count a stub written by us lists; 400 for any other stub.
Result<size_t> CountOwnShards(const fs::path& stub) {
  std::ifstream in(stub);
  if (!in) return Status::Internal(stub.string() + ": cannot read");
  size_t n = 0;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    if (line != "auto " + ShardName(n))
      return Status::BadRequest(stub.string() + ":" + std::to_string(line_no) +
                                ": expected \"auto " + ShardName(n) +
                                "\": only indexes made by communique-index --shards can be "
                                "written to (index remote shards on their own hosts)");
    ++n;
  }
  if (n == 0) return Status::BadRequest(stub.string() + ": the stub lists no shards");
  return n;
}

// Writes `text` to `path` through a temporary file and a rename, so a
// reader sees the old file or the new one, never half of one.
Status WriteAtomically(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out.flush()) return Status::Internal(tmp.string() + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::Internal(path.string() + ": cannot write: " + ec.message());
  return Status::Ok();
}

}  // namespace

ShardedIndexWriter::ShardedIndexWriter(std::string dir, bool sharded)
    : dir_(std::move(dir)), sharded_(sharded) {}

Result<std::unique_ptr<ShardedIndexWriter>> ShardedIndexWriter::Open(
    const std::string& dir, size_t shards, const FieldSchema& schema, const Gazetteer& gazetteer,
    IndexWriterOptions options, std::function<void(const std::string&)> report) {
  const fs::path stub = fs::path(dir) / kShardStubName;
  std::error_code ec;
  size_t count = shards;
  bool has_stub = fs::exists(stub, ec);
  if (has_stub) {
    auto existing = CountOwnShards(stub);
    if (!existing.ok()) return existing.status();
    if (shards && shards != existing.value())
      return Status::BadRequest(dir + " holds " + std::to_string(existing.value()) +
                                " shards, not " + std::to_string(shards) +
                                ": changing the count would move articles to other shards (index "
                                "into a new directory; see docs/scale-out.md)");
    count = existing.value();
  } else if (shards && (fs::exists(fs::path(dir) / "iamglass", ec) ||
                        fs::exists(fs::path(dir) / "iamchert", ec))) {
    return Status::BadRequest(dir +
                              " is a single database: --shards needs a new directory (see "
                              "docs/scale-out.md)");
  }
  bool sharded = count > 0;
  std::unique_ptr<ShardedIndexWriter> w(new ShardedIndexWriter(dir, sharded));  // private
  w->report_ = std::move(report);
  if (options.on_commit) {
    // Shards commit on their own threads; the callback sees one at a time.
    auto mu = std::make_shared<std::mutex>();
    options.on_commit = [mu,
                         f = std::move(options.on_commit)](const std::vector<std::string>& keys) {
      std::lock_guard<std::mutex> lock(*mu);
      f(keys);
    };
  }
  if (sharded) {
    fs::create_directories(dir, ec);
    if (ec) return Status::Internal(dir + ": cannot create: " + ec.message());
  }
  for (size_t i = 0; i < std::max<size_t>(count, 1); ++i) {
    std::string path = sharded ? (fs::path(dir) / ShardName(i)).string() : dir;
    auto writer = IndexWriter::Open(path, schema, gazetteer, options);
    if (!writer.ok()) return writer.status();
    auto shard = std::make_unique<Shard>();
    shard->writer = std::move(writer).value();
    w->shards_.push_back(std::move(shard));
  }
  // The stub comes after its shards exist, so a reader never finds it
  // listing a database that is not there.
  if (sharded && !has_stub) {
    std::string text =
        "# Written by communique-index: the shards of one index (see docs/scale-out.md).\n";
    for (size_t i = 0; i < count; ++i) text += "auto " + ShardName(i) + "\n";
    Status s = WriteAtomically(stub, text);
    if (!s.ok()) return s;
  }
  for (auto& shard : w->shards_) shard->thread = std::thread([s = shard.get()] { s->Run(); });
  return w;
}

ShardedIndexWriter::~ShardedIndexWriter() {
  for (auto& shard : shards_) {
    {
      std::lock_guard<std::mutex> lock(shard->mu);
      shard->stopping = true;
    }
    shard->changed.notify_all();
  }
  for (auto& shard : shards_) {
    if (shard->thread.joinable()) shard->thread.join();
  }
}

const DocumentBuilder& ShardedIndexWriter::builder() const { return shards_[0]->writer->builder(); }

void ShardedIndexWriter::Enqueue(size_t i, std::function<void(IndexWriter&)> op) {
  Shard& shard = *shards_[i];
  std::unique_lock<std::mutex> lock(shard.mu);
  shard.changed.wait(lock, [&] { return shard.ops.size() < kMaxQueued; });
  shard.ops.push_back(std::move(op));
  shard.changed.notify_all();
}

bool ShardedIndexWriter::Add(AnalyzedArticle article, std::optional<Xapian::Document> built,
                             std::string origin) {
  if (failed_) return false;
  size_t i = ShardOf(article.key, shards_.size());
  // std::function needs a copyable callable: share the moved-in article.
  auto job =
      std::make_shared<std::tuple<AnalyzedArticle, std::optional<Xapian::Document>, std::string>>(
          std::move(article), std::move(built), std::move(origin));
  Enqueue(i, [this, job](IndexWriter& w) {
    if (failed_) return;  // another shard failed: stop rather than lose more
    auto& [a, doc, where] = *job;
    auto outcome = w.Add(a, std::move(doc));
    if (!outcome.ok()) {
      report_(where + ": " + outcome.status().message);
      failed_ = true;
      return;
    }
    (outcome.value() == IndexWriter::Outcome::kAdded ? added_ : replaced_)++;
  });
  return !failed_;
}

Status ShardedIndexWriter::Delete(const std::string& key) {
  std::promise<Status> done;
  auto result = done.get_future();
  Enqueue(ShardOf(key, shards_.size()),
          [&done, &key](IndexWriter& w) { done.set_value(w.Delete(key)); });
  return result.get();
}

Status ShardedIndexWriter::Commit() {
  std::vector<std::promise<Status>> done(shards_.size());
  std::vector<std::future<Status>> results;
  for (size_t i = 0; i < shards_.size(); ++i) {
    results.push_back(done[i].get_future());
    Enqueue(i, [&p = done[i]](IndexWriter& w) { p.set_value(w.Commit()); });
  }
  Status first = Status::Ok();
  for (auto& r : results) {
    Status s = r.get();
    if (first.ok() && !s.ok()) first = s;
  }
  if (!first.ok() || !sharded_) return first;
  return WriteLexicon();
}

Xapian::doccount ShardedIndexWriter::DocumentCount() const {
  Xapian::doccount n = 0;
  for (const auto& shard : shards_) n += shard->writer->DocumentCount();
  return n;
}

Status ShardedIndexWriter::WriteLexicon() const {
  // Rebuilt whole from the committed shards (their spelling tables count
  // documents per word, kept exact under replacement and deletion by
  // IndexWriter) into a new folder; then the symlink `lexicon` is pointed
  // at it by a rename, which is atomic: a reader opens the old lexicon or
  // the new one, never none.
  const fs::path dir(dir_);
  const std::string stamp =
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "-" +
      std::to_string(::getpid());
  const std::string fresh_name = std::string(kLexiconName) + "-" + stamp;
  const fs::path fresh = dir / fresh_name;
  std::error_code ec;
  try {
    Xapian::WritableDatabase lexicon(fresh.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (size_t i = 0; i < shards_.size(); ++i) {
      Xapian::Database shard((dir / ShardName(i)).string());
      for (auto w = shard.spellings_begin(); w != shard.spellings_end(); ++w)
        lexicon.add_spelling(*w, w.get_termfreq());
      if (i != 0) continue;  // every shard holds the same synonyms
      for (auto k = shard.synonym_keys_begin(); k != shard.synonym_keys_end(); ++k) {
        for (auto s = shard.synonyms_begin(*k); s != shard.synonyms_end(*k); ++s)
          lexicon.add_synonym(*k, *s);
      }
    }
    lexicon.commit();
  } catch (const Xapian::Error& e) {
    fs::remove_all(fresh, ec);
    return Status::Internal(fresh.string() + ": cannot write the lexicon: " + e.get_msg());
  }
  const fs::path link = dir / kLexiconName;
  fs::path tmp_link = link;
  tmp_link += ".tmp-" + stamp;
  fs::create_directory_symlink(fresh_name, tmp_link, ec);
  if (!ec) fs::rename(tmp_link, link, ec);
  if (ec) {
    fs::remove(tmp_link, ec);
    return Status::Internal(link.string() + ": cannot replace the lexicon: " + ec.message());
  }
  // Older lexicons go; a searcher still reading one keeps its open files.
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(std::string(kLexiconName) + "-", 0) == 0 && name != fresh_name)
      fs::remove_all(entry.path(), ec);
  }
  return Status::Ok();
}

}  // namespace communique
