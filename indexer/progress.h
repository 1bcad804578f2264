// A one-line progress display for long jobs: documents, documents/s and ETA,
// redrawn at most a few times a second, only when stderr is a terminal.
//
// Thread-safety: not thread-safe; one owner updates it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace communique {

class Progress {
 public:
  // `enabled` is usually isatty(stderr); `total_bytes` (0 if unknown) lets
  // the display estimate the time left from bytes read.
  Progress(bool enabled, size_t total_bytes);
  ~Progress();

  // Records progress; redraws when enough time has passed.
  void Update(size_t documents, size_t bytes_done);
  // Clears the line (before other output or at the end).
  void Clear();

 private:
  bool enabled_;
  size_t total_bytes_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

// Seconds since `start` as a double.
double SecondsSince(std::chrono::steady_clock::time_point start);

}  // namespace communique
