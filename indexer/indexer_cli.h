// The communique-index command: argument parsing and the indexing run, as a
// library so tests can drive it and main() stays thin.
#pragma once

#include <algorithm>
#include <atomic>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "indexer/readers/article_reader.h"

namespace communique {

struct IndexerOptions {
  std::string db;
  std::vector<std::string> inputs;             // files, folders, or "-" for stdin
  std::vector<std::string> delete_ids;         // --delete ID...
  InputFormat format = InputFormat::kUnknown;  // kUnknown: by extension
  std::string schema_dir;
  size_t batch_size = 1000;
  // --shards N: write N shard databases under `db` (see
  // ShardedIndexWriter); 0 keeps whatever `db` already is.
  size_t shards = 0;
  // Analysis threads; the Xapian writer is always one more thread.
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  bool progress = false;  // draw the progress line (stderr is a terminal)
  // --wait[=SECONDS]: keep retrying while another writer holds the index
  // (negative: without end) instead of exiting 2 at once.
  double wait_seconds = 0;
  // --commit-log FILE: after each commit, the keys it made durable are
  // appended one per line, so a supervisor (or the crash-safety test) knows
  // what survived a kill.
  std::string commit_log;
  // --extract: write no index; print each article's entities as one JSON
  // object per line (see ExtractRecord in analysis/entities/entity_json.h).
  bool extract = false;
  // --no-entities: index the text only (no entities, mentioned dates or
  // dateline country), to measure what extraction costs.
  bool entities = true;
  // --follow: keep polling the inputs (feed URLs, feed files, lists of
  // feeds or OPML) every --interval seconds and index what changes, until
  // SIGINT/SIGTERM (see feed_follower.h).
  bool follow = false;
  double interval_seconds = 300;
};

// Exit statuses of communique-index.
constexpr int kExitOk = 0;       // everything went in
constexpr int kExitSkipped = 1;  // some records were skipped
constexpr int kExitFailed = 2;   // nothing could be done

extern const char kIndexerUsage[];

// Parses argv (without argv[0]). 400 with a message on bad arguments.
Result<IndexerOptions> ParseIndexerArgs(const std::vector<std::string>& args);

// A diagnostic made safe for a terminal or a log: control characters and
// bytes that are not well-formed UTF-8 (which hostile input echoes into
// messages such as "unrecognised date") become \xNN, so one report is
// always one line and cannot carry terminal escape sequences. Pure.
std::string PrintableDiagnostic(const std::string& message);

// Set when SIGINT or SIGTERM arrives after InstallStopSignals(); a --follow
// run polls it and stops after committing. Async-signal-safe (lock-free).
std::atomic<bool>& StopRequested();
// Routes SIGINT and SIGTERM to StopRequested(). Call from the main thread.
void InstallStopSignals();

class FeedFetcher;
// The --follow run: polls the feeds until `stop` is set, committing each
// poll's new and changed items; one line to `err` per poll that changed
// something, and one per problem. `fetcher` null means the real network
// (MakeHttpFeedFetcher). Returns kExitOk after a clean stop, kExitFailed
// when the index or the feed list cannot be opened.
int RunFollow(const IndexerOptions& options, std::ostream& err, const std::atomic<bool>& stop,
              FeedFetcher* fetcher = nullptr);

// Runs the job; diagnostics and the summary go to `err`. Returns an exit status.
int RunIndexer(const IndexerOptions& options, std::istream& stdin_stream, std::ostream& err);

// The --extract run: reads the inputs like RunIndexer, analyses each article
// and writes one JSON object per article to `out`, in input order, with the
// input's id unchanged. Malformed records are reported to `err` and skipped.
// Returns the same exit statuses as RunIndexer. RunIndexer calls it (with
// std::cout) when options.extract is set.
int RunExtract(const IndexerOptions& options, std::istream& stdin_stream, std::ostream& out,
               std::ostream& err);

}  // namespace communique
