// The names inside a sharded index directory, shared by the indexer that
// writes it (ShardedIndexWriter) and the searcher that reads it (ShardSet).
//
// Thread-safety: constants.
#pragma once

namespace communique {

// The Xapian stub file listing the shards; Xapian opens a directory holding
// one as the set of databases it names.
inline constexpr char kShardStubName[] = "XAPIANDB";
// The spelling-and-synonyms database beside the shards (a symlink to the
// newest lexicon-<stamp> folder).
inline constexpr char kLexiconName[] = "lexicon";

// Database metadata key holding the Unix time of the index's last commit
// (written by the indexer in the commit's own transaction; read by the
// server for /metrics, since Xapian keeps no time of its own).
constexpr char kLastCommitKey[] = "communique.last_commit";

}  // namespace communique
