// The communique-index command: argument parsing and the indexing run, as a
// library so tests can drive it and main() stays thin.
#pragma once

#include <ostream>
#include <string>
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
  bool progress = false;  // draw the progress line (stderr is a terminal)
};

// Exit statuses of communique-index.
constexpr int kExitOk = 0;       // everything went in
constexpr int kExitSkipped = 1;  // some records were skipped
constexpr int kExitFailed = 2;   // nothing could be done

extern const char kIndexerUsage[];

// Parses argv (without argv[0]). 400 with a message on bad arguments.
Result<IndexerOptions> ParseIndexerArgs(const std::vector<std::string>& args);

// Runs the job; diagnostics and the summary go to `err`. Returns an exit status.
int RunIndexer(const IndexerOptions& options, std::istream& stdin_stream, std::ostream& err);

}  // namespace communique
