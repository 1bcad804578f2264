// communique-index: see kIndexerUsage.
#include <unistd.h>

#include <iostream>

#include "indexer/indexer_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto options = communique::ParseIndexerArgs(args);
  if (!options.ok()) {
    bool help = options.status().code == 200;
    (help ? std::cout : std::cerr)
        << (help ? "" : "communique-index: " + options.status().message + "\n\n")
        << communique::kIndexerUsage;
    return help ? 0 : communique::kExitFailed;
  }
  communique::IndexerOptions o = options.value();
  bool forced = false;
  for (const auto& a : args) forced = forced || a == "--progress" || a == "--no-progress";
  if (!forced) o.progress = isatty(STDERR_FILENO) && !std::getenv("CI");
  return communique::RunIndexer(o, std::cin, std::cerr);
}
