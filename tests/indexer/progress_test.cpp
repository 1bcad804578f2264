#include "indexer/progress.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "tests/support/test_support.h"

using namespace communique;

namespace {

// Sends stderr to a file for one scope; Text() is what was written so far.
class CapturedStderr {
 public:
  explicit CapturedStderr(std::string path) : path_(std::move(path)) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ~CapturedStderr() {
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
  }
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;
  std::string Text() const {
    std::fflush(stderr);
    std::ifstream in(path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::string path_;
  int saved_ = -1;
};

// Progress redraws at most every 250 ms: waiting that long is the behaviour
// under test, not a guess at another thread's timing.
void PastRedrawInterval() { std::this_thread::sleep_for(std::chrono::milliseconds(300)); }

}  // namespace

TEST_CASE("not on a terminal, progress writes nothing", "[progress]") {
  testing::TempDir dir;
  CapturedStderr err(dir / "stderr");
  {
    Progress p(false, 1000);
    p.Update(1, 10);
    PastRedrawInterval();
    p.Update(50, 500);
    p.Clear();
  }
  CHECK(err.Text().empty());
}

TEST_CASE("on a terminal, progress redraws one line at most every 250 ms", "[progress]") {
  testing::TempDir dir;
  using Clock = std::chrono::steady_clock;
  const auto quick = std::chrono::milliseconds(200);  // safely inside the 250 ms
  // The throttle can only be checked when the calls themselves took less
  // than 250 ms; on a machine too busy for that, try again (bounded), and
  // fail if no attempt could check it.
  bool checked = false;
  for (int attempt = 0; attempt < 20 && !checked; ++attempt) {
    CapturedStderr err(dir / "stderr");
    auto t0 = Clock::now();
    Progress p(true, 1000);
    p.Update(1, 10);  // right after the start: not drawn
    bool first_quick = Clock::now() - t0 < quick;
    PastRedrawInterval();
    auto t1 = Clock::now();
    p.Update(50, 500);  // drawn
    const std::string line = err.Text();
    p.Update(60, 600);  // within 250 ms of that draw: not drawn
    bool second_quick = Clock::now() - t1 < quick;
    if (!first_quick || !second_quick) continue;
    checked = true;
    // Carriage return and erase-line, then documents, a rate and an ETA
    // estimated from the bytes: half done after ~0.3 s leaves about as long.
    CHECK(line.rfind("\r\033[K50 documents  ", 0) == 0);
    CHECK(line.find(" docs/s  ETA 0m") != std::string::npos);
    CHECK(line.back() == 's');
    CHECK(line.find('\n') == std::string::npos);
    CHECK(err.Text() == line);
    p.Clear();
    CHECK(err.Text() == line + "\r\033[K");
    p.Clear();  // nothing drawn since: nothing to clear
    CHECK(err.Text() == line + "\r\033[K");
  }
  REQUIRE(checked);
}

TEST_CASE("without a known size the ETA is --, and destruction clears the line", "[progress]") {
  testing::TempDir dir;
  CapturedStderr err(dir / "stderr");
  {
    Progress p(true, 0);
    PastRedrawInterval();
    p.Update(7, 123);
    CHECK(err.Text().find("7 documents") != std::string::npos);
    CHECK(err.Text().find("ETA --") != std::string::npos);
  }
  std::string all = err.Text();
  CHECK(all.size() > 6);
  CHECK(all.substr(all.size() - 4) == "\r\033[K");
}

TEST_CASE("SecondsSince measures from the given time point", "[progress]") {
  auto start = std::chrono::steady_clock::now() - std::chrono::seconds(2);
  double s = SecondsSince(start);
  CHECK(s >= 2.0);
  CHECK(s < 60.0);
}
