#include "indexer/indexer_cli.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "analysis/article_analyzer.h"
#include "analysis/entities/entity_json.h"
#include "common/numbers.h"
#include "indexer/analysis_pipeline.h"
#include "indexer/feed_follower.h"
#include "indexer/index_writer.h"
#include "indexer/progress.h"
#include "indexer/sharded_index_writer.h"
#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "schema/paths.h"

namespace communique {
namespace fs = std::filesystem;

const char kIndexerUsage[] =
    "usage: communique-index --db DIR [options] PATH...\n"
    "       communique-index --extract [--format FMT] PATH...\n"
    "       communique-index --db DIR --delete ID...\n"
    "       communique-index --db DIR --follow [--interval SECONDS] URL_OR_FILE...\n"
    "\n"
    "Indexes articles from files or folders (recursively) into the Xapian\n"
    "database DIR, creating it if needed. '-' reads JSON lines from stdin.\n"
    "\n"
    "  --db DIR          index to write (required)\n"
    "  --shards N        write N shard databases under DIR (DIR/shard-000 ...,\n"
    "                    a stub DIR/XAPIANDB listing them, and DIR/lexicon), one\n"
    "                    writer thread each; an article's shard is a hash of its\n"
    "                    id. Later runs find the shards without the option\n"
    "  --format FMT      jsonl | text | html | rss (also atom, RSS 1.0) | ninjs |\n"
    "                    newsml (NewsML-G2) | auto. Default: the content\n"
    "                    decides for .json/.jsonl/.ndjson/.xml/.rss/.atom/.rdf\n"
    "                    and files named on the command line; .txt is text,\n"
    "                    .html/.htm HTML. Folders are searched for these names\n"
    "  --delete ID...    remove the documents with these ids (or urls)\n"
    "  --extract         write no index: print each article's countries (with\n"
    "                    mentions and salience), leaders, organisations, dates,\n"
    "                    dateline and dyads as one JSON object per line\n"
    "  --no-entities     index the text only, without entity extraction (to\n"
    "                    measure its cost: scripts/bench-extraction)\n"
    "  --batch N         documents per commit (default 1000)\n"
    "  --threads N       analysis threads (default: one per core)\n"
    "  --schema DIR      schema folder (default: the source tree's schema/)\n"
    "  --wait[=SECONDS]  when another writer holds the index, wait for it\n"
    "                    (without end, or at most SECONDS) instead of exiting 2\n"
    "  --commit-log FILE append the ids each commit made durable to FILE,\n"
    "                    one per line, right after that commit\n"
    "  --follow          keep running: poll each feed (http://, https://, a feed\n"
    "                    file, or a file listing feeds one per line, or OPML)\n"
    "                    with conditional GETs, index new and changed items and\n"
    "                    commit them; SIGINT/SIGTERM stop it after a commit\n"
    "  --interval SECS   seconds between polls of each feed (default 300)\n"
    "  --progress/--no-progress   force the progress line on or off\n"
    "                    (default: on when stderr is a terminal)\n"
    "\n"
    "Exit status: 0 all records indexed, 1 some records skipped (each is\n"
    "reported as path:line: reason), 2 nothing could be done.\n";

Result<IndexerOptions> ParseIndexerArgs(const std::vector<std::string>& args) {
  IndexerOptions o;
  o.schema_dir = DefaultSchemaDir();
  bool deleting = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag) -> Result<std::string> {
      if (i + 1 >= args.size()) return Status::BadRequest(std::string(flag) + " needs a value");
      return args[++i];
    };
    if (a == "--db") {
      auto v = value("--db");
      if (!v.ok()) return v.status();
      o.db = v.value();
    } else if (a == "--format") {
      auto v = value("--format");
      if (!v.ok()) return v.status();
      o.format = ParseFormatName(v.value());
      if (o.format == InputFormat::kUnknown)
        return Status::BadRequest("unknown --format \"" + v.value() +
                                  "\" (jsonl, text, html, rss, atom, ninjs, newsml or auto)");
    } else if (a == "--schema") {
      auto v = value("--schema");
      if (!v.ok()) return v.status();
      o.schema_dir = v.value();
    } else if (a == "--shards") {
      auto v = value("--shards");
      if (!v.ok()) return v.status();
      auto n = ParseNumber(a, v.value(), 1, 1000);
      if (!n.ok()) return n.status();
      o.shards = static_cast<size_t>(n.value());
    } else if (a == "--batch" || a == "--threads") {
      auto v = value(a.c_str());
      if (!v.ok()) return v.status();
      bool batch = a == "--batch";
      auto n = ParseNumber(a, v.value(), 1, batch ? 1000000 : 256);
      if (!n.ok()) return n.status();
      (batch ? o.batch_size : o.threads) = static_cast<size_t>(n.value());
    } else if (a == "--follow") {
      o.follow = true;
    } else if (a == "--interval") {
      auto v = value("--interval");
      if (!v.ok()) return v.status();
      auto n = ParseNumber(a, v.value(), 1, 86400);
      if (!n.ok()) return n.status();
      o.interval_seconds = static_cast<double>(n.value());
    } else if (a == "--extract") {
      o.extract = true;
    } else if (a == "--no-entities") {
      o.entities = false;
    } else if (a == "--delete") {
      deleting = true;
    } else if (a == "--progress") {
      o.progress = true;
    } else if (a == "--no-progress") {
      o.progress = false;
    } else if (a == "--wait") {
      o.wait_seconds = -1;
    } else if (a.rfind("--wait=", 0) == 0) {
      auto n = ParseNumber("--wait", a.substr(7), 0, 86400);
      if (!n.ok()) return n.status();
      o.wait_seconds = static_cast<double>(n.value());
    } else if (a == "--commit-log") {
      auto v = value("--commit-log");
      if (!v.ok()) return v.status();
      o.commit_log = v.value();
    } else if (a == "-h" || a == "--help") {
      return Status{200, "help"};
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return Status::BadRequest("unknown option " + a);
    } else if (deleting) {
      o.delete_ids.push_back(a);
    } else {
      o.inputs.push_back(a);
    }
  }
  if (o.db.empty() && !o.extract) return Status::BadRequest("--db DIR is required");
  if (o.follow && (o.extract || deleting))
    return Status::BadRequest("--follow cannot be combined with --extract or --delete");
  if (o.follow && o.inputs.empty()) return Status::BadRequest("--follow needs feeds to follow");
  if (o.inputs.empty() && o.delete_ids.empty())
    return Status::BadRequest("nothing to do: give files or folders to index, or --delete ID");
  return o;
}

