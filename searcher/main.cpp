// communique-serve: see kServeUsage.
#include <iostream>

#include "searcher/serve_cli.h"

int main(int argc, char** argv) {
  auto options = communique::ParseServeArgs({argv + 1, argv + argc});
  if (!options.ok()) {
    bool help = options.status().code == 200;
    (help ? std::cout : std::cerr)
        << (help ? "" : "communique-serve: " + options.status().message + "\n\n")
        << communique::kServeUsage;
    return help ? 0 : 2;
  }
  return communique::RunServer(options.value());
}
