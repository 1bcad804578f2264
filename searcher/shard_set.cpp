#include "searcher/shard_set.h"

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "common/numbers.h"
#include "common/strings.h"
#include "schema/shard_layout.h"

namespace communique {
namespace fs = std::filesystem;

namespace {

Result<ShardLayout> ParseStub(const std::string& stub_path) {
  std::ifstream in(stub_path);
  if (!in) return Status::Unavailable(stub_path + ": cannot read the stub file");
  fs::path base = fs::path(stub_path).parent_path();
  ShardLayout layout;
  std::string raw;
  for (int line_no = 1; std::getline(in, raw); ++line_no) {
    std::string line(TrimSpace(std::string_view(raw).substr(0, raw.find('#'))));
    if (line.empty()) continue;
    auto bad = [&](const std::string& why) {
      return Status::BadRequest(stub_path + ":" + std::to_string(line_no) + ": " + why);
    };
    size_t space = line.find_first_of(" \t");
    if (space == std::string::npos) return bad("expected \"TYPE ARGUMENT\", got \"" + line + "\"");
    std::string type = line.substr(0, space);
    std::string arg(TrimSpace(std::string_view(line).substr(space)));
    if (type == "auto" || type == "glass" || type == "chert") {
      fs::path p(arg);
      if (p.is_relative()) p = base / p;
      layout.shards.push_back({arg, p.lexically_normal().string(), "", 0});
    } else if (type == "remote") {
      size_t colon = arg.rfind(':');
      if (colon == std::string::npos || arg.find_first_of(" \t") != std::string::npos)
        return bad("only TCP remotes are supported: \"remote HOST:PORT\", got \"" + arg + "\"");
      auto port = ParseNumber("port", arg.substr(colon + 1), 1, 65535);
      if (!port.ok()) return bad(port.status().message);
      std::string host = arg.substr(0, colon);
      layout.shards.push_back(
          {arg, "", host.empty() ? "127.0.0.1" : host, static_cast<unsigned>(port.value())});
    } else {
      return bad("unsupported database type \"" + type + "\" (auto, glass, chert or remote)");
    }
  }
  if (layout.shards.empty()) return Status::BadRequest(stub_path + ": the stub lists no shards");
  std::error_code ec;
  if (fs::is_directory(base / kLexiconName, ec)) layout.lexicon = (base / kLexiconName).string();
  return layout;
}

}  // namespace

Result<ShardLayout> ResolveShards(const std::string& target, const std::string& lexicon) {
  std::error_code ec;
  Result<ShardLayout> layout = ShardLayout{};
  if (fs::is_directory(target, ec) && fs::exists(fs::path(target) / kShardStubName, ec)) {
    layout = ParseStub((fs::path(target) / kShardStubName).string());
  } else if (fs::is_regular_file(target, ec)) {
    layout = ParseStub(target);
  } else {
    layout.value().shards.push_back({target, target, "", 0});
  }
  if (layout.ok() && !lexicon.empty()) layout.value().lexicon = lexicon;
  return layout;
}

ShardSet::ShardSet(ShardLayout layout, ShardOptions options)
    : layout_(std::move(layout)), options_(options), states_(layout_.shards.size()) {}

Result<std::unique_ptr<ShardSet>> ShardSet::Open(ShardLayout layout, ShardOptions options) {
  std::unique_ptr<ShardSet> set(new ShardSet(std::move(layout), options));  // private constructor
  std::vector<std::string> errors;
  for (size_t i = 0; i < set->size(); ++i) {
    try {
      set->OpenShard(i);
    } catch (const Xapian::Error& e) {
      set->states_[i] = {false, e.get_msg()};
      errors.push_back(set->layout_.shards[i].name + ": " + e.get_msg());
    }
  }
  if (errors.size() == set->size()) {
    if (set->size() == 1)
      return Status::Unavailable(set->layout_.shards[0].name +
                                 ": cannot open index: " + set->states_[0].error);
    std::string all;
    for (const std::string& e : errors) all += (all.empty() ? "" : "; ") + e;
    return Status::Unavailable("no shard can be opened: " + all);
  }
  set->retry_thread_ = std::thread([s = set.get()] { s->RetryLoop(); });
  return set;
}

ShardSet::~ShardSet() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (retry_thread_.joinable()) retry_thread_.join();
}