namespace {

struct Input {
  std::string path;  // "-" for stdin
  InputFormat format;
  uintmax_t bytes;
};

// --format, else the extension; JSON files are sniffed too, since ninjs
// arrives as .json and .jsonl.
InputFormat FormatFor(const IndexerOptions& o, const std::string& path) {
  if (o.format != InputFormat::kUnknown) return o.format;
  InputFormat f = FormatForPath(path);
  return f == InputFormat::kJsonLines ? InputFormat::kAuto : f;
}

// Expands folders (recursively, in sorted order so runs are repeatable).
// Missing paths and unreadable folders are reported and counted.
std::vector<Input> CollectInputs(const IndexerOptions& o, std::ostream& err, size_t& problems) {
  std::vector<Input> inputs;
  for (const std::string& p : o.inputs) {
    if (p == "-") {
      inputs.push_back({p, InputFormat::kJsonLines, 0});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      err << p << ": no such file or directory\n";
      ++problems;
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec),
          end;
      for (; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string f = it->path().string();
        if (o.format != InputFormat::kUnknown || FormatForPath(f) != InputFormat::kUnknown) {
          files.push_back(f);
        }
      }
      if (ec) {
        err << p << ": cannot read folder: " << ec.message() << "\n";
        ++problems;
      }
      std::sort(files.begin(), files.end());
      for (const std::string& f : files) {
        inputs.push_back({f, FormatFor(o, f), fs::file_size(f, ec)});
      }
      continue;
    }
    // A file named on the command line is read whatever its extension: its
    // content decides.
    InputFormat fmt = FormatFor(o, p);
    inputs.push_back(
        {p, fmt == InputFormat::kUnknown ? InputFormat::kAuto : fmt, fs::file_size(p, ec)});
  }
  return inputs;
}

}  // namespace

