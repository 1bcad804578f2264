// The databases a searcher reads — one database, a directory of shards, or
// a Xapian stub file mixing local shards and remote ones served by
// xapian-tcpsrv — and which of them are answering.
//
// Searching goes through Xapian's own machinery: a Xapian::Database built
// from the shards that are up, so ranking statistics, match spies, collapse
// and sorting are combined by Xapian exactly as for one database. What
// Xapian does not do is carry on without a shard: one dead remote fails the
// whole search. ShardSet keeps the list of shards that answer, takes a shard
// out when it stops answering (CheckShards) and puts it back when a
// background thread can reach it again, so a search over the rest is
// possible and says which shards it lacks.
//
// Thread-safety: all public methods may be called concurrently.
#pragma once

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"

namespace communique {

// One shard: a local database or a remote one.
struct ShardSpec {
  std::string name;  // shown to users: the path as written in the stub, or "host:port"
  std::string path;  // local database directory ("" when remote)
  std::string host;  // remote host (empty when local)
  unsigned port = 0;
  bool remote() const { return port != 0; }
};

// What a search target resolves to.
struct ShardLayout {
  std::vector<ShardSpec> shards;
  // A local database holding the spelling table and synonyms of the whole
  // index (communique-index writes DIR/lexicon beside sharded indexes),
  // or "" when the shards themselves serve (a plain database). Remote
  // shards cannot: Xapian's remote protocol carries neither.
  std::string lexicon;
};

// Resolves `target`: a database directory (one shard); a directory holding a
// stub file named XAPIANDB (communique-index --shards writes one); or a
// stub file. Stub lines are Xapian's: "auto|glass|chert PATH" (relative to
// the stub's folder) and "remote HOST:PORT" (or "remote :PORT" for
// localhost); '#' starts a comment. The lexicon is `lexicon` when given,
// else DIR/lexicon beside the stub if it exists. Errors (400) name the file,
// line and reason.
Result<ShardLayout> ResolveShards(const std::string& target, const std::string& lexicon = "");

struct ShardOptions {
  // How long a remote shard may take to connect or to answer one exchange
  // before it is taken out (Xapian::Remote::open's timeouts).
  std::chrono::milliseconds timeout{1500};
  // How often shards that are down are tried again.
  std::chrono::milliseconds retry_interval{1000};
};

class ShardSet {
 public:
  // Opens every shard once to check it. A single local database that cannot
  // be opened is an error (503); with several shards, the set opens as long
  // as one answers, and the others are retried in the background.
  static Result<std::unique_ptr<ShardSet>> Open(ShardLayout layout, ShardOptions options = {});
  ~ShardSet();
  ShardSet(const ShardSet&) = delete;
  ShardSet& operator=(const ShardSet&) = delete;

  // A Database over the shards that are up (each opened afresh, so the
  // caller owns its connections), and the names of those that are not.
  struct View {
    Xapian::Database db;
    std::vector<std::string> missing;
    uint64_t generation = 0;  // of the up/down states it was built from
  };
  // 503 when no shard is up. A shard that fails to open here is taken out.
  Result<View> OpenView();

  // Bumped whenever a shard goes down or comes back: a View of an older
  // generation should be rebuilt.
  uint64_t generation() const { return generation_.load(); }

  // After a search failed with a network error: checks every shard that is
  // up, all at once and within the timeout, and takes out those that do not
  // answer. Returns whether any was taken out.
  bool CheckShards();

  // Per shard: name, "local" or "remote", "up" or "down", documents (when
  // up) and the last error (when down).
  nlohmann::json Health();

  const ShardLayout& layout() const { return layout_; }
  bool has_remote() const {
    for (const ShardSpec& s : layout_.shards)
      if (s.remote()) return true;
    return false;
  }
  size_t size() const { return layout_.shards.size(); }

 private:
  struct State {
    bool up = true;
    std::string error;
  };
  ShardSet(ShardLayout layout, ShardOptions options);
  // Opens shard `i` on its own (throws Xapian::Error).
  Xapian::Database OpenShard(size_t i) const;
  void MarkDown(size_t i, const std::string& error);
  void MarkUp(size_t i);
  void RetryLoop();

  ShardLayout layout_;
  ShardOptions options_;
  std::atomic<uint64_t> generation_{1};
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;      // guarded by mu_
  std::vector<State> states_;  // guarded by mu_
  std::thread retry_thread_;
};

}  // namespace communique
