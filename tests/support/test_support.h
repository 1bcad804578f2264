// Test helpers: temporary folders, child processes and project paths.
// Thread-safety: TempDir and ChildProcess objects are single-owner.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "schema/field_schema.h"
#include "schema/gazetteer.h"

namespace communique::testing {

// The schema and gazetteers the project ships, loaded once.
const FieldSchema& ShippedSchema();
const Gazetteer& ShippedGazetteer();

// The source tree and the folder holding the built binaries.
std::string SourceDir();
std::string BinDir();
// ../shared/data next to the checkout, or "" when it is absent.
std::string SharedDataDir();

// A fresh folder under $TMPDIR, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);

// The outcome of a finished command.
struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs argv[0] with arguments, `input` on stdin, and waits.
CommandResult Run(const std::vector<std::string>& argv, const std::string& input = "");

// A child process left running (a server); killed on destruction.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Reads the child's stdout until a line contains `needle` or `timeout_ms`
  // pass; returns that line, or "" on timeout or exit.
  std::string WaitForLine(const std::string& needle, int timeout_ms);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
};

}  // namespace communique::testing