std::string PrintableDiagnostic(const std::string& message) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(message.size());
  auto escape = [&](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  for (size_t i = 0; i < message.size();) {
    unsigned char c = static_cast<unsigned char>(message[i]);
    if (c < 0x20 || c == 0x7f) {
      escape(c);
      ++i;
      continue;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    // A well-formed UTF-8 sequence (no overlongs, surrogates or values past
    // U+10FFFF) is kept; any other byte is escaped on its own.
    size_t n = c >= 0xc2 && c <= 0xdf   ? 2
               : c >= 0xe0 && c <= 0xef ? 3
               : c >= 0xf0 && c <= 0xf4 ? 4
                                        : 0;
    bool ok = n > 0 && i + n <= message.size();
    for (size_t k = 1; ok && k < n; ++k)
      ok = (static_cast<unsigned char>(message[i + k]) & 0xc0) == 0x80;
    if (ok && n >= 3) {
      unsigned char c1 = static_cast<unsigned char>(message[i + 1]);
      if (c == 0xe0 && c1 < 0xa0) ok = false;   // overlong
      if (c == 0xed && c1 >= 0xa0) ok = false;  // surrogate
      if (c == 0xf0 && c1 < 0x90) ok = false;   // overlong
      if (c == 0xf4 && c1 >= 0x90) ok = false;  // past U+10FFFF
    }
    if (!ok) {
      escape(c);
      ++i;
      continue;
    }
    out.append(message, i, n);
    i += n;
  }
  return out;
}

namespace {

// Feeds every input to `sink` in order ("-" is JSON lines on stdin),
// stopping between inputs once `stop()` says so.
void ReadInputs(const std::vector<Input>& inputs, std::istream& stdin_stream,
                const ArticleSink& sink, const std::function<bool()>& stop) {
  for (const Input& in : inputs) {
    if (stop()) break;
    if (in.path == "-")
      ReadJsonLines(stdin_stream, "<stdin>", sink);
    else
      ReadFile(in.path, in.format, sink);
  }
}

// Loads the gazetteer both commands need; reports a failure on `err`.
std::optional<Gazetteer> LoadGazetteer(const IndexerOptions& o, std::ostream& err) {
  auto gazetteer = Gazetteer::LoadDir(o.schema_dir + "/gazetteer");
  if (gazetteer.ok()) return std::move(gazetteer).value();
  err << "communique-index: " << gazetteer.status().message << "\n";
  return std::nullopt;
}

// The field schema and the gazetteer that indexing and following both need.
struct SchemaFiles {
  FieldSchema schema;
  Gazetteer gazetteer;
};

std::optional<SchemaFiles> LoadSchemaFiles(const IndexerOptions& o, std::ostream& err) {
  auto schema = FieldSchema::Load(o.schema_dir + "/fields.json");
  if (!schema.ok()) {
    err << "communique-index: " << schema.status().message << "\n";
    return std::nullopt;
  }
  std::optional<Gazetteer> gazetteer = LoadGazetteer(o, err);
  if (!gazetteer) return std::nullopt;
  return SchemaFiles{std::move(schema).value(), std::move(*gazetteer)};
}

}  // namespace

// The writer for o.db as both indexing and following open it: the batch
// size and lock wait from the flags, plus what the caller adds.
Result<std::unique_ptr<ShardedIndexWriter>> OpenWriter(
    const IndexerOptions& o, const FieldSchema& schema, const Gazetteer& gazetteer,
    IndexWriterOptions writer_options, const std::function<void(const std::string&)>& report) {
  writer_options.batch_size = o.batch_size;
  writer_options.wait_for_lock_seconds = o.wait_seconds;
  writer_options.on_lock_wait = [report](const std::string& path) {
    report("communique-index: " + path + ": index is locked by another writer; waiting (--wait)");
  };
  return ShardedIndexWriter::Open(o.db, o.shards, schema, gazetteer, writer_options, report);
}

int RunExtract(const IndexerOptions& o, std::istream& stdin_stream, std::ostream& out,
               std::ostream& err) {
  auto start = std::chrono::steady_clock::now();
  std::optional<Gazetteer> gazetteer = LoadGazetteer(o, err);
  if (!gazetteer) return kExitFailed;
  size_t problems = 0;
  std::vector<Input> inputs = CollectInputs(o, err, problems);
  if (inputs.empty()) {
    err << "communique-index: nothing to extract from\n";
    return kExitFailed;
  }
  ArticleAnalyzer analyzer(*gazetteer);
  size_t done = 0, skipped = 0;
  ArticleSink sink = [&](Result<Article> record) {
    if (!record.ok()) {
      err << PrintableDiagnostic(record.status().message) << "\n";
      ++skipped;
      return;
    }
    auto analysed = analyzer.Analyze(record.value());
    if (!analysed.ok()) {
      err << PrintableDiagnostic(analysed.status().message) << "\n";
      ++skipped;
      return;
    }
    const Article& a = record.value();
    std::string id = a.id.empty() ? analysed.value().key : a.id;
    nlohmann::ordered_json extracted = ExtractRecord(analysed.value(), *gazetteer, id);
    // Which analyzer the text got, and why (declared, script or ngram).
    extracted["language"] = analysed.value().language;
    extracted["language_source"] = analysed.value().language_source;
    out << extracted.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    ++done;
  };
  ReadInputs(inputs, stdin_stream, sink, [] { return false; });
  out.flush();
  double secs = SecondsSince(start);
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.2fs, %.0f docs/s", secs,
                secs > 0 ? static_cast<double>(done) / secs : 0.0);
  err << "communique-index: extracted " << done << ", " << skipped << " skipped in " << rate
      << "\n";
  return (skipped || problems) ? kExitSkipped : kExitOk;
}

