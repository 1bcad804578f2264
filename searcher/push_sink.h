// What the HTTP layer needs to take articles pushed by a CMS
// (POST /api/admin/articles, DELETE /api/admin/articles/{id}; see
// docs/api-contract.md). The Xapian implementation is LiveIndexer
// (searcher/live_indexer.h); this header has no Xapian, so the HTTP layer
// compiles without it and tests may substitute their own sink.
//
// (Named PushSink, not ArticleSink: indexer/readers/article_reader.h already
// calls its record callback ArticleSink, and LiveIndexer includes both.)
//
// Thread-safety: implementations must allow concurrent calls from the HTTP
// server's worker threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace communique {

// When a push or delete is answered.
enum class PushWait {
  kAccepted,  // once written into the open transaction: searchable, and
              // durable, at the next commit (at most the commit interval away)
  kCommit,    // once committed: searchable, and survives a SIGKILL
};

// What happened to one record of a push.
struct PushOutcome {
  enum class Kind { kAdded, kReplaced, kSkipped };
  size_t line = 0;  // 1-based line of a JSON-lines body, or position in an array
  Kind kind = Kind::kSkipped;
  std::string id;      // the article's key (added/replaced)
  std::string reason;  // why it was skipped, without the line number
};

// When a change becomes searchable.
struct PushTiming {
  // True when the answer waited for the commit: the change is searchable and
  // durable now.
  bool committed = false;
  // Otherwise, the most the caller waits for the next commit (0 when one is
  // already under way or due), in milliseconds.
  int64_t searchable_within_ms = 0;
};

struct PushReport {
  std::vector<PushOutcome> records;  // in body order
  PushTiming timing;
  size_t Count(PushOutcome::Kind kind) const {
    size_t n = 0;
    for (const PushOutcome& r : records) n += r.kind == kind;
    return n;
  }
};

class PushSink {
 public:
  virtual ~PushSink() = default;
  // Indexes the records of `body`: JSON lines (one article per line, exactly
  // as communique-index reads a .jsonl file), a JSON array of such objects,
  // or a single object. Malformed records are skipped and reported in the
  // report; the others are added or replace the article with the same key.
  // Errors: 400 when the body is not JSON lines or an array at all (empty,
  // or no line is JSON); 500/503 when the index cannot be written or, with
  // PushWait::kCommit, the commit failed (then nothing of this push is
  // reported as added).
  virtual Result<PushReport> Push(std::string_view body, PushWait wait) = 0;
  // Deletes the article with key `id` (derived as `communique-index
  // --delete` does). 404 when there is none; otherwise as Push.
  virtual Result<PushTiming> Delete(const std::string& id, PushWait wait) = 0;
};

}  // namespace communique
