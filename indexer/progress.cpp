#include "indexer/progress.h"

namespace communique {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Progress::Progress(bool enabled, size_t total_bytes)
    : enabled_(enabled),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { Clear(); }

void Progress::Update(size_t documents, size_t bytes_done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  double secs = SecondsSince(start_);
  double rate = secs > 0 ? static_cast<double>(documents) / secs : 0;
  char eta[32] = "--";
  if (total_bytes_ > 0 && bytes_done > 0 && bytes_done <= total_bytes_) {
    double left =
        secs * (static_cast<double>(total_bytes_) / static_cast<double>(bytes_done) - 1.0);
    std::snprintf(eta, sizeof eta, "%dm%02ds", static_cast<int>(left) / 60,
                  static_cast<int>(left) % 60);
  }
  std::fprintf(stderr, "\r\033[K%zu documents  %.0f docs/s  ETA %s", documents, rate, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Clear() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace communique