std::atomic<bool>& StopRequested() {
  static std::atomic<bool> stop{false};
  return stop;
}

namespace {
void OnStopSignal(int) { StopRequested().store(true); }
}  // namespace

void InstallStopSignals() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int RunFollow(const IndexerOptions& o, std::ostream& err, const std::atomic<bool>& stop,
              FeedFetcher* fetcher) {
  std::optional<SchemaFiles> files = LoadSchemaFiles(o, err);
  if (!files) return kExitFailed;
  const FieldSchema& schema = files->schema;
  const Gazetteer& gazetteer = files->gazetteer;
  std::vector<std::string> feeds;
  for (const std::string& in : o.inputs) {
    auto listed = ExpandFeedList(in);
    if (!listed.ok()) {
      err << "communique-index: " << PrintableDiagnostic(listed.status().message) << "\n";
      return kExitFailed;
    }
    for (std::string& f : listed.value())
      if (std::find(feeds.begin(), feeds.end(), f) == feeds.end()) feeds.push_back(std::move(f));
  }
  IndexWriterOptions writer_options;
  auto report = [&err](const std::string& m) { err << PrintableDiagnostic(m) << "\n"; };
  auto writer = OpenWriter(o, schema, gazetteer, writer_options, report);
  if (!writer.ok()) {
    err << "communique-index: " << writer.status().message << "\n";
    return kExitFailed;
  }
  ShardedIndexWriter& w = *writer.value();
  ArticleAnalyzer analyzer(gazetteer, o.entities);
  std::unique_ptr<FeedFetcher> own_fetcher;
  if (!fetcher) {
    own_fetcher = MakeHttpFeedFetcher();
    fetcher = own_fetcher.get();
  }
  size_t skipped = 0;
  // A poll's items are analysed here, on this thread: feeds bring tens of
  // items at a time, not the millions the pipeline is for.
  auto index = [&](std::vector<Article>& items) {
    for (Article& a : items) {
      auto analysed = analyzer.Analyze(a);
      if (!analysed.ok()) {
        report(analysed.status().message);
        ++skipped;
        continue;
      }
      Xapian::Document doc = w.builder().Build(analysed.value());
      if (!w.Add(std::move(analysed).value(), std::move(doc), a.origin)) return false;
    }
    Status s = w.Commit();
    if (!s.ok()) report("communique-index: commit: " + s.message);
    return s.ok() && !w.failed();
  };
  FollowOptions fo;
  fo.interval_seconds = o.interval_seconds;
  fo.max_backoff_seconds = std::max(3600.0, o.interval_seconds);
  FeedFollower follower(feeds, *fetcher, fo, index);
  err << "communique-index: following " << feeds.size() << " feed" << (feeds.size() == 1 ? "" : "s")
      << " every " << o.interval_seconds << " s\n";
  auto stopping = [&] { return stop.load(); };
  while (!stopping()) {
    for (const PollOutcome& p : follower.PollDue(FeedFollower::Clock::now(), stopping)) {
      for (const std::string& m : p.problems) report(m);
      if (p.new_items || p.changed_items) {
        err << "communique-index: " << PrintableDiagnostic(p.feed) << ": " << p.new_items
            << " new, " << p.changed_items << " changed, committed; the index now holds "
            << w.DocumentCount() << " documents\n";
      }
    }
    err.flush();
    while (!stopping() && FeedFollower::Clock::now() < follower.NextDue())
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Status committed = w.Commit();
  err << "communique-index: stopped; " << w.added() << " added, " << w.replaced() << " replaced, "
      << skipped << " skipped\n";
  if (!committed.ok()) {
    err << "communique-index: " << committed.message << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

int RunIndexer(const IndexerOptions& o, std::istream& stdin_stream, std::ostream& err) {
  if (o.extract) return RunExtract(o, stdin_stream, std::cout, err);
  if (o.follow) {
    InstallStopSignals();
    return RunFollow(o, err, StopRequested());
  }
  auto start = std::chrono::steady_clock::now();
  std::optional<SchemaFiles> files = LoadSchemaFiles(o, err);
  if (!files) return kExitFailed;
  const FieldSchema& schema = files->schema;
  const Gazetteer& gazetteer = files->gazetteer;
  size_t problems = 0;
  std::vector<Input> inputs = CollectInputs(o, err, problems);
  if (inputs.empty() && o.delete_ids.empty()) {
    err << "communique-index: nothing to index\n";
    return kExitFailed;
  }
  IndexWriterOptions writer_options;
  std::ofstream commit_log;
  if (!o.commit_log.empty()) {
    commit_log.open(o.commit_log, std::ios::app);
    if (!commit_log) {
      err << "communique-index: " << o.commit_log << ": cannot open the commit log\n";
      return kExitFailed;
    }
    // Flushed per commit: the log lives in the page cache once written, so
    // it survives a SIGKILL of this process (not a power cut; see
    // docs/security.md).
    writer_options.on_commit = [&commit_log](const std::vector<std::string>& keys) {
      for (const std::string& k : keys) commit_log << k << '\n';
      commit_log.flush();
    };
  }
  uintmax_t total_bytes = 0;
  for (const Input& in : inputs) total_bytes += in.bytes;
  Progress progress(o.progress, static_cast<size_t>(total_bytes));
  size_t skipped = 0, deleted = 0, bytes_done = 0, queued = 0;
  std::mutex report_mu;  // the consumer and the shard writers both report
  auto report = [&](const std::string& message) {
    std::lock_guard<std::mutex> lock(report_mu);
    progress.Clear();
    err << PrintableDiagnostic(message) << "\n";
  };
  auto writer = OpenWriter(o, schema, gazetteer, writer_options, report);
  if (!writer.ok()) {
    err << "communique-index: " << writer.status().message << "\n";
    return kExitFailed;
  }
  ShardedIndexWriter& w = *writer.value();
  ArticleAnalyzer analyzer(gazetteer, o.entities);
  std::atomic<bool> fatal{false};

  // Analysis runs on worker threads; this consumer gets records in input
  // order and hands each to its shard's writer thread (the only thread that
  // touches that shard), so "last one wins" holds for repeated ids.
  AnalysisPipeline pipeline(
      analyzer, o.threads, 4 * o.threads + 64,
      [&](AnalysisPipeline::Item& item) {
        if (fatal) return;
        if (!item.record.ok()) {
          report(item.record.status().message);
          ++skipped;
          return;
        }
        bytes_done += item.record.value().input_bytes;
        if (!item.analysed.ok()) {
          report(item.analysed.status().message);
          ++skipped;
          return;
        }
        // A writer that failed (the database itself) stops the run rather
        // than lose more.
        if (!w.Add(std::move(item.analysed).value(), std::move(item.document),
                   item.record.value().origin)) {
          fatal = true;
          return;
        }
        std::lock_guard<std::mutex> lock(report_mu);
        progress.Update(++queued, bytes_done);
      },
      [&w](AnalysisPipeline::Item& item) {
        item.document = w.builder().Build(item.analysed.value());
      });
  ArticleSink sink = [&](Result<Article> record) {
    if (!fatal) pipeline.Push(std::move(record));
  };
  ReadInputs(inputs, stdin_stream, sink, [&] { return fatal.load(); });
  pipeline.Finish();
  for (const std::string& id : o.delete_ids) {
    Status s = w.Delete(DeriveKey(id, "", ""));
    if (s.ok()) {
      ++deleted;
    } else {
      report("communique-index: --delete " + id + ": " + s.message);
      ++problems;
      if (s.code != 404) fatal = true;
    }
  }
  Status committed = w.Commit();
  if (w.failed()) fatal = true;
  progress.Clear();
  if (!committed.ok()) {
    err << "communique-index: " << committed.message << "\n";
    fatal = true;
  }
  size_t added = w.added(), replaced = w.replaced();
  double secs = SecondsSince(start);
  size_t docs = added + replaced;
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.2fs, %.0f docs/s", secs,
                secs > 0 ? static_cast<double>(docs) / secs : 0.0);
  err << "communique-index: " << added << " added, " << replaced << " replaced, " << skipped
      << " skipped";
  if (!o.delete_ids.empty()) err << ", " << deleted << " deleted";
  err << " in " << rate << "; the index now holds " << w.DocumentCount() << " documents";
  if (w.shard_count()) err << " in " << w.shard_count() << " shards";
  err << "\n";
  if (fatal) return kExitFailed;
  return (skipped || problems) ? kExitSkipped : kExitOk;
}

}  // namespace communique