Xapian::Database ShardSet::OpenShard(size_t i) const {
  const ShardSpec& s = layout_.shards[i];
  auto ms = static_cast<unsigned>(options_.timeout.count());
  // A local database being committed to can fail to open, or to answer,
  // for a moment: Xapian 1.4 reports a block recycled under a reader as
  // DatabaseModifiedError or as "corruption" that is gone on the next
  // try. A few quick retries tell that from a shard that is really down.
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database db =
          s.remote() ? Xapian::Remote::open(s.host, s.port, ms, ms) : Xapian::Database(s.path);
      db.get_doccount();  // a remote one has answered; a local one is readable
      return db;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 4) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      if (attempt >= 4) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2 << attempt));
  }
}

void ShardSet::MarkDown(size_t i, const std::string& error) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!states_[i].up) return;
  states_[i] = {false, error};
  ++generation_;
}

void ShardSet::MarkUp(size_t i) {
  std::lock_guard<std::mutex> lock(mu_);
  if (states_[i].up) return;
  states_[i] = {true, ""};
  ++generation_;
}

Result<ShardSet::View> ShardSet::OpenView() {
  std::vector<State> states;
  {
    std::lock_guard<std::mutex> lock(mu_);
    states = states_;
  }
  // With every shard marked down, try them all now rather than answer 503
  // until the retry thread's next round: a single database that failed to
  // open once (a file swapped under it) is back at the next search.
  bool none_up = true;
  for (const State& s : states) none_up &= !s.up;
  View view;
  std::string errors;
  for (size_t i = 0; i < size(); ++i) {
    if (states[i].up || none_up) {
      try {
        view.db.add_database(OpenShard(i));
        if (!states[i].up) MarkUp(i);
        continue;
      } catch (const Xapian::Error& e) {
        MarkDown(i, e.get_msg());
        states[i].error = e.get_msg();
      }
    }
    view.missing.push_back(layout_.shards[i].name);
    errors += (errors.empty() ? "" : "; ") + layout_.shards[i].name + ": " + states[i].error;
  }
  if (view.missing.size() == size()) {
    if (size() == 1)
      return Status::Unavailable(layout_.shards[0].name +
                                 ": cannot open index: " + states[0].error);
    return Status::Unavailable("no shard is answering: " + errors);
  }
  view.generation = generation_.load();
  return view;
}

bool ShardSet::CheckShards() {
  std::vector<std::future<std::string>> probes(size());
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < size(); ++i) {
      if (!states_[i].up) continue;
      probes[i] = std::async(std::launch::async, [this, i]() -> std::string {
        try {
          OpenShard(i);
          return "";
        } catch (const Xapian::Error& e) {
          return e.get_msg().empty() ? e.get_type() : e.get_msg();
        }
      });
    }
  }
  bool any = false;
  for (size_t i = 0; i < size(); ++i) {
    if (!probes[i].valid()) continue;
    std::string error = probes[i].get();
    if (error.empty()) continue;
    MarkDown(i, error);
    any = true;
  }
  return any;
}

nlohmann::json ShardSet::Health() {
  // Probe every shard at once, so a dead one costs one timeout, not one each.
  std::vector<std::future<Result<Xapian::doccount>>> probes;
  for (size_t i = 0; i < size(); ++i) {
    probes.push_back(std::async(std::launch::async, [this, i]() -> Result<Xapian::doccount> {
      try {
        return OpenShard(i).get_doccount();
      } catch (const Xapian::Error& e) {
        return Status::Unavailable(e.get_msg().empty() ? e.get_type() : e.get_msg());
      }
    }));
  }
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < size(); ++i) {
    Result<Xapian::doccount> docs = probes[i].get();
    if (docs.ok())
      MarkUp(i);
    else
      MarkDown(i, docs.status().message);
    const ShardSpec& s = layout_.shards[i];
    nlohmann::json shard = {{"name", s.name}, {"kind", s.remote() ? "remote" : "local"}};
    if (docs.ok()) {
      shard["state"] = "up";
      shard["documents"] = docs.value();
    } else {
      shard["state"] = "down";
      shard["error"] = docs.status().message;
    }
    out.push_back(std::move(shard));
  }
  return out;
}

void ShardSet::RetryLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, options_.retry_interval);
    if (stopping_) break;
    std::vector<size_t> down;
    for (size_t i = 0; i < size(); ++i) {
      if (!states_[i].up) down.push_back(i);
    }
    if (down.empty()) continue;
    lock.unlock();
    for (size_t i : down) {
      try {
        OpenShard(i);
        MarkUp(i);
      } catch (const Xapian::Error& e) {
        std::lock_guard<std::mutex> relock(mu_);
        states_[i].error = e.get_msg();
      }
    }
    lock.lock();
  }
}

}  // namespace communique
