// A communique-serve started for a test, and an HTTP client to it.
// Header-only, so only the test binaries that talk HTTP pull in
// cpp-httplib. Thread-safety: single-owner, like ChildProcess.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace communique::testing {

// The port in communique-serve's "listening on http://127.0.0.1:PORT/ ..."
// line.
inline int ListeningPort(const std::string& line) {
  return std::stoi(line.substr(line.find(':', line.find("127.0.0.1")) + 1));
}

// communique-serve over `db` on a free port of 127.0.0.1, with `flags`
// after --db and --port; the test fails (REQUIRE) unless it says it is
// listening within `start_ms`. Killed on destruction. `client` has a
// `read_timeout_s` read timeout.
struct RunningServer {
  std::unique_ptr<ChildProcess> process;
  std::unique_ptr<httplib::Client> client;
  int port = 0;
  RunningServer(const std::string& db, const std::vector<std::string>& flags, int start_ms = 10000,
                time_t read_timeout_s = 10) {
    std::vector<std::string> argv{BinDir() + "/communique-serve", "--db", db, "--port", "0"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    process = std::make_unique<ChildProcess>(argv);
    std::string line = process->WaitForLine("listening on", start_ms);
    REQUIRE_FALSE(line.empty());
    port = ListeningPort(line);
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_read_timeout(read_timeout_s, 0);
  }
};

}  // namespace communique::testing
